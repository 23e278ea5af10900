"""People and organisations: correct the model's entities in each chunk, then consolidate per document.

Chunk level (the `reader_entities` spaCy component): clean the model's spans (no leading "the", no
possessive, no glued quote mark, no headline words), split organisations glued by a possessive
("Criminal Division's Fraud Section"), add organisations from a curated agency list and from
capitalised phrases with an organisation head word, recover people the model tagged as places or
organisations when the text gives a person cue (title, age, "aka", a role noun), read acronym
definitions and aliases, and take roles from premodifying titles and appositives.

Document level (`consolidate`): tag every further occurrence of a known name, vote labels (a surname
of a known person is a person), and cluster mentions into entities (surname and full name, aka alias,
acronym and expansion, "U.S. X" and "X").
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from reader.nlp.candidates import CUE, GAZETTEER, MODEL, SEQUENCE, ChunkFacts, Link, Mention
from reader.nlp.docutil import doc_ents, doc_text, sentence
from reader.nlp.lexicon import NAME_CONNECTORS, ORG_KEYWORDS, QUOTE_CHARS, ROLE_NOUNS, TITLE_WORDS

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Span, Token

MODEL_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE",
                "NORP": "NORP", "DATE": "DATE"}
LEADING_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
POSSESSIVES = ("'s", "’s", "'", "’")
SMALL_WORDS = {"of", "to", "and", "the", "in", "for", "on", "a", "an", "with", "at", "by", "from", "as", "or"}
AKA = re.compile(r",?\s*\(?\b(?:aka|a/k/a|a\.k\.a\.|also known as|alias)\b[:,]?\s+", re.IGNORECASE)
NAME_AFTER = re.compile(r"[“\"]?((?:[A-Z][\w’'.-]*|[A-Z]\.)"
                        r"(?:\s+(?:[A-Z][\w’'.-]*|[A-Z]\.|de|del|da|van|von|bin|al))*)")
AGE_CUE = re.compile(r"(?<![\w.])((?:[A-Z][a-z][\w'’-]*\s+)(?:[A-Z]\.\s+|[A-Z][a-z][\w'’-]*\s+){0,2}"
                     r"[A-Z][a-z][\w'’-]*),\s+\d{1,2},")
LAWS = frozenset({"Act", "Law", "Code", "Treaty", "Convention", "Amendment", "Statute", "Regulations"})
COUNTRY_PREFIXES = ("U.S. ", "US ", "United States ", "U.K. ", "UK ", "United Kingdom ")


# ---------------------------------------------------------------- gazetteer

@dataclass
class Agency:
    group: str
    names: list[str]
    acronym: str | None


@lru_cache(maxsize=1)
def agencies() -> tuple[Agency, ...]:
    """The curated list of agencies and courts (reader/nlp/agencies.jsonl)."""
    out = []
    raw = resources.files("reader.nlp").joinpath("agencies.jsonl").read_text(encoding="utf-8")
    for line in raw.splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        names = [row["pattern"], *row.get("variants", [])]
        out.append(Agency(row["pattern"], names, row.get("acronym")))
    return tuple(out)


# ---------------------------------------------------------------- spaCy component

def make_entities_component(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    from spacy.matcher import PhraseMatcher

    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    for agency in agencies():
        docs = [nlp.make_doc(n) for n in agency.names]
        if agency.acronym:
            docs.append(nlp.make_doc(agency.acronym))
        matcher.add(agency.group, docs)

    def reader_entities(doc: Doc) -> Doc:
        facts: ChunkFacts = doc.user_data.setdefault("reader_facts", ChunkFacts())
        find_mentions(doc, matcher, facts)
        group = []
        for m in facts.mentions:
            span = doc.char_span(m.start, m.end, label=m.label, alignment_mode="contract")
            if span is not None and len(span):
                group.append(span)
        doc.spans["reader_mentions"] = group
        return doc

    return reader_entities


def headline_lines(text: str) -> list[tuple[int, int]]:
    """Lines written in title case (headlines), where capitalisation says nothing about names."""
    out = []
    for line in re.finditer(r"[^\n]+", text):
        words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line.group()) if w.lower() not in SMALL_WORDS]
        lower = sum(not w[0].isupper() for w in words)
        if len(words) >= 3 and lower <= max(1, len(words) // 8) and not line.group().rstrip().endswith("."):
            out.append((line.start(), line.end()))
    return out


def _in_ranges(pos: int, ranges: list[tuple[int, int]]) -> bool:
    """Is pos inside one of the sorted, disjoint ranges?"""
    import bisect

    k = bisect.bisect_right(ranges, (pos, float("inf"))) - 1
    return k >= 0 and ranges[k][0] <= pos < ranges[k][1]


def find_mentions(doc: Doc, matcher: PhraseMatcher, facts: ChunkFacts) -> None:
    """Fill facts.mentions / links / not_entities for one chunk (offsets relative to the doc)."""
    text = doc_text(doc)
    headlines = headline_lines(text)
    mentions: list[Mention] = []
    # 1. curated agencies and courts, exact spelling
    for match_id, start, end in matcher(doc):
        span = doc[start:end]
        mentions.append(Mention(span.start_char, span.end_char, "ORG", GAZETTEER,
                                group=doc.vocab.strings[match_id]))
    # 2. the model's entities, cleaned
    for ent in doc_ents(doc):
        label = MODEL_LABELS.get(ent.label_)
        if label is None or "\n" in ent.text or _in_ranges(ent.start_char, headlines):
            continue
        mentions.extend(_clean_entity(doc, ent, label))
    # 3. capitalised phrases headed by an organisation word
    mentions.extend(_org_sequences(doc, headlines))
    # 4. acronym definitions and aka aliases
    _acronyms(doc, mentions, facts)
    _aliases(doc, mentions, facts)
    # 5. "Lara Coleman, 40,": a name followed by an age is a person even when the model missed it
    for aged in AGE_CUE.finditer(text):
        if not _in_ranges(aged.start(1), headlines):
            mentions.append(Mention(aged.start(1), aged.end(1), "PERSON", CUE, person_cue=True))
    # 6. persons the model called something else, and roles
    for m in mentions:
        if m.label in ("ORG", "PLACE", "NORP") and m.strength < GAZETTEER and _person_cue(doc, m):
            m.label, m.person_cue, m.strength = "PERSON", True, CUE
    _merge_acronym_places(doc, mentions)
    for m in mentions:
        if m.label == "PERSON":
            # strip the title first, so the role is the whole premodifier: "U.S. District Judge", not
            # "U.S. District" with "Judge" left inside the name
            given = m.role
            _strip_title(text, m)
            m.role = given or _role(doc, m) or m.role
    facts.mentions.extend(m for m in mentions if m.label != "NORP" and m.end > m.start)


def _strip_title(text: str, m: Mention) -> None:
    """"Inspector General Daniel R. Levinson" -> "Daniel R. Levinson" (the title becomes the role)."""
    words = list(re.finditer(r"\S+", text[m.start : m.end]))
    k = 0
    while k < len(words) - 1 and words[k].group().lower().rstrip(",") in TITLE_WORDS:
        k += 1
    if k:
        role = text[m.start : m.start + words[k - 1].end()]
        m.start += words[k].start()
        m.role = m.role or role
        m.person_cue = True


def _trim_chars(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in QUOTE_CHARS + "(,–—-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in QUOTE_CHARS + ",;:)"):
        end -= 1
    return start, end


def _clean_entity(doc: Doc, ent: Span, label: str) -> list[Mention]:
    text = doc_text(doc)
    tokens = list(ent)
    role_tokens: list[Token] = []
    while tokens and tokens[0].lower_ in LEADING_DETERMINERS:
        tokens = tokens[1:]
    if label == "PERSON":
        while len(tokens) > 1 and (tokens[0].lower_ in TITLE_WORDS or tokens[0].lower_.rstrip(".") in TITLE_WORDS):
            role_tokens.append(tokens.pop(0))
    while tokens and (tokens[-1].text in POSSESSIVES or tokens[-1].lower_ in NAME_CONNECTORS):
        tokens = tokens[:-1]
    for k in range(len(tokens) - 1, -1, -1):
        if tokens[k].text in ("-", "–", "—") and tokens[k].whitespace_ and k > 0 and tokens[k - 1].whitespace_:
            tokens = tokens[k + 1 :]  # "WASHINGTON - INTERPOL Washington": a dateline is no part of a name
            break
    if not tokens or tokens[0].text[:1].islower() or any(t.lower_ == "v." for t in tokens):
        return []  # "et al.", case names ("Vicente v. Eli Lilly")
    if label == "PERSON" and (any(c.isdigit() for t in tokens for c in t.text)
                              or len(tokens) == 1 and tokens[0].text in ORG_KEYWORDS):
        return []  # "G8", "Secretariat"
    if label == "ORG" and tokens[-1].text in LAWS:
        return []  # "the Clean Water Act" is a law, not an organisation
    after = doc[ent.end] if ent.end < len(doc) else None
    if (label == "ORG" and after is not None and after.text[:1].isupper() and after.lower_ in TITLE_WORDS
            and not any(t.text in ORG_KEYWORDS or t.text.isupper() for t in tokens)):
        return []  # "Shadow Home Secretary Yvette Cooper": part of a title, not an organisation
    pieces = [tokens]
    if label == "ORG":
        tokens = _strip_lead_in(tokens)
        pieces = _split_org(tokens, person_next=after is not None and after.ent_type_ == "PERSON")
    out = []
    for piece in pieces:
        start, end = piece[0].idx, piece[-1].idx + len(piece[-1].text)
        # a quote mark glued inside a token ("Kenney“However") ends the name; so does a comma
        # in a person's name ("Benjamin Haskell,22")
        inner = re.search(r"(?<=\w)[“”\"«»](?=\w)" + (r"|," if label == "PERSON" else ""), text[start:end])
        if inner:
            end = start + inner.start()
        for suffix in POSSESSIVES:
            if text[start:end].endswith(suffix) and end - start > len(suffix) + 1:
                end -= len(suffix)
                break
        start, end = _trim_chars(text, start, end)
        if start >= end or not any(c.isalpha() for c in text[start:end]):
            continue
        piece_label = label
        if label == "ORG" and len(pieces) > 1 and _looks_like_person(piece):
            piece_label = "PERSON"
        of = next((k for k, t in enumerate(piece) if t.lower_ == "of"), None)
        if label in ("ORG", "PERSON") and of and _looks_like_person([t for t in piece[:of] if t.text not in "–—-"]):
            piece = [t for t in piece[:of] if t.text not in "–—-"]  # "Dennis G. Sartain of Hilliard"
            start, end = piece[0].idx, piece[-1].idx + len(piece[-1].text)
            piece_label = "PERSON"
        m = Mention(start, end, piece_label, MODEL)
        if role_tokens:
            m.role = text[role_tokens[0].idx : role_tokens[-1].idx + len(role_tokens[-1].text)]
            m.person_cue = True
        if piece_label == "PERSON":
            extended = _extend_person(doc, m.end)
            if extended != m.end:
                m.end, m.strength = extended, CUE
        out.append(m)
    return out


def _strip_lead_in(tokens: list[Token]) -> list[Token]:
    """"Members of the Sea Org", "Charge of the FBI-San Juan Field Office": drop the words before "of"."""
    for k, t in enumerate(tokens[:4]):
        if t.lower_ == "of" and k > 0 and not any(x.text in ORG_KEYWORDS for x in tokens[:k]):
            rest = tokens[k + 1 :]
            while rest and rest[0].lower_ in LEADING_DETERMINERS:
                rest = rest[1:]
            if any(x.text in ORG_KEYWORDS for x in rest) or any(x.text.isupper() and len(x) > 1 for x in rest):
                return rest
            break
    return tokens


def _looks_like_person(tokens: list[Token]) -> bool:
    return (2 <= len(tokens) <= 4 and any(re.fullmatch(r"[A-Z]\.", t.text) for t in tokens)
            and not any(t.text in ORG_KEYWORDS for t in tokens))


CORPORATE_SUFFIXES = ("Inc.", "Inc", "LLC", "L.L.C.", "Co.", "Corp.", "Corporation", "Ltd.", "Ltd", "LLP",
                      "L.P.", "PLC", "plc", "Company", "Incorporated", "GmbH", "S.A.", "AG")


def _split_org(tokens: list[Token], person_next: bool = False) -> list[list[Token]]:
    """Cut an organisation at an inner possessive, before "and <title>", between two companies
    ("... Inc. and Gator Hawk Armor Inc."), and before a glued name."""
    pieces: list[list[Token]] = [[]]
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        possessive = tok.text in ("'s", "’s") and i + 1 < len(tokens) and tokens[i + 1].text[:1].isupper()
        between_companies = tok.lower_ == "and" and i > 0 and tokens[i - 1].text in CORPORATE_SUFFIXES
        if possessive or between_companies:
            pieces.append([])
        elif tok.lower_ == "and" and i + 1 < len(tokens) and tokens[i + 1].lower_ in TITLE_WORDS:
            break
        else:
            pieces[-1].append(tok)
        i += 1
    out = []
    for piece in pieces:
        while piece and piece[0].lower_ in LEADING_DETERMINERS:
            piece = piece[1:]
        if not piece:
            continue
        # "Criminal Division Rita M. Glavin": an organisation followed by a person with an initial
        last_kw = max((k for k, t in enumerate(piece) if t.text in ORG_KEYWORDS), default=None)
        if last_kw is not None and last_kw + 1 < len(piece) and _looks_like_person(piece[last_kw + 1 :]):
            out.append(piece[: last_kw + 1])
            out.append(piece[last_kw + 1 :])
        elif (person_next and piece is pieces[-1] and last_kw is not None
              and 1 <= len(piece) - last_kw - 1 <= 2 and piece[-1].text not in CORPORATE_SUFFIXES):
            out.append(piece[: last_kw + 1])  # "the Civil Division Gregory" + "G. Katsas"
        else:
            out.append(piece)
    return out


def _extend_person(doc: Doc, end: int) -> int:
    """Take in a surname the model left out ("Jorge De Castro" + "Font", "Rosa Emilia" + "Rodriguez-Velez").

    A following capitalised word the model left untagged, or tagged alone as an organisation or place
    without any organisation word ("Rodriguez-Velez" as ORG), is the rest of the name.
    """
    text = doc_text(doc)
    tok = _token_at(doc, end)
    steps = 0
    while tok is not None and steps < 2 and tok.idx - end <= 1:
        txt = tok.text
        if tok.idx > end and text[end:tok.idx] != " ":
            break
        if tok.idx == end and txt == "-" and tok.i + 1 < len(doc) and doc[tok.i + 1].text[:1].isupper():
            nxt = doc[tok.i + 1]
            end = nxt.idx + len(nxt.text)
            tok = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
            continue
        foreign = tok.ent_type_ not in ("", "PERSON")
        if foreign:
            ent = next((e for e in doc_ents(doc) if e.start == tok.i), None)
            if ent is None or len(ent) > 3 or any(t.text in ORG_KEYWORDS for t in ent) or \
                    any(not t.text[:1].isupper() and t.text != "-" for t in ent):
                break
            end = ent.end_char
            steps += 2
            break
        if (txt[:1].isupper() and txt[1:2].islower() and tok.pos_ == "PROPN" and not tok.is_sent_start
                and txt.lower() not in TITLE_WORDS and txt not in ORG_KEYWORDS and tok.ent_type_ == ""):
            end = tok.idx + len(txt)
            steps += 1
            tok = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            continue
        break
    return end


def _token_at(doc: Doc, char: int) -> Token | None:
    """The first token starting at or after `char`."""
    for tok in doc[max(0, _approx_index(doc, char)) :]:
        if tok.idx >= char:
            return tok
    return None


def _approx_index(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand") if char < len(doc_text(doc)) else None
    return span.start if span is not None else len(doc)


def _org_sequences(doc: Doc, headlines: list[tuple[int, int]]) -> list[Mention]:
    """Capitalised runs ("El Salvadoran Civilian National Police") that contain an organisation word."""
    out: list[Mention] = []
    run: list[Token] = []

    def flush(person_next: Token | None = None) -> None:
        pieces: list[list[Token]] = [[]]
        for k, t in enumerate(run):
            # "... Section and Assistant U.S. Attorneys", "... El Salvador and INTERPOL Washington"
            nxt = run[k + 1] if k + 1 < len(run) else None
            if t.lower_ == "and" and nxt is not None and (
                    nxt.lower_ in TITLE_WORDS or nxt.lower_ == "the" or nxt.text.isupper() and len(nxt) > 1
                    or k > 0 and run[k - 1].text in CORPORATE_SUFFIXES):
                pieces.append([])
                continue
            pieces[-1].append(t)
        split: list[list[Token]] = []
        for piece in pieces:
            split.extend(_split_of_the(piece))
        for piece in split:
            _emit(piece, person_next if piece is split[-1] else None)
        run.clear()

    def _emit(piece: list[Token], person_next: Token | None) -> None:
        while piece and (piece[-1].lower_ in NAME_CONNECTORS or piece[-1].text in POSSESSIVES):
            piece.pop()
        while piece and (piece[0].lower_ in NAME_CONNECTORS or piece[0].lower_ in LEADING_DETERMINERS
                         or piece[0].is_sent_start and piece[0].pos_ != "PROPN" and piece[0].text not in ORG_KEYWORDS):
            piece.pop(0)
        piece = _strip_lead_in(piece)
        keywords = [k for k, t in enumerate(piece) if t.text in ORG_KEYWORDS]
        if len(piece) < 2 or not keywords or piece[-1].text in LAWS:
            return
        last = keywords[-1]
        if last + 1 < len(piece) and _looks_like_person(piece[last + 1 :]):
            tail = piece[last + 1 :]
            out.append(Mention(tail[0].idx, tail[-1].idx + len(tail[-1].text), "PERSON", CUE))
            piece = piece[: last + 1]
        if person_next is not None and last + 1 < len(piece) and len(piece) - last - 1 <= 2:
            # "the Refugee Council Enver" + "Solomon": the words after the head word are a first name
            tail = piece[last + 1 :]
            out.append(Mention(tail[0].idx, _ent_end(person_next), "PERSON", CUE))
            piece = piece[: last + 1]
        if len(piece) >= 2:
            out.append(Mention(piece[0].idx, piece[-1].idx + len(piece[-1].text), "ORG", SEQUENCE))

    for tok in doc:
        txt = tok.text
        capital = txt[:1].isupper() or txt.isdigit() and tok.i + 1 < len(doc) and doc[tok.i + 1].text[:1].isupper()
        blocked = "\n" in txt or _in_ranges(tok.idx, headlines)
        if tok.ent_type_ == "PERSON" or blocked:
            flush(tok if tok.ent_type_ == "PERSON" and tok.ent_iob_ == "B" else None)
            continue
        if tok.is_sent_start or txt in ("'s", "’s"):
            flush()
            if txt in ("'s", "’s"):
                continue
        if capital and tok.lower_ != "i" or (run and tok.lower_ in NAME_CONNECTORS) or (
                run and txt == "-" and tok.whitespace_ == ""):
            run.append(tok)
        else:
            flush()
    flush()
    return out


def _split_of_the(piece: list[Token]) -> list[list[Token]]:
    """"Diplomatic Security Office of the U.S. Embassy": two organisations when both sides have a head word."""
    for k in range(1, len(piece) - 2):
        if piece[k].lower_ in ("of", "for") and piece[k + 1].lower_ == "the":
            left, right = piece[:k], piece[k + 2 :]
            if any(t.text in ORG_KEYWORDS for t in left) and any(t.text in ORG_KEYWORDS for t in right):
                return [left, right]
    if len(piece) >= 3 and piece[-2].lower_ in ("of", "for") and piece[-1].text.isupper() and len(piece[-1]) > 1:
        return [piece[:-2], piece[-1:]]  # "Office of International Affairs for ICE"
    return [piece]


def _ent_end(tok: Token) -> int:
    doc = tok.doc
    j = tok.i + 1
    while j < len(doc) and doc[j].ent_iob_ == "I":
        j += 1
    return doc[j - 1].idx + len(doc[j - 1].text)


ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z0-9&.-]{1,12}|\d+[A-Z][A-Za-z0-9]*)\s*\)")


def _acronyms(doc: Doc, mentions: list[Mention], facts: ChunkFacts) -> None:
    """"Internal Revenue Service (IRS)": link the bracketed short form to the name before it."""
    text = doc_text(doc)
    for m in ACRONYM.finditer(text):
        short = m.group(1)
        before_end = m.start()
        # skip "'s " between the name and the bracket ("Enforcement's (ICE)")
        stripped = text[:before_end].rstrip()
        for suffix in POSSESSIVES:
            if stripped.endswith(suffix):
                stripped = stripped[: -len(suffix)]
                break
        name_end = len(stripped)
        prior = [x for x in mentions if x.end == name_end and x.label in ("ORG", "PERSON", "PLACE")]
        if prior:
            best = max(prior, key=lambda x: (x.strength, x.end - x.start))
            if best.label == "PLACE":
                best.label = "ORG"
            facts.links.append(Link(short, text[best.start : best.end], "acronym"))
            mentions.append(Mention(m.start(1), m.end(1), best.label, GAZETTEER))
            continue
        words = list(re.finditer(r"[\w&’'.-]+", stripped[max(0, name_end - 120) :]))
        offset = max(0, name_end - 120)
        letters = [c for c in short if c.isupper()]
        if not words:
            continue
        # lower-case expansion ("durable medical equipment (DME)"): not a name
        if words[-1].group()[:1].islower():
            facts.not_entities.add(short)
            continue
        chosen = _expansion(words, letters)
        if chosen is None:
            continue
        start = offset + chosen.start()
        mentions.append(Mention(start, name_end, "ORG", CUE))
        mentions.append(Mention(m.start(1), m.end(1), "ORG", GAZETTEER))
        facts.links.append(Link(short, text[start:name_end], "acronym"))


def _expansion(words: list[re.Match[str]], letters: list[str]) -> re.Match[str] | None:
    """The word where a capitalised expansion of the acronym's letters starts, if the initials fit."""
    need = len(letters)
    if need < 2:
        return None
    capital_words = 0
    for k in range(len(words) - 1, -1, -1):
        w = words[k].group()
        if w.lower() in NAME_CONNECTORS:
            continue
        if not w[:1].isupper():
            return None
        capital_words += 1
        if capital_words >= need - 1 and w[0] == letters[0]:
            return words[k]
        if capital_words > need + 1:
            return None
    return None


