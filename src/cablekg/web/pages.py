"""Linked-data pages: home, browse lists, the ontology, and every IRI under the base.

A request maps to an IRI by its path under the configured base (Settings.base + path), never
by request.url, so the same store serves behind a proxy. A resource answers 200 with HTML for
browsers or RDF for programs, chosen by a suffix (.ttl, .jsonld, .nt, .rdf, .trig, .nq,
.html), a ``_format`` / ``format`` / ``_mediatype`` parameter, or ``Accept`` (werkzeug's
best_match, q-values); the response names the concrete document in ``Content-Location`` and,
when Accept decided, says ``Vary: Accept``. IRIs with no triples are 404: a JSON error body for
programs, a page for people.
"""

from __future__ import annotations

import time

from flask import Blueprint, Response, render_template, request

from cablekg.saved_queries import saved_queries
from cablekg.web import ctx
from cablekg.web.cableview import cable_of, cable_view, paragraph_facts
from cablekg.web.describe import INCOMING_LIMIT, entity_view, resource_kind
from cablekg.web.errors import APIError
from cablekg.web.listing import KINDS, PAGE_SIZE, counts, index, loaded_cables
from cablekg.web.ontology_page import ontology_html, ontology_rdf
from cablekg.web.rdfdoc import RDF_FORMATS, RdfFormat, description, serialize
from cablekg.web.terms import Linker

bp = Blueprint("pages", __name__)

HTML = "text/html"
BY_EXT: dict[str, RdfFormat] = {f.ext: f for f in RDF_FORMATS}
BY_MEDIA_TYPE: dict[str, RdfFormat] = {f.media_type: f for f in RDF_FORMATS}
# other names clients use for the same formats (parameters and Accept)
ALIASES = {
    "turtle": "ttl",
    "json-ld": "jsonld",
    "json": "jsonld",
    "application/json": "jsonld",
    "ntriples": "nt",
    "n-triples": "nt",
    "text/plain": "nt",
    "xml": "rdf",
    "rdfxml": "rdf",
    "rdf+xml": "rdf",
    "application/xml": "rdf",
    "application/x-turtle": "ttl",
    "nquads": "nq",
    "n-quads": "nq",
}
FORMAT_PARAMETERS = ("_format", "format", "_mediatype")
# Scripts and styles only from this app; no plugins, no framing, no inline code.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


@bp.after_request
def _security_headers(response: Response) -> Response:
    if response.mimetype == HTML and "Content-Security-Policy" not in response.headers:
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.app_template_global()
def elapsed_ms(started: float | None) -> str:
    """Milliseconds since ``started`` (time.perf_counter), shown in every page's footer."""
    return f"{(time.perf_counter() - started) * 1000:.0f}" if started else "?"


def linker() -> Linker:
    return Linker(ctx().settings.base, request.script_root)


# -- choosing a format -------------------------------------------------------------------------


def _by_name(name: str) -> str | None:
    """An extension ('ttl' or 'html') for a parameter value: a short name or a media type."""
    name = name.strip().lower().split(";")[0].strip()
    if name in ("html", HTML, "application/xhtml+xml"):
        return "html"
    if name in BY_EXT:
        return name
    if name in BY_MEDIA_TYPE:
        return BY_MEDIA_TYPE[name].ext
    return ALIASES.get(name)


def choose_format(suffix: str | None) -> tuple[str, bool]:
    """(extension, whether Accept decided). Raises 406 when nothing offered is acceptable."""
    if suffix:
        return suffix, False
    for param in FORMAT_PARAMETERS:
        if request.args.get(param):
            ext = _by_name(request.args[param])
            if ext is None:
                raise _not_acceptable()
            return ext, False
    if not request.accept_mimetypes:
        return "html", True
    offered = [HTML, *BY_MEDIA_TYPE, *(a for a in ALIASES if "/" in a)]
    best = request.accept_mimetypes.best_match(offered)
    if best is None:
        raise _not_acceptable()
    return _by_name(best) or "html", True


def _not_acceptable() -> APIError:
    offered = ", ".join([HTML, *BY_MEDIA_TYPE])
    return APIError(406, "not-acceptable", f"this resource is available as: {offered}")


def _split_suffix(path: str) -> tuple[str, str | None]:
    stem, dot, ext = path.rpartition(".")
    if dot and (ext in BY_EXT or ext == "html") and "/" not in ext:
        return stem, ext
    return path, None


def _document_headers(response: Response, path: str, ext: str, negotiated: bool) -> Response:
    root = request.script_root
    response.headers["Content-Location"] = f"{root}/{path}.{ext}"
    if negotiated:
        response.headers["Vary"] = "Accept"
    links = [
        f'<{root}/{path}.{f.ext}>; rel="alternate"; type="{f.media_type}"' for f in RDF_FORMATS
    ]
    links.append(f'<{root}/{path}.html>; rel="alternate"; type="{HTML}"')
    response.headers["Link"] = ", ".join(links)
    return response


