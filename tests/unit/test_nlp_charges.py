"""Charges on real sentences: the offence gazetteer, cue phrases, statuses, subjects, user patterns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.config import Settings
from reader.nlp.offence_lexicon import load_patterns
from tests.unit.nlp_helpers import entity_named

pytestmark = pytest.mark.slow

SEED_CHARGES = {
    "child rape", "attempted rape", "unlawful sexual contact with a minor", "aggravated indecent assault",
    "unlawful restraint", "endangering the welfare of a child", "corruption of minors", "indecent assault",
    "simple assault", "recklessly endangering another person",
    "manufacturing/distributing a controlled dangerous substance", "resisting arrest/eluding an officer",
    "theft by unlawful taking",
}


def charges(article) -> dict[str, tuple[str | None, str | None]]:  # type: ignore[no-untyped-def]
    """Charge text -> (status, subject name) for the first mention of each."""
    out: dict[str, tuple[str | None, str | None]] = {}
    for c in article.charges:
        subject = article.entity(c.subject)
        out.setdefault(c.text, (c.status, subject.name if subject else None))
    return out


def test_seed_every_offence_is_a_charge_span(nlp_seed) -> None:
    spans = {s.text for s in nlp_seed.spans if s.label == "CHARGE"}
    assert spans >= SEED_CHARGES
    assert {c.text for c in nlp_seed.charges} == spans


def test_seed_statuses(nlp_seed) -> None:
    found = charges(nlp_seed)
    assert found["child rape"][0] == "arrested"
    assert found["attempted rape"][0] == "arrested"
    assert found["theft by unlawful taking"][0] == "prior"


def test_seed_every_item_of_the_arrest_list_is_tied_to_perez_pilarte(nlp_seed) -> None:
    found = charges(nlp_seed)
    for offence in ("attempted rape", "endangering the welfare of a child", "corruption of minors",
                    "simple assault", "recklessly endangering another person"):
        assert found[offence] == ("arrested", "Winston Enrique Perez Pilarte"), offence


def test_a_list_of_offences_shares_its_subject(nlp_analyse) -> None:
    text = ("Police said Maria Lopez, 31, was arrested on Tuesday. She was arrested for burglary, criminal "
            "trespass, receiving stolen property and resisting arrest, records show.")
    found = charges(nlp_analyse(text))
    assert found["burglary"][1] == "Maria Lopez"
    assert found["receiving stolen property"][1] == "Maria Lopez"
    assert found["resisting arrest"][1] == "Maria Lopez"


def test_plea_with_counts_ties_each_charge_to_the_person(nlp_analyse) -> None:
    text = ("WASHINGTON – Jorge De Castro Font, 45, a former senator, pleaded guilty today to 20 counts of honest "
            "services wire fraud and one count of conspiracy to commit extortion, the department announced.")
    found = charges(nlp_analyse(text))
    assert found["honest services wire fraud"] == ("pleaded_guilty", "Jorge De Castro Font")
    assert found["conspiracy to commit extortion"] == ("pleaded_guilty", "Jorge De Castro Font")


def test_statuses_from_their_cues(nlp_analyse) -> None:
    text = ("Dennis G. Sartain was convicted of money laundering. Lara Coleman was sentenced for bank fraud. "
            "Kendrick Moxon was acquitted of perjury. Montalvo was charged with grand theft. "
            "Milos Mihajlovic is wanted in Serbia for attempted aggravated murder.")
    found = charges(nlp_analyse(text))
    assert found["money laundering"] == ("convicted", "Dennis G. Sartain")
    assert found["bank fraud"] == ("sentenced", "Lara Coleman")
    assert found["perjury"] == ("acquitted", "Kendrick Moxon")
    assert found["grand theft"][0] == "charged"
    assert found["attempted aggravated murder"][0] == "alleged"


def test_pronoun_subject_is_the_last_person(nlp_analyse) -> None:
    text = ("Richard E. Simring was the chief legal officer of a holding company. In 2009 he pleaded guilty "
            "to conspiracy to commit wire fraud.")
    assert charges(nlp_analyse(text))["conspiracy to commit wire fraud"] == ("pleaded_guilty", "Richard E. Simring")


def test_general_mention_has_no_subject_or_status(nlp_analyse) -> None:
    text = ("Since Oct. 1, 2009, ERO has removed more than 640 foreign fugitives from the United States who "
            "were being sought in their native countries for serious crimes, including kidnapping, rape and murder.")
    found = charges(nlp_analyse(text))
    assert set(found) >= {"kidnapping", "rape", "murder"}
    assert found["kidnapping"] == (None, None)


def test_gerund_offence_after_a_cue_and_open_conspiracy(nlp_analyse) -> None:
    text = ("Ibrahim pleaded guilty to one count of conspiracy and three counts of bringing aliens to the "
            "United States for profit. Goachet pleaded guilty to participating in the conspiracy to launder "
            "illegal campaign contributions and other payments.")
    texts = {c.text for c in nlp_analyse(text).charges}
    assert "bringing aliens to the United States for profit" in texts
    assert "conspiracy to launder illegal campaign contributions and other payments" in texts


def test_offence_words_inside_an_organisation_name_are_not_charges(nlp_analyse) -> None:
    text = ("The case was prosecuted by the Criminal Division’s Fraud Section and the National Procurement "
            "Fraud Task Force. The judge found the fraud loss to be nearly $3.7 million.")
    assert nlp_analyse(text).charges == []


def test_violation_of_a_named_law(nlp_analyse) -> None:
    # grading words in front are out of the charge (GUIDELINE.md, "CHARGE extents")
    text = "KIK (Virginia) LLC pleaded guilty today to a misdemeanor violation of the Clean Water Act."
    assert [c.text for c in nlp_analyse(text).charges] == ["violation of the Clean Water Act"]


def test_user_patterns_file_adds_offences_without_code(nlp_analyse, tmp_path: Path) -> None:
    from reader.nlp.pipeline import patterns_fingerprint

    extra = tmp_path / "uk_offences.jsonl"
    extra.write_text(json.dumps({"label": "CHARGE", "pattern": "affray"}) + "\n", encoding="utf-8")
    text = "Two men were charged with affray after the match."
    assert nlp_analyse(text).charges == []
    settings = Settings(charge_patterns=str(extra))
    article = nlp_analyse(text, settings=settings)
    assert [(c.text, c.status) for c in article.charges] == [("affray", "charged")]
    assert patterns_fingerprint(settings) != patterns_fingerprint(Settings())


def test_pattern_files_accept_plain_lines_and_json_lines(tmp_path: Path) -> None:
    extra = tmp_path / "extra.txt"
    extra.write_text("# comment\naffray\n{\"pattern\": \"outraging public decency\"}\n", encoding="utf-8")
    names = load_patterns(str(extra))
    assert "affray" in names and "outraging public decency" in names
    assert "money laundering" in names


def test_a_bad_line_in_a_pattern_file_names_the_file_and_line(tmp_path: Path) -> None:
    from reader.errors import ConfigError

    extra = tmp_path / "extra.jsonl"
    extra.write_text("affray\n{not json\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"extra\.jsonl:2: not a JSON object"):
        load_patterns(str(extra))
    extra.write_text('{"label": "CHARGE", "pattern": ""}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"extra\.jsonl:1: .*non-empty string"):
        load_patterns(str(extra))


def test_seed_charge_subject_resolves_to_the_entity(nlp_seed) -> None:
    person = entity_named(nlp_seed, "Winston Enrique Perez Pilarte")
    assert any(c.subject == person.id for c in nlp_seed.charges)


def test_missing_user_patterns_file_is_a_clear_config_error(nlp_analyse) -> None:
    from reader.errors import ConfigError

    with pytest.raises(ConfigError, match="charge patterns file .*nowhere.jsonl"):
        nlp_analyse("Text.", settings=Settings(charge_patterns="/nonexistent/nowhere.jsonl"))
