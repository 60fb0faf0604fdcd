"""The mutable working state of one extraction run, and the paragraph views every module shares.

Extraction is a pure function of the cable: ``extract`` creates one ``Context``, the modules
add entities, mentions and facts to it in a fixed order, and ``Context.facts`` freezes the result.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from cablekg.cables.model import Cable, Paragraph
from cablekg.extract.lexicon import Lexicon
from cablekg.extract.model import (
    Attribute,
    Entity,
    Facts,
    Figure,
    Meeting,
    Membership,
    Relation,
    Span,
    Statement,
)
from cablekg.extract.scheme import ReformScheme

# Words, numbers and the punctuation the rules look at. "People's"-style possessive names keep
# their 's; other possessives split off so that "Chongqing's" yields the token "Chongqing".
TOKEN = re.compile(
    r"[A-Za-z][A-Za-z0-9]*(?:[-'’&](?![sS]\b)[A-Za-z0-9]+)*"
    r"(?:(?:(?<=People)|(?<=Peoples)|(?<=Workers)|(?<=Women)|(?<=Farmers))['’]s|\.(?=[A-Z]\.))?"
    r"|\d+(?:[.,]\d+)*|[$%(),;:\"“”]"
)
_SENTENCE_END = re.compile(r"[.!?]+[\"”’)]*(?=\s+[\"“(]?[A-Z0-9]|\s*$)")
_MAX_SENTENCE = 2000
_ABBREV = frozenset(
    [
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Jr",
        "Sr",
        "St",
        "Co",
        "Ltd",
        "Inc",
        "No",
        "Gen",
        "Col",
        "Lt",
        "Sen",
        "Rep",
        "Gov",
        "Amb",
        "Prof",
        "vs",
        "Corp",
        "U.S",
        "Messrs",
    ]
)

# Kinds ordered so that a later, more specific observation can refine an earlier generic one.
_GENERIC_KINDS = {"Person": 0, "Place": 0, "GovernmentBody": 1, "FinancialInstitution": 1}


class Tok(NamedTuple):  # a NamedTuple: created by the thousand, cheaper than a dataclass
    start: int
    end: int
    text: str


@dataclass
class Para:
    number: int
    text: str
    tokens: list[Tok]
    sentences: list[tuple[int, int]]

    def sentence_of(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sentences, (offset, len(self.text) + 1)) - 1
        if i >= 0 and self.sentences[i][0] <= offset < self.sentences[i][1]:
            return self.sentences[i]
        return (0, len(self.text))


@dataclass
class Piece:
    """A typed stretch of a paragraph found by the name scanner (see names.py)."""

    type: str  # "title", "org", "place", "country", "person", "name"
    start: int
    end: int
    text: str
    key: str | None = None
    kind: str | None = None


def make_para(p: Paragraph) -> Para:
    text = p.text
    tokens = [Tok(m.start(), m.end(), m.group(0)) for m in TOKEN.finditer(text)]
    sentences = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        before = text[max(start, m.start() - 12) : m.start()].split()
        last = before[-1] if before else ""
        if m.group(0).startswith(".") and (last in _ABBREV or (len(last) == 1 and last.isupper())):
            continue
        sentences.append((start, m.end()))
        start = m.end()
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        sentences.append((start, len(text)))
    return Para(p.number, text, tokens, _bounded(text, sentences))


def _bounded(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut run-on "sentences" (no full stop in thousands of characters) at whitespace, so that
    every per-sentence rule stays linear in the paragraph length."""
    out = []
    for s, e in sentences:
        while e - s > _MAX_SENTENCE:
            cut = text.rfind(" ", s + 1, s + _MAX_SENTENCE)
            cut = cut if cut > s else s + _MAX_SENTENCE
            out.append((s, cut))
            s = cut + 1 if text[cut : cut + 1] == " " else cut
        out.append((s, e))
    return out


@dataclass
class _Ent:
    key: str
    kind: str
    label: str
    alts: list[str] = field(default_factory=list)
    mentions: set[Span] = field(default_factory=set)
    given: str | None = None
    family: str | None = None


def norm(text: str) -> str:
    """Normalised alias: lower case, single spaces, curly apostrophes straightened."""
    return " ".join(text.replace("’", "'").lower().split())