def _aliases(doc: Doc, mentions: list[Mention], facts: ChunkFacts) -> None:
    """"X, aka Y" / "X, also known as Y": Y is another name of the same person."""
    text = doc_text(doc)
    for m in AKA.finditer(text):
        name = NAME_AFTER.match(text, m.end())
        if not name or not name.group(1):
            continue
        a_start, a_end = name.start(1), name.end(1)
        a_end = a_start + len(text[a_start:a_end].rstrip(".,"))
        before = [x for x in mentions if 0 <= m.start() - x.end <= 1 and x.label in ("PERSON", "ORG", "PLACE")]
        if not before:
            # the model missed the first name: take the capitalised words before the cue
            back = re.search(r"((?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'.-]*)\s*$", text[: m.start()])
            if not back:
                continue
            first = Mention(back.start(1), back.end(1), "PERSON", CUE, person_cue=True)
            mentions.append(first)
        else:
            first = max(before, key=lambda x: x.end - x.start)
        if first.label in ("ORG", "PLACE") and first.strength < GAZETTEER:
            first.label, first.person_cue, first.strength = "PERSON", True, CUE
        label = first.label
        for x in mentions:
            if x.start < a_end and a_start < x.end and x.strength < GAZETTEER:
                x.label = "DROP"
        mentions.append(Mention(a_start, a_end, label, CUE, person_cue=label == "PERSON"))
        facts.links.append(Link(text[a_start:a_end], text[first.start : first.end], "aka"))
    mentions[:] = [x for x in mentions if x.label != "DROP"]


