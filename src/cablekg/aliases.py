"""The aliases already in the store, for the resolve stage: the labels and alternative labels
of people, institutions and places, so that a cable naming an entity only by an acronym or a
variant joins the IRI an earlier cable minted.

Reading them is a scan of every label in the store, which grows with the corpus (8.6 s at 10k
cables). An embedded store therefore keeps them in ``cablekg-aliases.json`` beside its data,
stamped with the store version it describes: a load reads that file when the stamp matches,
adds the aliases of the cables it writes, and saves the file with the new version. Any other
change to the store (a removal, an update through the endpoint, another tool) changes the
version, and the next load scans again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from cablekg.rdf.iris import IRIs
from cablekg.store import Store

Pair = tuple[str, str, str]  # (alias, entity path, the entity's label)

ENTITY_PATHS = ("person/", "org/", "place/")
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
CACHE_FILE = "cablekg-aliases.json"


def scan_pairs(store: Store, iris: IRIs) -> list[Pair]:
    """Every (alias, path, label) of the entities in the store, by one query."""
    prefixes = " || ".join(f'STRSTARTS(STR(?e), "{iris.base}{p}")' for p in ENTITY_PATHS)
    query = f"""
        SELECT ?e ?label ?alias WHERE {{
          ?e <{_LABEL}> ?label .
          {{ ?e <{_LABEL}> ?alias }} UNION {{ ?e <{_ALT_LABEL}> ?alias }}
          FILTER({prefixes})
        }}"""
    pairs = []
    for row in store.query(query):  # type: ignore[union-attr]
        path = iris.path_of(row["e"].value)
        if path:
            pairs.append((row["alias"].value, path, row["label"].value))
    return pairs


def pairs_from_quads(quads: Iterable[ox.Quad], iris: IRIs) -> list[Pair]:
    """The (alias, path, label) triples that written quads add, without asking the store."""
    labels: dict[str, str] = {}
    aliases: dict[str, set[str]] = {}
    for q in quads:
        predicate = q.predicate.value
        if predicate not in (_LABEL, _ALT_LABEL) or not isinstance(q.subject, ox.NamedNode):
            continue
        path = iris.path_of(q.subject.value)
        if path is None or not path.startswith(ENTITY_PATHS):
            continue
        value = q.object.value  # type: ignore[union-attr]
        if predicate == _LABEL:
            labels.setdefault(path, value)
        aliases.setdefault(path, set()).add(value)
    return [(a, p, labels[p]) for p, found in aliases.items() if p in labels for a in sorted(found)]


class AliasCache:
    """The alias pairs of one store, read from the cache file when it is current."""

    def __init__(self, store: Store, iris: IRIs):
        self.store, self.iris = store, iris
        folder = getattr(store, "path", None)  # only an embedded store on disk has one
        self.file: Path | None = Path(folder) / CACHE_FILE if folder is not None else None

    def load(self) -> list[Pair]:
        if self.file is not None and self.file.exists():
            try:
                saved = json.loads(self.file.read_text(encoding="utf-8"))
                current = (self.store.version(), self.iris.base)
                if (saved.get("version"), saved.get("base")) == current:
                    return [tuple(p) for p in saved["pairs"]]  # type: ignore[misc]
            except (OSError, ValueError, KeyError, TypeError):
                pass  # a damaged cache is only a slower start
        return scan_pairs(self.store, self.iris)

    def save(self, pairs: Iterable[Pair]) -> None:
        if self.file is None:
            return
        body = {
            "version": self.store.version(),
            "base": self.iris.base,
            "pairs": sorted(set(pairs)),
        }
        tmp = self.file.with_suffix(".tmp")
        tmp.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.file)  # readers never see half a file
