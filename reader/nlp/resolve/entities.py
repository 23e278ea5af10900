"""Entities over the whole document: resolve overlaps, vote one label per name, tag repeats of known
names, cluster mentions into entities (surname and full name, first name, aka alias, acronym and
expansion, "U.S. X" and "X"), and what the text says of a person's gender.

The input is every chunk's mention candidates (`candidates.Mention`, document offsets); the inputs
are not changed (the vote works on copies).
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from reader.nlp.candidates import CUE, GAZETTEER, MODEL, SEQUENCE, Link, Mention
from reader.nlp.entities import CORPORATE_SUFFIXES, COUNTRY_PREFIXES, acronym, agencies
from reader.nlp.lexicon import ORG_KEYWORDS, TITLE_WORDS
from reader.nlp.names import first_names, gender_of_name, is_ambiguous_given_name
from reader.nlp.nonentities import names_a_thing


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
    return [p for p in parts if p[:1].isupper() and p.lower() not in TITLE_WORDS and not acronym(p)]


def _common_word(surface: str, m: Mention, lower_words: set[str], name_parts: set[str]) -> bool:
    """A model-only one-word name that the same text also uses as a lower-case word (and that is no
    part of a person's full name)."""
    return (m.strength <= MODEL and m.label in ("PERSON", "ORG") and surface.istitle() and surface.isalpha()
            and surface.lower() in lower_words and deaccent(surface) not in name_parts)


def unique_given_names(full_names: Iterable[str]) -> set[str]:
    """First names that are known given names and begin exactly one of the full names ("Isabel" for
    "Isabel Ruiz"): alone in the text they name that person."""
    owners: dict[str, set[str]] = {}
    for name in full_names:
        first = name.split()[0]
        if gender_of_name(name) is not None or first in first_names():
            owners.setdefault(first, set()).add(fold(name))
    return {first for first, names in owners.items() if len(names) == 1 and not is_ambiguous_given_name(first)}


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
    """Resolve overlaps, vote labels, tag repeats, cluster. Returns mentions, clusters, span -> cluster.

    The inputs are left as they are: the vote works on copies of the mentions.
    """
    mentions = [copy.copy(m) for m in mentions]
    # a name the text defines as a thing somewhere ("X is a spacecraft") is that thing everywhere
    things = {s for s in {text[m.start : m.end] for m in mentions if m.strength < GAZETTEER} if names_a_thing(text, s)}
    not_entities = not_entities | things
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
    parts = {p for name in full_people for p in name_parts(name)} | unique_given_names(full_people)
    folded_parts = {deaccent(p) for p in parts}
    # one label per name: the mentions of a surface vote, a mention the text gives a cue for (title,
    # age, acronym definition, organisation head word) weighing more than the model's guess
    votes: dict[str, dict[str, int]] = {}
    for m in mentions:
        if m.label in ("PERSON", "ORG"):
            tally = votes.setdefault(text[m.start : m.end], {"PERSON": 0, "ORG": 0})
            tally[m.label] += 1 if m.strength <= MODEL else 3
    for m in mentions:
        surface = text[m.start : m.end]
        if m.strength >= GAZETTEER:
            continue
        if m.label in ("ORG", "PLACE") and deaccent(surface) in folded_parts:
            m.label = "PERSON"
        elif m.label in ("PERSON", "ORG") and m.strength <= MODEL and surface in votes:
            tally = votes[surface]
            if tally["PERSON"] != tally["ORG"]:
                m.label = "PERSON" if tally["PERSON"] > tally["ORG"] else "ORG"
            elif tally["PERSON"]:
                m.label = "PERSON"  # a tie keeps the person reading, as before
    # "Rank", "Underground": a single capitalised word the text also writes in lower case is a word
    lower_words = set(re.findall(r"(?<![\w'’-])[a-z][\w'’-]*", text))
    mentions = [m for m in mentions if not _common_word(text[m.start : m.end], m, lower_words, folded_parts)]
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
    # a first name alone ("Lena") joins the one person whose full name starts with it; with two such
    # people in the text it stays apart, since the reader cannot tell which is meant
    by_first: dict[str, set[str]] = {}
    for _, f in full:
        first = f.split()[0]
        if not re.fullmatch(r"[A-Z]\.", first):
            by_first.setdefault(fold(first), set()).add(find(key("PERSON", f)))
    for m in people:
        s = text[m.start : m.end]
        roots = by_first.get(fold(s), set()) if " " not in s else set()
        if len(roots) == 1 and find(key("PERSON", s)) == key("PERSON", s):
            union(key("PERSON", s), next(iter(roots)))
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


_FEMALE = re.compile(r"\b(?:mrs|ms|miss|lady|dame|madam|sister|mother|queen|congresswoman|councilwoman|"
                     r"chairwoman|spokeswoman|businesswoman|actress|wife|daughter|aunt|niece)\b\.?", re.I)
_MALE = re.compile(r"\b(?:mr|sir|lord|brother|father|king|congressman|councilman|chairman|spokesman|"
                   r"businessman|husband|son|uncle|nephew)\b\.?", re.I)


def gender_of(roles: Iterable[str], name: str = "") -> str | None:
    """"female" or "male" when the person's own titles or role nouns say so and agree, else when the
    first name is a given name of one gender; None when nothing says."""
    text = " ".join(roles)
    female, male = bool(_FEMALE.search(text)), bool(_MALE.search(text))
    if female == male:
        return None if female else gender_of_name(name)
    return "female" if female else "male"
