"""Measure the raw reader's header parsing against the corpus metadata.

Reads every cable in the corpus directory (default /work/shared/corpus/cablegate) with
cablekg's reader and compares id, created (to the minute, UTC), classification and origin
with metadata.csv. Prints the share right per field and overall, then every failure.

    python bench/measure_headers.py [CORPUS_DIR] [--quiet]
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path

from cablekg.cables.read import read_text_file
from cablekg.errors import CableFormatError

_PILCROW = re.compile(r"(?m)^[ \t]*¶[ \t]*(\d{1,3})\.")
FIELDS = ("id", "created", "classification", "origin")


def metadata_minute_is_hour(expected: str) -> bool:
    """metadata.csv's minute often repeats the hour on a 12-hour clock ("15:03" for 15:38).

    That is a formatting bug of the published metadata (strftime %I where %M was meant), not
    a property of the cable; the DTG in the cable text has the real minute.
    """
    hour, minute = int(expected[11:13]), int(expected[14:16])
    return minute == (hour % 12 or 12) or (hour % 12 == 0 and minute == 0)


def expected_rows(corpus: Path) -> dict[str, dict[str, str]]:
    with (corpus / "metadata.csv").open(newline="", encoding="utf-8") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def measure(corpus: Path) -> tuple[Counter[str], int, list[str]]:
    expected = expected_rows(corpus)
    right: Counter[str] = Counter()
    failures: list[str] = []
    for cable_id, row in sorted(expected.items()):
        path = corpus / f"{cable_id}.txt"
        try:
            cable = read_text_file(path)
        except CableFormatError as exc:
            failures.append(f"{cable_id}: ERROR {exc.reason} (line {exc.line})")
            continue
        got = {
            "id": cable.id,
            "created": cable.created.strftime("%Y-%m-%d %H:%M"),
            "classification": cable.classification or "",
            "origin": cable.origin or "",
        }
        if got["created"][:13] == row["created"][:13]:
            right["created (hour)"] += 1
        if metadata_minute_is_hour(row["created"]):
            right["metadata minute == 12h hour"] += 1
        ok = True
        for name in FIELDS:
            if got[name] == row[name] or (
                name == "created"
                and got[name][:13] == row[name][:13]
                and metadata_minute_is_hour(row[name])
            ):
                right[name + " (bug-aware)"] += 1
            if got[name] == row[name]:
                right[name] += 1
            elif not (
                name == "created"
                and metadata_minute_is_hour(row[name])
                and got[name][:13] == row[name][:13]
            ):
                ok = False
                failures.append(f"{cable_id}: {name}: got {got[name]!r}, expected {row[name]!r}")
        if ok:
            right["all"] += 1
    return right, len(expected), failures


def paragraph_agreement(corpus: Path) -> tuple[int, int]:
    """Cables whose paragraph numbers equal the "¶N." markers of the file, of those with any."""
    same = total = 0
    for path in sorted(corpus.glob("*.txt")):
        marks = sorted({int(n) for n in _PILCROW.findall(path.read_text(errors="replace"))})
        if not marks:
            continue
        total += 1
        try:
            cable = read_text_file(path)
        except CableFormatError:
            continue
        same += [p.number for p in cable.paragraphs if p.number] == marks
    return same, total


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    corpus = Path(args[0]) if args else Path("/work/shared/corpus/cablegate")
    right, total, failures = measure(corpus)
    print("Exact agreement with metadata.csv:")
    for name in FIELDS:
        print(f"  {name:40} {right[name]:4d}/{total} = {right[name] / total:6.1%}")
    print("created, allowing for the metadata's minute bug (see metadata_minute_is_hour):")
    for name in ("created (hour)", "created (bug-aware)", "metadata minute == 12h hour"):
        print(f"  {name:40} {right[name]:4d}/{total} = {right[name] / total:6.1%}")
    print(
        f"  {'all four fields right (bug-aware)':40} {right['all']:4d}/{total} = "
        f"{right['all'] / total:6.1%}"
    )
    same, with_marks = paragraph_agreement(corpus)
    print(f"paragraph numbers == ¶ markers: {same}/{with_marks} cables with ¶ markers")
    if "--quiet" not in argv:
        print(f"\n{len(failures)} failures (created rows explained by the minute bug omitted):")
        for line in failures:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
