"""Shared helpers of the page queries: running SELECTs, showing RDF terms as labelled links.

``Linker`` knows where a term should link to: IRIs under the base go to their local page (so the
app works behind a proxy prefix), ontology terms to /ontology#LocalName, everything else to the
IRI itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from cablekg.rdf.namespaces import ONTOLOGY_IRI, PREFIXES
from cablekg.store import Store

PREFIX_BLOCK = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()) + "\n"

# A solution: variable -> term (NamedNode, Literal, BlankNode) or None when unbound. Any, because
# the queries here know which variables are always bound and which are OPTIONAL.
Row = dict[str, Any]


def select(store: Store | ox.Store, sparql: str) -> list[Row]:
    """Run a SELECT (prefixes of PREFIXES are declared) and return rows keyed by variable."""
    result = store.query(PREFIX_BLOCK + sparql)
    names = [v.value for v in result.variables]  # type: ignore[union-attr]
    return [{n: sol[n] for n in names} for sol in result]  # type: ignore[union-attr]


def iri_ref(iri: str) -> str:
    """An IRI as a SPARQL/N-Triples term; refuses characters that could break out of <...>."""
    if any(c in iri for c in '<>"{}|^`\\ \n\r\t'):
        raise ValueError(f"not an IRI that can be queried: {iri!r}")
    return f"<{iri}>"


def in_graph(iri: str) -> str:
    """Binds ?g to one named graph, for ``GRAPH ?g { ... }``. A constant ``GRAPH <iri>`` would
    be simpler, but Virtuoso 7.2 matches nothing with it once a default graph is given (a
    remote store always gives its merge graph); a bound variable works on every server."""
    return f"VALUES ?g {{ {iri_ref(iri)} }}"


def hide_system_graphs(store: Store, variable: str = "?g") -> str:
    """A FILTER leaving out a remote store's bookkeeping graphs (store/remote.py): on
    Virtuoso ``GRAPH ?g`` also ranges over the merge graph and the server's own graphs."""
    system = getattr(store, "system_graphs", ())
    return f"FILTER({variable} NOT IN ({', '.join(f'<{g}>' for g in system)}))" if system else ""


def value(term: object) -> str | None:
    return term.value if term is not None else None  # type: ignore[attr-defined]


def number(term: object, default: int = 0) -> int:
    try:
        return int(term.value)  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return default


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def local_name(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def humanise(iri: str) -> str:
    """'memberOf' -> 'member of': a label for a term the ontology does not label."""
    return _CAMEL.sub(" ", local_name(iri)).replace("_", " ").lower()


@dataclass(frozen=True)
class Node:
    """An RDF term ready to show: its label and where it links (None for literals)."""

    value: str
    label: str
    href: str | None = None
    is_iri: bool = False
    datatype: str | None = None
    lang: str | None = None

    @property
    def datatype_name(self) -> str | None:
        if self.datatype is None or self.datatype.endswith("#string"):
            return None
        return "xsd:" + local_name(self.datatype) if "XMLSchema" in self.datatype else self.datatype


class Linker:
    """Turns IRIs into hrefs of this app (``root`` is the script root, '' when not proxied)."""

    def __init__(self, base: str, root: str = ""):
        self.base = base
        self.root = root.rstrip("/")

    def href(self, iri: str) -> str:
        if iri.startswith(self.base):
            return f"{self.root}/{iri[len(self.base) :]}"
        if iri.startswith(ONTOLOGY_IRI + "#"):
            return f"{self.root}/ontology#{local_name(iri)}"
        if iri == ONTOLOGY_IRI:
            return f"{self.root}/ontology"
        return iri

    def local(self, iri: str) -> bool:
        return iri.startswith(self.base)

    def node(self, term: object, label: object = None) -> Node:
        if isinstance(term, ox.NamedNode):
            shown = value(label) or (
                term.value[len(self.base) :] if self.local(term.value) else term.value
            )
            return Node(term.value, shown, self.href(term.value), is_iri=True)
        if isinstance(term, ox.Literal):
            dt = term.datatype.value if term.datatype is not None else None
            return Node(term.value, term.value, None, datatype=dt, lang=term.language)
        text = str(term)
        return Node(text, text)

    def paragraph_href(self, cable_id: str, number: int) -> str:
        return f"{self.root}/cable/{cable_id}#p{number}"
