"""Provenance: credits, rewrite flags, reuse alignment and origin groups."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse.annotate import annotate_many
from newsfuse.annotate.credits import find_credits, rewrite_flags
from newsfuse.fuse.credits import resolve_credits
from newsfuse.fuse.provenance import trace_provenance
from newsfuse.fuse.reuse import shingles, tokenize, verbatim_passages
from newsfuse.models import Article, Credit, Story
from newsfuse.text import normalise_outlet

# Invented texts: an original report, a wire copy with a new headline and an
# inserted paragraph, a rewrite of it, and an unrelated report of the same event.
ORIGINAL = (
    "Firefighters battled a blaze at the Riverside chemical plant in Dunmore on Tuesday night. "
    "The fire broke out shortly after 9 pm in a storage hall holding 4,000 litres of solvent. "
    "\"We saw the flames from two miles away,\" said Maria Keane, who lives near the plant. "
    "Fire chief Tom Ashby said 60 firefighters and 14 engines were sent to the scene. "
    "Two workers were taken to hospital with burns, the company said in a statement. "
    "Residents within one kilometre were told to keep windows closed overnight. "
    "The cause of the fire is under investigation, Ashby said."
)
WIRE_COPY = (
    "Chemical plant fire forces Dunmore residents indoors\n\n"
    "Firefighters battled a blaze at the Riverside chemical plant in Dunmore on Tuesday night. "
    "The fire broke out shortly after 9 pm in a storage hall holding 4,000 litres of solvent. "
    "Local schools will open as normal on Wednesday, the council said. "
    "\"We saw the flames from two miles away,\" said Maria Keane, who lives near the plant. "
    "Fire chief Tom Ashby said 60 firefighters and 14 engines were sent to the scene. "
    "Two workers were taken to hospital with burns, the company said in a statement."
)
REWRITE = (
    "A fire tore through the Riverside chemical works in Dunmore late on Tuesday, crews fighting it for hours. "
    "It started a little after 9 pm inside a storage building that held 4000 litres of solvent. "
    "Maria Keane, a neighbour of the plant, stated: \"We saw the flames from two miles away.\" "
    "According to fire chief Tom Ashby, sixty firefighters and fourteen engines were sent to the site. "
    "The firm indicated in a release that two employees were hospitalised with burns. "
    "Locals living within a kilometre were instructed to keep their windows shut through the night. "
    "Ashby stated that investigators are looking into what caused the blaze."
)
INDEPENDENT = (
    "Dunmore's mayor, Helen Ortiz, on Wednesday called for a review of safety rules at industrial sites. "
    "Speaking at the town hall, Ortiz said the council had raised concerns about the plant in 2019. "
    "Environmental groups said air samples taken on Wednesday morning showed no dangerous readings. "
    "The plant's owner, Riverside Chemicals, said it would cooperate fully with inspectors. "
    "Shares in the company fell 3 percent in early trading."
)


@pytest.fixture(scope="module")
def build_story(models):
    """Articles -> Story with the annotate stage's annotations (sentences, quotes, numbers, vectors)."""

    def build(articles: list[Article]) -> Story:
        return Story(articles, {item.article: item for item in annotate_many(articles, models)})

    return build


@pytest.fixture(scope="module")
def invented(build_story):
    articles = [
        Article(id="orig", text=ORIGINAL, published="2024-03-05", outlet="Dunmore Herald"),
        Article(id="wire", text=WIRE_COPY, published="2024-03-06"),
        Article(id="rewrite", text=REWRITE, published="2024-03-07"),
        Article(id="other", text=INDEPENDENT, published="2024-03-06"),
    ]
    return trace_provenance(build_story(articles))


def _derivations(provenance) -> dict[frozenset, str]:
    return {frozenset((e.source, e.target)): e.relation for e in provenance.edges
            if e.relation in ("copies", "paraphrases")}


def test_wire_copy_is_a_copy_directed_from_the_earlier_article(invented):
    edge = next(e for e in invented.edges if {e.source, e.target} == {"orig", "wire"})
    assert (edge.source, edge.target, edge.relation) == ("orig", "wire", "copies")
    assert edge.evidence, "a copies edge shows its aligned passages"


def test_rewrite_is_found_as_paraphrase_of_the_original(invented):
    assert _derivations(invented).get(frozenset(("orig", "rewrite"))) == "paraphrases"


def test_independent_report_on_same_event_is_its_own_origin(invented):
    assert not any("other" in pair for pair in _derivations(invented))
    assert invented.origins["other"] == "other"
    assert invented.origins["wire"] == invented.origins["rewrite"] == invented.origins["orig"] == "orig"