def _person_cue(doc: Doc, m: Mention) -> bool:
    """Does the text around a non-person mention say it is a person?"""
    text = doc_text(doc)
    surface = text[m.start : m.end]
    words = surface.split()
    if any(w in ORG_KEYWORDS for w in words) or surface.isupper() or not 2 <= len(words) <= 5:
        return False
    if not all(w[:1].isupper() or w.lower() in ("de", "del", "da", "van", "von", "bin", "al") for w in words):
        return False
    before = text[max(0, m.start - 40) : m.start]
    after = text[m.end : m.end + 30]
    prev_word = re.search(r"([\w.-]+)\s*$", before)
    if prev_word and (prev_word.group(1).lower() in TITLE_WORDS and prev_word.group(1)[:1].isupper()
                      or prev_word.group(1).lower() in ROLE_NOUNS):
        return True
    if re.match(r",\s*\d{1,3}\s*,", after):  # "Lara Coleman, 40,"
        return True
    if re.match(r",?\s*\(?(?:aka|a/k/a|a\.k\.a\.|also known as)\b", after, re.IGNORECASE):
        return True
    return _apposed_to_role(doc, m)


def _apposed_to_role(doc: Doc, m: Mention) -> bool:
    """ "the chairman of the board, Helen Park" / "Helen Park, a spokeswoman": a name in apposition
    with a role noun is a person, whatever the model tagged."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root

    def is_role(tok: Token) -> bool:
        return tok.pos_ == "NOUN" and (tok.lower_ in ROLE_NOUNS or tok.lower_ in TITLE_WORDS)

    if root.dep_ == "appos" and is_role(root.head):
        return True
    return any(child.dep_ == "appos" and is_role(child) for child in root.children)


def _role(doc: Doc, m: Mention) -> str | None:
    """A premodifying title ("Philadelphia Mayor Jim Kenney") or an appositive ("Tom Decker, ERO ... director")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return None
    # premodifiers: capitalised or title words directly before the name
    i = span.start - 1
    first = None
    while i >= 0 and (doc[i].lower_ in TITLE_WORDS or doc[i].text[:1].isupper() and doc[i].ent_type_ != "PERSON"
                      and not doc[i].is_sent_start) and "\n" not in doc[i].text and doc[i].text not in QUOTE_CHARS:
        first = i
        i -= 1
    if first is not None and any(doc[k].lower_ in TITLE_WORDS for k in range(first, span.start)):
        while first < span.start and doc[first].lower_ in LEADING_DETERMINERS:
            first += 1
        return doc[first : span.start].text
    # appositive: ", <phrase with a role noun>," right after the name
    head = span.root
    for child in head.children:
        if child.dep_ == "appos" and child.i > span.end - 1 and (child.lower_ in ROLE_NOUNS
                                                                 or child.lower_ in TITLE_WORDS):
            sub = [t for t in child.subtree if t.i >= span.end and t.text != ","]
            if not sub:
                continue
            first = sub[0].i
            while first < child.i and doc[first].lower_ in LEADING_DETERMINERS:
                first += 1
            # the appositive runs to the next comma, quote mark or the sentence end:
            # "a spokeswoman for Acme Corp." -> "spokeswoman for Acme Corp."
            text = doc_text(doc)
            lo = doc[first].idx
            hi = doc[sentence(doc, first)[1] - 1].idx + len(doc[sentence(doc, first)[1] - 1].text)
            stop = re.search(r"[,;“”\"(]", text[lo:hi])
            role = text[lo : lo + stop.start() if stop else hi].strip()
            last_word = role.rsplit(" ", 1)[-1]
            if role.endswith(".") and not (len(last_word) <= 5 and last_word[:1].isupper()):
                role = role[:-1]
            return role if 0 < len(role) <= 90 else None
    return None


