"""The loader end to end: seed golden graph, idempotent reloads, rejection without damage."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from golden_support import assert_golden_dataset
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS

import cablekg.pipeline as pipeline_module
from cablekg.config import Settings
from cablekg.pipeline import Pipeline
from cablekg.rdf.graphs import CableGraphs
from cablekg.resources import bundled_cables
from cablekg.store import EmbeddedStore

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


def test_same_cable_twice_in_one_batch(
    pipeline: Pipeline, store: EmbeddedStore, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.txt"
    shutil.copy(SEED, copy)
    summary = pipeline.load([SEED, copy], store)
    assert summary.loaded == ["09CHENGDU229"]
    (rejection,) = summary.rejected
    assert (
        "appears twice" in str(rejection)
        and str(copy) in str(rejection)
        and str(SEED) in str(rejection)
    )


def test_bad_files_are_reported_and_the_batch_goes_on(
    pipeline: Pipeline, store: EmbeddedStore, tmp_path: Path
) -> None:
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

    def build_with_two_titles(*args, **kwargs) -> CableGraphs:  # type: ignore[no-untyped-def]
        # a missing title is only a warning (the builder omits an empty one); two are an error
        ds = real_build(*args, **kwargs)
        cable = URIRef(BASE + "cable/09CHENGDU229")
        ds.graph(cable).add((cable, DCTERMS.title, Literal("A second subject line")))
        return ds

    monkeypatch.setattr(pipeline_module, "build", build_with_two_titles)
    summary = pipeline.load([SEED], store)
    assert not summary.ok and summary.loaded == []
    message = str(summary.rejected[0])
    assert (
        "09CHENGDU229" in message and BASE + "cable/09CHENGDU229" in message and "header" in message
    )
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


def test_a_huge_paragraph_is_rejected_clearly(
    pipeline: Pipeline, store: EmbeddedStore, tmp_path: Path
) -> None:
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


def test_a_truncated_csv_row_is_reported_with_its_row(
    pipeline: Pipeline, store: EmbeddedStore, tmp_path: Path
) -> None:
    good = (Path(__file__).parent / "data" / "golden_inputs" / "cables.csv").read_text()
    cut = tmp_path / "cables.csv"
    cut.write_text(
        good + good.replace('"7"', '"8"').replace("07SHANGHAI150", "07SHANGHAI151")[:300]
    )
    summary = pipeline.load([cut], store)
    assert summary.loaded == ["07SHANGHAI150"]
    (rejection,) = summary.rejected
    assert str(cut) in str(rejection) and "row" in str(rejection)


def test_cp1252_text_is_read_not_rejected(pipeline: Pipeline, store: EmbeddedStore) -> None:
    source = Path(__file__).parent / "data" / "golden_inputs" / "raw_hunan.txt"
    source.read_bytes().decode("cp1252")  # the fixture really is cp1252
    summary = pipeline.load([source], store)
    assert summary.ok and summary.loaded == ["10GUANGZHOU412"]
    assert bool(
        store.query(
            'ASK { ?p ?t ?text FILTER(CONTAINS(?text, "\u201cThe market decides the price,\u201d")) }'
        )
    )


# -- the process pool (workers > 1) --------------------------------------------------------------


def _named_quads(store: EmbeddedStore) -> set[str]:
    result = store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    return {" ".join(str(row[v]) for v in ("g", "s", "p", "o")) for row in result}  # type: ignore[union-attr]


def _default_triples(store: EmbeddedStore) -> set[str]:
    result = store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    return {" ".join(str(row[v]) for v in ("s", "p", "o")) for row in result}  # type: ignore[union-attr]


def test_two_workers_write_exactly_what_one_writes(pipeline: Pipeline, tmp_path: Path) -> None:
    sources = [SEED, *GOLDEN_INPUTS, SEED]  # the second SEED is a duplicate, rejected in order
    one, two = EmbeddedStore(tmp_path / "one"), EmbeddedStore(tmp_path / "two")
    first = pipeline.load(sources, one, workers=1)
    second = pipeline.load(sources, two, workers=2)
    assert first.loaded == second.loaded and len(first.loaded) >= 3
    assert [str(r) for r in first.rejected] == [str(r) for r in second.rejected]
    assert "appears twice" in str(second.rejected[-1])
    assert first.quads == second.quads
    assert _named_quads(one) == _named_quads(two)
    assert _default_triples(one) == _default_triples(two)
    assert {"extract", "build", "validate", "store"} <= set(second.stages)


def test_a_crash_in_a_worker_rejects_that_cable_only(
    pipeline: Pipeline, store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_build = pipeline_module.build

    def build_that_crashes_on_the_seed(cable, *args, **kwargs):  # type: ignore[no-untyped-def]
        if cable.id == "09CHENGDU229":
            raise ZeroDivisionError("a bug in the builder")
        return real_build(cable, *args, **kwargs)

    monkeypatch.setattr(pipeline_module, "build", build_that_crashes_on_the_seed)
    summary = pipeline.load([*GOLDEN_INPUTS, SEED], store, workers=2)
    assert len(summary.loaded) >= 2 and "09CHENGDU229" not in summary.loaded
    (rejection,) = summary.rejected
    assert rejection.cable_id == "09CHENGDU229"
    assert "ZeroDivisionError" in str(rejection) and "a bug in the builder" in str(rejection)
    assert not store.contains_graph(BASE + "cable/09CHENGDU229")


def test_a_reload_through_the_pool_replaces(pipeline: Pipeline, store: EmbeddedStore) -> None:
    first = pipeline.load([SEED], store, workers=2)
    second = pipeline.load([SEED], store, workers=2)
    assert first.ok and second.ok
    assert first.quads == second.quads == store.count_quads() - _ontology_quads(store)


def _ontology_quads(store: EmbeddedStore) -> int:
    from cablekg.rdf.namespaces import ONTOLOGY_IRI

    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ONTOLOGY_IRI}> {{ ?s ?p ?o }} }}"
    result = store.query(query)
    return int(next(iter(result))["n"].value)  # type: ignore[arg-type]


def test_cli_load_with_workers(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cablekg.cli import main

    result = CliRunner().invoke(
        main, ["load", "--workers", "2", "--store", str(tmp_path / "s"), "-q", str(SEED)]
    )
    assert result.exit_code == 0, result.output
    assert "loaded 1 cable(s), rejected 0" in result.output
    bad = CliRunner().invoke(main, ["load", "--workers", "0", str(SEED)])
    assert bad.exit_code == 2


def test_batches_and_replacements_keep_the_input_order(
    pipeline: Pipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """New cables go to the store in batches, a cable already there is replaced on its own
    between them; the store ends as if every cable had been written one by one."""
    monkeypatch.setattr(pipeline_module._Writer, "BATCH_QUADS", 1)  # a batch per cable
    reference = EmbeddedStore(tmp_path / "reference")
    pipeline.load([SEED, *GOLDEN_INPUTS], reference)
    monkeypatch.setattr(pipeline_module._Writer, "BATCH_QUADS", 10**9)  # one batch
    store = EmbeddedStore(tmp_path / "store")
    first = pipeline.load([GOLDEN_INPUTS[0]], store)
    second = pipeline.load([SEED, GOLDEN_INPUTS[0], *GOLDEN_INPUTS[1:]], store)
    assert first.ok and second.ok and second.replaced == 1
    assert _named_quads(store) == _named_quads(reference)
    assert _default_triples(store) == _default_triples(reference)


def test_a_failed_batch_write_keeps_what_was_written_before(
    pipeline: Pipeline, store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cablekg.errors import StoreError

    monkeypatch.setattr(pipeline_module._Writer, "BATCH_QUADS", 1)
    real_add = EmbeddedStore.add_new
    calls = []

    def fail_on_the_second(self, batch):  # type: ignore[no-untyped-def]
        calls.append(batch)
        if len(calls) == 2:
            raise StoreError("disk full")
        return real_add(self, batch)

    monkeypatch.setattr(EmbeddedStore, "add_new", fail_on_the_second)
    with pytest.raises(StoreError, match="disk full"):
        pipeline.load([SEED, *GOLDEN_INPUTS], store)
    assert store.contains_graph(BASE + "cable/09CHENGDU229")
    assert len(store.graphs_of(BASE + "cable/09CHENGDU229")) > 1
    loaded = store.query(
        "SELECT ?c WHERE { GRAPH ?c { ?c a <https://w3id.org/cablekg/ontology#Cable> } }"
    )
    assert len(list(loaded)) == 1  # type: ignore[arg-type]


def test_an_unchanged_ontology_is_not_rewritten(
    pipeline: Pipeline, store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cablekg.rdf.namespaces import ONTOLOGY_IRI

    pipeline.install_ontology(store)
    writes: list[object] = []
    real_write = EmbeddedStore.write
    monkeypatch.setattr(
        EmbeddedStore,
        "write",
        lambda self, change: (writes.append(change), real_write(self, change)),
    )
    pipeline.install_ontology(store)
    assert writes == []
    store.update(f"DELETE WHERE {{ GRAPH <{ONTOLOGY_IRI}> {{ ?s a ?o }} }}")
    pipeline.install_ontology(store)  # a changed ontology graph is put back
    assert len(writes) == 1
