"""Entity extraction (annotate) and grouping across articles (fuse)."""

from __future__ import annotations

import pytest

from newsfuse.annotate import split_sentences
from newsfuse.annotate.entities import extract_entities
from newsfuse.fuse.entities import EntityIndex, group_entities
from newsfuse.fuse.name_links import NameForm
from newsfuse.models import Annotations, Article, Story
from newsfuse.text import initials_match


def mentions(nlp, text: str) -> list[tuple[str, str]]:
    article = Article(id="a", text=text)
    found = extract_entities(nlp(text), article)
    for mention in found:
        assert text[mention.start:mention.end] == mention.text
    return [(mention.text, mention.label) for mention in found]


def build_story(nlp, texts: list[str]) -> Story:
    articles = [Article(id=f"a{i}", text=text) for i, text in enumerate(texts)]
    annotations = {}
    for article in articles:
        doc = nlp(article.text)
        annotations[article.id] = Annotations(
            article=article.id, content_hash="", sentences=split_sentences(doc),
            entities=extract_entities(doc, article))
    return Story(articles, annotations)


def kabul_texts(kabul_dir) -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(kabul_dir.glob("*.txt"))]


def entity_named(entities, surface):
    index = EntityIndex(entities)
    entity = index.find(surface)
    assert entity is not None, f"no entity for {surface!r}"
    return entity


# ------------------------------------------------------------------ extraction


def test_trims_determiner_possessive_and_punctuation(nlp):
    found = mentions(nlp, "The attack raised ISIS-K’s profile, and the Associated Press said so.")
    assert ("ISIS-K", "ORG") in found
    assert ("Associated Press", "ORG") in found


def test_title_kept_out_and_honorific_makes_a_person(nlp):
    found = mentions(nlp, "Mr Clarke said so. Dr. Anna Berg of the Institute for Fiscal Studies spoke.")
    assert ("Clarke", "PERSON") in found
    assert ("Anna Berg", "PERSON") in found
    assert ("Institute for Fiscal Studies", "ORG") in found


def test_hyphenated_acronym_names_found_but_not_pairs_of_actors(nlp):
    found = mentions(nlp, "The attack by the ISIS-Khorasan province shocked Kabul. The US-Taliban deal held.")
    assert ("ISIS-Khorasan", "ORG") in found
    assert not any("-Taliban" in text for text, _ in found)
    assert ("Taliban", "GPE") not in found


def test_bracketed_acronym_defines_the_full_name(nlp):
    found = mentions(nlp, "For the Islamic State in Khorasan Province (IS-K) it was an opportunity.")
    assert ("Islamic State in Khorasan Province", "ORG") in found
    assert ("IS-K", "ORG") in found
    # an affiliation in brackets is not an acronym of the name before it
    found = mentions(nlp, "Seth Jones (CSIS) said the group was weak.")
    assert not any(text.startswith("Seth") and label != "PERSON" for text, label in found)


def test_group_names_completed(nlp):
    found = mentions(nlp, "The Haqqani network and the Pakistani Taliban met. "
                          "ISIS stands for the Islamic State of Iraq and Syria.")
    assert ("Haqqani network", "ORG") in found
    assert ("Pakistani Taliban", "ORG") in found
    assert ("Islamic State of Iraq and Syria", "ORG") in found


def test_names_joined_by_hyphens_to_an_organisation(nlp):
    found = mentions(nlp, "The attack puts the Taliban-Haqqani-Al Qaeda triumvirate under the scanner.")
    assert [text for text, _ in found] == ["Taliban", "Haqqani", "Al Qaeda"]


def test_spans_cut_at_line_and_sentence_breaks(nlp):
    found = mentions(nlp, "National Post\n\nIS-K attack reveals Taliban’s vulnerability")
    assert ("National Post", "ORG") in found and ("IS-K", "ORG") in found
    found = mentions(nlp, "Since 2018, the Taliban have been fighting ISIS-K. ISIS in Syria, on the other hand, grew.")
    assert "ISIS-K" in [text for text, _ in found] and "ISIS" in [text for text, _ in found]
    assert "Seth G. Jones" in [text for text, _ in mentions(nlp, "Seth G. Jones said it.")]


def test_junk_dropped(nlp):
    found = mentions(nlp, "In 2016 the group had 1,500 fighters; “It is possible,” said one analyst.")
    assert all(any(ch.isalpha() for ch in text) for text, _ in found)
    assert all(label not in {"DATE", "CARDINAL"} for _, label in found)


def test_initials_match():
    assert initials_match("IS-K", "Islamic State in Khorasan Province".split())
    assert initials_match("NYT", "New York Times".split())
    assert initials_match("ISIL", "Islamic State of Iraq and the Levant".split())
    assert not initials_match("CSIS", "Seth Jones".split())
    assert not initials_match("NY", "New York Times".split())