def _merge_acronym_places(doc: Doc, mentions: list[Mention]) -> None:
    """"ERO Washington", "INTERPOL Belgrade": an agency acronym and a place are one field office."""
    text = doc_text(doc)
    places = {(x.start): x for x in mentions if x.label == "PLACE"}
    for x in list(mentions):
        surface = text[x.start : x.end]
        if x.label != "ORG" or not surface.isupper() or " " in surface:
            continue
        gap_end = x.end + 1
        place = places.get(gap_end)
        if place is not None and text[x.end] == " " and text[place.start : place.end][:1].isupper():
            mentions.append(Mention(x.start, place.end, "ORG", GAZETTEER + 1))
            place.label = "DROP_PLACE"
    mentions[:] = [x for x in mentions if x.label != "DROP_PLACE"]


# ---------------------------------------------------------------- document level

@dataclass
class Cluster:
    label: str
    surfaces: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    id: str = ""
    aka: set[str] = field(default_factory=set)  # surfaces given as "aka" aliases: never the name

    @property
    def name(self) -> str:
        """The fullest form: most words, then (people) the first written, (organisations) the longest."""
        pool = [s for s in self.surfaces if s not in self.aka] or self.surfaces
        if self.label == "PERSON":
            return max(pool, key=lambda s: (len(s.split()), -pool.index(s)))
        return max(pool, key=lambda s: (len(s.split()), len(s)))


