"""The loader end to end: seed golden graph, idempotent reloads, rejection without damage."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef
from rdflib.namespace import DCTERMS

import cablekg.pipeline as pipeline_module
from cablekg.config import Settings
from cablekg.pipeline import Pipeline
from cablekg.resources import bundled_cables
from cablekg.store import EmbeddedStore
from golden_support import assert_golden_dataset

BASE = "http://127.0.0.1:8080/"
SEED = bundled_cables()[0]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Settings(base=BASE))


@pytest.fixture
def store(tmp_path) -> EmbeddedStore:
    return EmbeddedStore(tmp_path / "store")


def test_seed_graph_matches_golden(pipeline: Pipeline) -> None:
    from cablekg.cables import read_path

    (cable,) = list(read_path(SEED))
    prepared = pipeline.prepare(cable)
    assert prepared.report.conforms, "\n".join(map(str, prepared.report.violations))
    assert_golden_dataset(prepared.dataset, "09CHENGDU229")


def test_building_twice_gives_isomorphic_graphs(pipeline: Pipeline) -> None:
    from rdflib.compare import isomorphic

    from cablekg.cables import read_path

    (cable,) = list(read_path(SEED))
    first, second = pipeline.prepare(cable).dataset, pipeline.prepare(cable).dataset
    for g in first.graphs():
        assert isomorphic(g, second.graph(g.identifier)), g.identifier


def test_reload_replaces_never_duplicates(pipeline: Pipeline, store: EmbeddedStore) -> None:
    first = pipeline.load([SEED], store)
    assert first.ok and first.loaded == ["09CHENGDU229"]
    quads = store.count_quads()
    second = pipeline.load([SEED], store)
    assert second.ok
    assert store.count_quads() == quads


def test_same_cable_twice_in_one_batch(pipeline: Pipeline, store: EmbeddedStore, tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    shutil.copy(SEED, copy)
    summary = pipeline.load([SEED, copy], store)
    assert summary.loaded == ["09CHENGDU229"]
    (rejection,) = summary.rejected
    assert "appears twice" in str(rejection) and str(copy) in str(rejection) and str(SEED) in str(rejection)


def test_bad_files_are_reported_and_the_batch_goes_on(pipeline: Pipeline, store: EmbeddedStore, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    nothing = tmp_path / "nothing.txt"
    nothing.write_text("Just some notes, no cable here.\n")
    summary = pipeline.load([empty, binary, nothing, SEED], store)
    assert summary.loaded == ["09CHENGDU229"]
    assert len(summary.rejected) == 3
    for rejection, path in zip(summary.rejected, [empty, binary, nothing], strict=True):
        assert str(path) in str(rejection)


def test_a_nonconforming_cable_is_rejected_and_nothing_is_written(
    pipeline: Pipeline, store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipeline.load([SEED], store)
    before, version = store.count_quads(), store.version()
    real_build = pipeline_module.build

    def build_without_title(*args, **kwargs) -> Dataset:  # type: ignore[no-untyped-def]
        ds = real_build(*args, **kwargs)
        cable = URIRef(BASE + "cable/09CHENGDU229")
        ds.graph(cable).remove((cable, DCTERMS.title, None))
        return ds

    monkeypatch.setattr(pipeline_module, "build", build_without_title)
    summary = pipeline.load([SEED], store)
    assert not summary.ok and summary.loaded == []
    message = str(summary.rejected[0])
    assert "09CHENGDU229" in message and BASE + "cable/09CHENGDU229" in message and "header" in message
    assert store.count_quads() == before
    assert store.version() == version


def test_validate_only_writes_nothing(pipeline: Pipeline) -> None:
    results = list(pipeline.validate_only([SEED]))
    assert results == [("09CHENGDU229", None)]


GOLDEN_INPUTS = sorted((Path(__file__).parent / "data" / "golden_inputs").iterdir())


@pytest.mark.parametrize("source", GOLDEN_INPUTS, ids=lambda p: p.name)
def test_synthetic_cables_in_each_format_match_golden(pipeline: Pipeline, source: Path) -> None:
    """Small cables written for the tests (raw release text in cp1252, a web copy, a
    cables.csv row): read -> extract -> build, compared by isomorphism with a golden TriG."""
    from cablekg.cables import read_path

    for cable in read_path(source):
        prepared = pipeline.prepare(cable)
        assert prepared.report.conforms, "\n".join(map(str, prepared.report.violations))
        assert_golden_dataset(prepared.dataset, f"synthetic/{cable.id}")


def test_a_huge_paragraph_is_rejected_clearly(pipeline: Pipeline, store: EmbeddedStore, tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8").replace(
        "3. In January 2009", "3. " + "word " * 1_000_000 + "In January 2009"
    )
    huge = tmp_path / "huge.txt"
    huge.write_text(text, encoding="utf-8")
    summary = pipeline.load([huge], store)
    assert summary.loaded == []
    message = str(summary.rejected[0])
    assert str(huge) in message and "09CHENGDU229" in message and "paragraph 3" in message
    assert store.count_quads() == 0 or store.graphs_of(BASE + "cable/09CHENGDU229") == []


def test_a_truncated_csv_row_is_reported_with_its_row(pipeline: Pipeline, store: EmbeddedStore, tmp_path: Path) -> None:
    good = (Path(__file__).parent / "data" / "golden_inputs" / "cables.csv").read_text()
    cut = tmp_path / "cables.csv"
    cut.write_text(good + good.replace('"7"', '"8"').replace("07SHANGHAI150", "07SHANGHAI151")[:300])
    summary = pipeline.load([cut], store)
    assert summary.loaded == ["07SHANGHAI150"]
    (rejection,) = summary.rejected
    assert str(cut) in str(rejection) and "row" in str(rejection)


def test_cp1252_text_is_read_not_rejected(pipeline: Pipeline, store: EmbeddedStore) -> None:
    source = Path(__file__).parent / "data" / "golden_inputs" / "raw_hunan.txt"
    source.read_bytes().decode("cp1252")  # the fixture really is cp1252
    summary = pipeline.load([source], store)
    assert summary.ok and summary.loaded == ["10GUANGZHOU412"]
    assert bool(store.query('ASK { ?p ?t ?text FILTER(CONTAINS(?text, "\u201cThe market decides the price,\u201d")) }'))
