"""Resolve: keys -> stable IRI paths and one label per path, within and across cables."""

from __future__ import annotations

import pytest

from cablekg.extract.model import Entity, Facts
from cablekg.resolve import AliasIndex, Identities, resolve


def facts(*entities: Entity, cable_id: str = "08WUHAN12") -> Facts:
    return Facts(cable_id, entities=entities)


ORG = Entity(
    "org:hubei land resources bureau", "GovernmentBody", "Hubei Land Resources Bureau", ("HLRB",)
)
ACRONYM_ONLY = Entity("org:hlrb", "GovernmentBody", "HLRB")
PROVINCE = Entity("place:hubei", "Province", "Hubei Province", ("Hubei",))
BARE = Entity("place:hubei", "Place", "Hubei")
COUNTY = Entity("place:xishui", "County", "Xishui County", ("Xishui",))
PERSON = Entity("person:luo hong", "Official", "Luo Hong", given_name="Hong", family_name="Luo")
ROLE = Entity(
    "person:consul general (consulate wuhan)", "Official", "Consul General (Consulate Wuhan)"
)
REFORM = Entity(
    "reform:place:hubei|concept:land-use-rights", "Reform", "Land use rights reform in Hubei"
)
EXPERIMENT = Entity(
    "reform:place:xishui|concept:land-use-rights",
    "ReformExperiment",
    "Land use rights experiment in Xishui County",
)
DIRECTIVE = Entity(
    "directive:org:state council|2009-01|place:hubei",
    "Directive",
    "State Council guidance to Hubei, 2009-01",
)
COUNCIL = Entity("org:state council", "GovernmentBody", "State Council")
PLAN = Entity(
    "plan:place:hubei|eleventh five-year plan", "Plan", "Hubei Province's eleventh five-year plan"
)


@pytest.mark.parametrize(
    ("entity", "path"),
    [
        (ORG, "org/hubei-land-resources-bureau"),
        (PROVINCE, "place/hubei"),
        (BARE, "place/hubei"),
        (COUNTY, "place/xishui-county"),
        (PERSON, "person/luo-hong"),
        (ROLE, "person/consul-general-consulate-wuhan"),
    ],
)
def test_paths(entity: Entity, path: str) -> None:
    ids = resolve(facts(entity))
    assert ids[entity.key] == path
    assert ids.label(path) == entity.label


def test_composite_paths_follow_their_parts() -> None:
    ids = resolve(facts(PROVINCE, COUNTY, COUNCIL, REFORM, EXPERIMENT, DIRECTIVE, PLAN))
    assert ids[REFORM.key] == "reform/hubei-land-use-rights"
    assert ids[EXPERIMENT.key] == "reform/xishui-county-land-use-rights"
    assert ids[DIRECTIVE.key] == "directive/state-council-2009-01-hubei"
    assert ids[PLAN.key] == "plan/hubei-eleventh-five-year-plan"


def test_acronym_alone_resolves_to_the_full_name_in_the_store() -> None:
    first = resolve(facts(ORG))
    known = AliasIndex.from_pairs(
        [
            (alias, first[ORG.key], first.label(first[ORG.key]))
            for alias in (ORG.label, *ORG.alt_labels)
        ]
    )
    later = resolve(facts(ACRONYM_ONLY, cable_id="09WUHAN3"), known)
    assert later[ACRONYM_ONLY.key] == "org/hubei-land-resources-bureau"
    assert later.label("org/hubei-land-resources-bureau") == "Hubei Land Resources Bureau"


def test_full_name_wins_over_a_known_acronym() -> None:
    known = AliasIndex.from_pairs(
        [("HLRB", "org/hunan-lake-research-board", "Hunan Lake Research Board")]
    )
    ids = resolve(facts(ORG), known)
    assert ids[ORG.key] == "org/hubei-land-resources-bureau"


def test_store_label_is_reused_across_cables() -> None:
    known = AliasIndex.from_pairs(
        [
            ("Hubei Province", "place/hubei", "Hubei Province"),
            ("Hubei", "place/hubei", "Hubei Province"),
        ]
    )
    ids = resolve(facts(BARE), known)
    assert ids[BARE.key] == "place/hubei"
    assert ids.label("place/hubei") == "Hubei Province"


def test_same_person_in_two_cables_gets_the_same_path() -> None:
    a = resolve(facts(PERSON))
    b = resolve(facts(Entity("person:luo hong", "Person", "Luo Hong"), cable_id="09WUHAN3"))
    assert a[PERSON.key] == b[PERSON.key] == "person/luo-hong"


def test_fullest_label_wins_within_a_cable() -> None:
    ids = resolve(
        facts(
            Entity("place:hubei", "Province", "Hubei Province"),
            Entity("place:hubei province", "Place", "Hubei"),
        )
    )
    assert set(ids.values()) == {"place/hubei"}
    assert ids.label("place/hubei") == "Hubei Province"


def test_identities_are_frozen() -> None:
    ids = resolve(facts(ORG))
    assert isinstance(ids, Identities) and len(ids) == 1 and list(ids) == [ORG.key]
    with pytest.raises(TypeError):
        ids.paths["x"] = "y"  # type: ignore[index]
    with pytest.raises(AttributeError):
        ids.paths = {}  # type: ignore[misc]


def test_surname_only_person_is_scoped_to_its_cable() -> None:
    wang = Entity("person:wang", "Official", "Wang", family_name="Wang")
    a = resolve(facts(wang, cable_id="07BEIJING5705"))
    b = resolve(facts(wang, cable_id="08BEIJING661"))
    assert a[wang.key] == "person/wang-07beijing5705" != b[wang.key]
