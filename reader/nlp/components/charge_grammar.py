"""Offence phrases read from the sentence: after a charge cue, as a penalty's subject, or by their head.

A charge cue ("charged with", "pleaded guilty to", "convicted of", "counts of", "his role in", ...) is
followed by the offence: a gerund phrase ("defrauding the Medicare program") or a noun phrase
("honest services wire fraud") with the complements that belong to its name ("conspiracy to commit
arson", "possession of a firearm in furtherance of ...") up to the clause boundary. Purpose, manner,
time and place adjuncts ("by billing ...", "in order to", "from 2003 through 2007", "in federal
court"), relative clauses and statute citations stay out; coordinated offences are split into one
phrase each, while modifiers or verbs sharing one head or object stay together ("bank and wire fraud",
"harvesting and selling striped bass"). Outside cues, an offence is recognised by a lexicon head
("fraud", "violation" of a named law) with its modifiers; a bare head that names an event or a scheme
("the murder took place", "during the conspiracy") is not a charge.

Headlines are title-cased, so in a title line words are read by their lower case and endings, not
by the tagger's guesses.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from reader.nlp.docutil import mention_label
from reader.nlp.offence_lexicon import OffenceLexicon, lemma

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PLEA_VERBS = frozenset({"pleaded", "pled", "pleads", "plead", "pleading"})
# Nouns that are not offences: what is said about charges, not their names.
GENERIC = frozenset({
    "charge", "count", "crime", "offense", "offence", "violation", "role", "part", "scheme", "conduct",
    "activity", "allegation", "indictment", "information", "complaint", "case", "wrongdoing", "act", "action",
    "involvement", "participation", "connection", "incident", "matter", "plot", "plan", "felony",
    "misdemeanor", "misdemeanour", "scam", "operation", "conspiracy", "death", "behalf", "court", "effort",
    "one", "all", "each", "both", "that", "this", "it", "them", "him", "her", "his", "their",
})
# Nouns after an offence head that make it a modifier of something else ("fraud scheme", "fraud unit").
COUNT_NOUNS = frozenset({"charge", "count", "conviction", "offense", "offence", "case", "indictment", "allegation",
                         "investigation", "probe", "trial", "prosecution", "sentence", "plea", "arrest"})
DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "his", "her", "their", "our", "whose"})
# Verbs whose object names an offence as such ("committed fraud"), not a description of an act.
OFFENCE_OBJECT_VERBS = frozenset({"commit", "committed", "commits", "committing", "perpetrate", "perpetrated",
                                  "face", "faces", "facing", "faced", "include", "includes", "included", "including",
                                  "admit", "admitted", "admits", "deny", "denied", "denies", "investigate",
                                  "investigated", "investigating", "prosecute", "prosecuted", "prosecuting",
                                  "combat", "combating", "fight", "fighting", "prevent", "preventing", "charge",
                                  "charged", "charges", "allege", "alleged", "alleges"})
DETERMINERS = frozenset({"the", "this", "that", "these", "those", "its", "his", "her", "their", "our", "a", "an",
                         "such", "any", "no", "whose"})
# Gerunds that introduce the offence rather than name it ("participating in the conspiracy to ...").
LEAD_GERUNDS = frozenset({"participating", "engaging", "being", "having", "playing", "joining", "relating",
                          "related", "stemming", "arising", "connected"})
SKIP_PREFIX = frozenset({"a", "an", "the", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                         "ten", "each", "all", "both", "single", "count", "counts", "charge", "charges", "of",
                         "his", "her", "their", "its", "multiple", "several", "numerous", "additional", "total",
                         "separate", "related", "other", "individual", "respective", "and", "for"})
# Prepositions that always end an offence phrase (adjuncts of time, place, manner, reason).
STOP_PREPS = frozenset({"by", "at", "before", "after", "since", "until", "because", "as", "under", "via",
                        "while", "when", "whereby", "upon", "including", "involving", "during", "despite",
                        "among", "amongst", "around", "near", "per", "within", "without", "throughout", "like",
                        "concerning", "regarding", "following", "according", "pursuant", "stemming", "arising",
                        "through", "due", "prior", "pending", "thereby"})
RELATIVE = frozenset({"which", "who", "whom", "whose", "that", "where", "when", "while", "if", "because",
                      "although", "though", "whereas", "unless"})
FOR_KEEP = frozenset({"profit", "gain", "hire", "ransom", "commercial", "private", "financial", "personal"})
CITATION_START = frozenset({"title", "section", "sections", "§", "u.s.c.", "usc", "chapter", "article", "rule",
                            "paragraph", "subsection"})
PENALTY_VERBS = frozenset({"carries", "carry", "carried", "carrying"})
CONTEXT_WORDS = frozenset({
    "crime", "crimes", "offense", "offenses", "offence", "offences", "penalty", "punishable", "prison",
    "sentence", "prosecution", "prosecuted", "prosecute", "plea", "pleaded", "pled", "guilty", "indicted",
    "allegedly", "alleged", "allegations", "faces", "facing", "face", "investigation", "trial", "jury",
    "verdict", "felony", "felonies", "misdemeanor", "statute", "law", "illegal", "unlawful", "such",
})
# "in the <noun>" that says where or in what matter, not what: "fixing prices in the industry".
WHERE_NOUNS = frozenset({"investigation", "industry", "market", "case", "matter", "scheme", "conspiracy", "course",
                         "area", "region", "community", "district", "state", "country", "city", "county"})
CIVIL_WORDS = frozenset({"sue", "sues", "sued", "suing", "suit", "lawsuit", "settle", "settles", "settled",
                         "settlement", "civil", "liable", "litigation", "damages"})
CRIMINAL_WORDS = frozenset({"charged", "charges", "indicted", "indictment", "pleaded", "pled", "guilty", "convicted",
                            "sentenced", "arrested", "criminal", "prison", "felony", "plea", "prosecuted"})
QUOTES_OPEN = frozenset({'"', "“", "‘"})
QUOTES_CLOSE = frozenset({'"', "”", "’"})
NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
PREMOD_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "JJ", "VBN", "HYPH", "VBG", "FW", "AFX"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


@dataclass(frozen=True)
class Phrase:
    """One offence mention in token offsets, with the cue that introduced it (if any)."""

    start: int
    end: int
    cue: int | None = None  # the cue token ("charged", "guilty", "counts") or the penalty verb
    status: str | None = None
    penalty: bool = False
    head: str = ""  # lemma of the offence's head word, for later mentions of the same offence
    title: bool = False  # in a headline
    sent_start: int = 0  # first token of its sentence (or line)


class Grammar:
    """Reads offence phrases from one parsed chunk."""

    def __init__(self, doc: Doc, lex: OffenceLexicon, phrase_spans: list[tuple[int, int]],
                 sents: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.lex = lex
        self.fixed = {s: e for s, e in sorted(phrase_spans, key=lambda p: p[0] - p[1])}
        self.fixed_tokens = {i for s, e in phrase_spans for i in range(s, e)}
        self.sent_of = [0] * len(doc)
        self.sent_end = [len(doc)] * len(doc)
        self.title = [False] * len(doc)  # title-case: read by lower case and endings, not by the tagger
        self.headline = [False] * len(doc)  # a headline, in title or sentence case
        for a, b in sents:
            title = _is_title(doc, a, b)
            headline = a == 0 and (title or _is_headline(doc, a, b))  # the article's own headline
            for i in range(a, b):
                self.sent_of[i], self.sent_end[i], self.title[i], self.headline[i] = a, b, title, headline
        self.lows = [t.lower_ for t in doc]
        self.named: list[tuple[int, int]] = []  # offences already read, for later mentions of the same one
        self.tags = [t.tag_ for t in doc]

    # ---------------------------------------------------------------- token classes

    def is_gerund(self, i: int) -> bool:
        low = self.lows[i]
        if self.title[i]:
            if not (low.endswith("ing") and len(low) > 5):
                return False
            if low not in self.lex.heads:
                return True
            nxt = i + 1
            return nxt < len(self.doc) and self.is_nounish(nxt) and lemma(self.lows[nxt]) not in self.lex.heads \
                and lemma(self.lows[nxt]) not in COUNT_NOUNS
        return self.tags[i] == "VBG" or (self.tags[i] == "NN" and low.endswith("ing") and i + 1 < len(self.doc)
                                         and self.tags[i + 1] in ("DT", "PRP$", "JJ", "NNS"))

    def is_adverb(self, i: int) -> bool:
        return self.tags[i] == "RB" and self.lows[i].endswith("ly") or (self.title[i] and self.lows[i].endswith("ly"))

    def head_of(self, i: int) -> str | None:
        """The lexicon head lemma of token i, when used as a noun."""
        low = self.lows[i]
        key = lemma(low)
        if key not in self.lex.heads and low not in self.lex.heads:
            return None
        if not self.title[i] and self.tags[i] not in NOUN_TAGS \
                and not (self.tags[i] == "VBG" and low in self.lex.heads):
            return None
        return low if low in self.lex.heads else key

    def is_nounish(self, i: int) -> bool:
        if self.title[i]:
            return self.doc[i].is_alpha and self.doc[i].text[0].isupper() and self.lows[i] not in self.lex.cues
        return self.tags[i] in PREMOD_TAGS

    def boundary(self, i: int) -> bool:
        return i >= self.sent_end[i] or "\n" in self.doc[i].text

    # ---------------------------------------------------------------- cues

    def cue_phrases(self) -> list[Phrase]:
        out: list[Phrase] = []
        doc = self.doc
        for tok in doc:
            low = tok.lower_
            cue = self.lex.cues.get(low)
            if cue is None:
                continue
            if not self._is_cue(tok):
                continue
            preps, status = cue
            if low == "guilty":
                before = self.lows[max(0, tok.i - 2) : tok.i]
                if "not" in before:
                    status = "charged"
                elif not any(w in PLEA_VERBS for w in before):
                    status = "convicted"
            status = self._tense(tok.i, status)
            if self.tags[tok.i] in NOUN_TAGS and low not in ("count", "counts", "role") and not self.title[tok.i] \
                    and status is not None:
                status = status if low.startswith(("conviction", "indictment")) else None
            p = self._find_prep(tok.i, preps)
            for _ in range(3):  # "a warrant for Doe for murder": the first "for" names the person
                if p is None:
                    break
                found = self.read_offences(p + 1, cue=True)
                if found:
                    out += [Phrase(a, b, tok.i, status, False, head) for a, b, head in found]
                    break
                p = self._find_prep(p, preps)
        return out

    def _tense(self, i: int, status: str | None) -> str | None:
        """A plea or sentence still to come ("agreed to plead guilty", "will be sentenced for"): the
        person is charged, or convicted and awaiting sentence, not yet what the cue word says."""
        verb = i - 1 if self.lows[i] == "guilty" else i
        window = self.lows[max(0, verb - 3) : verb + 1]
        future = any(w in ("will", "to", "would", "could", "may", "might", "shall") for w in window)
        if not future:
            return status
        if status == "pleaded_guilty":
            return "charged"
        if status == "sentenced":
            return "convicted"
        return status

    def _is_cue(self, tok: Token) -> bool:
        low = tok.lower_
        if low in ("charged", "charging") and tok.dep_ == "acl" and tok.head.tag_ in NOUN_TAGS \
                and tok.head.ent_type_ not in ("PERSON", "ORG") and lemma(tok.head.lower_) in (
                    "agency", "office", "department", "unit", "force", "committee", "official", "officer",
                    "commission", "body", "team", "attorney", "prosecutor", "agent", "division", "section"):
            return False  # "the agency charged with enforcing ...": a duty, not an accusation
        if low in ("charge", "charges") and tok.i > 0 and self.lows[tok.i - 1] == "in":
            return False  # "in charge of"
        # "his role in": a possessive role names the offence; "a role in" does not
        return low != "role" or (tok.i > 0 and self.lows[tok.i - 1] in ("his", "her", "their", "its"))

    def _find_prep(self, i: int, preps: tuple[str, ...]) -> int | None:
        """The preposition introducing the offence after cue token i, within its clause."""
        end = min(self.sent_end[i], i + 25)
        if i + 2 < end and self.lows[i + 1] in ("relating", "related", "stemming", "arising") \
                and self.lows[i + 2] in ("to", "from"):
            return i + 2  # "charges relating to the torture and murder of ..."
        depth = 0
        k = i + 1
        while k < end:
            low = self.lows[k]
            if low in preps and depth == 0:
                if low == "to" and k + 1 < end and self.lows[k + 1] in (
                        "life", "death", "prison", "probation", "serve", "pay", "plead", "forfeit", "be"):
                    k += 1
                    continue
                return k
            if low in (";", ":") or self.lows[k] in ("but", "which", "who", "that") or "\n" in self.doc[k].text:
                return None
            if self.tags[k] in FINITE_TAGS and low not in ("pleaded", "pled", "pleads") and k > i + 1:
                return None
            if low == "(":
                depth += 1
            elif low == ")":
                depth = max(0, depth - 1)
            if k - i >= 2 and self.lows[i] in ("count", "counts", "role", "charge", "charges", "indictment",
                                                "conviction", "convictions", "warrant", "notice"):
                return None  # a noun cue takes its offence at once: "counts of", "charges of"
            k += 1
        return None

    # ---------------------------------------------------------------- penalty sentences

    def penalty_phrases(self) -> list[Phrase]:
        out: list[Phrase] = []
        for tok in self.doc:
            if tok.lower_ not in PENALTY_VERBS and tok.lower_ != "punishable":
                continue
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
            if tok.lower_ == "punishable":
                verb = tok.head
                subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
            if subj is None or subj.lower_ in ("he", "she", "they", "it", "each", "which", "that"):
                continue
            start = subj.left_edge.i
            for a, b, head in self.read_offences(start, cue=True, limit=tok.i):
                out.append(Phrase(a, b, tok.i, None, True, head))
        return out

    # ---------------------------------------------------------------- the offence list after a cue

    def read_offences(self, i: int, cue: bool, limit: int | None = None) -> list[tuple[int, int, str]]:
        """Offence phrases starting at token i: one per coordinated offence."""
        out: list[tuple[int, int, str]] = []
        end_limit = self.sent_end[i] if i < len(self.doc) else len(self.doc)
        if limit is not None:
            end_limit = min(end_limit, limit)
        for _ in range(24):
            i = self._skip_prefix(i, end_limit)
            if i >= end_limit:
                break
            if self.lows[i] in QUOTES_OPEN:
                close = next((k for k in range(i + 1, end_limit) if self.lows[k] in QUOTES_CLOSE), None)
                if close is None:
                    break
                out += self.read_offences(i + 1, cue, limit=close)
                break
            unit = self._unit(i, end_limit, cue)
            if unit is None:
                break
            entry = self.lex.heads.get(unit[2])
            if unit[1] - unit[0] == 1 and entry is not None and entry.weak and i > 1 and self.lows[i - 1] in DEFINITE \
                    and self.lows[i - 2] == "in":
                break  # "her role in the fraud": the scheme, not the offence
            a, b, head = unit
            out.append(unit)
            nxt = self._next_item(b, end_limit)
            if nxt is None:
                break
            i = nxt
        return out

    def _skip_prefix(self, i: int, end: int) -> int:
        while i < end:
            low = self.lows[i]
            if low in SKIP_PREFIX or low in self.lex.grading or (self.doc[i].like_num and not self.title[i]) \
                    or (low in ("felony", "misdemeanor") and i + 1 < end):
                i += 1
                continue
            if low in ("to", "in") and i > 0 and self.lows[i - 1] in ("and", "or"):
                i += 1
                continue
            if low in ("role", "part", "participation", "involvement") and i + 1 < end and self.lows[i + 1] == "in":
                i += 2
                continue
            if (low in LEAD_GERUNDS or low == "taking" and i + 1 < end and self.lows[i + 1] == "part") \
                    and i + 1 < end and self.lows[i + 1] in ("in", "part", "a", "an", "the"):
                i += 1
                while i < end and self.lows[i] in ("part", "in", "with", "co-conspirators", "others", "to", "from",
                                                   "out", "of"):
                    i += 1
                continue
            break
        return i

    def heads_in(self, a: int, b: int) -> list[str]:
        return [h for h in (self.head_of(k) for k in range(a, b)) if h]

    def _head_in(self, a: int, b: int) -> str:
        heads = [h for h in (self.head_of(k) for k in range(a, b)) if h]
        if heads:
            return heads[0] if heads[0] in ("conspiracy", "attempt", "failure") else heads[-1] if len(heads) < 3 \
                else heads[0]
        return lemma(self.lows[a])

    def _unit(self, i: int, end: int, cue: bool) -> tuple[int, int, str] | None:
        """One offence from token i: a gerund phrase or an offence noun phrase with its complements."""
        start = i
        if i in self.fixed and self.fixed[i] <= end:
            b = self.fixed[i]
            verbal = self.lows[b - 1].endswith("ing") and self.tags[b - 1] in ("VBG", "NN")
            entry = self.lex.heads.get(lemma(self.lows[b - 1]))
            b2 = self._complements(b, end, verb=verbal and entry is None, takes=entry.takes if entry else ())
            return self._joined(start, max(b, b2), end, cue)
        k = i
        while k < end and self.is_adverb(k):
            k += 1
        if k < end and self.is_gerund(k) and self.lows[k] not in ("including", "involving", "according") \
                and self.lows[k] not in LEAD_GERUNDS:
            b = self._complements(k + 1, end, verb=True)
            if b == k + 1 and self.lows[k] not in self.lex.heads and k not in self.fixed_tokens:
                return None  # "beginning when ...", "devising and engaging in a scheme": no offence named
            return self._joined(start, b, end, cue, lemma(self.lows[k])) if b > k else None
        # noun phrase: modifiers then the head (the last noun before a non-noun)
        shared_of = False
        k = i
        if self.tags[k] in ("VB", "VBP") and k + 1 < end and self.tags[k + 1] in NOUN_TAGS:
            k += 1  # "pleaded guilty ... to mail fraud": "mail" tagged as a verb after "to"
        while k < end and (self.is_nounish(k) or self.lows[k] in ("-", "/") or k in self.fixed_tokens) \
                and self.lows[k] not in ("and", "or"):
            if self.tags[k] == "VBG" and not self.title[k] and self.lows[k] not in self.lex.heads \
                    and k not in self.fixed_tokens:
                break  # "fraud involving ...": a participle, not a modifier
            if self.lows[k] in self.lex.grading:
                start = i = k + 1  # "racially-motivated church arson": grading words precede the name
            k += 1
            if k < end and self.lows[k] in ("and", "or") and self._shared_head(k, end):
                k += 1  # "bank and wire fraud": modifiers sharing one head
            elif k < end and self.lows[k] == "," and k > start:
                listed = self._noun_list(k, end)
                if listed is not None:
                    k = listed  # "illegal harvest, sale, and purchase of ...": one offence, one complement
                    shared_of = True
                    break
        if k == start:
            return None
        head_tok = k - 1
        head = self.head_of(head_tok)
        if head is None and head_tok not in self.fixed_tokens:
            if self.doc[head_tok].ent_type_ in ("ORG", "PERSON", "GPE", "FAC", "LOC") \
                    or mention_label(self.doc[head_tok]) in ("ORG", "PERSON", "PLACE"):
                return None  # "of the Criminal Division": a name, not an offence
            last_head = next((j for j in range(head_tok - 1, start - 1, -1) if self.head_of(j)), None)
            if last_head is not None:  # "attempted murder investigation", "identity theft charges"
                if lemma(self.lows[head_tok]) not in COUNT_NOUNS:
                    return None  # "tax fraud scams", "child pornography enterprise": a scheme
                k = head_tok = last_head + 1
                head_tok = last_head
                head = self.head_of(head_tok)
        words = [lemma(self.lows[j]) for j in range(start, k)]
        fixed = any(j in self.fixed_tokens for j in range(start, k))
        if head is None and not fixed:
            if not cue or lemma(self.lows[head_tok]) in GENERIC:
                return None
            if not any(w in self.lex.modifiers for w in words[:-1]) and not any(
                    self.head_of(j) for j in range(start, head_tok)):
                return None
        entry = self.lex.heads.get(head) if head else None
        takes = entry.takes if entry else ("of", "to", "with")
        b = self._complements(k, end, verb=False, takes=(*takes, "of") if shared_of else takes, head=head)
        if entry is not None and not fixed:
            premods = words[:-1]
            named = "*" in entry.needs and premods or any(m in entry.needs for m in premods)
            if entry.needs and not named and not (entry.needs_complement or b > k and head == "violation") \
                    and not (cue and any(m in self.lex.modifiers for m in premods)):
                return None
            if entry.needs_complement and b == k:
                return None
            if head == "violation" and b > k and not premods and not self._names_law(k + 1, b):
                return None
        return start, b, head or lemma(self.lows[head_tok])

    def _noun_list(self, comma: int, end: int) -> int | None:
        """End of ", N, and N" when single nouns share the complement that follows ("of ...")."""
        k = comma
        items = 0
        while k < end and self.lows[k] == "," and items < 4:
            k += 1
            if k < end and self.lows[k] in ("and", "or"):
                k += 1
            if not (k < end and self.tags[k] in ("NN", "NNS")):
                return None
            k += 1
            items += 1
            if k < end and self.lows[k] in ("and", "or") and k + 1 < end and self.tags[k + 1] in ("NN", "NNS"):
                k += 2
                items += 1
                break
        return k if items >= 2 and k < end and self.lows[k] == "of" else None

    def _joined(self, start: int, b: int, end: int, cue: bool, head: str = "") -> tuple[int, int, str]:
        """A unit extended over "/" to the offence joined to it ("resisting arrest/eluding an officer")."""
        head = head or self._head_in(start, b)
        if b + 1 < end and self.lows[b] == "/":
            more = self._unit(b + 1, end, cue)
            if more is not None:
                return start, more[1], head
        return start, b, head

    def _shared_head(self, conj: int, end: int) -> bool:
        """After "and": does a head shared by both sides follow ("bank and wire fraud", "fraud and
        money laundering conspiracies")?"""
        left = conj - 1
        if conj + 1 < end and (self.lows[conj + 1] in self.lex.grading or self.lows[conj + 1] in SKIP_PREFIX):
            return False  # "... and other terrorism charges"
        if self.head_of(left) is None and left not in self.fixed_tokens:
            k = conj + 1
            while k < end and self.is_nounish(k) and k - conj < 5:
                if self.head_of(k) is not None and not (k + 1 < end and self.is_nounish(k + 1)
                                                        and self.head_of(k + 1) is not None):
                    return self.tags[left] not in ("VBG",) or self.title[left]
                k += 1
            return False
        # a head on the left: shared only with a plural umbrella head on the right
        k = conj + 1
        while k < end and self.is_nounish(k) and k - conj < 5:
            k += 1
        last = k - 1
        return last > conj and self.lows[last] in ("conspiracies", "violations", "offenses", "offences", "crimes")

    def _names_law(self, a: int, b: int) -> bool:
        return any(self.doc[j].text in ("Act", "Law", "Code", "Acts", "Statute") or mention_label(self.doc[j]) == "LAW"
                   for j in range(a, b))

    def _complements(self, k: int, end: int, verb: bool, takes: tuple[str, ...] = (),
                     head: str | None = None) -> int:
        """End of the complements that belong to the offence's name, from token k."""
        doc = self.doc
        last = first = k - 1
        opened = verb  # a gerund or an infinitive takes its objects and prepositional phrases
        committing = False  # "to commit X and Y": the objects are offences of one conspiracy
        while k < end and k - last < 30:
            low = self.lows[k]
            tag = self.tags[k]
            as_role = low == "as" and opened and self.tags[k - 1] in ("VB", "VBG", "VBN")  # "acting as an agent"
            if "\n" in doc[k].text or low in (";", ":", "—", "–", "--") or low in RELATIVE and tag in (
                    "WDT", "WP", "WRB", "IN") or low in STOP_PREPS and not as_role and not (
                    low == "during" and k + 1 < end and self.lows[k + 1] == "and"):
                break
            if low == "on" and k + 1 < end and self.lows[k + 1] in ("behalf", "or"):
                break
            if low in QUOTES_OPEN or low in QUOTES_CLOSE:
                break
            if low == "(":
                close = next((j for j in range(k + 1, min(end, k + 5)) if self.lows[j] == ")"), None)
                if close is not None and close + 1 < end and self.tags[close + 1] in NOUN_TAGS and opened:
                    k = close + 1
                    continue
                break
            if low == "," or doc[k].is_punct and low not in ("-", "/", "$", "%", "'s", "’s", "&"):
                break
            if low in ("and", "or"):
                if not opened or not self._continues(k, end, verb_object=committing):
                    break
                k += 1
                continue
            if (tag in FINITE_TAGS or tag == "VBN" and not opened and self.tags[k - 1] != "DT") \
                    and not (opened and tag == "VBN" and self.tags[k - 1] in NOUN_TAGS):
                break
            if doc[k].ent_type_ == "DATE" or low in ("today", "yesterday", "tomorrow"):
                break
            if low == "to" and tag == "TO" or low == "to" and k + 1 < end and self.tags[k + 1] == "VB":
                if not opened and "to" not in takes:
                    break
                opened = True
                verb = True
                committing = k + 1 < end and self.lows[k + 1] in ("commit", "perpetrate")
                last = k = k + 1
                continue
            if tag in ("IN",) or low in ("to",):
                if not self._prep_belongs(k, end, opened, takes, head):
                    break
                opened = True
                k += 1
                if low == "in" and k < end and self.lows[k] == "furtherance":
                    k += 1
                continue
            if not opened:
                # noun phrase: only the head's own complements follow
                break
            k += 1
            last = k
        # trim what cannot end a phrase
        while k > first + 1 and (self.lows[k - 1] in ("and", "or", "the", "a", "an", "of", "to", "in", "for", "with",
                                                      ",", "from", "on", "'s", "’s")
                                 or self.tags[k - 1] in ("DT", "IN", "CC", "VBG", "VBN", "TO")):
            k -= 1
        return k

    def _continues(self, conj: int, end: int, verb_object: bool = True) -> bool:
        """Inside a complement, "and"/"or" joins objects or verbs of the same offence unless a new
        offence starts after it (a gerund, a conspiracy, an offence head with its own complement)."""
        nxt = conj + 1
        if nxt >= end:
            return False
        low = self.lows[nxt]
        if self.tags[nxt] in FINITE_TAGS or low in ("is", "was", "were", "faces", "will", "each", "then", "he",
                                                     "she", "they", "it", "who") or self.doc[nxt].like_num:
            return False
        if self.is_gerund(nxt) and not self.is_gerund(conj - 1) and self.tags[conj - 1] != "VB":
            return False
        if self.is_adverb(nxt) and nxt + 1 < end and self.is_gerund(nxt + 1):
            return False  # "... and unlawfully accessing protected records": a second offence
        if low in ("conspiracy", "conspiring", "attempted", "attempting", "aiding"):
            return False
        if self._shared_head(conj, end):
            return True  # "abetting credit and loan application fraud"
        if low == "to" and nxt + 1 < end and self.tags[nxt + 1] not in ("VB", "RB"):
            return False  # "conspiring to commit fraud and to making false statements"
        if not verb_object:  # the objects of "to commit" are offences of one phrase
            j = nxt
            while j < end and (self.is_nounish(j) or self.lows[j] in ("-", "/")) and j - nxt < 6:
                if self.head_of(j) is not None or j in self.fixed_tokens:
                    return False  # "obstruction of justice and witness tampering"
                j += 1
        probe = self._skip_prefix(nxt, end)
        if probe > nxt and probe < end and (self.head_of(probe) or lemma(self.lows[probe]) in GENERIC):
            return False  # "... and other tax crimes", "... and the conspiracy"
        j = probe
        while j < end and self.is_nounish(j) and j - probe < 4:
            if lemma(self.lows[j]) in ("crime", "offense", "offence", "charge", "violation") and self.title[j]:
                return False
            j += 1
        return not (self.head_of(nxt) and nxt + 1 < end and self.lows[nxt + 1] in ("of", "to"))

    def _prep_belongs(self, k: int, end: int, opened: bool, takes: tuple[str, ...], head: str | None) -> bool:
        low = self.lows[k]
        if low == "as" and opened and self.tags[k - 1] in ("VB", "VBG", "VBN"):
            return True
        nxt = self.lows[k + 1] if k + 1 < end else ""
        nxt_tok = self.doc[k + 1] if k + 1 < end else None
        if low in STOP_PREPS:
            return low == "during" and nxt == "and"  # "during and in relation to"
        if nxt_tok is None or nxt_tok.ent_type_ in ("DATE", "TIME") or nxt_tok.like_num and low in (
                "from", "in", "on", "through", "between"):
            return False
        if low == "in":
            if nxt in ("this", "that", "these", "those", "his", "her", "their", "its") or nxt == "the" and \
                    k + 2 < end and lemma(self.lows[k + 2]) in WHERE_NOUNS:
                return False  # "fixing prices in this investigation": where, not what
            if nxt in ("order", "violation", "connection", "exchange", "return", "addition", "which", "part",
                       "federal", "state", "district", "court", "u.s.", "prison", "custody", "jail"):
                return False
            if nxt == "furtherance" or nxt == "relation":
                return True
            if nxt_tok.ent_type_ in ("GPE", "LOC", "FAC") or nxt_tok.ent_type_ == "ORG" and "Court" in {
                    t.text for t in self.doc[k + 1 : min(end, k + 8)]}:
                return False
            return opened or "in" in takes
        if low == "of":
            if nxt in CITATION_START or nxt_tok.text[:1].isdigit() or nxt == "the" and k + 2 < end and \
                    self.lows[k + 2] in CITATION_START:
                return False
            if nxt in ("his", "her", "their", "its") and not opened and head not in ("obstruction", "corruption"):
                return head in ("murder", "kidnapping", "abuse", "exploitation", "enticement", "possession")
            return opened or "of" in takes or head is None
        if low == "for":
            return nxt in FOR_KEEP
        if low in ("from", "through", "between"):
            place = self.doc[k + 2] if nxt == "the" and k + 2 < end else nxt_tok
            if low == "from" and place.ent_type_ in ("GPE", "LOC", "FAC"):
                return False  # "... from the Chesapeake Bay": where, not what
            return opened or low in takes
        if low in ("with", "against", "on", "into", "to", "onto", "toward", "towards", "over", "about", "across",
                   "out", "off", "up", "down", "than"):
            return opened or low in takes
        return opened

    def _next_item(self, b: int, end: int) -> int | None:
        """Where the next coordinated offence starts after a phrase ending at b, if one does."""
        k = b
        seen_glue = False
        while k < end and (self.lows[k] in (",", "and", "or", "as", "well", "/") or self.lows[k] in QUOTES_CLOSE):
            seen_glue = True
            k += 1
        if not seen_glue or k >= end:
            return None
        if self.tags[k] in FINITE_TAGS or self.lows[k] in RELATIVE or self.doc[k].like_num and self.lows[k + 1 if
                k + 1 < end else k] in ("years", "months", "days"):
            return None
        probe = self._skip_prefix(k, end)
        if probe >= end:
            return None
        if self.is_gerund(probe) or self.is_adverb(probe) or probe in self.fixed_tokens:
            return k
        j = probe
        while j < end and (self.is_nounish(j) or self.lows[j] == "-") and j - probe < 6:
            if self.head_of(j) is not None or any(w in self.lex.modifiers for w in (self.lows[j],)):
                return k
            j += 1
        return None

    # ---------------------------------------------------------------- heads outside cues

    def head_phrases(self, taken: list[tuple[int, int]]) -> list[Phrase]:
        covered = bytearray(len(self.doc) + 1)
        for a, b in taken:
            covered[a:b] = b"\x01" * (b - a)
        out: list[Phrase] = []
        doc = self.doc
        self.named = sorted(taken)
        heads = [i for i in range(len(doc)) if not covered[i] and (self.head_of(i) or i in self.fixed)]
        for i in heads:
            if covered[i]:
                continue
            unit = self._head_unit(i)
            if unit is None:
                continue
            a, b, head = unit
            if any(covered[a:b]):
                continue
            covered[a:b] = b"\x01" * (b - a)
            out.append(Phrase(a, b, None, None, False, head))
            self.named.append((a, b))
        return out

    def _named_before(self, a: int, b: int) -> bool:
        """Was this offence named as such earlier in the chunk ("abetting loan fraud ... the loan fraud")?"""
        words = [t.lower_ for t in self.doc[a:b]]
        n = len(words)
        return any(e <= a and e - s >= n and [t.lower_ for t in self.doc[e - n : e]] == words for s, e in self.named)

    def _head_unit(self, i: int) -> tuple[int, int, str] | None:
        doc = self.doc
        end = self.sent_end[i]
        fixed_end = self.fixed.get(i)
        head = self.head_of(i) if fixed_end is None else \
            (self._head_in(i, fixed_end) or lemma(self.lows[fixed_end - 1]))
        hi = fixed_end if fixed_end is not None else i + 1
        if fixed_end is None:
            # "fraud conspiracy", "Lacey Act violation": the head is the last offence noun of the compound
            while hi < end and self.head_of(hi) is not None and self.tags[hi - 1] != "POS" and not self.title[hi] \
                    or hi < end and self.title[hi] and self.head_of(hi):
                head = self.head_of(hi)
                hi += 1
        # left modifiers
        lo = i
        while lo > self.sent_of[i] and self._premod(lo - 1):
            lo -= 1
        while lo < i and (self.lows[lo] in ("-", "/") or self.lows[lo] in self.lex.grading):
            lo += 1
        if lo >= self.sent_of[i] + 2 and lo < i and self.lows[lo - 1] in ("and", "or") \
                and self._premod(lo - 2) and self.head_of(lo - 2) is None and lo - 2 not in self.fixed_tokens:
            lo -= 2  # "credit and loan application fraud": modifiers sharing one head
            while lo > self.sent_of[i] and self._premod(lo - 1):
                lo -= 1
        last = doc[hi - 1]
        entry = self.lex.heads.get(head or "")
        if entry is not None and entry.needs and last.dep_ == "dobj" and last.head.pos_ == "VERB" \
                and last.head.lower_ not in OFFENCE_OBJECT_VERBS and not self.title[i]:
            return None  # "submitted fraudulent claims", "filed false returns": a description of the act
        premods = [lemma(self.lows[j]) for j in range(lo, hi - 1)]
        if hi < end and self.tags[hi] in NOUN_TAGS and not self.title[i] and lemma(self.lows[hi]) not in COUNT_NOUNS:
            return None  # "fraud scheme", "murder investigation": the offence word modifies something else
        if hi < end and self.title[i] and self.doc[hi].is_alpha and self.lows[hi] not in (
                "and", "or", "of", "to", "in", "for", "with", "on", "at", "by", "that", "from", "after", "charges",
                "charge", "counts", "count", "case", "conviction", "against"):
            return None
        takes = entry.takes if entry else ()
        b = self._complements(hi, end, verb=False, takes=takes, head=head)
        if fixed_end is None and entry is not None:
            named = "*" in entry.needs and premods or any(m in entry.needs for m in premods)
            if entry.needs and not named and not (head == "violation" and b > hi and self._names_law(hi, b)):
                return None
            if entry.needs_complement and b == hi or entry.cue_only:
                return None
            if head == "violation" and b > hi and not self._names_law(hi, b) and not premods:
                return None
            if self._civil(i) and not (head == "violation" and self._names_law(hi, b)):
                return None  # a civil suit or settlement: claims, not charges
            bare = lo == i and b == hi
            if not self.title[i] and lo > self.sent_of[i] and self.lows[lo - 1] in DEFINITE \
                    and not self._charge_context(i) and not self._named_before(lo, b):
                return None  # "the murder of the shopkeeper remains unsolved": an event, not a charge
            if bare and not self.title[i]:
                before = self.lows[i - 1] if i > self.sent_of[i] else ""
                if (before in DEFINITE or before in ("'s", "’s")) and (entry.weak or not self._charge_context(i)):
                    return None  # "the murder took place", "during the conspiracy"
                if entry.weak and not self._charge_context(i):
                    return None
        return lo, b, head or lemma(self.lows[i])

    def _premod(self, j: int) -> bool:
        low = self.lows[j]
        if low in self.lex.grading or low in DETERMINERS or self.doc[j].like_num and not self.title[j]:
            return False
        if low in ("-", "/"):
            return j > 0 and self.is_nounish(j - 1)
        if self.title[j]:
            word = self.doc[j]
            return word.is_alpha and (word.is_title or word.is_upper) and low not in self.lex.cues \
                and low not in STOP_PREPS and low not in (
                "for", "of", "and", "or", "to", "in", "on", "with", "the", "a", "an", "guilty", "pleads", "pleaded",
                "sentenced", "charged", "convicted", "indicted", "arrested", "admits")
        if self.doc[j].ent_type_ in ("PERSON", "DATE", "GPE", "CARDINAL", "MONEY"):
            return False
        tag = self.tags[j]
        if tag in ("VBG",):
            return low in self.lex.heads or low in self.lex.modifiers
        if tag == "VBN":
            return low in self.lex.modifiers
        return tag in ("NN", "NNS", "NNP", "NNPS", "JJ", "HYPH", "AFX") and not self.doc[j].is_punct or low == "-"

    def _civil(self, i: int) -> bool:
        """A sentence about a lawsuit or settlement with no criminal word in it."""
        words = set(self.lows[self.sent_of[i] : self.sent_end[i]])
        return bool(words & CIVIL_WORDS) and not words & CRIMINAL_WORDS

    def _charge_context(self, i: int) -> bool:
        a, b = self.sent_of[i], self.sent_end[i]
        if self.title[i]:
            return True
        return any(self.lows[j] in CONTEXT_WORDS or self.lows[j] in self.lex.cues for j in range(a, b) if j != i)


def _is_headline(doc: Doc, a: int, b: int) -> bool:
    """The chunk's first line when it is short, stands alone and has no full stop: the article's headline."""
    while b > a + 1 and doc[b - 1].is_space:
        b -= 1
    return b - a <= 30 and doc[b - 1].text not in (".", "?", "!") and b < len(doc) \
        and "\n\n" in doc[b - 1].text_with_ws + doc[b].text


def _is_title(doc: Doc, a: int, b: int) -> bool:
    """A headline: a short line of its own, most of its longer words capitalised, no full stop at its end."""
    words = [t for t in doc[a:b] if t.is_alpha and len(t) > 3]
    if len(words) < 3 or b - a > 30 or (a > 0 and "\n" not in doc[a - 1].text_with_ws):
        return False
    while b > a + 1 and doc[b - 1].is_space:
        b -= 1
    caps = sum(1 for t in words if t.text[0].isupper())
    return caps >= 0.8 * len(words) and doc[b - 1].text not in (".", "?", "!")


def read_phrases(doc: Doc, lex: OffenceLexicon, fixed: list[tuple[int, int]],
                 sents: list[tuple[int, int]]) -> list[Phrase]:
    """Every offence mention in the chunk, longest first when two overlap, in text order."""
    grammar = Grammar(doc, lex, fixed, sents)
    found = grammar.cue_phrases() + grammar.penalty_phrases()
    found.sort(key=lambda p: (p.start, -(p.end - p.start)))
    taken: list[Phrase] = []
    for p in found:
        if p.end <= p.start:
            continue
        clash = next((t for t in taken if p.start < t.end and t.start < p.end), None)
        if clash is None:
            taken.append(p)
    taken += grammar.head_phrases([(p.start, p.end) for p in taken])
    return sorted((replace(p, title=grammar.headline[p.start], sent_start=grammar.sent_of[p.start],
                           head=" ".join(dict.fromkeys([p.head] + grammar.heads_in(p.start, p.end))))
                   for p in taken), key=lambda p: p.start)
