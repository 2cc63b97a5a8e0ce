"""HTML pages: main text and metadata with trafilatura, from the string only.

trafilatura drops scripts, styles, event-handler attributes and page
furniture (navigation, footers), so hostile markup does not reach the text.
No URL is ever fetched: the page is parsed from the string given.
"""

from __future__ import annotations

from newsfuse.ingest.build import Draft
from newsfuse.ingest.plaintext import parse_plain

# Only dates stated in the page's metadata: a text-wide search guesses years from any number.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_EXTRA_FIELDS = ("hostname", "description", "categories", "tags")


def read_html(html: str, *, id_hint: str, path: str) -> Draft | None:
    """Draft of the article in `html`, or None when no main text was found.

    Paragraphs become blank-line separated; the title is not repeated in the body.
    """
    import trafilatura  # imported on first HTML file: plain-text runs never pay for it

    document = trafilatura.bare_extraction(
        html, with_metadata=True, favor_recall=True, include_comments=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if document is None or not (document.text or "").strip():
        return None
    parsed = parse_plain(document.text.replace("\n", "\n\n"), known_title=document.title or None)
    metadata = {key: value for key in _EXTRA_FIELDS if (value := getattr(document, key, None))}
    return Draft(
        id_hint=id_hint,
        path=path,
        body=parsed.body,
        title=document.title or parsed.title,
        outlet=document.sitename or parsed.outlet,
        author=document.author or parsed.author,
        published=document.date or parsed.published,
        url=document.url,
        metadata={**parsed.metadata, **metadata},
    )
