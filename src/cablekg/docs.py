"""HTML documentation of the ontology, made with pyLODE, plus a section for the reform areas.

Anchors: pyLODE names a term's fragment after its label with spaces removed ("pilot area" ->
``#pilotarea``) and falls back to the IRI's local name, adding a counter on clashes
(``Plan1``). We pre-assign every cablekg term its local name (``#Cable``, ``#PilotArea``,
``#originPost``), so that ``<docs>#PilotArea`` is stable and matches the term IRI's fragment;
external terms the ontology declares keep pyLODE's own ids. Reform-area concepts, which pyLODE
does not document, get a section of their own with their kebab-case local names as ids
(``#land-use-rights``).
"""

from __future__ import annotations

import html
import importlib.metadata
import re
import sys
import types
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from cablekg import resources
from cablekg.errors import CableKGError
from cablekg.rdf.namespaces import CKG, RA, REFORM_AREA_SCHEME_IRI

__all__ = ["DocsError", "render_docs", "write_docs"]


class DocsError(CableKGError):
    """pyLODE could not document the ontology."""


def _pylode() -> tuple[Any, type[Exception]]:
    """pyLODE's OntPub class and its error type.

    pyLODE 3.4 wheels read their version from a pyproject.toml that is not installed, so the
    import fails with FileNotFoundError; in that case we provide ``pylode.version`` from the
    installed distribution's metadata and import again.
    """
    try:
        from pylode import OntPub, PylodeError
    except FileNotFoundError:
        for name in [m for m in sys.modules if m == "pylode" or m.startswith("pylode.")]:
            del sys.modules[name]
        version = types.ModuleType("pylode.version")
        version.__version__ = importlib.metadata.version("pylode")  # type: ignore[attr-defined]
        sys.modules["pylode.version"] = version
        from pylode import OntPub, PylodeError
    return OntPub, PylodeError


def render_docs(ontology_path: Path | None = None) -> str:
    """The ontology's HTML documentation (one self-contained page, CSS inlined)."""
    path = Path(ontology_path or resources.ontology_path())
    graph = Graph().parse(path, format="turtle")
    ontpub, pylode_error = _pylode()
    try:
        doc = ontpub(graph)
    except pylode_error as exc:
        raise DocsError(f"pyLODE could not read {path}: {exc}") from exc
    namespace = str(CKG._NS)
    for term in set(graph.subjects()):
        if isinstance(term, URIRef) and str(term).startswith(namespace):
            doc.fids[str(term)] = str(term)[len(namespace) :]
    page = doc.make_html(include_css=True)
    return _add_reform_areas(page, graph)


def write_docs(output: Path) -> Path:
    """Write the documentation; ``output`` is a file, or a directory to hold ``index.html``."""
    output = Path(output)
    target = output / "index.html" if output.is_dir() or not output.suffix else output
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_docs(), encoding="utf-8")
    return target


# ---------------------------------------------------------------------------------------------
# reform-area section


def _add_reform_areas(page: str, graph: Graph) -> str:
    section = _reform_area_section(graph)
    # the content column closes right before pyLODE's table of contents
    match = re.search(r"</div>\s*<div id=\"toc\">", page)
    if match is None:
        return page.replace("</body>", section + "</body>", 1)
    return page[: match.start()] + section + page[match.start() :]


def _local(concept: URIRef) -> str:
    return str(concept)[len(str(RA)) :]


def _label(graph: Graph, concept: URIRef) -> str:
    return str(graph.value(concept, SKOS.prefLabel) or _local(concept))


def _links(graph: Graph, concepts: list[URIRef]) -> str:
    return ", ".join(
        f'<a href="#{html.escape(_local(c))}">{html.escape(_label(graph, c))}</a>'
        for c in sorted(concepts, key=lambda c: _label(graph, c))
    )


def _reform_area_section(graph: Graph) -> str:
    scheme = URIRef(REFORM_AREA_SCHEME_IRI)
    concepts = sorted(
        (c for c in graph.subjects(SKOS.inScheme, scheme) if isinstance(c, URIRef)),
        key=lambda c: _label(graph, c),
    )
    parts = [
        '<div id="reform-areas" class="section">',
        "<h2>Reform areas</h2>",
        f"<p>Concept scheme <code>{html.escape(str(scheme))}</code>: the skos:Concepts that "
        "classify reforms (<code>ckg:reformArea</code>, <code>ckg:focusArea</code>). The "
        "extractor matches preferred and alternative labels against paragraph text.</p>",
    ]
    for concept in concepts:
        alt = sorted(str(a) for a in graph.objects(concept, SKOS.altLabel))
        rows = [
            ("IRI", f"<code>{html.escape(str(concept))}</code>"),
            ("Definition", html.escape(str(graph.value(concept, SKOS.definition) or ""))),
            ("Alternative labels", html.escape("; ".join(alt))),
        ]
        for name, pred in (
            ("Broader", SKOS.broader),
            ("Narrower", SKOS.narrower),
            ("Related", SKOS.related),
        ):
            linked = [c for c in graph.objects(concept, pred) if isinstance(c, URIRef)]
            if linked:
                rows.append((name, _links(graph, linked)))
        body = "".join(f"<tr><th>{n}</th><td>{v}</td></tr>" for n, v in rows if v)
        parts.append(
            f'<div class="concept entity" id="{html.escape(_local(concept))}">'
            f"<h3>{html.escape(_label(graph, concept))}</h3><table>{body}</table></div>"
        )
    parts.append("</div>")
    return "\n".join(parts)