class Context:
    def __init__(self, cable: Cable, scheme: ReformScheme, lex: Lexicon):
        self.cable = cable
        self.scheme = scheme
        self.lex = lex
        self.paras = [make_para(p) for p in cable.paragraphs]
        self.ents: dict[str, _Ent] = {}
        self.aliases: dict[str, str] = {}
        self.pieces: dict[int, list[Piece]] = {}
        self.piece_bounds: dict[int, tuple[list[int], list[int]]] = {}
        self.relations: list[Relation] = []
        self.attributes: list[Attribute] = []
        self.memberships: list[Membership] = []
        self.figures: list[Figure] = []
        self.statements: list[Statement] = []
        self.meetings: list[Meeting] = []
        self.person_positions: list[tuple[int, int, str]] = []  # (para, offset, person key)
        self.speakers: list[tuple[int, int, str]] = []  # people who spoke, in text order
        self.pronouns: dict[str, str] = {}  # person key -> "he"/"she" the cable used for them
        # entities known from the header (the origin city) that exist once the text names them
        self.lazy: dict[str, tuple[str, str]] = {}

    # -- entities ---------------------------------------------------------------------------
    def entity(
        self,
        key: str,
        kind: str,
        label: str,
        alts: tuple[str, ...] = (),
        given: str | None = None,
        family: str | None = None,
    ) -> str:
        e = self.ents.get(key)
        if e is None:
            e = self.ents[key] = _Ent(key, kind, label)
        elif _GENERIC_KINDS.get(e.kind, 2) < _GENERIC_KINDS.get(kind, 2):
            e.kind = kind
        if len(label) > len(e.label):  # the fullest form seen wins; the shorter stays an alias
            self.add_alt(key, e.label)
            e.label = label
        for a in alts:
            self.add_alt(key, a)
        e.given = e.given or given
        e.family = e.family or family
        self.aliases.setdefault(norm(label), key)
        return key

    def add_alt(self, key: str, alt: str) -> None:
        e = self.ents[key]
        if alt and norm(alt) != norm(e.label) and alt not in e.alts:
            e.alts.append(alt)
        self.aliases.setdefault(norm(alt), key)

    def lookup(self, alias: str) -> str | None:
        return self.aliases.get(norm(alias))

    def span(self, para: Para, start: int, end: int) -> Span:
        return Span(para.number, start, end, para.text[start:end])

    def mention(self, key: str, para: Para, start: int, end: int) -> None:
        if key not in self.ents and key in self.lazy:
            self.entity(key, *self.lazy[key])
        if key in self.ents:
            self.ents[key].mentions.add(self.span(para, start, end))
            if self.ents[key].kind in ("Person", "Official"):
                self.person_positions.append((para.number, start, key))

    def kind(self, key: str) -> str | None:
        e = self.ents.get(key)
        return e.kind if e else None

    def label(self, key: str) -> str:
        e = self.ents.get(key)
        return e.label if e else key

    def index(self) -> None:
        """Freeze a per-paragraph index of mentions (after the name and alias passes)."""
        self._index: dict[int, list[tuple[int, int, str]]] = {}
        for e in self.ents.values():
            for s in e.mentions:
                self._index.setdefault(s.paragraph, []).append((s.start, s.end, e.key))
        for lst in self._index.values():
            lst.sort()
        self._starts = {n: [m[0] for m in lst] for n, lst in self._index.items()}

    def mentioned(
        self, para: Para, start: int, end: int, kinds: tuple[str, ...] | None = None
    ) -> list[tuple[int, int, str]]:
        """Indexed mentions inside para.text[start:end], optionally of some kinds, in order."""
        lst = self._index.get(para.number, [])
        starts = self._starts.get(para.number, [])
        i = bisect.bisect_left(starts, start)
        out = []
        while i < len(lst) and lst[i][0] < end:
            if kinds is None or self.kind(lst[i][2]) in kinds:
                out.append(lst[i])
            i += 1
        return out

    # -- the frozen result --------------------------------------------------------------------
    def facts(self) -> Facts:
        entities = tuple(
            Entity(
                e.key, e.kind, e.label, tuple(e.alts), tuple(sorted(e.mentions)), e.given, e.family
            )
            for e in self.ents.values()
        )
        return Facts(
            cable_id=self.cable.id,
            entities=entities,
            relations=tuple(dict.fromkeys(self.relations)),
            attributes=tuple(dict.fromkeys(self.attributes)),
            memberships=tuple(dict.fromkeys(self.memberships)),
            figures=tuple(self.figures),
            statements=tuple(self.statements),
            meetings=tuple(self.meetings),
        )