def fold(s: str) -> str:
    """Accent- and case-insensitive key ("Rodríguez-Vélez" == "Rodriguez-Velez")."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).lower()


def name_parts(name: str) -> list[str]:
    """Surname-like pieces of a full name: last word(s), hyphen halves, multiword surnames."""
    words = [w for w in name.split() if not re.fullmatch(r"[A-Z]\.|Jr\.?|Sr\.?|II|III|IV", w)]
    if len(words) < 2:
        return []
    parts = {words[-1]}
    if len(words) >= 3:
        parts.add(" ".join(words[-2:]))
        if len(words) >= 4:
            parts.add(" ".join(words[-3:]))
    for w in words[1:]:
        if "-" in w:
            parts.update(p for p in w.split("-") if len(p) > 2)
    return [p for p in parts if p[:1].isupper() and p.lower() not in TITLE_WORDS]


def _extends(text: str, outer: Mention, inner: Mention) -> bool:
    """Is outer the inner name plus capitalised words ("ERO" -> "ERO Washington"), not two names?"""
    extra = text[outer.start : inner.start] + " " + text[inner.end : outer.end]
    if "(" in extra or " and " in f" {extra} ":
        return False
    words = extra.replace("-", " ").split()
    inner_text = text[inner.start : inner.end]
    if " " in inner_text and any(w in ORG_KEYWORDS for w in words):
        return False  # "Department of Homeland Security" + "Homeland Security Investigations": two names
    if all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return True
    # "U.S. Attorney's Office" + " for the District of Columbia": a capitalised phrase's own extension
    return outer.strength == SEQUENCE and inner.start == outer.start and words[:1] in (["for"], ["of"])


def select(text: str, mentions: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions, the most trusted (then the longest) first."""
    by_start = sorted(mentions, key=lambda m: (m.start, -m.end))
    for i, m in enumerate(by_start):
        # a longer organisation name around an agency acronym ("ERO Washington", "ICE Forensic
        # Document Laboratory") is the better reading
        if m.label != "ORG" or m.strength >= GAZETTEER:
            continue
        j = i + 1
        while j < len(by_start) and by_start[j].start < m.end:
            o = by_start[j]
            if o.label == "ORG" and o.end <= m.end and (o.end - o.start) < (m.end - m.start) and _extends(text, m, o):
                m.strength = GAZETTEER
                break
            j += 1
    ordered = sorted(mentions, key=lambda m: (-m.strength, -(m.end - m.start), m.start))
    occupied = bytearray(max((m.end for m in mentions), default=0) + 1)
    chosen = []
    for m in ordered:
        if any(occupied[m.start : m.end]):
            continue
        occupied[m.start : m.end] = b"\x01" * (m.end - m.start)
        chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)


