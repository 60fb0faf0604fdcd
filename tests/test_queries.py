"""Every saved query is documented, parses, and returns its golden answer on the seed."""

from __future__ import annotations

import pytest
from golden_support import assert_golden_json

from cablekg.config import Settings
from cablekg.pipeline import Pipeline
from cablekg.resources import bundled_cables
from cablekg.saved_queries import parse_header, parse_saved_query, saved_queries
from cablekg.store import EmbeddedStore

QUERIES = saved_queries()


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path_factory.mktemp("queries") / "store")
    assert Pipeline(Settings(base="http://127.0.0.1:8080/")).load([bundled_cables()[0]], store).ok
    return store


def test_there_are_at_least_ten_saved_queries() -> None:
    assert len(QUERIES) >= 10


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_saved_query_is_documented(query) -> None:
    assert len(query.title) > 10 and len(query.description) > 30


def test_a_query_without_headers_is_refused(tmp_path) -> None:
    path = tmp_path / "bare.rq"
    path.write_text("SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(ValueError, match="title"):
        parse_saved_query(path)


@pytest.mark.parametrize(
    ("text", "title", "description"),
    [
        ("# title: A\n# description: B\n#  continued\nSELECT * {}", "A", "B continued"),
        ("PREFIX x: <a:>\nSELECT * {}", None, None),
        ("# description: only\nASK {}", None, "only"),
        ("# title: T\n\n# description: after a blank line\nASK {}", "T", "after a blank line"),
    ],
)
def test_parse_header(text: str, title: str | None, description: str | None) -> None:
    assert parse_header(text) == (title, description)


def _rows(result) -> list[dict[str, str]]:
    names = [v.value for v in result.variables]
    return [{n: str(s[n]) for n in names if s[n] is not None} for s in result]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_saved_query_golden_answer(store: EmbeddedStore, query) -> None:
    rows = _rows(store.query(query.text))
    assert rows, f"{query.name} returns nothing on the seed"
    assert_golden_json(rows, f"queries/{query.name}")
