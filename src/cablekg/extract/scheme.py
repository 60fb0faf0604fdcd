"""The reform-area SKOS scheme as the extractor sees it: concept keys and their labels.

``load_reform_scheme`` reads the prefLabel and altLabels of every skos:Concept in the scheme
https://w3id.org/cablekg/reform-area from the ontology file; tests build a ReformScheme inline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from cablekg.errors import CableKGError

SCHEME_IRI = "https://w3id.org/cablekg/reform-area"

# Trailing generic words that a cable often leaves out ("land use" for "land use rights").
_GENERIC_TAIL = re.compile(r"\s+(?:reforms?|systems?|rights|sector|policy|policies)$")


class SchemeError(CableKGError):
    """The ontology file has no usable reform-area scheme."""


@dataclass(frozen=True)
class Concept:
    key: str  # "concept:land-use-rights"
    pref_label: str
    alt_labels: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.pref_label, *self.alt_labels)


@dataclass(frozen=True)
class ReformScheme:
    concepts: tuple[Concept, ...]
    _pattern: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    _by_variant: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        by_variant: dict[str, str] = {}
        for c in self.concepts:
            for label in c.labels:
                low = " ".join(re.split(r"[\s/-]+", label.lower().strip()))
                for variant in {low, _GENERIC_TAIL.sub("", low)}:
                    if len(variant) >= 4:
                        by_variant.setdefault(variant, c.key)
        alts = sorted(by_variant, key=len, reverse=True)
        pattern = None
        if alts:
            body = "|".join(re.escape(a).replace(r"\ ", r"[\s-]+") for a in alts)
            # re.escape leaves no escaped hyphen since variants are split on hyphens above
            pattern = re.compile(rf"(?<![\w-])(?:{body})s?(?![\w-])", re.IGNORECASE)
        object.__setattr__(self, "_pattern", pattern)
        object.__setattr__(self, "_by_variant", by_variant)

    def concept(self, key: str) -> Concept:
        for c in self.concepts:
            if c.key == key:
                return c
        raise KeyError(key)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
        """(concept key, start, end) of every reform-area label in text[start:end]."""
        if self._pattern is None:
            return []
        out = []
        for m in self._pattern.finditer(text, start, len(text) if end is None else end):
            variant = " ".join(re.split(r"[\s-]+", m.group(0).lower()))
            key = self._by_variant.get(variant) or self._by_variant.get(variant[:-1])
            if key:
                out.append((key, m.start(), m.end()))
        return out

    def has_label(self, key: str, label: str) -> bool:
        low = label.lower()
        return any(lbl.lower() == low for lbl in self.concept(key).labels)


def load_reform_scheme(ontology_path: str | Path) -> ReformScheme:
    """Read the reform-area concepts (prefLabel + altLabels) from the ontology with rdflib."""
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDF, SKOS

    graph = Graph()
    try:
        graph.parse(str(ontology_path))
    except (OSError, ValueError) as exc:  # rdflib raises subclasses of these on bad input
        raise SchemeError(f"cannot read ontology {ontology_path}: {exc}") from exc
    scheme = URIRef(SCHEME_IRI)
    members = set(graph.subjects(SKOS.inScheme, scheme)) | set(
        graph.objects(scheme, SKOS.hasTopConcept)
    )
    concepts = []
    for iri in sorted(members, key=str):
        if (iri, RDF.type, SKOS.Concept) not in graph and not any(
            graph.objects(iri, SKOS.prefLabel)
        ):
            continue
        prefs = sorted(str(x) for x in graph.objects(iri, SKOS.prefLabel))
        if not prefs:
            continue
        alts = tuple(sorted({str(x) for x in graph.objects(iri, SKOS.altLabel)} - {prefs[0]}))
        local = str(iri).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        concepts.append(Concept(f"concept:{local}", prefs[0], alts))
    if not concepts:
        raise SchemeError(f"{ontology_path} has no concept in scheme {SCHEME_IRI}")
    return ReformScheme(tuple(concepts))
