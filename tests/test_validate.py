"""Validator, Report and Violation; HermiT consistency checks on small test ontologies."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

import pytest
import rdflib
from rdflib import Dataset, Graph, URIRef

from cablekg.cables import read_many
from cablekg.cables.model import Cable
from cablekg.config import Settings
from cablekg.errors import CableKGError
from cablekg.pipeline import Pipeline
from cablekg.rdf.graphs import CableGraphs
from cablekg.resources import bundled_cables
from cablekg.validate import ConsistencyReport, Report, Validator, Violation, check_consistency

DATA = Path(__file__).parent / "data" / "shapes"
GOLDEN_INPUTS = Path(__file__).parent / "data" / "golden_inputs"
CKGSH = "https://w3id.org/cablekg/shapes#"
EX = "http://example.org/"

PREFIXES = """
@prefix ckg: <https://w3id.org/cablekg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix ex: <http://example.org/> .
"""
BAD_ID = PREFIXES + 'ex:c a ckg:Cable ; rdfs:label "x" ; dcterms:identifier "09POST007" .'


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator()


@pytest.fixture()
def dataset() -> Dataset:
    ds = Dataset()
    ds.parse(DATA / "synthetic-cable.trig", format="trig")
    return ds


def test_report_and_violation_are_frozen(validator: Validator) -> None:
    report = validator.validate(Graph().parse(data=BAD_ID, format="turtle"))
    assert isinstance(report, Report) and not report.conforms
    violation = report.violations[0]
    assert isinstance(violation, Violation)
    with pytest.raises(dataclasses.FrozenInstanceError):
        violation.message = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.conforms = True  # type: ignore[misc]


def test_violation_reads_well(validator: Validator) -> None:
    report = validator.validate(Graph().parse(data=BAD_ID, format="turtle"))
    (violation,) = report.violations
    assert violation.focus == EX + "c"
    assert violation.path == "http://purl.org/dc/terms/identifier"
    assert violation.value == "09POST007"
    assert violation.severity == "Violation"
    assert violation.shape == CKGSH + "CableShape"
    assert violation.constraint == "PatternConstraintComponent"
    text = str(violation)
    assert text.startswith("Violation: http://example.org/c http://purl.org/dc/terms/identifier")
    assert "canonical form" in text and "(found 09POST007)" in text
    assert report.messages() == [text]


def test_str_without_path_and_value() -> None:
    violation = Violation(
        focus="urn:x", path=None, value=None, message="bad", severity="Warning", shape="urn:s"
    )
    assert str(violation) == "Warning: urn:x: bad [urn:s]"


def test_dataset_is_validated_as_the_union_of_its_graphs(
    validator: Validator, dataset: Dataset
) -> None:
    report = validator.validate(dataset)
    assert report.conforms, report.messages()
    # one paragraph graph alone lacks the types declared in the cable graph
    para = dataset.graph(URIRef(EX + "cable/10NORTHVALE45/para/2"))
    alone = validator.validate(para)
    assert not alone.conforms
    assert any(v.shape == CKGSH + "StatementShape" for v in alone.errors)


def test_default_graph_of_a_dataset_is_included(validator: Validator) -> None:
    ds = Dataset()
    ds.parse(data=BAD_ID, format="turtle")  # into the default graph
    assert not validator.validate(ds).conforms


def test_input_is_not_modified(validator: Validator, dataset: Dataset) -> None:
    before = len(list(dataset.quads()))
    graph = Graph().parse(data=BAD_ID, format="turtle")
    validator.validate(dataset)
    validator.validate(graph)
    assert len(list(dataset.quads())) == before
    assert len(graph) == 3


def test_parsed_shapes_are_reused(
    validator: Validator, dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    shapes = validator.shapes

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("validate() must not parse files")

    monkeypatch.setattr(rdflib.Graph, "parse", no_parsing)
    assert validator.validate(dataset).conforms
    assert not validator.validate(Graph()).violations
    assert validator.shapes is shapes


def test_warnings_do_not_break_conformance(validator: Validator) -> None:
    data = PREFIXES + 'ex:r a ckg:Reform ; rdfs:label "r" ; ckg:pursuedBy ex:p .'
    report = validator.validate(Graph().parse(data=data, format="turtle"))
    assert report.conforms
    assert [v.severity for v in report.violations] == ["Warning"]
    assert report.errors == ()


def test_custom_shapes(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        """@prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ckg: <https://w3id.org/cablekg/ontology#> .
        <urn:s> a sh:NodeShape ; sh:targetClass ckg:Place ;
            sh:property [ sh:path ckg:locatedIn ; sh:minCount 1 ] .""",
        encoding="utf-8",
    )
    data = PREFIXES + 'ex:p a ckg:County ; rdfs:label "p" .'
    report = Validator(shapes_path=shapes).validate(Graph().parse(data=data, format="turtle"))
    (violation,) = report.violations
    # a class target follows the ontology's subclass axioms; a shape without sh:message
    # still gives a readable message
    assert violation.shape == "urn:s" and violation.focus == EX + "p" and violation.message


def test_missing_files_raise_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(CableKGError):
        Validator(shapes_path=tmp_path / "nope.ttl")
    with pytest.raises(CableKGError):
        check_consistency(tmp_path / "nope.ttl")


# --- HermiT ------------------------------------------------------------------------------------

OWL_PREFIXES = """
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix : <http://example.org/o#> .
<http://example.org/o> a owl:Ontology .
:A a owl:Class . :B a owl:Class . :A owl:disjointWith :B .
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("body", "consistent", "unsatisfiable"),
    [
        (":C a owl:Class ; rdfs:subClassOf :A .", True, ()),
        (":C a owl:Class ; rdfs:subClassOf :A , :B .", True, ("http://example.org/o#C",)),
        (":x a owl:NamedIndividual , :A , :B .", False, ()),
    ],
    ids=["fine", "unsatisfiable class", "inconsistent"],
)
def test_check_consistency(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    body: str,
    consistent: bool,
    unsatisfiable: tuple[str, ...],
) -> None:
    path = tmp_path / "o.ttl"
    path.write_text(OWL_PREFIXES + body, encoding="utf-8")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where temp files would be left
    report = check_consistency(path)
    assert isinstance(report, ConsistencyReport)
    assert report.consistent is consistent
    assert report.unsatisfiable == unsatisfiable
    assert report.ok is (consistent and not unsatisfiable)
    assert list(scratch.iterdir()) == []
    assert tempfile.tempdir == str(scratch)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o.ttl", "tmp"]


