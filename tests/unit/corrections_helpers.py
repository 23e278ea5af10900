"""A small hand-made analysis for corrections tests: every span placed by hand, no spaCy."""

from __future__ import annotations

from reader.model import Article, Charge, Entity, Event, Quote, Span

TEXT = (
    "Harbour clinic short of beds\n\n"
    "Lena Park runs the Harbour Clinic in Halifax. On March 3, Park said the clinic was full. "
    "\u201cWe turn people away every night,\u201d said Dana Reyes, a nurse. "
    "Tamiflu ran out. Reyes was charged with fraud last year, police said. "
    "Commonly the clinic calls Acme Corp. for beds."
)


def at(surface: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the nth occurrence of `surface` in TEXT."""
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(surface, start + 1)
    return start, start + len(surface)


def article() -> Article:
    """People: Lena Park (e1, with the split mention Park as e2), Dana Reyes (e3); Tamiflu wrongly a
    person (e4); the clinic an ORG (e5); Halifax a PLACE (e6); Commonly wrongly an ORG (e7)."""
    art = Article(text=TEXT, source="clinic.txt", title="Harbour clinic short of beds",
                  pipeline={"model": "hand", "model_version": "0", "reader_version": "test"})
    mentions = {
        "e1": ("PERSON", "Lena Park", [at("Lena Park")]),
        "e2": ("PERSON", "Park", [at("Park", 1)]),
        "e3": ("PERSON", "Dana Reyes", [at("Dana Reyes"), at("Reyes", 1)]),
        "e4": ("PERSON", "Tamiflu", [at("Tamiflu")]),
        "e5": ("ORG", "Harbour Clinic", [at("Harbour Clinic")]),
        "e6": ("PLACE", "Halifax", [at("Halifax")]),
        "e7": ("ORG", "Commonly", [at("Commonly")]),
    }
    for eid, (label, name, spots) in mentions.items():
        art.entities.append(Entity(eid, label, name, mentions=list(spots)))
        art.spans.extend(Span(a, b, label, TEXT[a:b], eid) for a, b in spots)
    a, b = at("March 3")
    art.spans.append(Span(a, b, "DATE", TEXT[a:b]))
    art.events.append(Event("2026-03-03", "March 3", "Park said the clinic was full", a, b + 40, a, b, ["e2"]))
    qa, qb = at("We turn people away every night,")
    art.spans.append(Span(qa, qb, "QUOTE", TEXT[qa:qb]))
    art.quotes.append(Quote(qa, qb, TEXT[qa:qb], "e1", "Lena Park", "said"))
    ca, cb = at("fraud")
    art.spans.append(Span(ca, cb, "CHARGE", TEXT[ca:cb]))
    art.charges.append(Charge(ca, cb, TEXT[ca:cb], "e1", "prior"))
    art.spans.sort(key=lambda s: (s.start, -s.end, s.label))
    return art
