"""A fixed Article built from the seed article's real text with spans placed by hand.

UI tests run on it instead of spaCy: the analysis is known, so every assertion about the cursor,
the sidebar and focus mode can name the exact span it expects.
"""

from __future__ import annotations

import re
from pathlib import Path

from reader.model import Article, Charge, Entity, Event, Quote, Span
from reader.sources import LoadedText

SEED = Path(__file__).resolve().parents[2] / "sample_articles" / "seed_philly_detainer.txt"
SOURCE = "sample_articles/seed_philly_detainer.txt"  # relative, so snapshots match on any machine

PEOPLE = {
    "e1": ("Winston Enrique Perez Pilarte", ["Winston Enrique Perez Pilarte", "Josue Duran-Cortes",
                                             "Perez Pilarte"], []),
    "e2": ("Tom Decker", ["Tom Decker"], ["ERO Philadelphia field office director"]),
    "e3": ("Jim Kenney", ["Jim Kenney", "Kenney"], ["Mayor"]),
    "e4": ("Lauren Hitt", ["Lauren Hitt"], ["Mayor Jim Kenney spokeswoman"]),
}
ORGS = {
    "e5": ("U.S. Immigration and Customs Enforcement", ["U.S. Immigration and Customs Enforcement", "ICE"]),
    "e6": ("ERO Philadelphia", ["ERO Philadelphia"]),
    "e7": ("News Works", ["News Works"]),
}
CHARGES = [  # (offence, status); the subject of every one is e1
    ("child rape", "arrested"), ("attempted rape", "arrested"),
    ("unlawful sexual contact with a minor", "arrested"), ("aggravated indecent assault", "arrested"),
    ("unlawful restraint", "arrested"), ("endangering the welfare of a child", "arrested"),
    ("corruption of minors", "arrested"), ("simple assault", "arrested"),
    ("recklessly endangering another person", "arrested"),
    ("manufacturing/distributing a controlled dangerous substance", "prior"),
    ("resisting arrest/eluding an officer", "prior"), ("theft by unlawful taking", "prior"),
]
QUOTES = [  # (opening words, speaker id, cue)
    ("After confirming his identity", "e5", "according to"),
    ("Our deportation officers", "e2", "said"),
    ("However, one of our best", "e2", "said"),
    ("ICE is hopeful", "e2", None),
    ("Mayor Jim Kenney spokeswoman", "e7", "reports"),
]


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def seed_loaded() -> LoadedText:
    text = seed_text()
    return LoadedText(text=text, source=SOURCE, title=text.split("\n", 1)[0])


def _occurrences(text: str, surface: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Whole-word occurrences of `surface` that do not overlap ranges already taken."""
    found = []
    for match in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
        a, b = match.span()
        if not any(a < tb and b > ta for ta, tb in taken):
            found.append((a, b))
            taken.append((a, b))
    return found


def seed_article() -> Article:
    """The seed article with people, organisations, places, dates, charges, quotes and events."""
    text = seed_text()
    article = Article(text=text, source=SOURCE, title=text.split("\n", 1)[0],
                      pipeline={"model": "fake", "model_version": "0", "reader_version": "test"})
    names: list[tuple[int, int]] = []
    for entity_id, (name, surfaces, roles) in PEOPLE.items():
        mentions = [m for surface in surfaces for m in _occurrences(text, surface, names)]
        aliases = [s for s in surfaces if s != name]
        article.entities.append(Entity(entity_id, "PERSON", name, aliases, roles, sorted(mentions)))
    for entity_id, (name, surfaces) in ORGS.items():
        mentions = [m for surface in surfaces for m in _occurrences(text, surface, names)]
        aliases = [s for s in surfaces if s != name]
        article.entities.append(Entity(entity_id, "ORG", name, aliases, [], sorted(mentions)))
    places = _occurrences(text, "Philadelphia", names)
    article.entities.append(Entity("e8", "PLACE", "Philadelphia", [], [], places))
    for entity in article.entities:
        for a, b in entity.mentions:
            article.spans.append(Span(a, b, entity.label, text[a:b], entity.id))
    taken: list[tuple[int, int]] = []
    for offence, status in CHARGES:
        for a, b in _occurrences(text, offence, taken):
            article.spans.append(Span(a, b, "CHARGE", text[a:b]))
            article.charges.append(Charge(a, b, text[a:b], "e1", status))
    for a, b in _occurrences(text, "indecent assault", taken):  # the one not inside "aggravated ..."
        article.spans.append(Span(a, b, "CHARGE", text[a:b]))
        article.charges.append(Charge(a, b, text[a:b], "e1", "arrested"))
    for opening, speaker, cue in QUOTES:
        a = text.index("“" + opening) + 1
        b = text.index("”", a)
        name = article.entity(speaker).name  # type: ignore[union-attr]
        article.spans.append(Span(a, b, "QUOTE", text[a:b]))
        article.quotes.append(Quote(a, b, text[a:b], speaker, name, cue))
    dates: list[tuple[int, int]] = []
    for surface in ("July 2015", "Nov. 25, 2015"):
        for a, b in _occurrences(text, surface, dates):
            article.spans.append(Span(a, b, "DATE", text[a:b]))
    arrested = text.index("he was arrested for")
    july = text.index("July 2015")
    released = text.index("Perez Pilarte was released")
    nov = text.index("Nov. 25, 2015")
    article.events = [
        Event("2015-11-25", "Nov. 25, 2015", "released from local custody", released,
              text.index(".", released) + 1, nov, nov + len("Nov. 25, 2015"), ["e1"]),
        Event("2015-07", "July 2015", "arrested", arrested, july + len("July 2015"), july,
              july + len("July 2015"), ["e1"]),
    ]
    article.spans.sort(key=lambda s: (s.start, -s.end, s.label))
    return article


def partial_article(article: Article, upto: int) -> Article:
    """The analysis as far as offset `upto`: what a chunked analysis has found so far."""
    return Article(
        text=article.text, source=article.source, title=article.title, pipeline=dict(article.pipeline),
        spans=[s for s in article.spans if s.end <= upto],
        entities=[Entity(e.id, e.label, e.name, e.aliases, e.roles, [m for m in e.mentions if m[1] <= upto])
                  for e in article.entities if any(m[1] <= upto for m in e.mentions)],
        quotes=[q for q in article.quotes if q.end <= upto],
        charges=[c for c in article.charges if c.end <= upto],
        events=[e for e in article.events if e.end <= upto],
    )
