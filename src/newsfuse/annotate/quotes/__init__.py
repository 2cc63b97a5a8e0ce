"""Who said what in one article: direct quotes and indirect attributions.

`extract_quotes(doc, article)` finds

* direct quotes: text between quotation marks (straight, curly, guillemets,
  doubled apostrophes), including quotes split by their attribution
  (``"X," he said, "Y."`` is one quote with two spans), quotes running on
  over sentences of a paragraph or, left open at a paragraph's end, into the
  next one, quotes nested in another, and quotes whose closing mark is missing;
* indirect speech and stated beliefs or intentions, from the dependency parse:
  a reporting verb from :data:`REPORTING_VERBS` with a clausal complement
  ("X said (that) ...", "..., X told Y", "..., as X said", "X warned/argued/believes ..."),
  an intention or directive verb with an infinitive ("X wants to ...", "X
  told them to ..."), a stance verb with its object ("X criticized Y for ...",
  "X called Y a hoax", "X called for ..."), its passive ("Y was endorsed by
  X"), a statement noun ("X's claim that ...") and "according to X". A cue
  inside the clause another cue reports ("said he *hoped* ...") adds nothing;
* speaker labels: transcripts ("PENCE: ..."), headlines ("Pat Caddell: ...", "Sanders: ...")
  and a paragraph introduced by "X added:".

Speakers are the subject of the reporting verb, resolved across the article by
:class:`~newsfuse.annotate.speakers.SpeakerResolver`. Offsets are character
indices into `article.text` (end exclusive).

The package is split by job: :mod:`.lexicon` (cue words), :mod:`.marks`
(quotation marks), :mod:`.clauses` (parse helpers shared by the extractors),
:mod:`.direct` and :mod:`.indirect` (the two extractors), :mod:`.speakers`
(the subject of a cue, carried over to quotes that go on) and
:mod:`.reconciliation` (direct against indirect, and the mentions built).
"""

from __future__ import annotations

from newsfuse.annotate.quotes.direct import direct_attributions, labelled_paragraphs
from newsfuse.annotate.quotes.indirect import indirect_attributions
from newsfuse.annotate.quotes.marks import find_quote_spans
from newsfuse.annotate.quotes.reconciliation import reconcile, reports_of_reports, to_mention
from newsfuse.annotate.quotes.speakers import carry_speakers, resolve_speakers
from newsfuse.models import Article, QuoteMention


def extract_quotes(doc, article: Article) -> list[QuoteMention]:
    """Direct quotes and indirect attributions of `article`, in text order.

    `doc` is the spaCy parse of `article.text`. Each mention has its content
    `spans`, the cue word, the speaker span in its own sentence, and the
    speaker resolved across the article (None when it cannot be resolved
    safely, e.g. an unattributed quote or a pronoun with no antecedent).
    """
    text = article.text
    quotes = find_quote_spans(text)
    direct = direct_attributions(doc, text, quotes) + labelled_paragraphs(doc, text, quotes)
    used = {attribution.cue.i for attribution in direct if attribution.cue is not None}
    attributions = reconcile(direct, indirect_attributions(doc, quotes, used))
    carry_speakers(text, attributions)
    speakers = resolve_speakers(doc, attributions, quotes)
    nested = reports_of_reports(attributions, text)
    mentions = [
        to_mention(a, text, speakers.get(a.subject.i) if a.subject is not None else None, index in nested)
        for index, a in enumerate(attributions)
    ]
    return sorted(mentions, key=lambda mention: (mention.start, mention.end))
