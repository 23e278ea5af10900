"""People and organisations, chunk level: correct the model's entities (the `reader_entities` component).

Chunk level (the `reader_entities` spaCy component): clean the model's spans (no leading "the", no
possessive, no glued quote mark, no headline words), split organisations glued by a possessive
("Criminal Division's Fraud Section"), add organisations from a curated agency list and from
capitalised phrases with an organisation head word, recover people the model tagged as places or
organisations when the text gives a person cue (title, age, "aka", a role noun), read acronym
definitions and aliases, and take roles from premodifying titles and appositives. Laws, non-entities
(events, awards, works, storms ...) and credit lines are sorted out here too.

The document level (label vote, repeats, clustering) is `resolve/entities.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from reader.nlp import lexicons
from reader.nlp.candidates import CUE, GAZETTEER, MODEL, SEQUENCE, ChunkFacts, Link, Mention
from reader.nlp.docutil import doc_ents, doc_text, sentence
from reader.nlp.laws import find_laws
from reader.nlp.lexicon import NAME_CONNECTORS, ORG_KEYWORDS, QUOTE_CHARS, ROLE_NOUNS, TITLE_WORDS
from reader.nlp.names import starts_with_first_name
from reader.nlp.nonentities import lexicon, non_entity

if TYPE_CHECKING:
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
BIRTH_NAME = re.compile(r"(?<![\w.])((?:[A-Z][a-z][\w'’-]*\s+)(?:[A-Z]\.\s+|[A-Z][a-z][\w'’-]*\s+){0,2}"
                        r"[A-Z][a-z][\w'’-]*)\s*\((?:born\b|b\.\s|c\.\s*\d|\d{3,4}\s*[–-]\s*\d{2,4}\))")
_CREDIT_NAME = r"(?:[A-Z][a-z][\w'’-]* )(?:[A-Z]\. )?(?:[A-Z][a-z][\w'’-]* )?[A-Z][a-z][\w'’-]*"
CREDIT = re.compile(r"(?<![\w/])(?!(?:The|A|An|This|That|These|In|On|At|For|And|But|Of|To|By) )"
                    rf"({_CREDIT_NAME}) ?/ ?([A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*){{0,3}})(?![\w/])")
CREDIT_CUE = re.compile(r"\b(?:photo|photograph|image|picture|credit|video|illustration)s?\b[^\n]*$", re.IGNORECASE)
PARTY = re.compile(r"(?<![\w-])(?:[A-Z][a-z]+ ){1,2}party\b")
# two authors or "et al." before a year in brackets; one capitalised word before a year is as often a
# place, a team or a work ("Italy (1821)", "Pirates (2012)")
CITATION = re.compile(r"(?<![\w.])([A-Z][a-z][\w'’-]+)(?: and ([A-Z][a-z][\w'’-]+)| et al\.) "
                      r"\((?:1[89]|20)\d\d[a-z]?\)")
BIRTH_CUE = re.compile(r"\s*\((?:born\b|b\.\s|née\b|died\b|d\.\s|c\.\s*\d|\d{3,4}\s*[–-]\s*\d{2,4}\))")
COUNTRY_PREFIXES = ("U.S. ", "US ", "United States ", "U.K. ", "UK ", "United Kingdom ")


# ---------------------------------------------------------------- gazetteer

@dataclass
class Agency:
    group: str
    names: list[str]
    acronym: str | None


@lru_cache(maxsize=1)
def agencies() -> tuple[Agency, ...]:
    """Agencies and courts (lexicons/agencies.jsonl) and well-known organisations (organisations.jsonl)."""
    curated = [Agency(row["pattern"], [row["pattern"], *row.get("variants", [])], row.get("acronym"))
               for row in lexicons.read("agencies")]
    return (*curated, *(Agency(row["name"], [row["name"]], None) for row in lexicons.read("organisations")))


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
        if label is None and ent.label_ in ("WORK_OF_ART", "EVENT", "PRODUCT"):
            mentions.extend(_person_of_org(doc, ent))  # "Isabel Ruiz of Heaven Sent Gaming" as a title
            continue
        if label is None or _in_ranges(ent.start_char, headlines):
            continue
        for piece in _line_pieces(ent):  # "Brock Holt\n\nHolt": one candidate per line
            mentions.extend(_clean_entity(doc, piece, label))
    # 3. capitalised phrases headed by an organisation word; laws and citations (never organisations)
    mentions.extend(_org_sequences(doc, headlines))
    mentions.extend(Mention(a, b, "LAW", GAZETTEER) for a, b in find_laws(text))
    # "the Republican party": a party named by its capitalised adjective, the head word in lower case
    mentions.extend(Mention(p.start(), p.end(), "ORG", SEQUENCE) for p in PARTY.finditer(text)
                    if not _in_ranges(p.start(), headlines))
    # "Cruse and Croft (2004)": authors cited by surname and year are people
    for cited in CITATION.finditer(text):
        for k in (1, 2):
            if cited.group(k):
                mentions.append(Mention(cited.start(k), cited.end(k), "PERSON", CUE, person_cue=True))
    # 4. acronym definitions and aka aliases
    _acronyms(doc, mentions, facts)
    _aliases(doc, mentions, facts)
    # 5. "Lara Coleman, 40,": a name followed by an age is a person even when the model missed it
    for cue in [*AGE_CUE.finditer(text), *BIRTH_NAME.finditer(text)]:
        if not _in_ranges(cue.start(1), headlines):
            mentions.append(Mention(cue.start(1), cue.end(1), "PERSON", CUE, person_cue=True))
    # "Anna Berg/Reuters": a credit line is a person and an organisation, never one person
    for credit in CREDIT.finditer(text):
        if not (starts_with_first_name(credit.group(1))
                or CREDIT_CUE.search(text[max(0, credit.start() - 25) : credit.start()])):
            continue
        mentions[:] = [x for x in mentions if not (x.start < credit.end() and credit.start() < x.end
                                                   and x.strength < GAZETTEER)]
        mentions.append(Mention(credit.start(1), credit.end(1), "PERSON", CUE, person_cue=True))
        mentions.append(Mention(credit.start(2), credit.end(2), "ORG", CUE))
    # 6. persons the model called something else, and roles
    for m in mentions:
        if m.label in ("ORG", "PLACE", "NORP") and m.strength < GAZETTEER and _person_cue(doc, m):
            m.label, m.person_cue, m.strength = "PERSON", True, CUE
        elif m.label == "ORG" and m.strength <= SEQUENCE and starts_with_first_name(text[m.start : m.end]):
            m.label = "PERSON"  # "Noam Chomsky" tagged ORG: a given name and a capitalised word
        elif m.label == "PERSON" and not m.person_cue and acronym(text[m.start : m.end]):
            m.label = "ORG"  # "DAB", "M5S": an acronym names an organisation, not a person
    mentions = _drop_non_entities(text, mentions, facts)
    _merge_acronym_places(doc, mentions)
    for m in mentions:
        if m.label == "PERSON":
            # strip the title first, so the role is the whole premodifier: "U.S. District Judge", not
            # "U.S. District" with "Judge" left inside the name
            given = m.role
            _strip_title(text, m)
            m.role = given or _role(doc, m) or m.role
    facts.mentions.extend(m for m in mentions if m.label != "NORP" and m.end > m.start
                          and not (m.label == "PERSON" and _only_role_words(text[m.start : m.end])))


def _date_mention(text: str, tokens: list[Token]) -> list[Mention]:
    """A date keeps its lower-case words ("last week", "two days ago"); only edges are trimmed."""
    if not tokens:
        return []
    start, end = _trim_chars(text, tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
    return [Mention(start, end, "DATE", MODEL)] if start < end else []


def _titled_person(tokens: list[Token]) -> tuple[list[Token], list[Token]] | None:
    """(title, name) when the phrase is title words then a person's name ("Constable Brenden Power")."""
    last_title = max((k for k, t in enumerate(tokens) if t.text[:1].isupper() and _is_title(t.lower_)), default=None)
    if last_title is None or last_title + 1 >= len(tokens):
        return None
    name = tokens[last_title + 1 :]
    if any(t.text in ORG_KEYWORDS for t in tokens) or not _looks_like_person(name):
        return None
    return tokens[: last_title + 1], name