def deaccent(s: str) -> str:
    """The same string with accents dropped, one character for one ("Vélez" -> "Velez")."""
    if s.isascii():
        return s
    return "".join(unicodedata.normalize("NFKD", c)[0] if not c.isascii() else c for c in s)


def propagate(text: str, mentions: list[Mention], surfaces: dict[str, str]) -> list[Mention]:
    """Every further word-bounded occurrence of a known name (accents ignored).

    An occurrence inside another mention is skipped, except that a known multi-word name replaces
    model mentions it covers ("the District of Puerto Rico Rosa" + "Rodríguez-Vélez").
    """
    import bisect

    folded = deaccent(text)
    by_first: dict[str, list[tuple[str, str]]] = {}
    for surface, label in surfaces.items():
        key = deaccent(surface)
        first = re.match(r"[\w.&’'-]+", key)
        if first:
            by_first.setdefault(first.group(), []).append((key, label))
    for lst in by_first.values():
        lst.sort(key=lambda x: len(x[0]), reverse=True)
    mentions = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in mentions]
    added: list[Mention] = []
    replaced: set[int] = set()
    covered_to = 0  # end of the last added mention: the scan goes left to right
    for word in re.finditer(r"(?<![\w’'-])[\w.&’'-]+", folded):
        if word.start() < covered_to:
            continue
        w = word.group()
        cands = by_first.get(w)
        if not cands:
            for suffix in ("’s", "'s", "’", "'", "."):
                if w.endswith(suffix) and by_first.get(w[: -len(suffix)]):
                    cands = by_first[w[: -len(suffix)]]
                    break
            if not cands:
                continue
        pos = word.start()
        for key, label in cands:
            end = pos + len(key)
            if folded[pos:end] != key or (end < len(text) and (text[end].isalnum() or text[end] == "-")):
                continue
            k = bisect.bisect_right(starts, end - 1)
            hits = [i for i in range(max(0, k - 4), k) if mentions[i].start < end and pos < mentions[i].end]
            if hits:
                inside = all(pos <= mentions[i].start and mentions[i].end <= end
                             and (mentions[i].strength <= MODEL or mentions[i].label == label)
                             and (mentions[i].end - mentions[i].start) < end - pos for i in hits)
                if not (inside and " " in key):
                    break
                replaced.update(hits)
            added.append(Mention(pos, end, label, MODEL))
            covered_to = end
            break
    kept = [m for i, m in enumerate(mentions) if i not in replaced]
    return sorted(kept + added, key=lambda m: m.start)


