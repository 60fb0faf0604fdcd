"""load_reform_scheme reads the SKOS scheme's labels; ReformScheme finds them in text."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablekg.extract.scheme import Concept, ReformScheme, SchemeError, load_reform_scheme

TTL = """
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ra: <https://w3id.org/cablekg/reform-area/> .
<https://w3id.org/cablekg/reform-area> a skos:ConceptScheme .
ra:hukou a skos:Concept ; skos:inScheme <https://w3id.org/cablekg/reform-area> ;
    skos:prefLabel "residence registration (hukou)"@en ; skos:altLabel "hukou"@en .
ra:tax-reform a skos:Concept ; skos:inScheme <https://w3id.org/cablekg/reform-area> ;
    skos:prefLabel "tax reform"@en .
ra:other a skos:Concept ; skos:prefLabel "not in the scheme"@en .
"""


def test_load(tmp_path: Path) -> None:
    path = tmp_path / "o.ttl"
    path.write_text(TTL, encoding="utf-8")
    scheme = load_reform_scheme(path)
    assert {c.key for c in scheme.concepts} == {"concept:hukou", "concept:tax-reform"}
    assert scheme.concept("concept:hukou").alt_labels == ("hukou",)


@pytest.mark.parametrize("text", ["", "@prefix x: <http://x/> . x:a x:b x:c ."])
def test_load_without_scheme_fails(tmp_path: Path, text: str) -> None:
    path = tmp_path / "o.ttl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemeError):
        load_reform_scheme(path)


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("the tax reform and hukou", ["concept:tax", "concept:hukou"]),
        ("the tax system", []),  # a bare "tax" is too short to stand for "tax reform"
        ("reform of state owned enterprises", ["concept:soe"]),
        ("State-Owned Enterprises", ["concept:soe"]),
        ("the taxonomy of hukouism", []),
    ],
)
def test_find(text: str, keys: list[str]) -> None:
    scheme = ReformScheme(
        (
            Concept("concept:tax", "tax reform"),
            Concept("concept:hukou", "hukou"),
            Concept("concept:soe", "state-owned enterprise reform", ("state-owned enterprises",)),
        )
    )
    assert [k for k, _, _ in scheme.find(text)] == keys
