"""Typed facts extracted from one cable. Every fact carries the paragraph and span it came from.

Entities are referred to by ``key``: a string unique within one cable's Facts (for example
"person:shen xiaozhong", "org:chongqing development and reform commission",
"place:jiulong", "concept:land-use-rights"). The resolve stage maps keys to stable IRI paths;
the build stage never invents identities of its own.

``kind`` and ``predicate`` values are local names of terms of the cablekg ontology
(cablekg.rdf.namespaces.CKG), e.g. kind "Official", "Commission", "County", "Bank";
predicate "locatedIn", "pilotFor", "reformArea". Keys of the form "concept:<name>" name a
reform-area concept of the ontology's SKOS scheme and need no Entity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Precision = Literal["day", "month", "year"]


@dataclass(frozen=True, order=True)
class Span:
    """Where a fact is stated: paragraph number and character offsets into Paragraph.text."""

    paragraph: int
    start: int
    end: int
    text: str = field(compare=False, default="")  # the exact characters [start:end]


@dataclass(frozen=True)
class DateValue:
    """A date the cable states, resolved against the cable's own date.

    ``value`` is an ISO lexical form matching ``precision``: "2009-09-22" (xsd:date),
    "2009-01" (xsd:gYearMonth) or "2007" (xsd:gYear).
    """

    value: str
    precision: Precision


Value = str | int | Decimal | bool | DateValue


@dataclass(frozen=True)
class Entity:
    key: str
    kind: str  # ontology class local name
    label: str  # canonical label (full name, normalised spelling)
    alt_labels: tuple[str, ...] = ()  # acronyms, variants, romanised terms, source misspellings
    mentions: tuple[Span, ...] = ()
    given_name: str | None = None  # people only
    family_name: str | None = None  # people only


@dataclass(frozen=True)
class Relation:
    """subject --predicate--> object, both entity keys (or "concept:..." keys)."""

    subject: str
    predicate: str
    object: str
    span: Span


@dataclass(frozen=True)
class Attribute:
    """subject --predicate--> literal value (text, number, boolean or date)."""

    subject: str
    predicate: str
    value: Value
    span: Span


@dataclass(frozen=True)
class Membership:
    """A person holding a post: org:Membership with org:member, org:organization, org:role."""

    person: str
    organization: str
    role: str  # the title as the cable states it: "Deputy Director", "Section Chief"
    span: Span


@dataclass(frozen=True)
class Figure:
    """A measured quantity the cable states: '33 million inhabitants', '70 percent'."""

    value: int | Decimal
    unit: str  # "percent", "person", "institution", "kilometre", "yuan", ... or "" for a count
    measures: str  # what is measured, in words: "inhabitants", "rural share of population"
    about: str | None  # entity key the figure is about, when known
    span: Span
    as_of: DateValue | None = None


@dataclass(frozen=True)
class Statement:
    """Reported speech: who said (told, explained, added, ...) what."""

    speaker: str  # entity key (a person, or an institution when officials speak collectively)
    verb: str  # the reporting verb as written: "said", "told", "explained"
    content: str  # the reported content, as written
    span: Span  # the whole sentence
    addressee: str | None = None  # entity key of whom it was told to, if stated
    date: DateValue | None = None


@dataclass(frozen=True)
class Meeting:
    """Who met whom, when and where."""

    participants: tuple[str, ...]  # entity keys
    span: Span
    date: DateValue | None = None
    place: str | None = None  # entity key


@dataclass(frozen=True)
class Facts:
    cable_id: str
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    attributes: tuple[Attribute, ...] = ()
    memberships: tuple[Membership, ...] = ()
    figures: tuple[Figure, ...] = ()
    statements: tuple[Statement, ...] = ()
    meetings: tuple[Meeting, ...] = ()

    def entity(self, key: str) -> Entity:
        for e in self.entities:
            if e.key == key:
                return e
        raise KeyError(key)
