"""Whole synthetic cables in settings unlike the seed: other provinces, names and titles."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cablekg.cables.model import Cable, Paragraph
from cablekg.extract import Concept, ReformScheme, extract
from cablekg.extract.model import DateValue, Facts

SCHEME = ReformScheme(
    (
        Concept(
            "concept:hukou", "residence registration (hukou)", ("hukou", "household registration")
        ),
        Concept("concept:health", "health care reform", ("health care", "rural clinics")),
        Concept("concept:housing", "housing reform", ("affordable housing",)),
        Concept("concept:soe", "state-owned enterprise reform", ("state-owned enterprises",)),
    )
)

GUANGDONG = (
    "Summary: Guangdong Province is reforming household registration and health care, "
    "Guangdong Health Department (GHD) officials said. End Summary.",
    "GHD Deputy Director General Ou Minghua told Consul General on March 3 that the province "
    "of 95 million people spends 6.5 percent of its budget on health care.",
    "In Shunde District, the government is experimenting with opening rural clinics to "
    "private investors. Private clinics now serve 40 percent of patients, Ou said.",
    "At the Sun Yat-sen University Institute of Public Policy, Professor Ruan Qiang explained "
    "that migrant workers (nongmingong) lack coverage. Most of them, he said, cannot afford it.",
    "Guangzhou Mayor Zhang Guangning hosted the Consul General for lunch on February 27. Mayor "
    "Zhang stressed that RMB 12 billion would go to affordable housing.",
)

SICHUAN = (
    "Sichuan Province Vice Governor Wei Hong, the official in charge of reconstruction, met "
    "with the Ambassador on May 20 in Chengdu.",
    "The State Council announced in 2008 that Mianzhu City would be one of five pilot zones for "
    '"Post-Disaster Reconstruction Reform."',
    "In April 2009, the State Council issued new guidelines to Sichuan, calling for rebuilding "
    "of schools, repair of roads, and reform of state-owned enterprises.",
    "Sichuan Province's three-year reconstruction plan, launched in 2008, aims to restore "
    "housing for 4.5 million households, Wei added. Some 140 kilometers of road remain closed.",
)


def make(texts: tuple[str, ...], origin: str, cid: str, created: datetime) -> Cable:
    return Cable(
        cid,
        created,
        "Synthetic",
        tuple(Paragraph(i + 1, t) for i, t in enumerate(texts)),
        origin=origin,
    )


@pytest.fixture(scope="module")
def guangdong() -> Facts:
    return extract(
        make(
            GUANGDONG,
            "Consulate Guangzhou",
            "10GUANGZHOU44",
            datetime(2010, 3, 12, 8, 0, tzinfo=UTC),
        ),
        SCHEME,
    )


@pytest.fixture(scope="module")
def sichuan() -> Facts:
    return extract(
        make(SICHUAN, "Embassy Beijing", "09BEIJING999", datetime(2009, 6, 2, 8, 0, tzinfo=UTC)),
        SCHEME,
    )


def lab(facts: Facts) -> dict[str, str]:
    return {e.key: e.label for e in facts.entities}


def memberships(facts: Facts) -> set[tuple[str, str, str]]:
    labels = lab(facts)
    return {(labels[m.person], m.role, labels[m.organization]) for m in facts.memberships}


def test_guangdong_officials(guangdong: Facts) -> None:
    got = memberships(guangdong)
    assert ("Ou Minghua", "Deputy Director General", "Guangdong Health Department") in got
    assert ("Zhang Guangning", "Mayor", "Guangzhou Government") in got
    assert any(p == "Ruan Qiang" and r == "Professor" for p, r, _ in got)


def test_guangdong_acronym_statements_and_pronouns(guangdong: Facts) -> None:
    labels = lab(guangdong)
    said = {(labels[s.speaker], s.verb) for s in guangdong.statements}
    assert ("Guangdong Health Department", "said") in said
    assert ("Ou Minghua", "told") in said and ("Ou Minghua", "said") in said
    assert ("Ruan Qiang", "explained") in said and ("Ruan Qiang", "said") in said
    assert ("Zhang Guangning", "stressed") in said
    told = next(s for s in guangdong.statements if s.verb == "told")
    assert told.date == DateValue("2010-03-03", "day")


def test_guangdong_meetings(guangdong: Facts) -> None:
    labels = lab(guangdong)
    got = {(frozenset(labels[k] for k in m.participants), m.date) for m in guangdong.meetings}
    cg = "Consul General (Consulate Guangzhou)"
    assert (frozenset({"Ou Minghua", cg}), DateValue("2010-03-03", "day")) in got
    assert (frozenset({"Zhang Guangning", cg}), DateValue("2010-02-27", "day")) in got


def test_guangdong_reforms_experiment_figures(guangdong: Facts) -> None:
    rel = {(r.subject, r.predicate, r.object) for r in guangdong.relations}
    assert ("reform:place:guangdong|concept:hukou", "pursuedBy", "place:guangdong") in rel
    assert ("reform:place:shunde|concept:health", "experimentIn", "place:shunde") in rel
    assert ("place:shunde", "locatedIn", "place:guangdong") in rel
    figs = {(f.value, f.unit) for f in guangdong.figures}
    assert {(95000000, "person"), (40, "percent"), (12000000000, "CNY")} <= figs


def test_sichuan(sichuan: Facts) -> None:
    labels = lab(sichuan)
    assert ("Wei Hong", "Vice Governor", "Sichuan Province Government") in memberships(sichuan)
    meeting = sichuan.meetings[0]
    assert {labels[k] for k in meeting.participants} == {"Wei Hong", "Ambassador (Embassy Beijing)"}
    assert meeting.date == DateValue("2009-05-20", "day")
    rel = {(r.subject, r.predicate, r.object) for r in sichuan.relations}
    programme = "reform:post-disaster reconstruction reform"
    assert ("place:mianzhu", "pilotFor", programme) in rel
    assert ("place:mianzhu", "designatedBy", "org:state council") in rel
    directive = next(e.key for e in sichuan.entities if e.kind == "Directive")
    assert (directive, "addressedTo", "place:sichuan") in rel
    assert (directive, "focusArea", "concept:soe") in rel
    attrs = {(a.subject, a.predicate, a.value) for a in sichuan.attributes}
    assert (directive, "dcterms:date", DateValue("2009-04", "month")) in attrs
    plan = next(e.key for e in sichuan.entities if e.kind == "Plan")
    assert (plan, "dcterms:date", DateValue("2008", "year")) in attrs
    figs = {(f.value, f.unit) for f in sichuan.figures}
    assert {(4500000, "person"), (140, "kilometre")} <= figs