# ------------------------------------------------------------------ grouping


def test_name_forms_ignore_case_punctuation_and_accents():
    assert NameForm("Seth G. Jones", "PERSON").key == NameForm("Seth G Jones", "PERSON").key
    assert NameForm("Tomás Arkwright", "PERSON").key == NameForm("Tomas Arkwright", "PERSON").key
    assert NameForm("al-Qaeda", "ORG").key == NameForm("Al Qaeda", "ORG").key
    assert NameForm("the Haqqani network", "ORG").key == NameForm("Haqqani", "ORG").key


def test_groups_variants_on_synthetic_story(nlp):
    story = build_story(nlp, [
        "Seth G. Jones of the Center for Strategic and International Studies told the New York Times "
        "that Al Qaeda was weak. Mr Jones added that the NYT had it right.",
        "Seth Jones, at the Centre for Strategic and International Studies, said al-Qaida is weak.",
        "Mark Jones and Seth G Jones disagreed about the Taliban and the Pakistani Taliban.",
    ])
    entities = group_entities(story)
    jones = entity_named(entities, "Seth G. Jones")
    assert {"Seth Jones", "Seth G Jones"} <= set(jones.aliases) | {jones.name}
    assert jones.type == "PERSON" and jones.articles == ["a0", "a1", "a2"]
    assert entity_named(entities, "NYT") is entity_named(entities, "New York Times")
    assert entity_named(entities, "al-Qaida") is entity_named(entities, "Al Qaeda")
    csis = entity_named(entities, "Centre for Strategic and International Studies")
    assert "Center for Strategic and International Studies" in [csis.name, *csis.aliases]
    assert entity_named(entities, "Taliban") is not entity_named(entities, "Pakistani Taliban")
    assert entity_named(entities, "Mark Jones") is not jones
    assert "Jones" in jones.aliases  # "Mr Jones" in the article that names Seth G. Jones


def test_ambiguous_surname_joins_nobody(nlp):
    story = build_story(nlp, ["Mark Jones met Seth Jones in Kabul. Jones said the talks went well.",
                              "Seth Jones flew home."])
    entities = group_entities(story)
    seth, mark = entity_named(entities, "Seth Jones"), entity_named(entities, "Mark Jones")
    assert seth is not mark
    assert "Jones" not in seth.aliases + mark.aliases


def test_ids_follow_mentions_then_name(nlp):
    story = build_story(nlp, ["Kabul is in Afghanistan. Kabul is big. Berlin is in Germany."])
    entities = group_entities(story)
    assert [entity.id for entity in entities] == [f"e{i}" for i in range(1, len(entities) + 1)]
    assert entities[0].name == "Kabul" and entities[0].mentions == 2
    names = [entity.name for entity in entities[1:]]
    assert names == sorted(names)


def test_rivals_sharing_a_word_stay_apart(nlp):
    story = build_story(nlp, [
        "Al Qaeda in the Arabian Peninsula (AQAP) is not Al Qaeda. ISIS-K fights ISIS and the Islamic State.",
    ])
    entities = group_entities(story)
    assert entity_named(entities, "AQAP") is entity_named(entities, "Al Qaeda in the Arabian Peninsula")
    assert entity_named(entities, "AQAP") is not entity_named(entities, "Al Qaeda")
    assert entity_named(entities, "ISIS-K") is not entity_named(entities, "ISIS")


def test_kabul_entities(nlp, kabul_dir):
    entities = group_entities(build_story(nlp, kabul_texts(kabul_dir)))
    isis_k = entity_named(entities, "ISIS-K")
    assert {"ISIS-K", "IS-K", "ISIS-Khorasan", "Islamic State in Khorasan Province"} == {
        isis_k.name, *isis_k.aliases}
    assert isis_k.articles == ["a0", "a1", "a2", "a3"]
    assert entity_named(entities, "ISIS") is not isis_k
    assert entity_named(entities, "Islamic State") is not isis_k
    jones = entity_named(entities, "Seth G. Jones")
    assert {"Seth G Jones", "Jones"} <= set(jones.aliases)
    assert entity_named(entities, "Mr Jones") is jones
    clarke = entity_named(entities, "Colin P. Clarke")
    assert entity_named(entities, "Mr Clarke") is clarke
    assert entity_named(entities, "NYT") is entity_named(entities, "New York Times")
    distinct = {entity_named(entities, name).id for name in ("Taliban", "Haqqani network", "Al Qaeda")}
    assert len(distinct) == 3
    csis = entity_named(entities, "Center for Strategic and International Studies")
    assert entity_named(entities, "Centre for Strategic and International Studies") is csis
    assert entities[0].name == "Taliban"


@pytest.mark.parametrize("surface", ["", "   ", "—"])
def test_index_ignores_empty_names(surface):
    assert EntityIndex([]).find(surface) is None
