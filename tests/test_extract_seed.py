"""The seed cable: the key facts the rules must find. The rules are general (see the unit
tests and test_extract_synthetic.py); these assertions only pin their output on the seed."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cablekg.cables.model import Cable, Paragraph
from cablekg.extract import Concept, ReformScheme, extract
from cablekg.extract.model import DateValue, Facts

SEED = Path(__file__).resolve().parent.parent / "data" / "cables" / "09CHENGDU229.txt"
SCHEME = ReformScheme(
    (
        Concept(
            "concept:land-use-rights", "land use rights", ("land use", "land use and management")
        ),
        Concept(
            "concept:hukou", "residence registration (hukou)", ("hukou", "residence registration")
        ),
        Concept("concept:social-security", "social security"),
        Concept("concept:rural-finance", "rural banking and finance", ("rural finance",)),
        Concept("concept:public-budget", "public budget and revenue"),
    )
)


def _split(path: Path) -> Cable:
    """Fallback splitter used only when the readers are unavailable."""
    raw = path.read_text(encoding="utf-8").split("© Scoop Media")[0]
    raw = re.sub(r"^[A-Z]+ 0\d{7} \d{3}\.\d OF \d{3}\s*$", "", raw, flags=re.M)
    raw = re.sub(r"\n\s*\n(?=[a-z])", "\n", raw)
    starts = list(re.finditer(r"^(\d)\.\s+", raw, re.M))
    paras = []
    for i, s in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(raw)
        body = raw[s.end() : end].split("\n\n")[0]
        paras.append(Paragraph(int(s.group(1)), " ".join(body.split())))
    return Cable(
        "09CHENGDU229",
        datetime(2009, 10, 15, 9, 43, tzinfo=UTC),
        "",
        tuple(paras),
        origin="Consulate Chengdu",
    )


def _read() -> Cable:
    try:
        from cablekg.cables import read_path

        return next(iter(read_path(SEED)))
    except ImportError:
        return _split(SEED)


@pytest.fixture(scope="module")
def seed() -> tuple[Cable, Facts]:
    c = _read()
    return c, extract(c, SCHEME)


def _labels(facts: Facts) -> dict[str, str]:
    return {e.key: e.label for e in facts.entities}


@pytest.mark.parametrize(
    ("person", "title", "org"),
    [
        ("Shen Xiaozhong", "Deputy Director", "Chongqing Development and Reform Commission"),
        (
            "Chen Jihong",
            "Senior Chief of Reform and Coordination",
            "Chongqing Development and Reform Commission",
        ),
        ("Zhang Bo", "Deputy Director", "Chongqing Academy of Social Sciences"),
        ("Xu Yuming", "Section Chief", "Chongqing Academy of Social Sciences"),
        ("Consul General (Consulate Chengdu)", "Consul General", "Consulate Chengdu"),
    ],
)
def test_officials(seed: tuple[Cable, Facts], person: str, title: str, org: str) -> None:
    _, facts = seed
    lab = _labels(facts)
    assert (person, title, org) in {
        (lab[m.person], m.role, lab[m.organization]) for m in facts.memberships
    }
    assert next(e for e in facts.entities if e.label == person).kind == "Official"


def test_acronyms(seed: tuple[Cable, Facts]) -> None:
    _, facts = seed
    cqdrc = facts.entity("org:chongqing development and reform commission")
    assert cqdrc.kind == "Commission" and cqdrc.alt_labels == ("CQDRC",)
    assert {s.paragraph for s in cqdrc.mentions} >= {1, 2, 4, 7}
    cass = facts.entity("org:chongqing academy of social sciences")
    assert cass.kind == "ResearchInstitution" and "CASS" in cass.alt_labels
    rel = {(r.subject, r.predicate, r.object) for r in facts.relations}
    assert (cqdrc.key, "jurisdiction", "place:chongqing") in rel


def test_places_and_pilot_areas(seed: tuple[Cable, Facts]) -> None:
    _, facts = seed
    chongqing = facts.entity("place:chongqing")
    assert (chongqing.kind, chongqing.label) == ("Municipality", "Chongqing Municipality")
    rel = {(r.subject, r.predicate, r.object) for r in facts.relations}
    for county in ("jiulong", "dianjiang", "liangping"):
        assert facts.entity(f"place:{county}").kind == "County"
        assert (f"place:{county}", "locatedIn", "place:chongqing") in rel
    programme = "reform:urban-rural coordinated development and reform"
    assert ("place:chongqing", "pilotFor", programme) in rel
    assert ("place:chengdu", "pilotFor", programme) in rel
    assert ("place:chongqing", "designatedBy", "org:state council") in rel
    assert facts.entity("place:chengdu").kind == "City"
    attrs = {(a.subject, a.predicate, a.value) for a in facts.attributes}
    assert ("place:chongqing", "designatedOn", DateValue("2007", "year")) in attrs


def test_reforms_by_area(seed: tuple[Cable, Facts]) -> None:
    _, facts = seed
    rel = {(r.subject, r.predicate, r.object) for r in facts.relations}
    for concept in (
        "land-use-rights",
        "social-security",
        "rural-finance",
        "hukou",
        "public-budget",
    ):
        key = f"reform:place:chongqing|concept:{concept}"
        assert facts.entity(key).kind == "Reform"
        assert (key, "reformArea", f"concept:{concept}") in rel
    exp = "reform:place:dianjiang|concept:land-use-rights"
    assert facts.entity(exp).kind == "ReformExperiment"
    assert (exp, "experimentOf", "reform:place:chongqing|concept:land-use-rights") in rel
    directive = next(e for e in facts.entities if e.kind == "Directive")
    assert (directive.key, "issuedBy", "org:state council") in rel
    assert (directive.key, "focusArea", "concept:hukou") in rel
    attrs = {(a.subject, a.predicate, a.value) for a in facts.attributes}
    assert (directive.key, "dcterms:date", DateValue("2009-01", "month")) in attrs
    plan = next(e for e in facts.entities if e.kind == "Plan")
    assert (plan.key, "dcterms:date", DateValue("2007", "year")) in attrs


@pytest.mark.parametrize(
    ("value", "unit", "measures"),
    [
        (33000000, "person", "inhabitants"),
        (70, "percent", "rural residents share"),
        (52, "", "domestic financial institutions"),
        (90, "percent", "complete"),
        (6000000, "person", "rural inhabitants"),
    ],
)
def test_figures(seed: tuple[Cable, Facts], value: int, unit: str, measures: str) -> None:
    _, facts = seed
    assert (value, unit, measures) in {(f.value, f.unit, f.measures) for f in facts.figures}
    assert all(f.value not in (2007, 2009) for f in facts.figures)


def test_statements_and_meeting(seed: tuple[Cable, Facts]) -> None:
    _, facts = seed
    lab = _labels(facts)
    speakers = {(lab[s.speaker], s.verb, s.span.paragraph) for s in facts.statements}
    assert ("Shen Xiaozhong", "told", 2) in speakers
    assert ("Chen Jihong", "explained", 4) in speakers
    assert ("Zhang Bo", "said", 5) in speakers
    assert ("Xu Yuming", "added", 6) in speakers
    assert ("Xu Yuming", "said", 6) in speakers  # "she said"
    assert ("Chongqing Development and Reform Commission", "said", 1) in speakers
    told = next(s for s in facts.statements if s.verb == "told")
    assert told.date == DateValue("2009-09-22", "day")
    assert lab[told.addressee or ""] == "Consul General (Consulate Chengdu)"
    meeting = facts.meetings[0]
    assert {lab[k] for k in meeting.participants} == {
        "Shen Xiaozhong",
        "Consul General (Consulate Chengdu)",
    }
    assert meeting.date == DateValue("2009-09-22", "day")


def test_banks_and_terms(seed: tuple[Cable, Facts]) -> None:
    _, facts = seed
    rel = {(r.subject, r.predicate, r.object) for r in facts.relations}
    for bank in ("org:hsbc", "org:standard chartered"):
        assert facts.entity(bank).kind == "ForeignBank"
        assert (bank, "basedIn", "place:united kingdom") in rel
        assert {s.paragraph for s in facts.entity(bank).mentions} == {1, 7}
    alts = {a for e in facts.entities for a in e.alt_labels}
    assert {"tudi hezuoshe", "nongmin zhuanye hezuoshe"} <= alts


def test_every_span_is_exact(seed: tuple[Cable, Facts]) -> None:
    cable, facts = seed
    spans = [s for e in facts.entities for s in e.mentions]
    spans += [
        x.span
        for x in (
            *facts.relations,
            *facts.attributes,
            *facts.memberships,
            *facts.figures,
            *facts.statements,
            *facts.meetings,
        )
    ]
    for s in spans:
        assert cable.paragraph(s.paragraph).text[s.start : s.end] == s.text
