"""references: a pronoun named when the article makes it certain; a weekday given its date."""

from __future__ import annotations

import pytest

from newsfuse.annotate import annotate
from newsfuse.fuse.references import dangling_pronoun, dated_in_words, name_pronoun
from newsfuse.models import Article

TEXT = ("Police arrested Omar Haddad in the French city of Marseille on Thursday. "
        "Investigators suspect he was a central figure in the plot. "
        "The mayor and the police chief met the families. "
        "He said the city would pay for the funerals.")


@pytest.fixture(scope="module")
def annotated(models):
    article = Article(id="a", text=TEXT, published="2024-03-09")
    return article, annotate(article, models)


def test_he_is_named_when_the_sentence_before_names_one_person(annotated):
    _, annotations = annotated
    second = annotations.sentences[1].text
    assert dangling_pronoun(second, 1, annotations)
    assert name_pronoun(second, 1, annotations) == "Investigators suspect Omar Haddad was a central figure in the plot."


def test_he_stays_unnamed_when_the_article_leaves_doubt(annotated):
    _, annotations = annotated
    last = annotations.sentences[3].text
    assert name_pronoun(last, 3, annotations) is None  # the sentence before names nobody
    assert not dangling_pronoun("Omar Haddad said he was innocent.", 0, annotations)
    assert name_pronoun('"He is innocent," the lawyer said.', 1, annotations) is None  # quoted: no pronoun to name


def test_she_is_not_given_to_the_named_man_when_the_sentence_before_speaks_of_a_woman(models):
    text = ("A woman ran screaming from the office after four loud pops were heard, said Faud Ali, owner of an "
            "auto repair shop on the same street. "
            "In the office she and a dozen coworkers had just fled, the chief executive lay dead.")
    annotations = annotate(Article(id="c", text=text, published="2008-12-13"), models)
    assert name_pronoun(annotations.sentences[1].text, 1, annotations) is None


def test_a_pronoun_after_a_name_the_article_knows_is_not_renamed(models):
    text = ("The Times published portions of Donald Trump’s tax returns. "
            "Barack Obama spoke in Ohio on Monday. "
            "The returns of Trump’s showed the New York businessman and his companies lost $916 million.")
    article = Article(id="b", text=text, published="2016-10-03")
    annotations = annotate(article, models)
    last = annotations.sentences[2].text
    assert not dangling_pronoun(last, 2, annotations)
    assert name_pronoun(last, 2, annotations) is None


def test_the_headline_written_again_as_the_first_line_is_no_summary_line(models):
    from newsfuse.fuse.sentence_units import sentence_units
    from newsfuse.fuse.references import lifted
    from newsfuse.models import Story

    title = "Bill Clinton calls Obamacare a crazy system during campaign stop"
    text = (f"{title}.\n\nFormer President Bill Clinton criticized the Affordable Care Act as a crazy system "
            "during a campaign stop in Flint on Monday.")
    article = Article(id="c", title=title, text=text, published="2016-10-04")
    story = Story([article], {"c": annotate(article, models)})
    shown = [lifted(story, unit) for unit in sentence_units(story)]
    assert shown[0] is None and shown[1] is not None


def test_a_weekday_is_given_its_date_in_words(annotated):
    _, annotations = annotated
    first = annotations.sentences[0]
    assert dated_in_words(first.text, first, annotations) == (
        "Police arrested Omar Haddad in the French city of Marseille on Thursday (March 7, 2024).")
    second = annotations.sentences[1]
    assert dated_in_words(second.text, second, annotations) == second.text


def test_a_pronoun_before_the_person_a_sentence_names_is_dangling(annotated):
    _, annotations = annotated
    assert dangling_pronoun("In 1990, she founded a clinic with Omar Haddad.", 1, annotations)


def test_a_sentence_adding_to_the_one_before_is_left_out(models):
    from newsfuse.fuse.sentence_units import sentence_units
    from newsfuse.fuse.references import lifted
    from newsfuse.models import Story

    text = ("Prosecutors charged the former minister Omar Haddad with fraud in Marseille on Thursday. "
            "Lesser-known officials of the ministry could face charges too. "
            '"We want the whole truth too," the prosecutor Anne Morel told reporters in Marseille.')
    article = Article(id="a", text=text, published="2024-03-09")
    story = Story([article], {"a": annotate(article, models)})
    shown = [lifted(story, unit) for unit in sentence_units(story)]
    assert shown[0] is not None and shown[2] is not None  # "too" inside a quotation is the speaker's
    assert shown[1] is None


def test_a_person_named_by_one_word_is_written_in_full_when_the_story_names_one_so(models):
    from newsfuse.fuse.sentence_units import sentence_units
    from newsfuse.fuse.references import full_names, in_full, lifted
    from newsfuse.models import Story

    texts = {"a": "The Philadelphia 76ers fired coach Maurice Cheeks on Saturday after a poor start. "
                  "Assistant coach Tony DiLeo will take over the team for the rest of the season.",
             "b": "DiLeo has spent 19 seasons with the 76ers in several roles. "
                  "Bill Clinton and Hillary Clinton attended the game in Philadelphia on Friday. "
                  "Clinton cheered loudly for the home team in the final quarter of the game."}
    articles = [Article(id=key, text=text) for key, text in texts.items()]
    story = Story(articles, {article.id: annotate(article, models) for article in articles})
    people = full_names(story)
    assert people["DiLeo"] == "Tony DiLeo" and people["Clinton"] is None and "Philadelphia" not in people
    shown = {unit.sentence.text.split()[0]: lifted(story, unit) for unit in sentence_units(story)}
    assert in_full(shown["Clinton"], people, set()) == shown["Clinton"]  # which Clinton? as written
    first = in_full(shown["DiLeo"], people, set())
    assert first == "Tony DiLeo has spent 19 seasons with the 76ers in several roles."
    assert in_full(shown["DiLeo"], people, {"Tony DiLeo"}) == shown["DiLeo"]  # an earlier line introduced him


def test_a_surname_inside_a_longer_name_is_left_as_written():
    from newsfuse.fuse.references import in_full

    people = {"Laden": "Osama bin Laden", "Mohamed": "Abdulhakim Ali Mohamed", "Arafat": "Yasser Arafat"}
    text = "The Taliban might try Osama bin Laden, and bin Laden met Mohamed Rashed Daoud, Arafat said."
    assert in_full(text, people, set()) == (
        "The Taliban might try Osama bin Laden, and bin Laden met Mohamed Rashed Daoud, Yasser Arafat said.")
