"""The alias cache beside an embedded store: always what a scan of the store would say."""

from __future__ import annotations

from pathlib import Path

import pytest

import cablekg.aliases as aliases_module
from cablekg.aliases import CACHE_FILE, AliasCache, scan_pairs
from cablekg.config import Settings
from cablekg.pipeline import Pipeline
from cablekg.rdf.iris import IRIs
from cablekg.resources import bundled_cables
from cablekg.store import EmbeddedStore, GraphWrite

BASE = "http://127.0.0.1:8080/"
INPUTS = Path(__file__).parent / "data" / "golden_inputs"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Settings(base=BASE))


def test_cache_equals_a_scan_after_loads(pipeline: Pipeline, tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    iris = IRIs(BASE)
    assert pipeline.load([bundled_cables()[0]], store).ok
    assert (tmp_path / "store" / CACHE_FILE).exists()
    assert pipeline.load([INPUTS], store).ok  # a second batch adds to the cached aliases
    cached = AliasCache(store, iris).load()
    assert set(cached) == set(scan_pairs(store, iris))
    assert (
        "CQDRC",
        "org/chongqing-development-and-reform-commission",
        "Chongqing Development and Reform Commission",
    ) in set(cached)


def test_a_current_cache_spares_the_scan(
    pipeline: Pipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = EmbeddedStore(tmp_path / "store")
    assert pipeline.load([bundled_cables()[0]], store).ok

    def no_scan(*args: object) -> list[tuple[str, str, str]]:
        raise AssertionError("the store was scanned although the cache is current")

    monkeypatch.setattr(aliases_module, "scan_pairs", no_scan)
    assert AliasCache(store, IRIs(BASE)).load()


@pytest.mark.parametrize("change", ["remove", "reload", "damage"])
def test_a_stale_or_damaged_cache_is_not_used(
    pipeline: Pipeline, tmp_path: Path, change: str
) -> None:
    store = EmbeddedStore(tmp_path / "store")
    iris = IRIs(BASE)
    assert pipeline.load([bundled_cables()[0]], store).ok
    cache_file = tmp_path / "store" / CACHE_FILE
    if change == "remove":
        store.write(GraphWrite(tuple(store.graphs_of(str(iris.cable("09CHENGDU229")))), ()))
    elif change == "reload":
        assert pipeline.load([bundled_cables()[0]], store).ok
    else:
        cache_file.write_text("{not json")
    assert set(AliasCache(store, iris).load()) == set(scan_pairs(store, iris))