# -- SHACL engines: pyshacl is the reference, pyshacl-turbo must give the same reports -----------


def _keys(report: Report) -> tuple[bool, frozenset[tuple[str, str | None, str, str]]]:
    return report.conforms, frozenset(
        (v.focus, v.path, v.constraint, v.severity) for v in report.violations
    )


@pytest.fixture(scope="module")
def engines() -> dict[str, Validator]:
    pytest.importorskip("pyshacl_turbo")
    return {"pyshacl": Validator(engine="pyshacl"), "turbo": Validator(engine="turbo")}


def _shape_cases() -> list[tuple[str, str]]:
    """Every conforming and violating example of test_shapes.py, as Turtle."""
    import test_shapes as cases

    out = [("context", "")]
    out += [(f"good-{base}", cases.example(base, None)) for base in cases.BASES]
    out += [(f"variant-{i}", cases.example(b, o)) for i, (b, o) in enumerate(cases.GOOD_VARIANTS)]
    out += [
        (f"bad-{shape}-{expect}-{i}", cases.example(base, overrides))
        for i, (shape, expect, base, overrides) in enumerate(cases.BAD)
    ]
    return out


def test_turbo_engine_gives_pyshacl_reports_on_every_shape_case(
    engines: dict[str, Validator],
) -> None:
    import test_shapes as cases

    differing = []
    for name, turtle in _shape_cases():
        graph = Graph().parse(data=cases.PRELUDE + cases.CONTEXT + turtle, format="turtle")
        reference = _keys(engines["pyshacl"].validate(graph))
        if _keys(engines["turbo"].validate(graph)) != reference:
            differing.append(name)
        # the loader's path: CableGraphs, handed to pyshacl-turbo as N-Triples text
        if _keys(engines["turbo"].validate(_cable_graphs(graph))) != reference:
            differing.append(name + " (as text)")
    assert not differing, f"pyshacl-turbo disagrees with pyshacl on {differing}"


def _cable_graphs(graph: Graph) -> CableGraphs:
    out = CableGraphs()
    sink = out.graph(URIRef(EX + "graph"))
    for triple in graph:
        sink.add(triple)
    return out


def test_both_engines_agree_on_built_cables(engines: dict[str, Validator]) -> None:
    """The seed and the synthetic cables as the loader builds them, and each with one
    paragraph's graph left out (which breaks the types other graphs rely on)."""
    pipeline = Pipeline(Settings(base=EX), engines["pyshacl"])
    checked, rejected = 0, 0
    for item in read_many([*bundled_cables(), *sorted(GOLDEN_INPUTS.iterdir())]):
        assert isinstance(item, Cable)
        graphs = pipeline.prepare(item).graphs
        crippled = CableGraphs()
        for g in list(graphs.graphs())[1:]:
            for triple in g:
                crippled.graph(g.identifier).add(triple)
        for candidate in (graphs, crippled):
            reference = _keys(engines["pyshacl"].validate(candidate))
            report = engines["turbo"].validate(candidate)
            assert _keys(report) == reference, item.id
            checked, rejected = checked + 1, rejected + (not report.conforms)
    assert checked >= 8 and rejected >= 4


def test_turbo_engine_agrees_on_the_synthetic_cable(
    engines: dict[str, Validator], dataset: Dataset
) -> None:
    assert _keys(engines["turbo"].validate(dataset)) == _keys(engines["pyshacl"].validate(dataset))


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(CableKGError, match="unknown SHACL engine"):
        Validator(engine="nope")


def test_engine_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CABLEKG_SHACL_ENGINE", "pyshacl")
    assert Validator().engine == "pyshacl"