GENERIC_ORG_WORDS = frozenset({"Government", "Federal", "State", "National", "the", "The"})


def _generic(surface: str) -> bool:
    """"Department", "Federal Government": a head word alone names no particular organisation."""
    return all(w in ORG_KEYWORDS or w in GENERIC_ORG_WORDS for w in surface.split())


def consolidate(text: str, mentions: list[Mention], links: list[Link], not_entities: set[str],
                blocked: list[tuple[int, int]], place_votes: dict[str, int] | None = None,
                ) -> tuple[list[Mention], list[Cluster], dict[tuple[int, int], int]]:
    """Resolve overlaps, vote labels, tag repeats, cluster. Returns mentions, clusters, span -> cluster."""
    mentions = [m for m in mentions if text[m.start : m.end] not in not_entities and not _inside(m, blocked)
                and not (m.label == "ORG" and m.strength < GAZETTEER and _generic(text[m.start : m.end]))]
    # the model's label for a surface is voted: "United States" tagged ORG once and GPE four times is a place
    place_votes = place_votes or {}
    org_votes: dict[str, int] = {}
    for m in mentions:
        if m.label == "ORG" and m.strength <= MODEL:
            org_votes[text[m.start : m.end]] = org_votes.get(text[m.start : m.end], 0) + 1
    mentions = [m for m in mentions if not (m.label == "ORG" and m.strength <= MODEL and place_votes.get(
        text[m.start : m.end], 0) > org_votes[text[m.start : m.end]])]
    mentions = select(text, mentions)
    # "Barrday Inc." makes "Barrday" the company, whatever the model said
    stems = {}
    for m in mentions:
        if m.label == "ORG":
            stem = corporate_stem(text[m.start : m.end])
            if stem:
                stems[stem] = text[m.start : m.end]
    for m in mentions:
        if m.label == "PERSON" and m.strength < GAZETTEER and text[m.start : m.end] in stems:
            m.label = "ORG"
    # label vote: a piece of a known full person name is that person
    full_people = {text[m.start : m.end] for m in mentions
                   if m.label == "PERSON" and len(text[m.start : m.end].split()) >= 2}
    parts = {p for name in full_people for p in name_parts(name)}
    folded_parts = {deaccent(p) for p in parts}
    person_surfaces = {text[m.start : m.end] for m in mentions if m.label == "PERSON"}
    for m in mentions:
        surface = text[m.start : m.end]
        if m.label in ("ORG", "PLACE") and m.strength < GAZETTEER and (
                deaccent(surface) in folded_parts or (surface in person_surfaces and m.strength <= MODEL)):
            m.label = "PERSON"
    surfaces: dict[str, str] = {}
    for m in mentions:
        surface = text[m.start : m.end]
        if m.label not in ("PERSON", "ORG"):
            continue
        if len(surface.split()) >= 2 or m.strength >= CUE or (surface.isupper() and len(surface) >= 2):
            surfaces.setdefault(surface, m.label)
    for p in parts:
        surfaces.setdefault(p, "PERSON")
    for stem in stems:
        surfaces[stem] = "ORG"
    for link in links:
        label = surfaces.get(link.long)
        if label:
            surfaces.setdefault(link.short, label)
    for ne in not_entities:
        surfaces.pop(ne, None)
    strong = {text[m.start : m.end] for m in mentions if m.strength > MODEL}
    for surface in [s for s, label in surfaces.items()
                    if label == "ORG" and s not in strong and place_votes.get(s, 0) > org_votes.get(s, 0)]:
        surfaces.pop(surface)
    mentions = propagate(text, mentions, surfaces)
    mentions = [m for m in mentions if not _inside(m, blocked)]
    clusters, index = cluster(text, mentions, links)
    return mentions, clusters, index