def _is_title(word: str) -> bool:
    return word in TITLE_WORDS or word.rstrip("s") in TITLE_WORDS or word in ("constable", "trooper", "inspector")


def _person_of_org(doc: Doc, ent: Span) -> list[Mention]:
    """"<given name> <surname> of <Organisation>" the model took for a title: a person and an organisation."""
    tokens = list(ent)
    of = next((k for k, t in enumerate(tokens) if t.lower_ == "of"), None)
    if of is None or not _looks_like_person(tokens[:of]) or of + 1 >= len(tokens):
        return []
    rest = tokens[of + 1 :]
    while rest and rest[0].lower_ in LEADING_DETERMINERS:
        rest = rest[1:]
    out = [Mention(tokens[0].idx, tokens[of - 1].idx + len(tokens[of - 1].text), "PERSON", CUE, person_cue=True)]
    if rest and all(t.text[:1].isupper() or t.lower_ in NAME_CONNECTORS for t in rest):
        out.append(Mention(rest[0].idx, rest[-1].idx + len(rest[-1].text), "ORG", SEQUENCE))
    return out


def _line_pieces(ent: Span) -> list[Span]:
    """The parts of an entity on either side of its line breaks (a name never runs over a line)."""
    if "\n" not in ent.text:
        return [ent]
    pieces, start = [], ent.start
    for tok in ent:
        if "\n" in tok.text:
            if tok.i > start:
                pieces.append(ent.doc[start : tok.i])
            start = tok.i + 1
    if start < ent.end:
        pieces.append(ent.doc[start : ent.end])
    return pieces