def test_evidence_spans_point_at_the_article_text(invented):
    texts = {"orig": ORIGINAL, "wire": WIRE_COPY, "rewrite": REWRITE, "other": INDEPENDENT}
    for edge in invented.edges:
        for evidence in edge.evidence:
            assert texts[evidence.article][evidence.start:evidence.end] == evidence.text


def test_origin_named_after_the_source_outlet(invented):
    assert invented.origin_names["orig"] == "Dunmore Herald"


def test_verbatim_passages_survive_an_inserted_word():
    a = "the minister said on Monday that the new bridge over the river would open to traffic in May next year"
    b = "Officials: the minister said on Monday that the new steel bridge over the river would open to traffic in May"
    tokens_a, tokens_b = tokenize(a), tokenize(b)
    passages = verbatim_passages(tokens_a, shingles(tokens_a), tokens_b, shingles(tokens_b))
    assert len(passages) == 1
    assert a[passages[0].a_start:passages[0].a_end].startswith("the minister said")
    assert b[passages[0].b_start:passages[0].b_end].endswith("traffic in May")


@pytest.mark.parametrize("text, outlets", [
    ("Ten people died, according to the Associated Press.", ["Associated Press"]),
    ("An official told NYT on Friday that talks had stalled.", ["New York Times"]),
    ("(With inputs from AFP and Reuters)", ["AFP", "Reuters"]),
    ("The Anchorage Daily News reported that the road was closed.", ["Anchorage Daily News"]),
    ("WASHINGTON (Reuters) - The Senate voted on Tuesday.", ["Reuters"]),
    ("The company told reporters it would appeal.", []),
    ("Raffaello Pantucci The Daily Telegraph is a senior fellow.", []),
])
def test_credits_are_found_only_behind_a_cue(text, outlets):
    assert [c.outlet for c in find_credits(Article(id="x", text=text))] == outlets


def test_outlet_names_are_normalised():
    assert normalise_outlet("The New York Times") == normalise_outlet("NYT") == "New York Times"
    assert normalise_outlet("FOX News") == "Fox News"
    assert normalise_outlet("the Boston Globe's") == "Boston Globe"


@pytest.mark.parametrize("text, flag", [
    ("Analysts told This website that the group is weak.", "placeholder-attribution"),
    ("The official told [Outlet Name] that talks would resume.", "placeholder-attribution"),
    ("The group is growing, the report concluded. of ONU. More later.", "translation-artifacts"),
    ("This is a condensed version of the information.", "condensed-copy"),
    ("This article originally appeared in The Conversation.", "republished"),
])
def test_rewrite_flags_carry_their_evidence(text, flag):
    flags = {f.name: f for f in rewrite_flags(Article(id="x", text=text))}
    assert flag in flags
    assert all(text[e.start:e.end] == e.text for e in flags[flag].evidence)


def test_plain_reporting_raises_no_flag():
    text = "Police said on Monday that the suspect told officers he acted alone. The UN condemned the attack."
    assert rewrite_flags(Article(id="x", text=text)) == []


# --------------------------------------------------------------- real story


@pytest.fixture(scope="module")
def kabul_story(kabul_dir: Path, build_story):
    articles = [Article(id=path.name[:3], text=path.read_text(encoding="utf-8"))
                for path in sorted(kabul_dir.glob("0*.txt"))]
    return build_story(articles)


@pytest.fixture(scope="module")
def kabul(kabul_story):
    return trace_provenance(kabul_story)


def test_kabul_the_two_rewrites_of_one_nyt_report_share_an_origin_named_nyt(kabul):
    assert kabul.origins["000"] == kabul.origins["001"]
    assert kabul.origin_names[kabul.origins["000"]] == "New York Times"
    assert any(e.relation == "shares-origin" and {e.source, e.target} == {"000", "001"} for e in kabul.edges)


def test_kabul_opinion_piece_and_spun_copy_are_independent(kabul):
    assert len({kabul.origins[i] for i in ("000", "002", "003")}) == 3
    assert not any("002" in (e.source, e.target) for e in kabul.edges if e.relation != "cites")


def test_kabul_credits_and_flags(kabul, kabul_story):
    assert kabul.cites["000"] == ["AFP", "New York Times"]
    assert kabul.cites["003"] == ["Associated Press"]
    flags = {article_id: {f.name for f in annotations.flags} for article_id, annotations in kabul_story.annotations.items()}
    assert flags["003"] >= {"placeholder-attribution", "condensed-copy"}
    assert "translation-artifacts" in flags["001"]
    assert flags["002"] == set()


# ------------------------------------------------- credits against the story