CORPORATE_TAIL = re.compile(r",?\s+(?:and\s+)?(?:" + "|".join(re.escape(x) for x in CORPORATE_SUFFIXES) + r")$")


def corporate_stem(surface: str) -> str | None:
    """"Tyson Foods Inc." -> "Tyson Foods", "Eli Lilly and Company" -> "Eli Lilly"."""
    m = CORPORATE_TAIL.search(surface)
    if not m or m.start() == 0:
        return None
    return surface[: m.start()]


def _inside(m: Mention, blocked: list[tuple[int, int]]) -> bool:
    """Is the mention inside one of the sorted, non-overlapping blocked ranges?"""
    import bisect

    k = bisect.bisect_right(blocked, (m.start, float("inf"))) - 1
    return k >= 0 and blocked[k][0] <= m.start and m.end <= blocked[k][1]


def cluster(text: str, mentions: list[Mention], links: list[Link]) -> tuple[list[Cluster], dict[tuple[int, int], int]]:
    """Group PERSON and ORG mentions into entities, in order of first mention."""
    parent: dict[str, str] = {}

    def key(label: str, surface: str) -> str:
        return f"{label}|{fold(surface)}"

    def find(k: str) -> str:
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb

    people = [m for m in mentions if m.label == "PERSON"]
    orgs = [m for m in mentions if m.label == "ORG"]
    full = []
    for m in people:
        s = text[m.start : m.end]
        find(key("PERSON", s))
        if len(s.split()) >= 2:
            full.append((m.start, s))
    # surname / part mentions join the nearest preceding full name that contains them
    owners_of: dict[str, list[tuple[int, str]]] = {}
    for pos, f in full:
        words = fold(f).split()
        for p in name_parts(f):
            owners_of.setdefault(deaccent(p), []).append((pos, f))
        owners_of.setdefault(f"{words[0]}|{words[-1]}", []).append((pos, f))
    for m in people:
        s = text[m.start : m.end]
        words = fold(s).split()
        owners = [(pos, f) for pos, f in owners_of.get(deaccent(s), []) if f != s]
        if len(words) >= 2:
            owners += [(pos, f) for pos, f in owners_of.get(f"{words[0]}|{words[-1]}", []) if _subname(s, f)]
        if owners:
            before = [o for o in owners if o[0] <= m.start]
            pos, f = max(before) if before else min(owners)
            union(key("PERSON", s), key("PERSON", f))
    org_surfaces = {text[m.start : m.end] for m in orgs}
    for s in org_surfaces:
        find(key("ORG", s))
        for prefix in COUNTRY_PREFIXES:
            if s.startswith(prefix) and s[len(prefix) :] in org_surfaces:
                union(key("ORG", s[len(prefix) :]), key("ORG", s))
        stem = corporate_stem(s)
        if stem and stem in org_surfaces:
            union(key("ORG", stem), key("ORG", s))
        if "-" in s:
            tail = s.split("-", 1)[1]
            if tail in org_surfaces:
                union(key("ORG", tail), key("ORG", s))
    for link in links:
        for label in ("PERSON", "ORG"):
            a, b = key(label, link.short), key(label, link.long)
            if a in parent and b in parent:
                union(a, b)
    for agency in agencies():
        present = [n for n in [*agency.names, agency.acronym or ""] if n in org_surfaces]
        for n in present[1:]:
            union(key("ORG", n), key("ORG", present[0]))
    aka_aliases = {link.short for link in links if link.kind == "aka"}
    clusters: dict[str, Cluster] = {}
    position: dict[str, int] = {}
    index: dict[tuple[int, int], int] = {}
    order: list[Cluster] = []
    for m in sorted(people + orgs, key=lambda m: m.start):
        s = text[m.start : m.end]
        root = find(key(m.label, s))
        c = clusters.get(root)
        if c is None:
            c = clusters[root] = Cluster(m.label)
            position[root] = len(order)
            order.append(c)
        if s not in c.surfaces:
            c.surfaces.append(s)
            if s in aka_aliases:
                c.aka.add(s)
        c.mentions.append((m.start, m.end))
        if m.role and m.role not in c.roles:
            c.roles.append(m.role)
        index[(m.start, m.end)] = position[root]
    for i, c in enumerate(order):
        c.id = f"e{i + 1}"
    return order, index


def _subname(short: str, full: str) -> bool:
    """"Melvin Lazo-Sanchez" inside "Melvin Noe Lazo-Sanchez": same first and last word."""
    a, b = fold(short).split(), fold(full).split()
    return len(a) >= 2 and len(b) > len(a) and a[0] == b[0] and a[-1] == b[-1]
