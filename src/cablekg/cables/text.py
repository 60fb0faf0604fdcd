"""One cable's text (raw release text, a web copy, or a cables.csv row) -> Cable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cablekg.cables.body import parse_body
from cablekg.cables.header import Header, parse_header
from cablekg.cables.ids import canonical_id, canonicalise_id, parse_references
from cablekg.cables.layout import FOOTER, is_page_break, page_break_id
from cablekg.cables.model import Cable, Reference
from cablekg.cables.posts import origin_from_post
from cablekg.errors import CableFormatError


@dataclass(frozen=True)
class Known:
    """Fields a source states outright (cables.csv columns); they win over parsing."""

    id: str | None = None
    created: datetime | None = None
    origin: str | None = None
    classification: str | None = None
    references: tuple[str, ...] | None = None  # canonical ids, in order
    line_offset: int = 0  # added to line numbers (the cable's first line in a larger file)


def _cut_footer(lines: list[str]) -> list[str]:
    """Drop a publisher's footer ("© Scoop Media" and everything after it)."""
    for i, line in enumerate(lines):
        if len(line) < 200 and FOOTER.match(line):
            return lines[:i]
    return lines


def _cable_id(header: Header, lines: list[str], breaks: set[int], year: int) -> tuple[str, str]:
    """(canonical id, post as written) from the classification line, else a page break."""
    if header.post is not None and header.serial is not None:
        return canonical_id(year, header.post, header.serial), header.post
    for i in sorted(breaks):
        found = page_break_id(lines[i])
        if found:
            return canonical_id(year, found[0], found[1]), found[0]
    return "", ""


def _references(header: Header, year: int, known: Known) -> tuple[Reference, ...]:
    parsed = parse_references(header.ref_text, year)
    if known.references is None:
        return parsed
    by_id = {r.cable_id: r for r in parsed}
    return tuple(by_id.get(i, Reference(i, source_text=i)) for i in known.references)


def parse_cable_text(text: str, source: str, known: Known | None = None) -> Cable:
    """Parse one cable. Raises CableFormatError naming ``source`` and the line."""
    known = known or Known()
    off = known.line_offset
    lines = _cut_footer(text.split("\n"))
    breaks = {i for i, line in enumerate(lines) if is_page_break(line)}
    header = parse_header(lines, breaks)
    if header.signals == 0 and known.id is None:
        raise CableFormatError(
            source,
            "no cable found: no date-time group, classification line, TAGS or SUBJECT",
            line=1 + off,
        )
    created = known.created or header.created
    if created is None:
        raise CableFormatError(
            source,
            "no date-time group (a line such as 'R 150943Z OCT 09')",
            line=header.first_line + off,
            cable_id=known.id,
        )
    cable_id, post = _cable_id(header, lines, breaks, created.year)
    if known.id:
        cable_id = canonicalise_id(known.id) or known.id
    if not cable_id:
        raise CableFormatError(
            source,
            "cannot derive the cable id: no classification line, page break or DE serial",
            line=header.first_line + off,
        )
    origin = known.origin or header.origin or (origin_from_post(post) if post else None)
    try:
        paragraphs = parse_body(lines, header.body_start, breaks, source, cable_id)
    except CableFormatError as exc:
        line = exc.line + off if exc.line is not None else None
        raise CableFormatError(source, exc.reason, line=line, cable_id=cable_id) from None
    if off:
        paragraphs = tuple(_shift(p, off) for p in paragraphs)
    return Cable(
        id=cable_id,
        created=created,
        title=header.title,
        paragraphs=paragraphs,
        origin=origin,
        classification=known.classification or header.classification,
        tags=header.tags,
        references=_references(header, created.year, known),
        source=source,
    )


def _shift(p, off: int):  # noqa: ANN001, ANN202
    from dataclasses import replace

    return replace(p, line=p.line + off)