def _only_role_words(surface: str) -> bool:
    """"Justice", "Counselor", "Professors", "Jr": a title or role alone names nobody."""
    words = [w.lower().rstrip(".") for w in surface.split()]
    return all(w in TITLE_WORDS or w + "." in TITLE_WORDS or w.rstrip("s") in ROLE_NOUNS or w in ROLE_NOUNS
               or w in ("jr", "sr", "counselor", "counsel") for w in words)


def acronym(surface: str) -> bool:
    """"DAB", "M5S", "UAAR": capitals (and digits), no dot, no space; never a person's name."""
    return 2 <= len(surface) <= 6 and surface.isupper() and surface.isalnum()


def _drop_non_entities(text: str, mentions: list[Mention], facts: ChunkFacts) -> list[Mention]:
    """Events, awards, works, buildings, storms, vehicles ... are neither people nor organisations.

    A name given by a lead word ("Cyclone X", "the spacecraft X") is remembered for the whole document,
    so its later bare mentions go too.
    """
    kept = []
    for m in mentions:
        kind = non_entity(text, m.start, m.end, m.label) if m.label in ("PERSON", "ORG") and (
            m.strength < GAZETTEER) else None
        if kind is None:
            kept.append(m)
            continue
        if kind in ("storm", "vehicle", "product", "work"):
            words = text[m.start : m.end].split()
            facts.not_entities.add(" ".join(words))
            if len(words) > 1 and words[0].lower() in lexicon().leads:
                facts.not_entities.add(" ".join(words[1:]))
    return kept


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
    while end > start and (text[end - 1].isspace() or text[end - 1] in QUOTE_CHARS + ",;:)-–—"):
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
    if label == "DATE":
        return _date_mention(text, tokens)
    if not tokens or tokens[0].text[:1].islower() or any(t.lower_ == "v." for t in tokens):
        return []  # "et al.", case names ("Vicente v. Eli Lilly")
    if label in ("PERSON", "ORG") and not role_tokens and not any(
            t.pos_ == "PROPN" or t.text.isupper() and len(t) > 1 for t in tokens):
        return []  # "Cheaper", "Underground": capitalised common words, not names
    if label == "ORG" and len(tokens) == 1 and tokens[0].tag_ == "NNPS":
        return []  # "Nazarenes", "Olsens": a group of people, not an organisation
    verb = next((k for k, t in enumerate(tokens) if k and t.text.islower() and (t.pos_ in ("VERB", "AUX")
                                                                              or t.lower_ == "as")), None)
    if verb is not None:
        tokens = tokens[:verb]  # "Byron composed Thyrza", "House of Wax as Wade": a name stops at a verb
    if label == "PERSON" and (any(c.isdigit() for t in tokens for c in t.text)
                              or len(tokens) == 1 and tokens[0].text in ORG_KEYWORDS):
        return []  # "G8", "Secretariat"
    if label == "ORG" and tokens[-1].text in LAWS:
        return []  # "the Clean Water Act" is a law, not an organisation
    after = doc[ent.end] if ent.end < len(doc) else None
    if (label == "ORG" and after is not None and after.text[:1].isupper() and after.lower_ in TITLE_WORDS
            and not any(t.text in ORG_KEYWORDS or t.text.isupper() for t in tokens)):
        return []  # "Shadow Home Secretary Yvette Cooper": part of a title, not an organisation
    if label in ("ORG", "PLACE"):
        titled = _titled_person(tokens)
        if titled is not None:  # "Trial Attorneys Ivana Nizich": a title and a name, not an organisation
            tokens, role_tokens, label = titled[1], titled[0], "PERSON"
        elif label == "PLACE" and tokens[-1].text in ORG_KEYWORDS and len(tokens) > 1:
            label = "ORG"  # "San Mateo County Sheriff's Office": a place's office is an organisation
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
    """Two to four words with an initial ("Rita M. Glavin") or led by a given name ("Alia Salem")."""
    if not 2 <= len(tokens) <= 4 or any(t.text in ORG_KEYWORDS for t in tokens):
        return False
    return any(re.fullmatch(r"[A-Z]\.", t.text) for t in tokens) or starts_with_first_name(
        " ".join(t.text for t in tokens))


