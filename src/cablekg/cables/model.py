"""Typed values produced by the readers: one Cable per cable, whatever its source format."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Reference:
    """A cable named in the REF: line, as a canonical id ("07CHENGDU129")."""

    cable_id: str
    label: str | None = None  # the letter of the REF list ("A"), if any
    year_inferred: bool = False  # True when the reference had no year and took the cable's own
    source_text: str = ""  # the reference as written ("B) CHENGDU 163")


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph of the cable body.

    ``text`` is the paragraph's full text with the paragraph number and classification
    marking removed, page-break lines removed and line breaks joined by single spaces; every
    character offset the extractor reports is an offset into this string.
    """

    number: int
    text: str
    marking: str | None = None  # "C", "SBU", "U", ... without parentheses
    headings: tuple[str, ...] = ()  # section headings the paragraph falls under, outermost first
    line: int = 0  # 1-based line of the source where the paragraph starts (for error messages)


@dataclass(frozen=True)
class Cable:
    """One cable as read from any source format."""

    id: str  # canonical id: 2-digit year, post, serial without leading zeros ("09CHENGDU229")
    created: datetime  # the date-time group, timezone-aware UTC
    title: str  # the subject line
    paragraphs: tuple[Paragraph, ...]
    origin: str | None = None  # the originating post, e.g. "Consulate Chengdu", "Embassy Beijing"
    classification: str | None = None  # "UNCLASSIFIED", "CONFIDENTIAL", "SECRET", ...
    tags: tuple[str, ...] = ()  # TAGS line entries ("PGOV", "ECON", ...)
    references: tuple[Reference, ...] = ()
    source: str = ""  # where it came from: a path, or "path:row N" for cables.csv

    def paragraph(self, number: int) -> Paragraph:
        for p in self.paragraphs:
            if p.number == number:
                return p
        raise KeyError(f"{self.id} has no paragraph {number}")