# -- pages -----------------------------------------------------------------------------------


@bp.get("/")
def home() -> Response:
    started = time.perf_counter()
    app = ctx()
    page = max(1, request.args.get("page", 1, type=int) or 1)
    cables = loaded_cables(app.store, linker(), page)
    try:
        queries = saved_queries()
    except (OSError, ValueError):  # a broken query file must not take the home page down
        queries = []
    html = render_template(
        "home.html",
        counts=counts(app.store),
        cables=cables[:PAGE_SIZE],
        page=page,
        has_next=len(cables) > PAGE_SIZE,
        queries=queries,
        kinds=KINDS,
        base=app.settings.base,
        started=started,
    )
    return Response(html, mimetype=HTML)


@bp.get("/<any({}):kind>/".format(", ".join(KINDS)))
def browse(kind: str) -> Response:
    started = time.perf_counter()
    page = max(1, request.args.get("page", 1, type=int) or 1)
    rows = index(ctx().store, linker(), kind, page)
    html = render_template(
        "index.html",
        kind=kind,
        title=KINDS[kind],
        rows=rows[:PAGE_SIZE],
        page=page,
        has_next=len(rows) > PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
        started=started,
    )
    return Response(html, mimetype=HTML)


@bp.get("/ontology")
@bp.get("/ontology.<ext>")
def ontology(ext: str | None = None) -> Response:
    if ext is not None and ext != "html" and ext not in BY_EXT:
        return _not_found("ontology." + ext)
    chosen, negotiated = choose_format(ext)
    if chosen == "html":
        response = Response(ontology_html(), mimetype=HTML)
        # pyLODE's page carries its own inline styles; it is our text, not cable data
        response.headers["Content-Security-Policy"] = CSP.replace(
            "style-src 'self'", "style-src 'self' 'unsafe-inline'"
        )
    else:
        fmt = BY_EXT[chosen]
        response = Response(ontology_rdf(fmt), mimetype=fmt.media_type)
    return _document_headers(response, "ontology", chosen, negotiated)


@bp.get("/<path:path>")
def resource(path: str) -> Response:
    started = time.perf_counter()
    app = ctx()
    stem, suffix = _split_suffix(path)
    iri = app.settings.base + stem
    try:
        kind = resource_kind(app.store, iri)
    except ValueError:  # characters no IRI of ours contains
        kind = None
    if kind is None:
        return _not_found(path)
    chosen, negotiated = choose_format(suffix)
    if chosen == "html":
        response = Response(_html(kind, iri, stem, started), mimetype=HTML)
    else:
        fmt = BY_EXT[chosen]
        doc_url = f"{app.settings.base}{stem}.{chosen}"
        body = serialize(app.store, description(app.store, iri, kind, doc_url), fmt, iri)
        response = Response(body, mimetype=fmt.media_type)
    return _document_headers(response, stem, chosen, negotiated)


def _html(kind: str, iri: str, doc_path: str, started: float) -> str:
    store, links = ctx().store, linker()
    stub = None
    if kind == "cable":
        cable = cable_view(store, links, iri)
        if cable.loaded:
            return render_template("cable.html", cable=cable, doc_path=doc_path, started=started)
        stub = cable  # referenced, not loaded: shown as an entity with a note
    if kind == "paragraph" and (whole := cable_of(store, iri)) is not None:
        cable = cable_view(store, links, whole, only=iri)
        return render_template(
            "paragraph.html",
            cable=cable,
            paragraph=cable.paragraphs[0] if cable.paragraphs else None,
            facts=paragraph_facts(store, links, iri),
            doc_path=doc_path,
            started=started,
        )
    return render_template(
        "entity.html",
        entity=entity_view(store, links, iri),
        stub=stub,
        incoming_limit=INCOMING_LIMIT,
        doc_path=doc_path,
        started=started,
    )


def _not_found(path: str) -> Response:
    """404: a page for browsers, the JSON error body for everyone else."""
    best = request.accept_mimetypes.best_match([HTML, "application/json", *BY_MEDIA_TYPE])
    wants_html = best == HTML or _by_name(request.args.get("_format", "") or "") == "html"
    if wants_html and request.accept_mimetypes:
        iri = ctx().settings.base + path
        html = render_template("not_found.html", iri=iri, started=time.perf_counter())
        return Response(html, status=404, mimetype=HTML)
    raise APIError(404, "not-found", f"no resource <{ctx().settings.base}{path}> in this graph")
