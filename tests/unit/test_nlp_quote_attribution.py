"""Who said what, through the real pipeline, one class of attribution per test (sentences written
for these tests in the style of news copy)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def said(article) -> list[tuple[str, str | None, str | None]]:  # type: ignore[no-untyped-def]
    """(first words, speaker name, attribution) of every speech quote, in order."""
    return [(q.text[:16], q.speaker_name, q.attribution) for q in article.quotes if q.kind == "speech"]


def test_reported_speech_introduces_the_speaker_of_a_bare_quote(nlp_analyse) -> None:
    text = ('"The roads were never plowed," said Martin Kowalski, a bus driver.\n\n'
            "Priya Desai, who manages the food bank on Elm Street, says demand has doubled since October.\n\n"
            '"We turn families away every night."\n')
    assert said(nlp_analyse(text))[-1] == ("We turn families", "Priya Desai", "reported_speech")


def test_a_follow_on_quote_continues_the_last_speaker(nlp_analyse) -> None:
    text = ('"The roads were never plowed," said Martin Kowalski, a bus driver.\n\n'
            '"Nobody came for three days."\n')
    assert said(nlp_analyse(text))[-1] == ("Nobody came for ", "Martin Kowalski", "continuation")


def test_honorifics_do_not_end_the_sentence_that_holds_the_cue(nlp_analyse) -> None:
    text = ('The bill passed on Tuesday.\n\n"We will keep fighting for the farmers," Mr. Okafor told the House. '
            '"Every one of them," Lt. Gen. Rosa Marquez said.\n')
    assert [(w, n) for w, n, _ in said(nlp_analyse(text))] == [
        ("We will keep fig", "Okafor"), ("Every one of the", "Rosa Marquez")]


def test_honorifics_and_initials_never_start_a_sentence() -> None:
    from reader.nlp.pipeline import load_nlp

    doc = load_nlp()("The report was read by Sgt. Ben Alder. Then Harry J. Whitcomb spoke to Dr. Ames.")
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["The", "Then"]


def test_verbs_of_saying_beyond_said(nlp_analyse) -> None:
    text = ('Ortiz joked, "I have coached worse teams than this one."\n\n'
            '"The budget simply does not add up," Councillor Helen Brandt pointed out.\n\n'
            '"It took me years," quipped Dana Whitfield, who trains the horses.\n')
    assert [n for _, n, _ in said(nlp_analyse(text))] == ["Ortiz", "Helen Brandt", "Dana Whitfield"]


def test_a_colon_introduction_names_the_speaker(nlp_analyse) -> None:
    text = 'Councillor Helen Brandt is more blunt: "This plan is a failure."\n'
    assert said(nlp_analyse(text)) == [("This plan is a f", "Helen Brandt", "colon")]


def test_in_the_words_of(nlp_analyse) -> None:
    text = 'In the words of the prosecutor, Alice Moreau, "this was greed, plain and simple."\n'
    assert [n for _, n, _ in said(nlp_analyse(text))] == ["Alice Moreau"]


def test_a_statement_speaks_for_its_author(nlp_analyse) -> None:
    text = ("Gordon Fairweather, the clinic's director, was not at the hearing.\n\n"
            'A statement issued by Gordon Fairweather said "the clinic will appeal."\n')
    assert said(nlp_analyse(text)) == [("the clinic will ", "Gordon Fairweather", "statement")]


def test_she_and_he_agree_with_what_the_article_says_of_each_person(nlp_analyse) -> None:
    text = ("Mrs. Laura Benning has run the bakery since 1998. Her neighbour, Mr. Victor Osei, sells shoes.\n\n"
            '"People still want bread made by hand," she says.\n\n'
            '"And they still want good shoes," he says.\n')
    assert [n for _, n, _ in said(nlp_analyse(text))] == ["Laura Benning", "Victor Osei"]


def test_the_mayor_resolves_to_the_person_who_is_mayor(nlp_analyse) -> None:
    text = ("Mayor Joanne Pickett cut the ribbon on Monday, with Councillor Dev Rao beside her.\n\n"
            '"This bridge was forty years late," the mayor told reporters.\n')
    assert said(nlp_analyse(text)) == [("This bridge was ", "Joanne Pickett", "nominal")]


def test_a_fragment_inside_reported_speech_is_a_partial_quote(nlp_analyse) -> None:
    text = 'Senator Ruth Okonkwo called the claim "baseless" on Tuesday.\n'
    (quote,) = nlp_analyse(text).quotes
    assert (quote.kind, quote.speaker_name) == ("speech", "Ruth Okonkwo")


@pytest.mark.parametrize("text", [
    'The so-called "reform" left the tax code unchanged.\n',
    "READ MORE: Mayor says ‘We will rebuild’ after the flood\n",
    'The survey\'s least liked words were "synergy," "pivot" and "circle back."\n',
    'Residents sought the shelter of an app called "SafeWalk" during the storm.\n',
])
def test_terms_are_not_speech(nlp_analyse, text: str) -> None:
    assert {q.kind for q in nlp_analyse(text).quotes} == {"term"}


def test_a_name_in_a_relative_clause_is_not_the_speaker(nlp_analyse) -> None:
    text = '"Acting is a trade like any other," notes Ellen Ruiz, who once worked with Tom Hanks.\n'
    assert [n for _, n, _ in said(nlp_analyse(text))] == ["Ellen Ruiz"]