WIRE = (
    "HARTLEY (NWS) - At least 23 people were hurt when a tram left the rails in central Hartley on Friday, "
    "the city transport office said.\n\n"
    "The tram was carrying about 140 passengers when it derailed on the Bellmont curve shortly after 8 a.m.\n\n"
    "\"The driver braked hard, and then everything went sideways,\" said passenger Omar Velez.\n\n"
    "Transport director Greta Solberg said the line would stay shut until engineers had checked the track."
)
LOCAL = (
    "Six of the 23 people hurt in Friday's tram derailment in Hartley are still in hospital, according to the "
    "Northern Wire Service, which cited the transport office.\n\n"
    "\"The driver braked hard, and then everything went sideways,\" passenger Omar Velez told the agency.\n\n"
    "Shops along Bellmont Street reopened on Saturday, and the council promised to review tram speeds on curves. "
    "Residents have complained about the curve for years, said councillor Ines Marr."
)
UNRELATED_CREDIT = (
    "Hartley's football club won its derby 2-1 on Sunday, the Northern Wire Service reported. "
    "The winning goal came in the last minute from a free kick by the captain, Lars Ode."
)


def test_dateline_acronym_resolves_to_the_story_outlet_and_never_to_the_article_itself():
    credits = find_credits(Article(id="x", text="PORT VELDRA (MPA) - Twelve died."))
    assert [c.outlet for c in credits] == ["MPA"]
    outlets = ["Meridian Press Agency", "Coastal Herald"]
    assert [c.outlet for c in resolve_credits(credits, "Coastal Herald", outlets)] == ["Meridian Press Agency"]
    assert resolve_credits(credits, "Meridian Press Agency", outlets) == []
    unknown = [Credit(outlet="XYZ", cue="dateline")]
    assert [c.outlet for c in resolve_credits(unknown, "Coastal Herald", outlets)] == ["XYZ"]


@pytest.fixture(scope="module")
def credited(build_story):
    articles = [
        Article(id="wire", text=WIRE, outlet="Northern Wire Service", published="2024-05-10"),
        Article(id="local", text=LOCAL, outlet="Hartley Echo", published="2024-05-11"),
        Article(id="sport", text=UNRELATED_CREDIT, outlet="Hartley Echo", published="2024-05-12"),
    ]
    return trace_provenance(build_story(articles))


def test_cites_edges_run_from_the_credited_source_to_the_crediting_article(credited):
    cites = {(e.source, e.target) for e in credited.edges if e.relation == "cites"}
    assert ("wire", "local") in cites, "the credited outlet's article carries the quote: source is that article"
    assert ("Northern Wire Service", "sport") in cites, "credited material not in the story: source is the outlet"
    assert all(e.target in {"wire", "local", "sport"} for e in credited.edges)
    assert not any(e.target == "wire" and e.relation == "cites" for e in credited.edges), "no self-credit (dateline)"


def test_what_an_article_took_from_a_credited_article_is_not_independent(credited):
    assert credited.origins["local"] == credited.origins["wire"]
    assert credited.origins["sport"] == "sport"
    assert credited.cites["local"] == ["Northern Wire Service"]


# --------------------------------------------------- shares-origin and parts

PRESSER_A = (
    "Firefighters spent the night at the Kolby grain silo after a fire broke out on Monday evening. "
    "Fire chief Dana Price said 35 firefighters were called to the site. "
    "\"It is under control, but it will smoulder for days,\" Price said. "
    "Farmers who store grain at the silo gathered at the gate, worried about their harvest. "
    "One of them, Tomas Reyes, said he had lost a year's work."
)
PRESSER_B = (
    "A blaze at the Kolby silo drew crowds of onlookers on Monday night as smoke drifted over the valley. "
    "\"It is under control, but it will smoulder for days,\" fire chief Dana Price told reporters. "
    "Kolby's mayor, Ruth Amsel, said the council would help farmers whose stock was destroyed. "
    "Insurers said the silo had been inspected in March. Police have not said how the fire started."
)


def test_one_shared_press_quote_does_not_make_two_reports_one_origin(build_story):
    result = trace_provenance(build_story([Article(id="a", text=PRESSER_A), Article(id="b", text=PRESSER_B)]))
    assert result.origins["a"] != result.origins["b"]
    assert not [e for e in result.edges if e.relation != "cites"]


def test_a_passage_taken_into_an_aggregation_is_a_copy_but_not_its_origin(build_story):
    extra = (" The regional council said new rules for grain storage would be published in June, "
             "after a review of fires at farm buildings across the valley over the last ten years.")
    aggregation = PRESSER_A + extra + "\n\n" + INDEPENDENT + " " + INDEPENDENT.replace("Wednesday", "Thursday")
    articles = [Article(id="source", text=PRESSER_A + extra), Article(id="other", text=INDEPENDENT),
                Article(id="roundup", text=aggregation)]
    result = trace_provenance(build_story(articles))
    assert set(_derivations(result)) >= {frozenset(("source", "roundup"))}
    assert len({result.origins["source"], result.origins["other"]}) == 2