CORPORATE_SUFFIXES = ("Inc.", "Inc", "LLC", "L.L.C.", "Co.", "Corp.", "Corporation", "Ltd.", "Ltd", "LLP",
                      "L.P.", "PLC", "plc", "Company", "Incorporated", "GmbH", "S.A.", "AG")


def _split_org(tokens: list[Token], person_next: bool = False) -> list[list[Token]]:
    """Cut an organisation at an inner possessive, before "and <title>", between two companies
    ("... Inc. and Gator Hawk Armor Inc."), and before a glued name."""
    pieces: list[list[Token]] = [[]]
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        # "Criminal Division's Fraud Section" is two organisations; "the County Sheriff's Office" one
        possessive = (tok.text in ("'s", "’s") and i + 1 < len(tokens) and tokens[i + 1].text[:1].isupper()
                      and not (i + 2 == len(tokens) and tokens[i + 1].text in ORG_KEYWORDS))
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
        prior = [x for x in mentions if x.end == name_end and x.label in ("ORG", "PERSON", "PLACE", "LAW")]
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
    replaced: set[int] = set()  # ids of model mentions the alias replaces
    for m in AKA.finditer(text):
        name = NAME_AFTER.match(text, m.end())
        if not name or not name.group(1):
            continue
        a_start, a_end = name.start(1), name.end(1)
        a_end = a_start + len(text[a_start:a_end].rstrip(".,"))
        before = [x for x in mentions if 0 <= m.start() - x.end <= 1 and x.label in ("PERSON", "ORG", "PLACE")
                  and id(x) not in replaced]
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
                replaced.add(id(x))
        mentions.append(Mention(a_start, a_end, label, CUE, person_cue=label == "PERSON"))
        facts.links.append(Link(text[a_start:a_end], text[first.start : first.end], "aka"))
    mentions[:] = [x for x in mentions if id(x) not in replaced]


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
    if BIRTH_CUE.match(after):  # "Lena Park (born 4 May 1970)", "Olaf Berg (1901–1977)"
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
    merged: set[int] = set()  # ids of places now inside a field office's name
    for x in list(mentions):
        surface = text[x.start : x.end]
        if x.label != "ORG" or not surface.isupper() or " " in surface:
            continue
        gap_end = x.end + 1
        place = places.get(gap_end)
        if place is not None and text[x.end] == " " and text[place.start : place.end][:1].isupper():
            # as trusted as the acronym and longer, so it wins every overlap with it
            mentions.append(Mention(x.start, place.end, "ORG", GAZETTEER))
            merged.add(id(place))
    mentions[:] = [x for x in mentions if id(x) not in merged]
