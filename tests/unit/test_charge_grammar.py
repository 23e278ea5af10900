"""Offence phrases read from the grammar, one test per class of the issue; sentences written for the tests."""

from __future__ import annotations

import pytest

from reader.nlp.offence_lexicon import lemma

pytestmark = pytest.mark.slow


def found(nlp_analyse, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.text for c in nlp_analyse(text).charges]


def by_text(nlp_analyse, text: str) -> dict[str, tuple[str | None, str | None]]:  # type: ignore[no-untyped-def]
    article = nlp_analyse(text)
    out: dict[str, tuple[str | None, str | None]] = {}
    for c in article.charges:
        ent = article.entity(c.subject)
        out.setdefault(c.text, (c.status, ent.name if ent else None))
    return out


def test_lemmas_by_rule() -> None:
    assert [lemma(w) for w in ("conspiracies", "violations", "Charges", "witness", "status", "fraud")] == [
        "conspiracy", "violation", "charge", "witness", "status", "fraud"]


# ---------------------------------------------------------------- extents


def test_the_complement_that_names_the_offence_stays(nlp_analyse) -> None:
    text = "Kyle Brandt pleaded guilty to possessing a firearm in furtherance of a drug trafficking crime."
    assert found(nlp_analyse, text) == ["possessing a firearm in furtherance of a drug trafficking crime"]


def test_a_conspiracy_keeps_its_infinitive(nlp_analyse) -> None:
    text = "The two brothers were indicted on charges of conspiracy to export night-vision goggles to Iran."
    assert found(nlp_analyse, text) == ["conspiracy to export night-vision goggles to Iran"]


def test_manner_and_time_adjuncts_stay_out(nlp_analyse) -> None:
    text = "Lena Ortiz admitted guilt and pleaded guilty to defrauding investors by selling fake bonds in 2019."
    assert found(nlp_analyse, text) == ["defrauding investors"]


def test_counts_and_grading_words_stay_out(nlp_analyse) -> None:
    text = ("Raul Mendez pleaded guilty to three counts of wire fraud. His partner admitted a felony "
            "firearms violation.")
    assert found(nlp_analyse, text) == ["wire fraud", "firearms violation"]


def test_a_statute_citation_is_no_part_of_the_charge(nlp_analyse) -> None:
    text = "Mara Quist was convicted of bank fraud, in violation of Title 18, United States Code, Section 1344."
    assert found(nlp_analyse, text) == ["bank fraud"]


def test_violations_of_a_named_act_are_charges(nlp_analyse) -> None:
    text = ("The shipping firm pleaded guilty to a violation of the Clean Water Act. A second firm admitted "
            "an Arms Export Control Act violation.")
    assert found(nlp_analyse, text) == ["violation of the Clean Water Act", "Arms Export Control Act violation"]


def test_inflections_match_one_head(nlp_analyse) -> None:
    text = "Viktor Lang was sentenced for an export violation. His company admitted two export violations."
    assert found(nlp_analyse, text) == ["export violation", "export violations"]


def test_coordination_splits_offences_and_keeps_shared_heads(nlp_analyse) -> None:
    text = ("Ned Fahey was convicted of burglary and arson. Tia Roe pleaded guilty to bank and wire fraud. "
            "Sam Ortega was charged with conspiracy to commit arson and insurance fraud.")
    assert found(nlp_analyse, text) == ["burglary", "arson", "bank and wire fraud",
                                        "conspiracy to commit arson and insurance fraud"]


def test_a_quoted_list_after_a_cue_is_one_charge_per_offence(nlp_analyse) -> None:
    text = 'Police said Gus Pratt was arrested for "burglary, criminal trespass and receiving stolen property."'
    assert found(nlp_analyse, text) == ["burglary", "criminal trespass", "receiving stolen property"]


def test_headline_capitals_read_like_lower_case(nlp_analyse) -> None:
    text = ("Nurse Sentenced on Arson Charges\n\nA former nurse, Jo Avery, was sentenced today for setting "
            "fire to a clinic.")
    assert found(nlp_analyse, text)[0] == "Arson"


def test_a_penalty_sentence_names_the_offence(nlp_analyse) -> None:
    text = "Jo Avery was convicted of arson. Failure to appear carries a maximum penalty of five years."
    assert found(nlp_analyse, text) == ["arson", "Failure to appear"]


# ---------------------------------------------------------------- what is not a charge


