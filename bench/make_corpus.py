"""A cables.csv of any size, recombined at run time from the real cables of the shared corpus.

How to reproduce:

    /work/venv/bin/python bench/make_corpus.py --source /work/shared/corpus/cablegate \
        --count 10000 --out bench/corpus/10k/cables.csv [--seed 1]

The file has the 2011 release's format (no header row; row number, date "12/28/1966 18:48",
id, origin, classification, references, header, body; see cables/release_csv.py). Cable i takes
the header (routing, classification line, subject) of a real cable, with its date-time groups
rewritten to the new date, and as many real paragraphs as that cable had, drawn at random from
the paragraphs of all corpus cables and renumbered. Ids are "<yy><POST><serial>" with serials
counted per (year, post), so they are unique; dates are spread over 1966-2010 weighted towards
the 2000s like the release. Deterministic for a given --seed; streamed (the source material is
held once, rows are written as they are made), so memory does not grow with --count.

The generated corpus is never committed (bench/corpus/ and bench/out/ are git-ignored), and it
reproduces no cable: headers and paragraphs are mixed across cables.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cablekg.cables import read_path
from cablekg.cables.dtg import parse_dtg

# Share of the 251,287 cables per year, approximately as in the release: a thin tail back to
# 1966, a few percent in the 1990s, and most between 2004 and 2010.
_YEAR_WEIGHTS = {
    **{y: 0.02 for y in range(1966, 1985)},
    **{y: 0.1 for y in range(1985, 2000)},
    2000: 0.5, 2001: 1.0, 2002: 1.5, 2003: 2.5, 2004: 4.5, 2005: 7.0,
    2006: 11.5, 2007: 12.5, 2008: 13.0, 2009: 11.5, 2010: 3.5,
}  # fmt: skip
_MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
_DTG_CORE = re.compile(r"\d{6}Z([ \t]+)[A-Za-z]{3}[A-Za-z]*([ \t]+)(\d{4}|\d{2})")
_DATELINE = re.compile(r"^(\s*)[A-Z][a-z]+day,.*$")
_CLASSIFICATION_START = re.compile(
    r"^\s*(?:UNCLAS|U N C L A S|CONFIDENTIAL|C O N F|SECRET|S E C R E T|LIMITED OFFICIAL)"
)
_POST = re.compile(r"^\d{2}([A-Z]+?)\d+$")


@dataclass(frozen=True)
class Template:
    """One real cable's header, cut where its first paragraph starts."""

    header: list[str]
    post: str
    origin: str
    classification: str
    references: str
    paragraphs: int


def load_material(source: Path) -> tuple[list[Template], list[tuple[str | None, str]]]:
    """Headers and the paragraph pool ((marking, text)) of every readable corpus cable."""
    templates: list[Template] = []
    pool: list[tuple[str | None, str]] = []
    for path in sorted(source.glob("*.txt")):
        try:
            cables = list(read_path(path))
        except Exception:  # noqa: BLE001 - an unreadable source cable is skipped, not fatal
            continue
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
        for cable in cables:
            paras = [p for p in cable.paragraphs if p.text.strip()]
            m = _POST.match(cable.id)
            if not paras or not m:
                continue
            first = min(p.line for p in paras)
            templates.append(
                Template(
                    header=lines[: max(first - 1, 1)],
                    post=m.group(1),
                    origin=cable.origin or "",
                    classification=cable.classification or "UNCLASSIFIED",
                    references=",".join(r.cable_id for r in cable.references),
                    paragraphs=len(paras),
                )
            )
            pool.extend((p.marking, p.text) for p in paras)
    if not templates:
        raise SystemExit(f"no readable cables under {source}")
    return templates, pool


def _dtg(when: datetime) -> str:
    return f"{when:%d%H%M}Z {_MONTHS[when.month - 1]} {when:%y}"


def rewrite_header(lines: list[str], when: datetime) -> list[str]:
    """The header with every date-time group and dateline set to ``when``."""
    out = []
    for line in lines:
        if parse_dtg(line) is not None:
            if _DATELINE.match(line):
                line = f"{when:%A}, {when.day} {when:%B %Y, %H:%M}"
            else:
                line = _DTG_CORE.sub(_dtg(when), line, count=1)
        out.append(line)
    return out


def split_header(lines: list[str]) -> tuple[str, str]:
    """(routing header, the rest from the classification line on), as the release splits."""
    for i, line in enumerate(lines):
        if i > 0 and _CLASSIFICATION_START.match(line):
            return "\n".join(lines[:i]) + "\n", "\n".join(lines[i:])
    return "", "\n".join(lines)


def generate(source: Path, count: int, seed: int) -> Iterator[list[str]]:
    """The CSV rows, one at a time."""
    templates, pool = load_material(source)
    rng = random.Random(seed)
    years = list(_YEAR_WEIGHTS)
    weights = list(_YEAR_WEIGHTS.values())
    serials: Counter[tuple[int, str]] = Counter()
    for row in range(1, count + 1):
        t = templates[rng.randrange(len(templates))]
        year = rng.choices(years, weights)[0]
        when = datetime(year, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(365 * 24 * 60))
        serials[(when.year, t.post)] += 1
        cable_id = f"{when:%y}{t.post}{serials[(when.year, t.post)]}"
        routing, head = split_header(rewrite_header(t.header, when))
        body = [head, ""]
        for n in range(1, t.paragraphs + 1):
            marking, text = pool[rng.randrange(len(pool))]
            body.append(f"{n}. ({marking}) {text}" if marking else f"{n}. {text}")
            body.append("")
        yield [
            str(row),
            f"{when.month}/{when.day}/{when.year} {when:%H:%M}",
            cable_id,
            t.origin,
            t.classification,
            t.references,
            routing,
            "\n".join(body),
        ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", type=Path, default=Path("/work/shared/corpus/cablegate"))
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if not any(args.source.glob("*.txt")):
        from cablekg.resources import bundled_cables

        print(f"no cables under {args.source}; using the bundled seed cable", file=sys.stderr)
        args.source = bundled_cables()[0].parent
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n")
        for row in generate(args.source, args.count, args.seed):
            writer.writerow(row)
    print(f"wrote {args.count} cables to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
