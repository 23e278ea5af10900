"""The facts model shared by the HTML and Markdown exports (and available to the TUI sidebar)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader.facts import GENERAL_CHARGES, UNATTRIBUTED_SPEAKER, SpanDescriber, facts_of
from reader.model import Article, Charge, Event, Quote, Span

ROOT = Path(__file__).resolve().parents[2]
SEED_JSON = ROOT / "tests" / "data" / "seed_export.json"


@pytest.fixture(scope="module")
def seed() -> Article:
    return Article.loads(SEED_JSON.read_text(encoding="utf-8"))


def test_seed_facts(seed: Article) -> None:
    facts = facts_of(seed)
    assert [p.name for p in facts.people] == ["Winston Enrique Perez Pilarte", "Tom Decker", "Jim Kenney",
                                             "Lauren Hitt"]  # text order
    decker = facts.people[1]
    assert decker.roles == ("ERO Philadelphia field office director",) and decker.mentions == 4
    assert [o.name for o in facts.organisations][0] == "U.S. Immigration and Customs Enforcement"
    assert [p.name for p in facts.places] == ["Philadelphia",
                                              "Philadelphia Curran Fromhold Correctional Facility"]
    (group,) = facts.charges_by_person
    person, charges = group.name, group.charges
    assert person == "Winston Enrique Perez Pilarte" and len(charges) == 13 and group.subject is not None
    assert [c.status_text for c in charges].count("prior") == 3
    speakers = [group.name for group in facts.quotes_by_speaker]
    assert speakers == ["U.S. Immigration and Customs Enforcement", "Tom Decker", "Lauren Hitt", "News Works"]
    assert dict(facts.quoted_words)["Tom Decker"] == sum(len(q.text.split()) for q in seed.quotes
                                                         if q.speaker == "e2")
    assert facts.quoted_words[0][0] == "Tom Decker"  # most words first
    assert [e.date for e in facts.timeline] == ["2015-07", "2015-07", "2015-11-25"]
    assert facts.timeline[1].people == ("U.S. Immigration and Customs Enforcement",
                                        "Winston Enrique Perez Pilarte")
    assert facts.mentions[0] == ("U.S. Immigration and Customs Enforcement", "ORG", 7)


def test_unattributed_and_general_go_last_and_undated_events_last() -> None:
    text = "“a” “b” fraud theft"
    article = Article(
        text=text,
        quotes=[Quote(1, 2, "a", None, None), Quote(5, 6, "b", None, "Bo")],
        charges=[Charge(8, 13, "fraud"), Charge(14, 19, "theft", "e9", "charged")],
        events=[Event(None, "later", "x", 0, 1, 0, 1), Event("2020-01-02", "Jan 2", "y", 2, 3, 2, 3),
                Event("2019", "2019", "z", 4, 5, 4, 5)],
    )
    facts = facts_of(article)
    assert [group.name for group in facts.quotes_by_speaker] == ["Bo", UNATTRIBUTED_SPEAKER]
    assert [group.name for group in facts.charges_by_person] == ["e9", GENERAL_CHARGES]
    assert [e.date_text for e in facts.timeline] == ["2019", "Jan 2", "later"]
    assert facts_of(Article(text="")).empty


def test_describer(seed: Article) -> None:
    describe = SpanDescriber(seed)
    by_label = {s.label: s for s in seed.spans}
    assert describe(by_label["PLACE"]) == "Place · Philadelphia"  # names, never internal ids
    assert describe(by_label["DATE"]).startswith("Date · ")
    assert describe(Span(0, 2, "PERSON", "Is")) == "Person · Is"
    assert describe(Span(0, 2, "QUOTE", "Is")) == "Quote · speaker unknown"


def test_export_modules_never_import_textual() -> None:
    code = ("import sys, reader.export, reader.export.html, reader.export.markdown, reader.export.terminal, "
            "reader.facts, reader.export.files, reader.export.charts; "
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'spacy')); "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stdout + result.stderr


def test_quoted_terms_are_never_speech_and_counts_match_the_sidebar() -> None:
    text = "A “hold” was placed. “We act,” said Bo."
    article = Article(text=text, quotes=[Quote(3, 7, "hold", kind="term"), Quote(23, 29, "We act", None, "Bo")],
                      spans=[Span(3, 7, "QUOTE", "hold"), Span(23, 29, "QUOTE", "We act")])
    facts = facts_of(article)
    assert [(g.name, len(g.quotes)) for g in facts.quotes_by_speaker] == [("Bo", 1)]
    assert facts.counts["QUOTE"] == 1
    assert SpanDescriber(article)(article.spans[0]) == "Quoted term"


def test_source_name_keeps_urls_and_drops_local_folders() -> None:
    from reader.facts import source_name

    assert source_name("/srv/someone/news/story.txt") == "story.txt"
    assert source_name("https://example.org/a/b") == "https://example.org/a/b"
    assert source_name("-") == "standard input"
