"""Rebuild seed_export.json: the seed article annotated by hand, so export tests need no spaCy.

    python tests/data/build_seed_export.py

Offsets are found with str.find in the real seed text, so they are right by construction; the
annotations follow the project's annotation guideline (plus places, dates, roles, statuses and events, which
the gold does not score but the exports show).
"""

from __future__ import annotations

from pathlib import Path

from reader.model import Article, Charge, Entity, Event, Quote, Span

HERE = Path(__file__).resolve().parent
SEED = HERE.parent.parent / "sample_articles" / "seed_philly_detainer.txt"


def find_all(text: str, needle: str) -> list[tuple[int, int]]:
    out, pos = [], text.find(needle)
    while pos != -1:
        out.append((pos, pos + len(needle)))
        pos = text.find(needle, pos + 1)
    return out


def nth(text: str, needle: str, n: int = 0) -> tuple[int, int]:
    return find_all(text, needle)[n]


def build(text: str) -> Article:
    spans: list[Span] = []
    entities: list[Entity] = []

    def entity(eid: str, label: str, name: str, mentions: list[tuple[int, int]], aliases=(), roles=()):
        entities.append(Entity(eid, label, name, list(aliases), list(roles), sorted(mentions)))
        spans.extend(Span(a, b, label, text[a:b], eid) for a, b in mentions)

    perez = [nth(text, "Winston Enrique Perez Pilarte"), nth(text, "Josue Duran-Cortes")]
    perez += [m for m in find_all(text, "Perez Pilarte") if m[0] != perez[0][0] + len("Winston Enrique ")]
    entity("e1", "PERSON", "Winston Enrique Perez Pilarte", perez,
           aliases=["Josue Duran-Cortes", "Perez Pilarte"])
    entity("e2", "PERSON", "Tom Decker", [nth(text, "Tom Decker")],
           roles=["ERO Philadelphia field office director"])
    kenney = find_all(text, "Jim Kenney") + [nth(text, "A Kenney")]
    kenney[-1] = (kenney[-1][0] + 2, kenney[-1][1])
    entity("e3", "PERSON", "Jim Kenney", kenney, aliases=["Kenney"], roles=["Philadelphia Mayor"])
    entity("e4", "PERSON", "Lauren Hitt", [nth(text, "Lauren Hitt")], roles=["Mayor Jim Kenney spokeswoman"])
    ice_full = nth(text, "U.S. Immigration and Customs Enforcement")
    ice = [ice_full] + [m for m in find_all(text, "ICE")]
    entity("e5", "ORG", "U.S. Immigration and Customs Enforcement", ice, aliases=["ICE"])
    entity("e6", "ORG", "ERO Philadelphia", [nth(text, "ERO Philadelphia")])
    entity("e7", "ORG", "News Works", [nth(text, "News Works")])
    philly = [m for m in find_all(text, "Philadelphia")
              if text[m[0] - 4:m[0]] != "ERO " and text[m[1]:m[1] + 7] != " Curran"]
    entity("e8", "PLACE", "Philadelphia", philly)
    entity("e9", "PLACE", "Philadelphia Curran Fromhold Correctional Facility",
           [nth(text, "Philadelphia Curran Fromhold Correctional Facility")])

    charges: list[Charge] = []
    arrested = ["child rape", "attempted rape", "unlawful sexual contact with a minor",
                "aggravated indecent assault", "unlawful restraint", "endangering the welfare of a child",
                "corruption of minors", "simple assault", "recklessly endangering another person"]
    for name in arrested:
        a, b = nth(text, name)
        charges.append(Charge(a, b, name, "e1", "arrested"))
    a, b = nth(text, "indecent assault", 1)  # the plain one, after "aggravated indecent assault"
    charges.append(Charge(a, b, "indecent assault", "e1", "arrested"))
    for name in ["manufacturing/distributing a controlled dangerous substance",
                 "resisting arrest/eluding an officer", "theft by unlawful taking"]:
        a, b = nth(text, name)
        charges.append(Charge(a, b, name, "e1", "prior"))
    charges.sort(key=lambda c: c.start)
    spans.extend(Span(c.start, c.end, "CHARGE", c.text) for c in charges)

    quotes: list[Quote] = []
    for words, speaker, name, cue in [
        ("After confirming his identity", "e5", "U.S. Immigration and Customs Enforcement", "according to"),
        ("Our deportation officers", "e2", "Tom Decker", "said"),
        ("However, one of our best", "e2", "Tom Decker", "said"),
        ("ICE is hopeful", "e2", "Tom Decker", None),
        ("community cooperation.", "e4", "Lauren Hitt", "claiming"),
        ("Mayor Jim Kenney spokeswoman", "e7", "News Works", "reports"),
    ]:
        start = nth(text, words)[0]
        end = min(text.find(mark, start) for mark in "”" if text.find(mark, start) != -1)
        quotes.append(Quote(start, end, text[start:end], speaker, name, cue))
    spans.extend(Span(q.start, q.end, "QUOTE", q.text, q.speaker) for q in quotes)

    dates = find_all(text, "July 2015") + [nth(text, "Nov. 25, 2015")]
    spans.extend(Span(a, b, "DATE", text[a:b]) for a, b in dates)

    def event(date: str, date_span: tuple[int, int], clause: str, ents: list[str]) -> Event:
        a, b = nth(text, clause)
        return Event(date, text[date_span[0]:date_span[1]], clause, a, b, date_span[0], date_span[1], ents)

    events = [
        event("2015-07", dates[0], "after he was arrested for", ["e1"]),
        event("2015-07", dates[1], "an ICE detainer was lodged against Perez Pilarte", ["e5", "e1"]),
        event("2015-11-25", dates[2], "Perez Pilarte was released from local custody", ["e1"]),
    ]
    spans.sort(key=lambda s: (s.start, -s.end))
    for span in spans:
        assert text[span.start:span.end] == span.text, span
    return Article(text=text, source="seed_philly_detainer.txt", title=text.split("\n", 1)[0],
                   pipeline={"model": "hand-annotated", "model_version": "0", "reader_version": "0.1.0"},
                   spans=spans, entities=entities, quotes=quotes, charges=charges, events=events)


if __name__ == "__main__":
    article = build(SEED.read_text(encoding="utf-8"))
    (HERE / "seed_export.json").write_text(article.dumps(indent=1) + "\n", encoding="utf-8")
    print(f"{len(article.spans)} spans, {len(article.entities)} entities, {len(article.charges)} charges, "
          f"{len(article.quotes)} quotes, {len(article.events)} events")
