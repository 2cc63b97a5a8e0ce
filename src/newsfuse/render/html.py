"""`briefing.html`: one self-contained page (inline CSS, a little vanilla JS, no URLs to fetch).

Every claim on the page (summary line, fact, quote, conflict value, figure,
timeline entry, relation, provenance edge) has a claim id; clicking it shows
its evidence: each source sentence with the supporting span highlighted.
The evidence travels in a JSON blob inside ``<script type="application/json">``,
serialised with Jinja's ``tojson`` (``<``, ``>``, ``&`` and ``'`` escaped), so
article text cannot end the script element. The rest goes through an
autoescaping template; only http(s) article URLs become links.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache

from markupsafe import Markup

from newsfuse.models import Briefing
from newsfuse.render.claims import story_view
from newsfuse.render.templating import environment, shared_asset
from newsfuse.render.view import briefing_title, safe_url


def render_html(briefing: Briefing) -> str:
    """The briefing as one HTML page that works offline."""
    context = story_view(briefing)
    context["title"] = briefing_title(briefing)
    context["articles"] = [(article, safe_url(article.url)) for article in briefing.articles]
    context["script"], context["script_hash"] = _script()
    return environment().get_template("briefing.html.j2").render(**context)


@cache
def _script() -> tuple[Markup, str]:
    """The page's JS (trusted) and its CSP hash, so no other script can run."""
    code = shared_asset("evidence.js")
    digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii")
    return Markup(code), f"sha256-{digest}"
