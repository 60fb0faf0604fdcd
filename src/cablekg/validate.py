"""SHACL validation of a cable's graph, and the OWL consistency check of the ontology.

``Validator`` parses the ontology and the shapes once and reuses them for every cable: parsing
the shapes file costs far more than validating one cable's few hundred triples. Validation runs
on a private copy of the data with the ontology's rdf:type and rdfs:subClassOf triples mixed in
(``inference="none"``), so that class targets and ``sh:class`` follow ``rdfs:subClassOf`` and
the reform-area concepts are known; nothing else of the ontology or the store is added.

Two engines give the same reports: pyshacl (the reference) and pyshacl-turbo (Rust, shapes
compiled once, 3-6x faster per cable here). ``engine="auto"`` takes pyshacl-turbo when it is
installed; tests/test_validate.py checks that both agree on every shape test case and
bench/bench_shacl.py on every corpus cable (same conforms, same (focus, path, constraint,
severity) results). Messages of results without an sh:message may be worded differently.

``check_consistency`` runs HermiT through owlready2 on the ontology. owlready2 cannot read Turtle,
so the ontology is converted to RDF/XML in a temporary directory that is removed afterwards.

pyshacl is not safe to call from request threads (it flips a process-wide rdflib setting): call
``Validator.validate`` at load time, never from the web app.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from cablekg import resources
from cablekg.errors import CableKGError
from cablekg.rdf.convert import to_ox
from cablekg.rdf.graphs import CableGraphs

__all__ = [
    "ConsistencyReport",
    "Report",
    "Validator",
    "Violation",
    "check_consistency",
]

try:  # pyshacl-turbo's serialised input (an internal class: without it, the rdflib path)
    from pyshacl_turbo.rdf import Input as _TextInput
except ImportError:  # pragma: no cover - pyshacl-turbo absent or reorganised
    _TextInput = None  # type: ignore[assignment,misc]

_SEVERITY_NAMES: dict[Node | None, str] = {
    SH.Violation: "Violation",
    SH.Warning: "Warning",
    SH.Info: "Info",
}


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result, in words an analyst can act on.

    ``shape`` is the node shape the result comes from (for a result of one of its property
    shapes, the node shape that owns it), so that every result can be traced to a named shape;
    ``constraint`` is the SHACL constraint component that failed, without its namespace
    ("MinCountConstraintComponent").
    """

    focus: str
    path: str | None
    value: str | None
    message: str
    severity: str
    shape: str
    constraint: str = ""

    def __str__(self) -> str:
        where = self.focus + (f" {self.path}" if self.path else "")
        found = "" if self.value is None else f" (found {self.value or 'an empty string'})"
        return f"{self.severity}: {where}: {self.message}{found} [{self.shape}]"


@dataclass(frozen=True)
class Report:
    """The outcome of validating one graph. Warnings and infos do not make it non-conforming."""

    conforms: bool
    violations: tuple[Violation, ...] = ()

    @property
    def errors(self) -> tuple[Violation, ...]:
        """Only the results of severity Violation (the ones that reject a cable)."""
        return tuple(v for v in self.violations if v.severity == "Violation")

    def messages(self) -> list[str]:
        """Readable lines, errors first (the form ValidationFailed carries)."""
        ordered = sorted(self.violations, key=lambda v: v.severity != "Violation")
        return [str(v) for v in ordered]


