"""cables.csv of the 2011 full release, streamed row by row (the real file is 1.7 GB).

No header row; eight columns: row number, date ("12/28/1966 18:48"), cable id, origin,
classification, references (comma-separated ids), header (routing text), body (from the
classification line on). Fields are double-quoted and span lines. The id, origin,
classification and date the CSV states win over parsing; the DTG in the header, when present,
is the same instant and is used for the minute.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from cablekg.cables.dtg import parse_csv_date
from cablekg.cables.ids import canonicalise_id
from cablekg.cables.model import Cable
from cablekg.cables.text import Known, parse_cable_text
from cablekg.errors import CableFormatError

COLUMNS = 8
_FIELD_LIMIT = 2**31 - 1  # one body can be megabytes; sys.maxsize overflows on some platforms
_CSV_START = re.compile(r'^"?\d+"?,"?\d{1,2}/\d{1,2}/\d{4}')


def looks_like_release_csv(first_line: str) -> bool:
    return _CSV_START.match(first_line) is not None


def _classification(value: str) -> str | None:
    v = " ".join(value.upper().split())
    return v or None


def _row_to_cable(row: list[str], source: str, line: int) -> Cable:
    _, date, cable_id, origin, classification, refs, header, body = row
    created = parse_csv_date(date)
    if created is None and date.strip():
        raise CableFormatError(source, f"unreadable date {date!r}", line=line, cable_id=cable_id)
    ref_ids = tuple(canonicalise_id(r) or r.strip().upper() for r in refs.split(",") if r.strip())
    known = Known(
        id=cable_id.strip() or None,
        created=created,
        origin=" ".join(origin.split()) or None,
        classification=_classification(classification),
        references=ref_ids,
        line_offset=line - 1,
    )
    # keep physical lines: the body field starts on the line where the header field ends
    text = header + body if header.endswith("\n") or not header else header + "\n" + body
    parsed = parse_cable_text(text, source, known)
    return _prefer_header_dtg(parsed, text)


def _prefer_header_dtg(cable: Cable, text: str) -> Cable:
    """The CSV date and the header DTG are one instant; the DTG has it from the cable itself."""
    from dataclasses import replace

    from cablekg.cables.dtg import parse_dtg

    for line in text.split("\n", 60)[:60]:
        dt = parse_dtg(line)
        if dt is not None:
            return replace(cable, created=dt) if dt != cable.created else cable
    return cable


def read_csv(path: Path) -> Iterator[Cable | CableFormatError]:
    """Yield one Cable per row, or the CableFormatError of a bad row, and go on."""
    csv.field_size_limit(_FIELD_LIMIT)
    with path.open("r", encoding="utf-8", errors="replace", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        start = 1
        row_no = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield CableFormatError(
                    f"{path}:row {row_no + 1}",
                    f"truncated or malformed CSV row ({exc}); unterminated quote at end of file?",
                    line=start,
                )
                return
            row_no += 1
            source = f"{path}:row {row_no}"
            line = start
            start = reader.line_num + 1
            if not any(f.strip() for f in row):
                continue
            if len(row) != COLUMNS:
                yield CableFormatError(
                    source, f"truncated CSV row: {len(row)} fields, expected {COLUMNS}", line=line
                )
                continue
            try:
                yield _row_to_cable(row, source, line)
            except CableFormatError as exc:
                yield exc
