"""The command line, through click's runner: exit codes, summaries, streamed exports."""

from __future__ import annotations

import gzip
import json

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from cablekg.cli import main
from cablekg.resources import bundled_cables

SEED = str(bundled_cables()[0])


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def loaded(runner: CliRunner, tmp_path) -> str:
    store = str(tmp_path / "store")
    result = runner.invoke(main, ["load", "--store", store, SEED])
    assert result.exit_code == 0, result.output
    assert "loaded 1 cable(s), rejected 0" in result.output
    return store


def test_load_reports_rejections_with_exit_status_1(runner: CliRunner, tmp_path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(main, ["load", "--store", str(tmp_path / "s"), SEED, str(empty)])
    assert result.exit_code == 1
    assert "loaded 1 cable(s), rejected 1" in result.output
    assert str(empty) in result.output
    assert "Traceback" not in result.output


def test_validate_writes_nothing(runner: CliRunner, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["validate", SEED])
    assert result.exit_code == 0, result.output
    assert "1 of 1 conform" in result.output
    assert not (tmp_path / "var").exists()


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "xml"])
def test_query_formats(runner: CliRunner, loaded: str, fmt: str) -> None:
    q = "SELECT ?id WHERE { ?c <http://purl.org/dc/terms/title> ?t ; <http://purl.org/dc/terms/identifier> ?id }"
    result = runner.invoke(main, ["query", "--store", loaded, "--format", fmt, q])
    assert result.exit_code == 0, result.output
    assert "09CHENGDU229" in result.output
    if fmt == "json":
        assert json.loads(result.output)["results"]["bindings"][0]["id"]["value"] == "09CHENGDU229"


def test_query_from_a_saved_file(runner: CliRunner, loaded: str) -> None:
    from cablekg.resources import queries_dir

    result = runner.invoke(main, ["query", "--store", loaded, str(queries_dir() / "officials.rq")])
    assert result.exit_code == 0, result.output
    assert "Shen Xiaozhong" in result.output


def test_malformed_query_is_a_clear_error(runner: CliRunner, loaded: str) -> None:
    result = runner.invoke(main, ["query", "--store", loaded, "SELECT WHERE {"])
    assert result.exit_code == 1
    assert "malformed query" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("fmt", "suffix", "kind"),
    [
        ("turtle", ".ttl", "turtle"),
        ("ntriples", ".nt", "nt"),
        ("trig", ".trig", "trig"),
        ("nquads", ".nq.gz", "nquads"),
        ("jsonld", ".jsonld", "json-ld"),
    ],
)
def test_export(runner: CliRunner, loaded: str, tmp_path, fmt: str, suffix: str, kind: str) -> None:
    out = tmp_path / f"dump{suffix}"
    result = runner.invoke(main, ["export", "--store", loaded, "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = gzip.decompress(out.read_bytes()) if suffix.endswith(".gz") else out.read_bytes()
    if kind in ("trig", "nquads"):
        ds = Dataset()
        ds.parse(data=data, format=kind)
        assert len(list(ds.graphs())) > 5  # ontology, cable, paragraphs
    else:
        assert len(Graph().parse(data=data, format=kind)) > 100


def test_remove(runner: CliRunner, loaded: str) -> None:
    result = runner.invoke(main, ["remove", "--store", loaded, "09CHENGDU229"])
    assert result.exit_code == 0, result.output
    again = runner.invoke(main, ["remove", "--store", loaded, "09CHENGDU229"])
    assert again.exit_code == 1 and "not in the store" in again.output
    empty = runner.invoke(
        main,
        [
            "query",
            "--store",
            loaded,
            "--format",
            "csv",
            "SELECT ?c WHERE { ?c <http://purl.org/dc/terms/title> ?t }",
        ],
    )
    assert "09CHENGDU229" not in empty.output
