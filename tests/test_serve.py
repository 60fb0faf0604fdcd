"""``cablekg serve``: --get smoke tests, the base IRI default, the real server, the seed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

import httpx
import pytest
from conftest import REPO, SRC, cablekg_command, make_disk_store

from cablekg.cli import main
from cablekg.web.command import default_base


@pytest.fixture
def disk_store(tmp_path: Path) -> Path:
    return make_disk_store(tmp_path / "store", with_w3c_graphs=False)


def test_get_prints_query_results(runner, disk_store, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.delenv("CABLEKG_BASE", raising=False)
    query = (
        "SELECT ?name WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?name } ORDER BY ?name"
    )
    result = runner.invoke(
        main,
        ["serve", "--store", str(disk_store), "--get", "/sparql?" + urlencode({"query": query})],
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [b["name"]["value"] for b in doc["results"]["bindings"]] == ["Li Wei", "Zhao Min"]
    assert result.stderr.startswith("200 application/sparql-results+json")


def test_get_service_description_names_the_default_base(runner, disk_store, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.delenv("CABLEKG_BASE", raising=False)
    result = runner.invoke(
        main,
        ["serve", "--store", str(disk_store), "--port", "8123", "--get", "/sparql?format=ntriples"],
    )
    assert result.exit_code == 0, result.output
    assert "<http://127.0.0.1:8123/sparql>" in result.stdout


def test_get_of_an_error_exits_1(runner, disk_store):  # type: ignore[no-untyped-def]
    result = runner.invoke(
        main, ["serve", "--store", str(disk_store), "--get", "/sparql?query=SELECT"]
    )
    assert result.exit_code == 1
    assert json.loads(result.stdout)["error"]["code"] == "malformed-query"
    assert result.stderr.startswith("400 ")


@pytest.mark.parametrize(
    ("host", "port", "expected"),
    [
        ("127.0.0.1", 8080, "http://127.0.0.1:8080/"),
        ("0.0.0.0", 80, "http://127.0.0.1:80/"),
        ("kg.example.org", 8000, "http://kg.example.org:8000/"),
        ("::1", 8080, "http://[::1]:8080/"),
    ],
)
def test_default_base(host, port, expected):  # type: ignore[no-untyped-def]
    assert default_base(host, port) == expected


def test_base_option_wins(runner, disk_store):  # type: ignore[no-untyped-def]
    result = runner.invoke(
        main,
        [
            "serve",
            "--store",
            str(disk_store),
            "--base",
            "https://cables.example.net/kg",
            "--get",
            "/sparql?format=ntriples",
        ],
    )
    assert "<https://cables.example.net/kg/sparql>" in result.stdout


def test_live_server_is_waitress_and_says_where(live_server):  # type: ignore[no-untyped-def]
    response = httpx.get(live_server.sparql, params={"query": "ASK {}"})
    assert response.status_code == 200
    assert response.headers["Server"] == "cablekg"  # waitress' ident, not Flask's dev server
    assert live_server.url in live_server.log.read_text()


IDENTIFIERS = "SELECT ?id WHERE { ?c <http://purl.org/dc/terms/identifier> ?id }"


def test_serve_loads_the_bundled_cables_into_an_empty_store(tmp_path):  # type: ignore[no-untyped-def]
    """A fresh machine shows real data: the seed cable is loaded on first start."""
    env = {"PYTHONPATH": str(SRC), "PATH": str(Path(sys.executable).parent)}
    done = subprocess.run(
        [
            *cablekg_command(),
            "serve",
            "--store",
            str(tmp_path / "fresh"),
            "--get",
            "/sparql?query=" + quote(IDENTIFIERS),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=str(REPO),
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "loaded the bundled cables" in done.stderr
    ids = [b["id"]["value"] for b in json.loads(done.stdout)["results"]["bindings"]]
    assert "09CHENGDU229" in ids
