"""Golden files for RDF output: compared by isomorphism per named graph, never as text.

Set CABLEKG_REGENERATE_GOLDEN=1 to rewrite the golden files from the current output (then
review the diff with git before committing).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("CABLEKG_REGENERATE_GOLDEN") == "1"


def _graphs(ds: Dataset) -> dict[str, Graph]:
    out = {}
    for g in ds.graphs():
        if len(g) and not str(g.identifier).startswith("urn:x-rdflib:"):
            copy = Graph()
            copy += g
            out[str(g.identifier)] = copy
    return out


def assert_golden_dataset(actual: Dataset, name: str) -> None:
    path = GOLDEN / f"{name}.trig"
    if REGENERATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        actual.serialize(path, format="trig")
        if not REGENERATE:
            raise AssertionError(
                f"golden file {path} did not exist; written now, review and commit it"
            )
    expected = Dataset()
    expected.parse(path, format="trig")
    got, want = _graphs(actual), _graphs(expected)
    assert sorted(got) == sorted(want), (
        f"named graphs differ: extra {sorted(set(got) - set(want))}, missing {sorted(set(want) - set(got))}"
    )
    problems = []
    for name_ in sorted(want):
        if not isomorphic(got[name_], want[name_]):
            _, only_got, only_want = graph_diff(
                to_isomorphic(got[name_]), to_isomorphic(want[name_])
            )
            problems.append(
                f"graph <{name_}>:\n  only in output:\n"
                + "\n".join(
                    f"    {t}" for t in sorted(only_got.serialize(format="nt").splitlines())
                )
                + "\n  only in golden:\n"
                + "\n".join(
                    f"    {t}" for t in sorted(only_want.serialize(format="nt").splitlines())
                )
            )
    assert not problems, (
        "output differs from golden file " + str(path) + ":\n" + "\n".join(problems)
    )


def assert_golden_json(actual: object, name: str) -> None:
    path = GOLDEN / f"{name}.json"
    text = json.dumps(actual, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    if REGENERATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if not REGENERATE:
            raise AssertionError(
                f"golden file {path} did not exist; written now, review and commit it"
            )
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(text), f"differs from {path}"


__all__ = ["URIRef", "assert_golden_dataset", "assert_golden_json"]
