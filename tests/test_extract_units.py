"""Unit tests of the extraction rules, one group per module, on small synthetic sentences."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from cablekg.cables.model import Cable, Paragraph
from cablekg.extract import Concept, ReformScheme, extract
from cablekg.extract.dates import find_dates
from cablekg.extract.lexicon import lexicon
from cablekg.extract.model import DateValue, Facts

SCHEME = ReformScheme(
    (
        Concept("concept:land", "land use rights", ("land use",)),
        Concept(
            "concept:hukou", "residence registration (hukou)", ("hukou", "household registration")
        ),
        Concept("concept:pensions", "old-age insurance", ("pensions",)),
        Concept("concept:forestry", "forest tenure", ("collective forest rights",)),
    )
)
CREATED = datetime(2008, 3, 10, 4, 0, tzinfo=UTC)


def cable(*texts: str, origin: str = "Consulate Shenyang") -> Cable:
    paras = tuple(Paragraph(i + 1, t) for i, t in enumerate(texts))
    return Cable("08SHENYANG77", CREATED, "Test", paras, origin=origin)


def run(*texts: str, origin: str = "Consulate Shenyang") -> Facts:
    return extract(cable(*texts, origin=origin), SCHEME)


def labels(facts: Facts, kind: str | None = None) -> set[str]:
    return {e.label for e in facts.entities if kind is None or e.kind == kind}


def check_spans(facts: Facts, c: Cable) -> None:
    for e in facts.entities:
        for s in e.mentions:
            assert c.paragraph(s.paragraph).text[s.start : s.end] == s.text


# -- dates ------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on February 14 the mayor", DateValue("2008-02-14", "day")),
        ("on November 3 last year", DateValue("2007-11-03", "day")),  # after March -> 2007
        ("in December 2006 they", DateValue("2006-12", "month")),
        ("begun in 2004, the plan", DateValue("2004", "year")),
        ("on 5 March 2008 he", DateValue("2008-03-05", "day")),
        ("on July 4, 2005 a", DateValue("2005-07-04", "day")),
    ],
)
def test_dates(text: str, expected: DateValue) -> None:
    found = find_dates(text, CREATED, lexicon().months)
    assert [d for _, _, d in found] == [expected]


@pytest.mark.parametrize("text", ["a 3,500 yuan fee", "some 1999.5 tons", "1.4 (b) and (d)"])
def test_no_dates(text: str) -> None:
    assert find_dates(text, CREATED, lexicon().months) == []


# -- institutions, acronyms, places ------
def test_acronym_defined_then_used_alone() -> None:
    facts = run(
        "The Liaoning Provincial Forestry Bureau (LPFB) manages the hills.",
        "LPFB officials said the quota was met.",
    )
    org = facts.entity("org:liaoning provincial forestry bureau")
    assert org.kind == "GovernmentBody" and "LPFB" in org.alt_labels
    assert {s.paragraph for s in org.mentions} == {1, 2}


@pytest.mark.parametrize(
    ("sentence", "label", "kind"),
    [
        (
            "He visited the Jilin Academy of Agricultural Sciences last week.",
            "Jilin Academy of Agricultural Sciences",
            "ResearchInstitution",
        ),
        (
            "The Harbin Development and Reform Commission approved it.",
            "Harbin Development and Reform Commission",
            "Commission",
        ),
        (
            "Loans came from the Agricultural Bank of China in the end.",
            "Agricultural Bank of China",
            "Bank",
        ),
        ("The Ministry of Commerce objected.", "Ministry of Commerce", "Ministry"),
        (
            "Northeast Forestry University hosted it.",
            "Northeast Forestry University",
            "ResearchInstitution",
        ),
    ],
)
def test_institution_kinds(sentence: str, label: str, kind: str) -> None:
    facts = run(sentence)
    assert (label, kind) in {(e.label, e.kind) for e in facts.entities}


@pytest.mark.parametrize(
    ("sentence", "label", "kind"),
    [
        ("Officials in Fushun County were upbeat.", "Fushun County", "County"),
        ("Liaoning Province has 42 million residents.", "Liaoning Province", "Province"),
        (
            "The Yanbian Korean Autonomous Prefecture borders Korea.",
            "Yanbian Korean Autonomous Prefecture",
            "Region",
        ),
        ("Factories in Tiexi District closed.", "Tiexi District", "District"),
    ],
)
def test_place_kinds(sentence: str, label: str, kind: str) -> None:
    assert (label, kind) in {(e.label, e.kind) for e in run(sentence).entities}


def test_bare_place_is_the_suffixed_place_and_counties_are_contained() -> None:
    facts = run(
        "Liaoning Province is reforming its land use rights system.",
        "In Xinmin County, the government is experimenting with pensions for farmers.",
        "Liaoning officials said Liaoning would expand it.",
    )
    place = facts.entity("place:liaoning")
    assert place.label == "Liaoning Province" and "Liaoning" in place.alt_labels
    assert len(place.mentions) == 3
    assert ("place:xinmin", "locatedIn", "place:liaoning") in {
        (r.subject, r.predicate, r.object) for r in facts.relations
    }


def test_listed_foreign_banks_with_country() -> None:
    facts = run(
        "Chinese regulators met in China. Japanese banks Mizuho and Sumitomo Mitsui "
        "opened branches in China, and Korean firms Hanwha and Doosan followed."
    )
    assert facts.entity("org:mizuho").kind == "ForeignBank"
    assert facts.entity("org:sumitomo mitsui").kind == "ForeignBank"
    assert facts.entity("org:doosan").kind == "Company"
    rel = {(r.subject, r.predicate, r.object) for r in facts.relations}
    assert ("org:mizuho", "basedIn", "place:japan") in rel
    assert ("org:hanwha", "basedIn", "place:korea") in rel


# -- people ------
@pytest.mark.parametrize(
    ("sentence", "person", "role", "org"),
    [
        (
            "LPFB Vice Director Gao Ming told PolOff the plan works.",
            "Gao Ming",
            "Vice Director",
            "LPFB",
        ),
        (
            "Xu Lan, LPFB Division Chief of Forest Tenure and Planning, said so.",
            "Xu Lan",
            "Division Chief of Forest Tenure and Planning",
            "LPFB",
        ),
        (
            "LPFB Senior Chief of Policy and Law, Tang Wei, agreed.",
            "Tang Wei",
            "Senior Chief of Policy and Law",
            "LPFB",
        ),
        (
            "At the Liaoning Provincial Forestry Bureau (LPFB), Deputy Director Song Jie objected.",
            "Song Jie",
            "Deputy Director",
            "Liaoning Provincial Forestry Bureau",
        ),
        (
            "Shenyang Mayor Li Yingjie welcomed the group.",
            "Li Yingjie",
            "Mayor",
            "Shenyang Government",
        ),
    ],
)
def test_officials(sentence: str, person: str, role: str, org: str) -> None:
    facts = run("The Liaoning Provincial Forestry Bureau (LPFB) is new.", sentence)
    labels_by_key = {e.key: e for e in facts.entities}
    got = {
        (labels_by_key[m.person].label, m.role, labels_by_key[m.organization].label)
        for m in facts.memberships
    }
    org_label = "Liaoning Provincial Forestry Bureau" if org == "LPFB" else org
    assert (person, role, org_label) in got
    p = next(e for e in facts.entities if e.label == person)
    assert p.kind == "Official" and p.family_name == person.split()[0]
    assert p.given_name == person.split()[1]


def test_western_name_given_first_and_surname_later() -> None:
    facts = run(
        "Ambassador John Smith met Governor Zhou Min. Smith said later that talks went well."
    )
    smith = facts.entity("person:john smith")
    assert (smith.given_name, smith.family_name) == ("John", "Smith")
    assert len(smith.mentions) == 2
    assert any(s.speaker == "person:john smith" for s in facts.statements)


# -- figures ------
@pytest.mark.parametrize(
    ("sentence", "value", "unit", "measures"),
    [
        ("The county has 450,000 residents.", 450000, "person", "residents"),
        ("Forests cover 62 percent of the land.", 62, "percent", "share of land"),
        ("Farmers account for 55 percent of the workforce.", 55, "percent", "farmers share"),
        ("The fund holds RMB 2.5 billion for roads.", 2500000000, "CNY", ""),
        ("It cost $40 million overall.", 40000000, "USD", "overall"),
        ("The road is 85 kilometers long.", 85, "kilometre", "long"),
        ("Some 17 township enterprises closed.", 17, "", "township enterprises"),
        ("Exports posted an 8.5 percent rise.", Decimal("8.5"), "percent", "rise"),
        ("They moved three million rural migrants.", 3000000, "person", "rural migrants"),
    ],
)
def test_figures(sentence: str, value: int | Decimal, unit: str, measures: str) -> None:
    figs = run(sentence).figures
    assert [(f.value, f.unit) for f in figs] == [(value, unit)]
    assert figs[0].measures == measures or measures in figs[0].measures


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2006 the plan began.",
        "See BEIJING 5621 for details.",
        "Reasons 1.4 (b) and (d).",
        "The 17th Party Congress met.",
        "It took two weeks of talks.",
    ],
)
def test_not_figures(sentence: str) -> None:
    assert run(sentence).figures == ()


# -- terms ------
def test_pinyin_term_names_a_cooperative() -> None:
    facts = run("Villagers may join forest cooperatives (linye hezuoshe) this year.")
    coop = next(e for e in facts.entities if e.kind == "Cooperative")
    assert coop.label == "forest cooperatives" and "linye hezuoshe" in coop.alt_labels


@pytest.mark.parametrize(
    "sentence",
    ["They cited the report (ref A).", "It was labelled (residence registration) there."],
)
def test_english_in_parentheses_is_not_a_term(sentence: str) -> None:
    facts = run(sentence)
    assert not any(e.kind == "Cooperative" for e in facts.entities)
    assert facts.attributes == ()


def test_pinyin_term_for_a_concept_is_an_alt_label_only_when_new() -> None:
    facts = run(
        'Rural "huji" or household registration is changing; "hukou" or household registration too.'
    )
    assert [(a.subject, a.value) for a in facts.attributes] == [("concept:hukou", "huji")]


# -- speech and meetings ------
def test_statement_forms_and_pronoun() -> None:
    facts = run(
        "Harbin Party Secretary Du Yuxin told Consul General on February 14 that coal output "
        "would fall. Previously, he said, mines were unsafe. Output will rise next year, Du added."
    )
    by_verb = {s.verb: s for s in facts.statements}
    assert by_verb["told"].speaker == "person:du yuxin"
    assert by_verb["told"].content.startswith("coal output would fall")
    assert by_verb["told"].addressee == "person:consul general (consulate shenyang)"
    assert by_verb["told"].date == DateValue("2008-02-14", "day")
    assert by_verb["said"].speaker == "person:du yuxin"
    assert "mines were unsafe" in by_verb["said"].content
    assert by_verb["added"].content == "Output will rise next year"
    meeting = facts.meetings[0]
    assert set(meeting.participants) == {
        "person:du yuxin",
        "person:consul general (consulate shenyang)",
    }
    post = facts.entity("org:consulate shenyang")
    assert post.kind == "Consulate"


def test_institution_as_collective_speaker() -> None:
    facts = run("The Harbin Statistics Bureau (HSB) is small. Exports fell, HSB officials said.")
    assert [(s.speaker, s.content) for s in facts.statements] == [
        ("org:harbin statistics bureau", "Exports fell")
    ]


# -- reforms, pilots, directives, plans ------
def test_reforms_experiments_pilots_directives_plans() -> None:
    facts = run(
        "Liaoning Province is reforming collective forest rights and pensions.",
        "In Kuandian County, officials are experimenting with transferring land use rights to "
        "private forest farms.",
        "The State Council announced in 2006 that Liaoning Province would be one of three pilot "
        'areas for "Collective Forest Tenure Reform."',
        "In June 2007, the State Council issued guidance to Liaoning, urging it to protect "
        "watersheds, expand nurseries, and train foresters.",
        "Liaoning Province's eleventh five-year plan, launched in 2006, focuses on timber output.",
    )
    rel = {(r.subject, r.predicate, r.object) for r in facts.relations}
    reform = "reform:place:liaoning|concept:forestry"
    assert facts.entity(reform).kind == "Reform"
    assert (reform, "pursuedBy", "place:liaoning") in rel
    assert ("reform:place:liaoning|concept:pensions", "reformArea", "concept:pensions") in rel
    exp = "reform:place:kuandian|concept:land"
    assert facts.entity(exp).kind == "ReformExperiment"
    assert (exp, "experimentIn", "place:kuandian") in rel
    programme = "reform:collective forest tenure reform"
    assert ("place:liaoning", "pilotFor", programme) in rel
    assert ("place:liaoning", "designatedBy", "org:state council") in rel
    attrs = {(a.subject, a.predicate, a.value) for a in facts.attributes}
    assert ("place:liaoning", "designatedOn", DateValue("2006", "year")) in attrs
    directive = next(e.key for e in facts.entities if e.kind == "Directive")
    assert (directive, "issuedBy", "org:state council") in rel
    assert (directive, "addressedTo", "place:liaoning") in rel
    assert (directive, "dcterms:date", DateValue("2007-06", "month")) in attrs
    assert (directive, "aim", "expand nurseries") in attrs
    plan = next(e.key for e in facts.entities if e.kind == "Plan")
    assert (plan, "dcterms:date", DateValue("2006", "year")) in attrs
    assert (plan, "aim", "timber output") in attrs
    check_spans(facts, cable("x")) if False else None


def test_spans_are_exact_and_nothing_names_the_unknown() -> None:
    c = cable(
        "A quiet paragraph with no names at all, only words.",
        "Li Ping, LPFB Deputy Director, said the LPFB (LPFB) plan works.",
    )
    facts = extract(c, SCHEME)
    check_spans(facts, c)
    for f in facts.figures:
        assert c.paragraph(f.span.paragraph).text[f.span.start : f.span.end] == f.span.text


@pytest.mark.parametrize(
    ("sentence", "addressee"),
    [
        (
            "Vice Mayor Gao Ling told PolOff on March 2 that rents rose.",
            "person:poloff (consulate shenyang)",
        ),
        (
            "Vice Mayor Gao Ling told the Consul General that rents rose.",
            "person:consul general (consulate shenyang)",
        ),
    ],
)
def test_unnamed_diplomats_are_officials_of_the_post(sentence: str, addressee: str) -> None:
    facts = run(sentence)
    (statement,) = facts.statements
    assert statement.addressee == addressee and statement.content == "rents rose"
    assert {(m.person, m.organization) for m in facts.memberships} == {
        (addressee, "org:consulate shenyang")
    }


def test_surname_before_full_name_is_the_same_person() -> None:
    facts = run("Governor Qian said the harvest was poor.", "Governor Qian Yunlu met PolOff.")
    people = [e for e in facts.entities if e.kind == "Official" and "PolOff" not in e.label]
    assert [p.label for p in people] == ["Qian Yunlu"]
    assert {s.paragraph for s in people[0].mentions} == {1, 2}


def test_upper_case_text_yields_no_names() -> None:
    facts = run("THE GOVERNOR SAID THE LIAONING PROVINCIAL FORESTRY BUREAU WILL GROW.")
    assert facts.entities == ()
