"""Quotes and who said them, on real sentences: cue verbs either side, pronouns, follow-ons, terms."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def speakers(article) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    """Quote text prefix (20 chars) -> speaker name, for speech only."""
    return {q.text[:20]: q.speaker_name for q in article.quotes if q.kind == "speech"}


def test_seed_offsets_are_valid(nlp_seed, nlp_seed_text) -> None:
    assert nlp_seed.text == nlp_seed_text
    for span in nlp_seed.spans:
        assert nlp_seed_text[span.start : span.end] == span.text
    for quote in nlp_seed.quotes:
        assert nlp_seed_text[quote.start : quote.end] == quote.text
    for charge in nlp_seed.charges:
        assert nlp_seed_text[charge.start : charge.end] == charge.text
    for event in nlp_seed.events:
        assert nlp_seed_text[event.date_start : event.date_end] == event.date_text
    assert "Tom Decker" in [s.text for s in nlp_seed.spans if s.label == "PERSON"]


def test_seed_nine_quoted_passages_and_hold_is_a_term(nlp_seed) -> None:
    assert len(nlp_seed.quotes) == 9
    assert sorted((q.start, q.end) for q in nlp_seed.quotes) == sorted(
        (s.start, s.end) for s in nlp_seed.spans if s.label == "QUOTE")
    terms = [q.text for q in nlp_seed.quotes if q.kind == "term"]
    assert terms == ["hold"]


def test_seed_speakers(nlp_seed) -> None:
    said = speakers(nlp_seed)
    assert said["Our deportation offi"] == "Tom Decker"  # ", said Tom Decker"
    assert said["However, one of our "] == "Tom Decker"  # "he said" after a Decker quote
    assert said["ICE is hopeful that "] == "Tom Decker"  # follow-on, no cue of its own
    assert said["After confirming his"] == "U.S. Immigration and Customs Enforcement"  # the agency
    assert said["Mayor Jim Kenney spo"] == "News Works"  # ", News Works reports."
    assert said["community cooperatio"] == "Kenney spokesperson"  # "A Kenney spokesperson": not Kenney


def test_quote_split_by_attribution_is_two_quotes_one_speaker(nlp_analyse) -> None:
    text = ('"Today’s sentence shows that taxpayers will pay a heavy price," said Nathan J. Hochman, '
            'Assistant Attorney General of the Tax Division. "Mr. Sartain has been branded a convicted felon."')
    article = nlp_analyse(text)
    assert [q.speaker_name for q in article.quotes] == ["Nathan J. Hochman", "Nathan J. Hochman"]
    assert article.quotes[0].cue == "said"


def test_cue_before_the_quote_and_multi_paragraph_quote(nlp_analyse) -> None:
    text = ('It quoted critics like Joint Council for the Welfare of Immigrants campaigner Caitlin Boswell, '
            'with Boswell stating: "People fleeing desperate circumstances need quicker decisions.\n\n'
            '"No one’s right to refuge should be jeopardised because of a form."\n')
    article = nlp_analyse(text)
    assert len(article.quotes) == 2
    assert {q.speaker_name for q in article.quotes} == {"Caitlin Boswell"}


def test_pronoun_means_the_person_last_named_as_subject(nlp_analyse) -> None:
    text = ("Montalvo had read a blog written by Mark Rathbun. "
            "Rathbun requested donations via a statement made on his blog, in order to help Montalvo with "
            'his legal defense. He described Montalvo as an individual, "facing the penitentiary for his sins."')
    assert speakers(nlp_analyse(text)) == {"facing the penitenti": "Mark Rathbun"}


def test_subject_phrase_with_a_role_names_the_person(nlp_analyse) -> None:
    text = ('After the leak, CEO of the Refugee Council Enver Solomon told Sky News any process "must be well '
            'thought out": "Moves to reduce the backlog are welcome."')
    assert set(speakers(nlp_analyse(text)).values()) == {"Enver Solomon"}


def test_according_to_a_named_organisation(nlp_analyse) -> None:
    text = ('"The tax loss was more than $1 million," according to the Internal Revenue Service.')
    assert speakers(nlp_analyse(text)) == {"The tax loss was mor": "Internal Revenue Service"}


def test_unattributed_quote_far_from_any_speaker_has_none(nlp_analyse) -> None:
    text = ('The document "must be completed in English", the government recommending "online translation '
            'tools" if needed.')
    article = nlp_analyse(text)
    assert [q.speaker_name for q in article.quotes] == [None, None]


def test_nickname_inside_a_name_is_a_term(nlp_analyse) -> None:
    text = 'The case was prosecuted by Assistant Chief John S. "Jay" Darden of the Fraud Section.'
    article = nlp_analyse(text)
    assert [(q.text, q.kind) for q in article.quotes] == [("Jay", "term")]


@pytest.mark.parametrize(("text", "term"), [
    ("Philadelphia did not honor a “hold” placed on him.", True),
    ("officials will scrap the interview step to “streamline” processing.", True),
    ("Sunak promised a “formal update” from Braverman.", True),
    ("Mr. Ross said the change could hurt “community cooperation.”", False),
    ("He told the police, “everything he did”.", False),
    ("Cooper said her party has supported the idea “for months”, and said it was damning.", False),
])
def test_quoted_terms(nlp_analyse, text: str, term: bool) -> None:  # type: ignore[no-untyped-def]
    (quote,) = nlp_analyse(text).quotes
    assert (quote.kind == "term") is term


def test_title_subject_with_an_appositive_name(nlp_analyse) -> None:
    text = ('The plea was announced by FBI Assistant Director-in-Charge Joseph M. Demarest Jr. '
            '"The crimes these defendants have admitted were violent assaults," said FBI Assistant '
            'Director-in-Charge Demarest of the New York Field Office.')
    assert set(speakers(nlp_analyse(text)).values()) == {"Joseph M. Demarest Jr."}


def test_surname_that_is_also_a_title_word_still_joins_the_person(nlp_analyse) -> None:
    text = ('The plea was announced by Loretta King, Acting Assistant Attorney General. '
            '"This prosecution sends a clear message," said King.')
    assert set(speakers(nlp_analyse(text)).values()) == {"Loretta King"}


def test_quoted_word_after_an_article_with_a_comma_is_a_term(nlp_analyse) -> None:
    text = 'Cozzi admitted that he used a "sap," a dangerous weapon similar to a blackjack, to strike the victim.'
    assert [(q.text, q.kind) for q in nlp_analyse(text).quotes] == [("sap,", "term")]


def test_news_style_attributions(nlp_analyse) -> None:
    text = ('Shares of Acme Corp. fell sharply on Monday.\n\n'
            '"We are shocked," said Mary Jones, a spokeswoman for Acme Corp. "We will cooperate fully."\n\n'
            '"No comment," the White House said in a statement.\n\n'
            'According to a statement from the Securities and Exchange Commission (SEC), "the inquiry is routine."\n')
    article = nlp_analyse(text)
    assert [q.speaker_name for q in article.quotes] == [
        "Mary Jones", "Mary Jones", "White House", "Securities and Exchange Commission"]
    jones = next(e for e in article.entities if e.name == "Mary Jones")
    assert "spokeswoman for Acme Corp." in jones.roles


@pytest.mark.parametrize(("phrase", "name"), [("Jim Kenney.", "Jim Kenney"), ("the agency,", "agency"),
                                              ("Joseph M. Demarest, Jr.", "Joseph M. Demarest, Jr."),
                                              ("Acme Inc.", "Acme Inc."), ("“", None)])
def test_a_raw_speaker_phrase_loses_sentence_punctuation(phrase: str, name: str | None) -> None:
    from reader.nlp.resolve.speakers import _clean_raw

    assert _clean_raw(phrase) == name


def test_a_title_with_a_complement_names_the_person_after_it(nlp_analyse) -> None:
    text = "“We will find him wherever he hides,” said U.S. Marshal of the Western District of Texas Robert Almonte."
    (quote,) = nlp_analyse(text).quotes
    assert quote.speaker_name == "Robert Almonte"
