"""Resolve: Facts -> stable identities (one IRI path and one label per real-world thing).

Paths (see rdf/iris.py): "person/<slug>", "org/<slug>", "place/<slug>", "reform/<slug>",
"directive/<slug>", "plan/<slug>". The same name gives the same path in every cable and run:

- people: the full name ("person/shen-xiaozhong"); a role official is named by role and post
  ("person/consul-general-consulate-chengdu"); a person the cable names only by surname is
  scoped to the cable ("person/wang-07beijing5705") unless the store knows that name;
- institutions: the full name; an acronym resolves to the full name's path when the store
  already knows it (AliasIndex) -- the full name wins over an acronym, so an entity that has a
  full name in this cable is minted from it even if its acronym means something else elsewhere;
- places: the name without a higher-level suffix ("place/chongqing" for "Chongqing
  Municipality" and "Chongqing"); lower-level suffixes stay ("place/jiulong-county") because
  county and city names often coincide;
- reforms: "<place>-<concept>" ("reform/chongqing-land-use-rights"); a named programme by its
  name; directives "<issuer>-<date>-<addressee>"; plans "<owner>-<plan name>".

Labels: the label the store already has for a path (AliasIndex) wins, so that a resource keeps
exactly one rdfs:label across cables; otherwise the fullest form seen in the cable.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from cablekg.extract.context import norm
from cablekg.extract.lexicon import lexicon
from cablekg.extract.model import Entity, Facts
from cablekg.rdf.iris import slugify

_NAMESPACE = {
    "person": "person",
    "org": "org",
    "place": "place",
    "reform": "reform",
    "directive": "directive",
    "plan": "plan",
}


@dataclass(frozen=True)
class AliasIndex:
    """Aliases already in the store: normalised label/altLabel -> (path, label)."""

    entries: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    path_labels: Mapping[str, str] = field(default_factory=dict)  # path -> its stored label

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str, str]]) -> AliasIndex:
        entries: dict[str, tuple[str, str]] = {}
        path_labels: dict[str, str] = {}
        for alias, path, label in pairs:
            label = path_labels.setdefault(path, label)
            entries.setdefault(norm(alias), (path, label))
        return cls(MappingProxyType(entries), MappingProxyType(path_labels))

    def get(self, alias: str, namespace: str | None = None) -> tuple[str, str] | None:
        hit = self.entries.get(norm(alias))
        if hit and (namespace is None or hit[0].startswith(namespace + "/")):
            return hit
        return None

    def label_of(self, path: str) -> str | None:
        return self.path_labels.get(path)


@dataclass(frozen=True)
class Identities(Mapping[str, str]):
    """Entity key -> IRI path, plus the canonical label of every path."""

    paths: Mapping[str, str]
    labels: Mapping[str, str]

    def __getitem__(self, key: str) -> str:
        return self.paths[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)

    def label(self, path: str) -> str:
        return self.labels[path]


def place_name(label: str) -> str:
    """The slug source of a place: its name without a higher-level administrative suffix."""
    lex = lexicon()
    words = label.split()
    suf = lex.place_suffix(words)
    if suf and suf[1] in lex.higher_suffixes:
        return " ".join(words[: -suf[0]])
    return label


def _tail(path: str) -> str:
    return path.split("/", 1)[1]


def resolve(facts: Facts, known: AliasIndex | None = None) -> Identities:
    known = known or AliasIndex()
    paths: dict[str, str] = {}
    labels: dict[str, str] = {}
    simple = [e for e in facts.entities if e.key.split(":", 1)[0] in ("person", "org", "place")]
    for e in simple:
        paths[e.key], label = _simple(e, known, facts.cable_id)
        _offer(labels, paths[e.key], label, known)
    for e in facts.entities:
        if e.key in paths:
            continue
        prefix, rest = e.key.split(":", 1)
        ns = _NAMESPACE.get(prefix)
        if ns is None:
            continue
        path = f"{ns}/{_composite_slug(prefix, rest, paths, facts.cable_id)}"
        hit = known.get(e.label, ns)
        if hit and hit[0] == path:
            path = hit[0]
        paths[e.key] = path
        _offer(labels, path, e.label, known)
    return Identities(MappingProxyType(paths), MappingProxyType(labels))


def _simple(e: Entity, known: AliasIndex, cable_id: str) -> tuple[str, str]:
    ns = e.key.split(":", 1)[0]
    hit = known.get(e.label, ns)
    if ns == "place" and hit is None:
        hit = known.get(place_name(e.label), ns)
    if hit is None and (_is_short(e) or ns == "place"):
        for alt in e.alt_labels:
            hit = known.get(alt, ns)
            if hit:
                break
    if hit:
        return hit[0], e.label
    if ns == "person" and _is_short(e):
        # a surname alone ("Mayor Wang") names different people in different cables: keep it
        # to this cable rather than merge every Wang of the corpus
        return f"person/{slugify(e.label)}-{slugify(cable_id)}", e.label
    name = place_name(e.label) if ns == "place" else e.label
    return f"{ns}/{slugify(name)}", e.label


def _is_short(e: Entity) -> bool:
    """An entity named only by an acronym or a surname in this cable."""
    return len(e.label.split()) == 1


def _composite_slug(prefix: str, rest: str, paths: dict[str, str], cable_id: str) -> str:
    parts = rest.split("|")
    if prefix == "reform":
        if len(parts) == 1:
            return slugify(parts[0])
        owner = _tail(paths[parts[0]]) if parts[0] in paths else slugify(parts[0])
        what = parts[1].split(":", 1)[-1]
        if what.startswith("experiment-"):  # an unclassified experiment: one cable's statement
            return f"{owner}-{slugify(cable_id)}-{what}"
        return f"{owner}-{slugify(what)}"
    if prefix == "directive":
        issuer = _tail(paths[parts[0]]) if parts[0] in paths else slugify(parts[0])
        date = parts[1] if len(parts) > 1 else ""
        to = _tail(paths[parts[2]]) if len(parts) > 2 and parts[2] in paths else ""
        return "-".join(x for x in (issuer, slugify(date) if date else "", to) if x)
    owner = _tail(paths[parts[0]]) if parts[0] in paths else slugify(parts[0])
    return f"{owner}-{slugify(parts[1])}" if len(parts) > 1 else owner


def _offer(labels: dict[str, str], path: str, label: str, known: AliasIndex) -> None:
    """Keep the store's label for a known path; else the fullest (longest) label seen."""
    if path in labels and labels[path] == known.label_of(path):
        return
    stored = known.label_of(path)
    if stored:
        labels[path] = stored
    elif path not in labels or len(label) > len(labels[path]):
        labels[path] = label
