"""Run the extractor over a few China cables of the shared corpus and print what it finds.

    /work/venv/bin/python bench/extract_report.py [CABLE_ID ...]

Uses cablekg.cables.read_path when the readers exist, else a small throwaway splitter.
Prints, per cable: entities by kind, memberships, figures, statements, meetings, and the
extraction time (median of several runs).
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

from cablekg.cables.model import Cable, Paragraph
from cablekg.extract import extract, load_reform_scheme
from cablekg.extract.scheme import Concept, ReformScheme

CORPUS = Path("/work/shared/corpus/cablegate")
DEFAULT = ["07BEIJING5705", "08BEIJING1454", "09BEIJING1582", "06BEIJING23571", "08BEIJING661"]
_PAGE = re.compile(r"^\s*[A-Z]+ 0\d{7} \d{3}(?:\.\d)? OF \d{3}\s*$", re.M)
_PARA = re.compile(r"^\s*¶?(\d{1,2})\.\s+(?:\(([A-Z/]+)\)\s+)?", re.M)
_DTG = re.compile(r"^[A-Z] (\d\d)(\d\d)(\d\d)Z ([A-Z]{3}) (\d\d)", re.M)
_MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]


def split_cable(path: Path) -> Cable:
    """Throwaway splitter: numbered paragraphs up to the next blank line or paragraph."""
    raw = path.read_text(encoding="utf-8").split("© Scoop Media")[0]
    raw = _PAGE.sub("", raw)
    raw = re.sub(r"\n\s*\n(?=[a-z])", "\n", raw)  # a page break left a blank line mid-sentence
    m = _DTG.search(raw)
    created = (
        datetime(
            2000 + int(m.group(5)),
            _MONTHS.index(m.group(4)) + 1,
            int(m.group(1)),
            int(m.group(2)),
            int(m.group(3)),
            tzinfo=UTC,
        )
        if m
        else datetime.now(UTC)
    )
    starts = list(_PARA.finditer(raw))
    paras = []
    for i, s in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(raw)
        body = raw[s.end() : end].split("\n\n")[0]
        paras.append(Paragraph(int(s.group(1)), " ".join(body.split()), s.group(2)))
    cid = path.stem
    post = re.sub(r"^\d\d|\d+$", "", cid).title()
    origin = ("Embassy " if post == "Beijing" else "Consulate ") + post
    return Cable(cid, created, "", tuple(paras), origin=origin, source=str(path))


def read(path: Path) -> Cable:
    try:
        from cablekg.cables import read_path  # type: ignore[attr-defined]
    except ImportError:
        return split_cable(path)
    try:
        return next(iter(read_path(path)))
    except Exception:  # noqa: BLE001 - the readers are new; fall back to the splitter
        return split_cable(path)


def scheme() -> ReformScheme:
    try:
        from cablekg.resources import ontology_path

        return load_reform_scheme(ontology_path())
    except Exception:  # noqa: BLE001 - the ontology may not exist yet; fall back for the bench
        return ReformScheme(
            (
                Concept("concept:land-use-rights", "land use rights", ("land use",)),
                Concept("concept:hukou", "hukou", ("residence registration",)),
                Concept("concept:social-security", "social security"),
                Concept("concept:rural-finance", "rural banking and finance", ("rural finance",)),
                Concept("concept:public-finance", "public budget and revenue"),
            )
        )


def report(cable: Cable, sch: ReformScheme) -> None:
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        facts = extract(cable, sch)
        times.append(time.perf_counter() - t0)
    print(
        f"=== {cable.id}: {len(cable.paragraphs)} paragraphs, "
        f"extract {statistics.median(times) * 1000:.1f} ms"
    )
    by_kind = defaultdict(list)
    for e in facts.entities:
        alts = f" [{', '.join(e.alt_labels)}]" if e.alt_labels else ""
        by_kind[e.kind].append(f"{e.label}{alts} x{len(e.mentions)}")
    for kind in sorted(by_kind):
        print(f"  {kind}: " + "; ".join(by_kind[kind]))
    lab = {e.key: e.label for e in facts.entities}
    for m in facts.memberships:
        print(f"  member: {lab.get(m.person)} | {m.role} | {lab.get(m.organization)}")
    for r in facts.relations:
        print(f"  rel: {lab.get(r.subject, r.subject)} {r.predicate} {lab.get(r.object, r.object)}")
    for a in facts.attributes:
        print(f"  attr: {lab.get(a.subject, a.subject)} {a.predicate} {str(a.value)[:70]}")
    for f in facts.figures:
        about = lab.get(f.about or "", "")
        print(
            f"  figure p{f.span.paragraph}: {f.value} {f.unit} | {f.measures} | {about} "
            f"<- {f.span.text!r}"
        )
    for s in facts.statements:
        date = s.date.value if s.date else ""
        print(
            f"  statement p{s.span.paragraph}: {lab.get(s.speaker, s.speaker)} {s.verb} "
            f"{lab.get(s.addressee or '', '')} {date}: {s.content[:70]!r}"
        )
    for mt in facts.meetings:
        print(
            f"  meeting p{mt.span.paragraph}: {[lab.get(k, k) for k in mt.participants]} "
            f"{mt.date.value if mt.date else ''}"
        )


def main(argv: list[str]) -> None:
    sch = scheme()
    ids = argv or DEFAULT
    for cid in ids:
        path = CORPUS / f"{cid}.txt"
        if not path.exists():
            path = Path(cid)
        report(read(path), sch)


if __name__ == "__main__":
    main(sys.argv[1:])
