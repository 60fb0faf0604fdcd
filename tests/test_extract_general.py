"""Rules that generalise to unseen cables: pilot areas without a quoted programme, county
experiments without "experimenting", figure subjects/dates/places, pronouns, organisation
boundaries, upper-case text and statement contents. Synthetic sentences only."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cablekg.extract.model import DateValue, Facts
from tests.test_extract_units import cable, run


def _rel(facts: Facts) -> set[tuple[str, str, str]]:
    return {(r.subject, r.predicate, r.object) for r in facts.relations}


def _attrs(facts: Facts) -> set[tuple[str, str, object]]:
    return {(a.subject, a.predicate, a.value) for a in facts.attributes}


# -- 1. pilot areas -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "place", "programme", "by", "on"),
    [
        (
            "Dandong City became a national pilot area for cross-border trade settlement in 2007.",
            "place:dandong",
            "reform:cross-border trade settlement",
            None,
            DateValue("2007", "year"),
        ),
        (
            "Tieling City was designated a pilot zone for rural land transfer by the State "
            "Council.",
            "place:tieling",
            "reform:rural land transfer",
            "org:state council",
            None,
        ),
        (
            "Fuxin City is a comprehensive reform pilot zone, officials said.",
            "place:fuxin",
            "reform:comprehensive reform pilot zone",
            None,
            None,
        ),
        (
            "In 2005 the State Council approved Anshan City as an experimental zone for "
            "resource-based economic transition.",
            "place:anshan",
            "reform:resource-based economic transition",
            "org:state council",
            DateValue("2005", "year"),
        ),
    ],
)
def test_pilot_area_without_quoted_programme(
    sentence: str, place: str, programme: str, by: str | None, on: DateValue | None
) -> None:
    facts = run(sentence)
    rel = _rel(facts)
    assert (place, "pilotFor", programme) in rel
    assert facts.entity(programme).kind == "Reform"
    assert ((place, "designatedBy", by) in rel) == bool(by)
    if on:
        assert (place, "designatedOn", on) in _attrs(facts)


def test_each_pilot_sentence_keeps_its_own_programme() -> None:
    facts = run(
        'Liaoning Province is one of three pilot areas for "Collective Forest Tenure Reform."',
        "Dandong City became a pilot area for cross-border trade settlement in 2007.",
    )
    rel = _rel(facts)
    assert ("place:liaoning", "pilotFor", "reform:collective forest tenure reform") in rel
    assert ("place:dandong", "pilotFor", "reform:cross-border trade settlement") in rel
    assert ("place:dandong", "pilotFor", "reform:collective forest tenure reform") not in rel


# -- 2. county experiments ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("texts", "county", "measure"),
    [
        (
            (
                "Officials described pilot projects in three counties.",
                "In Xifeng County, farmers are being encouraged to form land use cooperatives.",
            ),
            "place:xifeng",
            "form land use cooperatives",
        ),
        (
            ("Kuandian County is piloting land use rights transfers.",),
            "place:kuandian",
            "land use rights transfers",
        ),
        (
            ("Xinmin County will pilot pensions for farmers next year.",),
            "place:xinmin",
            "pensions for farmers next year",
        ),
        (
            (
                "The province launched a pilot project in Faku County to extend pensions to "
                "farmers.",
            ),
            "place:faku",
            "extend pensions to farmers",
        ),
    ],
)
def test_county_experiments_without_experimenting(
    texts: tuple[str, ...], county: str, measure: str
) -> None:
    facts = run(*texts)
    exps = [e.key for e in facts.entities if e.kind == "ReformExperiment"]
    assert exps
    rel = _rel(facts)
    assert all((k, "experimentIn", county) in rel for k in exps)
    assert any((k, "measure", measure) in _attrs(facts) for k in exps)
    assert any(
        (k, "reformArea", c) in rel for k in exps for c in ("concept:land", "concept:pensions")
    )


def test_in_county_sentence_outside_an_experiment_paragraph_is_no_experiment() -> None:
    facts = run("In Xifeng County, farmers are being encouraged to grow maize.")
    assert not [e for e in facts.entities if e.kind == "ReformExperiment"]


def test_pilot_zone_county_is_no_experiment() -> None:
    facts = run("Faku County became a pilot zone for rural land transfer in 2008.")
    assert not [e for e in facts.entities if e.kind == "ReformExperiment"]
    assert ("place:faku", "pilotFor", "reform:rural land transfer") in _rel(facts)


# -- 3. figures -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "value", "measures", "about", "as_of"),
    [
        (
            "Border trade between Yunnan Province and Burma reached 1.2 billion dollars last year.",
            Decimal("1.2E9"),
            "border trade",
            "place:yunnan",
            DateValue("2007", "year"),
        ),
        (
            "Hunan Province officials said there are some 35 rural credit cooperatives in "
            "Ningxiang County.",
            35,
            "rural credit cooperatives",
            "place:ningxiang",
            None,
        ),
        (
            "By April 2010, Jilin Province will have built 120 kilometers of highway.",
            120,
            "highway",
            "place:jilin",
            DateValue("2010-04", "month"),
        ),
        (
            "In 2006, the number of migrant workers in Hebei Province was 3 million.",
            3000000,
            "number of migrant workers",
            "place:hebei",
            DateValue("2006", "year"),
        ),
        (
            "Total investment reached USD 5 billion this year.",
            5000000000,
            "total investment",
            None,
            DateValue("2008", "year"),
        ),
    ],
)
def test_figure_measures_about_and_as_of(
    sentence: str, value: object, measures: str, about: str | None, as_of: DateValue | None
) -> None:
    figs = run(sentence).figures
    assert len(figs) == 1
    f = figs[0]
    assert (f.value, f.measures, f.about, f.as_of) == (value, measures, about, as_of)


@pytest.mark.parametrize(
    "sentence",
    [
        "The talks began at 10:30 p.m. on Friday.",
        "He cited UN Security Council Resolution 1874 so far.",
        "The '92 consensus still holds.",
    ],
)
def test_times_and_references_are_not_figures(sentence: str) -> None:
    assert run(sentence).figures == ()


def test_participle_ends_the_measured_phrase() -> None:
    f = run("The outage lasted 24 hours resulting in losses.").figures[0]
    assert f.measures == ""


# -- 4. pronouns ----------------------------------------------------------------------------------
def test_pronoun_goes_to_the_recent_speaker_of_that_gender() -> None:
    facts = run(
        "Director Li Hua said the plan worked. She added that costs fell.",
        "Mayor Wang Lijun visited the site; Li Hua explained the details. Later he said costs "
        "rose.",
    )
    said = {(s.speaker, s.content) for s in facts.statements}
    assert ("person:li hua", "costs fell") in said
    assert ("person:wang lijun", "costs rose") in said


def test_pronoun_prefers_the_speaker_over_a_later_mention() -> None:
    facts = run("Director Li Hua told the Consul General that Wang Lijun left. He said more.")
    said = {(s.speaker, s.content) for s in facts.statements}
    assert ("person:li hua", "more") in said


# -- 5. organisation boundaries -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "label", "kind"),
    [
        ("The Bao Gang steel company expanded.", "Bao Gang Steel Company", "Company"),
        ("Officials of the Haier group said so.", "Haier Group", "Company"),
        ("The G20 Finance Ministers and Central Bank Governors met.", "Central Bank", "Bank"),
        (
            "Officials of the Bank of China and Agricultural Bank of China met.",
            "Bank of China",
            "Bank",
        ),
        (
            "The Development and Reform Commission met.",
            "Development and Reform Commission",
            "Commission",
        ),
    ],
)
def test_organisation_boundaries(sentence: str, label: str, kind: str) -> None:
    facts = run(sentence)
    assert (label, kind) in {(e.label, e.kind) for e in facts.entities}
    assert not [e for e in facts.entities if e.kind == "Person"]


@pytest.mark.parametrize("sentence", ["The New Embassy Compound opened.", "Bank Building fell."])
def test_buildings_are_not_institutions(sentence: str) -> None:
    assert not [e for e in run(sentence).entities if e.kind in ("Embassy", "Bank")]


def test_middle_initial_stays_in_the_name() -> None:
    facts = run("Ambassador Glyn T. Davies met officials.")
    assert "Glyn T. Davies" in {e.label for e in facts.entities if e.kind == "Official"}


def test_a_country_government_is_national() -> None:
    facts = run("The Government of China (GOC) and Chinese Premier Wen Jiabao agreed.")
    gov = next(e for e in facts.entities if e.label == "Government of China")
    assert gov.kind == "GovernmentBody"


# -- 6. upper-case text ---------------------------------------------------------------------------
def test_upper_case_finds_acronym_institutions_and_titled_officials() -> None:
    text = (
        "THE NATIONAL DEVELOPMENT AND REFORM COMMISSION (NDRC) ISSUED A NOTICE. NDRC VICE "
        "MINISTER WANG WEI SAID THAT THE PROVINCIAL GOVERNMENT WOULD ACT."
    )
    c = cable(text)
    facts = run(text)
    ndrc = facts.entity("org:national development and reform commission")
    assert ndrc.kind == "Commission" and "NDRC" in ndrc.alt_labels
    assert {(m.person, m.role) for m in facts.memberships} == {("person:wang wei", "Vice Minister")}
    assert not [e for e in facts.entities if "Provincial" in e.label]
    for e in facts.entities:  # spans are on the original, upper-case text
        for s in e.mentions:
            assert c.paragraph(s.paragraph).text[s.start : s.end] == s.text


# -- 7. statement contents ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "verb", "content"),
    [
        (
            "In a meeting on May 5, Director Li Hua expressed concern about rising land prices.",
            "expressed",
            "concern about rising land prices",
        ),
        (
            "During the visit, Director Li Hua discussed the new budget law with officials.",
            "discussed",
            "the new budget law with officials",
        ),
        ("Director Li Hua stressed that farmers must benefit.", "stressed", "farmers must benefit"),
        ("Director Li Hua noted that costs, however, fell.", "noted", "costs, however, fell"),
        ("Prices rose; costs fell, Director Li Hua noted.", "noted", "costs fell"),
        ("Director Li Hua suggested, if asked, a new plan.", "suggested", "if asked, a new plan"),
    ],
)
def test_statement_content(sentence: str, verb: str, content: str) -> None:
    got = {(s.verb, s.content) for s in run(sentence).statements}
    assert (verb, content) in got


@pytest.mark.parametrize(
    "sentence", ["During his February 27 - 29 visit, the Ambassador met officials."]
)
def test_day_ranges_are_not_figures(sentence: str) -> None:
    assert run(sentence).figures == ()