class Validator:
    """Validates cable graphs against the cablekg shapes, reusing the parsed shapes and ontology."""

    def __init__(
        self,
        ontology_path: Path | None = None,
        shapes_path: Path | None = None,
        engine: str = "auto",
    ):
        self.engine = _choose_engine(engine)
        self.ontology_path = Path(ontology_path or resources.ontology_path())
        self.shapes_path = Path(shapes_path or resources.shapes_path())
        self.ontology = _parse(self.ontology_path)
        self.shapes = _parse(self.shapes_path)
        # The part of the ontology SHACL needs: class targets and sh:class look only at rdf:type
        # and rdfs:subClassOf. A tenth of the ontology, so mixing it into each cable is cheap.
        self._class_triples = tuple(
            t for p in (RDF.type, RDFS.subClassOf) for t in self.ontology.triples((None, p, None))
        )
        # property shape -> the node shape that declares it, to name results by node shape
        self._owner: dict[Node, Node] = {
            prop: node for node, prop in self.shapes.subject_objects(SH.property)
        }
        # pyshacl-turbo compiles the shapes once (Rust); pyshacl re-reads them per call.
        self._compiled = None
        if self.engine == "turbo":
            import pyshacl_turbo

            self._compiled = pyshacl_turbo.compile_shapes(self.shapes)
        self._class_ntriples = (
            ox.serialize(
                [ox.Triple(*(to_ox(t) for t in triple)) for triple in self._class_triples],  # type: ignore[arg-type]
                format=ox.RdfFormat.N_TRIPLES,
            )
            or b""
        )

    def validate(self, data: Graph | Dataset | CableGraphs) -> Report:
        """Validate a graph, or a dataset as the union of its graphs (default graph included)."""
        if isinstance(data, CableGraphs):
            if self._compiled is not None and _TextInput is not None:
                return self._validate_text(data.merged_ntriples)
            data = data.dataset()
        working = Graph()
        triples = (
            ((s, p, o) for s, p, o, _ in data.quads((None, None, None, None)))
            if isinstance(data, Dataset)
            else iter(data)
        )
        for triple in triples:
            working.add(triple)
        # Mix the ontology in ourselves rather than passing it as pyshacl's ont_graph: pyshacl
        # copies only class and property axioms (and deep-clones named individuals, which
        # explodes on the interlinked SKOS concepts), but sh:class skos:Concept needs the
        # concepts' types. ``working`` is our own copy, so pyshacl may use it in place.
        for triple in self._class_triples:
            working.add(triple)
        if self._compiled is not None:
            conforms, results, _ = self._compiled.validate(
                working, inference="none", allow_warnings=True, allow_infos=True
            )
        else:
            conforms, results, _ = pyshacl.validate(
                working,
                shacl_graph=self.shapes,
                inference="none",
                inplace=True,
                allow_warnings=True,
                allow_infos=True,
                advanced=False,
            )
        return self._report(conforms, results)

    def _validate_text(self, ntriples: bytes) -> Report:
        """pyshacl-turbo on N-Triples text, parsed in Rust: no rdflib graph is built for the
        data (the working copy and its transfer were two thirds of validating a cable)."""
        text = (ntriples + self._class_ntriples).decode("utf-8")
        assert self._compiled is not None and _TextInput is not None
        conforms, results, _ = self._compiled.validate(
            _TextInput(text, "nt", None, {}),
            inference="none",
            allow_warnings=True,
            allow_infos=True,
        )
        return self._report(conforms, results)

    def _report(self, conforms: object, results: Graph) -> Report:
        violations = tuple(
            sorted(
                (
                    self._violation(results, r)
                    for r in results.subjects(RDF.type, SH.ValidationResult)
                ),
                key=lambda v: (v.severity != "Violation", v.focus, v.path or "", v.message),
            )
        )
        return Report(conforms=bool(conforms), violations=violations)

    def _violation(self, results: Graph, result: Node) -> Violation:
        def one(pred: URIRef) -> Node | None:
            return results.value(result, pred)

        source = one(SH.sourceShape)
        shape = self._owner.get(source, source) if source is not None else None
        message = one(SH.resultMessage)
        if message is None and source is not None:  # no sh:message: use the shape's name
            message = self.shapes.value(source, SH.name)
        severity = one(SH.resultSeverity)
        return Violation(
            focus=_term(one(SH.focusNode)) or "",
            path=_term(one(SH.resultPath)),
            value=_term(one(SH.value)),
            message=str(message or "constraint not met"),
            severity=_SEVERITY_NAMES.get(severity, str(severity)),
            shape=_term(shape) or "",
            constraint=str(one(SH.sourceConstraintComponent) or "").removeprefix(str(SH)),
        )


ENGINES = ("pyshacl", "turbo")


def _choose_engine(engine: str) -> str:
    """ "auto": pyshacl-turbo when installed (same reports as pyshacl on every shape case and
    every corpus cable, about 6x faster: see bench/bench_shacl.py), else pyshacl, the
    reference. CABLEKG_SHACL_ENGINE overrides "auto"."""
    if engine == "auto":
        engine = os.environ.get("CABLEKG_SHACL_ENGINE", "auto")
    if engine == "auto":
        try:
            import pyshacl_turbo  # noqa: F401
        except ImportError:
            return "pyshacl"
        return "turbo"
    if engine not in ENGINES:
        raise CableKGError(f"unknown SHACL engine {engine!r}; expected one of {ENGINES}")
    return engine


def _term(node: Node | None) -> str | None:
    """A result node as text: IRIs and literals as themselves, complex paths and bnodes briefly."""
    if node is None:
        return None
    if isinstance(node, Literal):
        return str(node)
    if isinstance(node, BNode):
        return "_:" + str(node)
    return str(node)


def _parse(path: Path) -> Graph:
    if not path.is_file():
        raise CableKGError(f"file not found: {path}")
    return Graph().parse(path, format="turtle")


# ---------------------------------------------------------------------------------------------
# OWL consistency (HermiT through owlready2)


@dataclass(frozen=True)
class ConsistencyReport:
    """Whether the ontology is consistent, and which of its classes cannot have instances."""

    consistent: bool
    unsatisfiable: tuple[str, ...] = field(default=())
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable


class ReasonerError(CableKGError):
    """The reasoner could not run (no Java, unreadable ontology)."""


def check_consistency(ontology_path: Path | None = None) -> ConsistencyReport:
    """Run HermiT on the ontology; report inconsistency and unsatisfiable classes.

    Works in a temporary directory (owlready2 reads RDF/XML, not Turtle) and a private owlready2
    World, so repeated calls do not share state and no file is left behind.
    """
    import owlready2  # slow import, and only needed here

    path = Path(ontology_path or resources.ontology_path())
    graph = _parse(path)
    with tempfile.TemporaryDirectory(prefix="cablekg-owl-") as tmp:
        owl_file = Path(tmp) / "ontology.owl"
        graph.serialize(owl_file, format="xml")
        # owlready2 writes HermiT's input to tempfile's default directory and does not remove it
        # when the ontology is inconsistent: point that default at our directory meanwhile.
        saved_tempdir = tempfile.tempdir
        tempfile.tempdir = tmp
        world = owlready2.World()
        try:
            ontology = world.get_ontology(owl_file.as_uri()).load()
            with ontology:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
            unsatisfiable = tuple(
                sorted(
                    cls.iri for cls in world.inconsistent_classes() if cls is not owlready2.Nothing
                )
            )
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            return ConsistencyReport(consistent=False, detail=str(exc) or "inconsistent ontology")
        except (
            owlready2.OwlReadyJavaError,
            owlready2.OwlReadyOntologyParsingError,
            OSError,
        ) as exc:
            raise ReasonerError(f"HermiT could not run on {path}: {exc}") from exc
        finally:
            tempfile.tempdir = saved_tempdir
            world.close()
    return ConsistencyReport(consistent=True, unsatisfiable=unsatisfiable)