def test_offence_words_used_as_verbs_or_events_are_not_charges(nlp_analyse) -> None:
    text = ("The men travelled abroad intending to kidnap a witness. The murder took place in a parking lot. "
            "Agents monitored the conspiracy for months.")
    assert found(nlp_analyse, text) == []


def test_schemes_and_names_are_not_charges(nlp_analyse) -> None:
    text = ("The case grew out of a $2 million fraud scheme, the prosecutor of the Criminal Division said. "
            "During the course of the conspiracy, the men met twice.")
    assert found(nlp_analyse, text) == []


def test_a_civil_suit_names_claims_not_charges(nlp_analyse) -> None:
    text = "The department sued the landlord for sexual harassment of tenants and settled the suit in May."
    assert found(nlp_analyse, text) == []


# ---------------------------------------------------------------- who and status


def test_statuses_and_subjects_from_the_cue(nlp_analyse) -> None:
    text = ("Maria Lopez was arrested for burglary. Prosecutors charged Tom Reyes with extortion. "
            "A jury convicted Alan Poe of perjury. Beth Kim was acquitted of forgery. "
            "Carl Dunn pleaded not guilty to bribery. Rita Sol is wanted in Peru for kidnapping.")
    result = by_text(nlp_analyse, text)
    assert result["burglary"] == ("arrested", "Maria Lopez")
    assert result["extortion"] == ("charged", "Tom Reyes")
    assert result["perjury"] == ("convicted", "Alan Poe")
    assert result["forgery"] == ("acquitted", "Beth Kim")
    assert result["bribery"] == ("charged", "Carl Dunn")
    assert result["kidnapping"] == ("alleged", "Rita Sol")


def test_the_judge_is_not_the_one_who_pleaded(nlp_analyse) -> None:
    text = "John Miles pleaded guilty before U.S. District Judge Ann Carter to mail fraud."
    assert by_text(nlp_analyse, text)["mail fraud"] == ("pleaded_guilty", "John Miles")


def test_the_headline_takes_the_defendant_named_below(nlp_analyse) -> None:
    text = ("Bank Manager Sentenced for Embezzlement\n\nA former bank manager was sentenced today to four "
            "years in prison, U.S. Attorney Rae Dalton announced. Paul Grant, 52, admitted taking $300,000.")
    assert by_text(nlp_analyse, text)["Embezzlement"] == ("sentenced", "Paul Grant")


def test_a_prior_conviction_is_prior(nlp_analyse) -> None:
    text = "Ian Cole, who was arrested on Friday, has prior convictions for robbery."
    assert by_text(nlp_analyse, text)["robbery"][0] == "prior"


def test_a_plea_or_sentence_still_to_come_is_not_yet_one(nlp_analyse) -> None:
    text = ("Ana Ruiz agreed to plead guilty to tax evasion. Ben Ortiz will be sentenced for arson in May. "
            "Carl Li was sentenced for robbery. Dee Fox pleaded guilty to forgery.")
    assert {k: v[0] for k, v in by_text(nlp_analyse, text).items()} == {
        "tax evasion": "charged", "arson": "convicted", "robbery": "sentenced", "forgery": "pleaded_guilty"}


def test_nouns_sharing_one_complement_stay_one_offence_and_places_stay_out(nlp_analyse) -> None:
    text = "Four traders were charged for their role in the illegal sale, purchase, and export of ivory from Kenya."
    assert found(nlp_analyse, text) == ["illegal sale, purchase, and export of ivory"]


def test_a_role_verb_keeps_its_as_phrase_and_an_adverb_starts_a_new_offence(nlp_analyse) -> None:
    text = ("Lou Pike was charged with acting as an illegal agent of a foreign power and unlawfully accessing "
            "protected records.")
    assert found(nlp_analyse, text) == ["acting as an illegal agent of a foreign power",
                                        "unlawfully accessing protected records"]


def test_a_definite_event_is_no_charge_unless_the_offence_was_named_before(nlp_analyse) -> None:
    assert found(nlp_analyse, "Detectives said the murder of the shopkeeper remains unsolved.") == []
    text = ("Ada Moss was charged with aiding and abetting mortgage fraud. The money came from the mortgage "
            "fraud, the bank said.")
    assert found(nlp_analyse, text) == ["aiding and abetting mortgage fraud", "mortgage fraud"]


def test_charges_relating_to_a_list_of_offences(nlp_analyse) -> None:
    text = "Zoran Ilic will stand trial in Serbia on charges relating to the torture and murder of one prisoner."
    assert found(nlp_analyse, text) == ["torture", "murder of one prisoner"]
