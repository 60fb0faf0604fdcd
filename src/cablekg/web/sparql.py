"""The SPARQL 1.1 endpoint at /sparql: Protocol, Service Description, query UI.

- Query: GET ?query=, POST application/x-www-form-urlencoded, POST application/sparql-query;
  ``default-graph-uri`` / ``named-graph-uri`` (repeatable) give a protocol dataset, which
  replaces any FROM / FROM NAMED of the query (Protocol 2.1.4). Answers are negotiated
  (conneg.py) and produced by query_runner.py (deadline, row limit, de-duplication).
- Update: refused (403 ``read-only``) unless Settings.update_token is set and the request
  carries ``Authorization: Bearer <token>``; then 204.
- GET without a query: the Service Description (RDF), or the YASGUI page for a browser.
- Every response carries ``Vary: Accept`` and CORS headers; every error is errors.py's body.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

import pyoxigraph as ox
from flask import Blueprint, Request, Response, current_app, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from cablekg.errors import StoreError
from cablekg.saved_queries import saved_queries
from cablekg.web import ctx
from cablekg.web.conneg import (
    GRAPH_FORMATS,
    RESULT_FORMATS,
    Choice,
    graph_choice,
    not_acceptable,
    prefers_html,
    result_choice,
)
from cablekg.web.description import dataset_stats, endpoint_url, service_description
from cablekg.web.errors import APIError
from cablekg.web.query_runner import (
    QueryRequest,
    QueryRunner,
    parser_message,
    serialize_graph,
    with_base,
)

bp = Blueprint("sparql", __name__)

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
# Stands for "no graph" in a protocol dataset that names only default or only named graphs:
# the Store protocol reads an empty list as "no dataset given", but the spec wants an empty one.
QUERY_SLOTS = 4  # runaway queries that may run at once; see query_runner.py
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "X-Cablekg-Result-Truncated, X-Cablekg-Result-Limit, "
    "Content-Disposition, ETag, Last-Modified",
}
CORS_PREFLIGHT = {
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Authorization, Content-Type",
    "Access-Control-Max-Age": "86400",
}


@dataclass(frozen=True)
class Operation:
    """What a protocol request asks for: kind 'query', 'update' or 'describe' (no operation)."""

    kind: str
    text: str = ""
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    using_graphs: tuple[str, ...] = ()


def add_cors(response: Response) -> Response:
    for name, value in CORS_HEADERS.items():
        response.headers[name] = value
    if request.method == "OPTIONS":
        for name, value in CORS_PREFLIGHT.items():
            response.headers[name] = value
    return response


@bp.record_once
def _attach(state) -> None:  # type: ignore[no-untyped-def]
    app = state.app
    context = app.extensions["cablekg"]
    app.extensions["cablekg.query_runner"] = QueryRunner(
        context.store,
        context.settings.query_timeout,
        context.settings.result_limit,
        slots=app.config.get("CABLEKG_QUERY_SLOTS", QUERY_SLOTS),
    )


@bp.after_request
def _headers(response: Response) -> Response:
    response.vary.add("Accept")
    return add_cors(response)


def _bad(message: str, code: str = "bad-request", status: int = 400) -> APIError:
    return APIError(status, code, message)


def _body_text(req: Request) -> str:
    """A direct POST body: UTF-8 is the only valid charset (Protocol 2.1.3, 2.2.2)."""
    charset = req.mimetype_params.get("charset", "utf-8").strip().lower()
    if charset not in ("utf-8", "utf8"):
        raise _bad(f"charset {charset} is not supported: send UTF-8", "unsupported-charset", 415)
    try:
        return req.get_data(cache=False).decode("utf-8")
    except UnicodeDecodeError as e:
        raise _bad(f"the request body is not valid UTF-8: {e}") from e


def read_operation(req: Request) -> Operation:
    """The operation of a SPARQL 1.1 Protocol request, or a 4xx APIError."""
    params: MultiDict[str, str] = MultiDict(req.args)
    body_query: str | None = None
    body_update: str | None = None
    if req.method == "POST":
        if req.mimetype == FORM:
            for key, values in req.form.lists():
                params.setlist(key, params.getlist(key) + values)
        elif req.mimetype == SPARQL_QUERY:
            body_query = _body_text(req)
        elif req.mimetype == SPARQL_UPDATE:
            body_update = _body_text(req)
        else:
            raise _bad(
                f"POST needs Content-Type {FORM}, {SPARQL_QUERY} or {SPARQL_UPDATE}"
                + (f", not {req.mimetype}" if req.mimetype else ""),
                "unsupported-media-type",
                415,
            )
    queries = params.getlist("query") + ([body_query] if body_query is not None else [])
    updates = params.getlist("update") + ([body_update] if body_update is not None else [])
    if queries and updates:
        raise _bad("a request carries either a query or an update, not both")
    if len(queries) > 1 or len(updates) > 1:
        raise _bad("a request carries exactly one query or one update string")
    default = tuple(params.getlist("default-graph-uri"))
    named = tuple(params.getlist("named-graph-uri"))
    if updates:
        if req.method != "POST":
            raise _bad(
                "a SPARQL update must be sent with POST (SPARQL 1.1 Protocol 2.2)",
                "update-needs-post",
            )
        using = tuple(params.getlist("using-graph-uri") + params.getlist("using-named-graph-uri"))
        return Operation("update", updates[0], using_graphs=using)
    if queries:
        if not queries[0].strip():
            raise _bad("the query is empty", "malformed-query")
        return Operation("query", queries[0], default, named)
    if req.method == "POST":
        raise _bad("the request carries neither a query nor an update", "missing-operation")
    return Operation("describe")


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    operation = read_operation(request)
    if operation.kind == "update":
        return _update(operation)
    if operation.kind == "query":
        return _query(operation)
    return _describe()


_Choices = tuple[Choice[ox.QueryResultsFormat] | None, Choice[ox.RdfFormat] | None]
_NEGOTIATED: dict[str, _Choices] = {}  # Accept header -> (results, graphs) choice


def _choices(req: Request) -> _Choices:
    """result_choice and graph_choice, memoised by Accept header when no ``format`` parameter
    decides: matching every offered type against Accept cost as much as a point lookup."""
    if req.values.get("format"):
        return result_choice(req), graph_choice(req)
    accept = req.headers.get("Accept", "")
    found = _NEGOTIATED.get(accept)
    if found is None:
        found = (result_choice(req), graph_choice(req))
        if len(_NEGOTIATED) > 512:  # clients send few distinct headers; bound it anyway
            _NEGOTIATED.clear()
        _NEGOTIATED[accept] = found
    return found


def _query(operation: Operation) -> Response:
    results, graphs = _choices(request)
    if results is None and graphs is None:
        raise not_acceptable([*RESULT_FORMATS, *GRAPH_FORMATS])
    default: tuple[str, ...] | None = None
    named: tuple[str, ...] | None = None
    if operation.default_graphs or operation.named_graphs:
        # A protocol dataset replaces the query's dataset as a whole (Protocol 2.1.4).
        default = tuple(operation.default_graphs)
        named = tuple(operation.named_graphs)
    query = QueryRequest(operation.text, default, named, endpoint_url(ctx().settings.base))
    runner: QueryRunner = current_app.extensions["cablekg.query_runner"]
    answer = runner.run(query, results, graphs)
    response = Response(answer.body, mimetype=answer.media_type)
    if answer.truncated:
        response.headers["X-Cablekg-Result-Truncated"] = "true"
        response.headers["X-Cablekg-Result-Limit"] = str(answer.limit)
    return response


def _update(operation: Operation) -> Response:
    token = ctx().settings.update_token
    if not token:
        raise _bad("this endpoint is read-only: SPARQL Update is disabled", "read-only", 403)
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode("utf-8"), token.encode("utf-8")
    ):
        raise _bad(
            "SPARQL Update needs 'Authorization: Bearer <token>' with the configured update token",
            "read-only",
            403,
        )
    if operation.using_graphs:
        raise _bad(
            "using-graph-uri / using-named-graph-uri are not supported: put USING "
            "clauses in the update itself",
            "unsupported-parameter",
        )
    try:
        ctx().store.update(with_base(operation.text, endpoint_url(ctx().settings.base)))
    except SyntaxError as e:
        raise _bad(parser_message(e), "malformed-update") from e
    except (StoreError, OSError) as e:
        raise APIError(500, "store-error", f"the update failed: {e}") from e
    return Response(status=204)


def _describe() -> Response:
    if prefers_html(request, list(GRAPH_FORMATS)):
        return Response(
            render_template(
                "sparql.html",
                endpoint=url_for("sparql.endpoint"),
                public_endpoint=endpoint_url(ctx().settings.base),
                queries=[q.__dict__ for q in saved_queries()],
            ),
            mimetype="text/html",
        )
    choice = graph_choice(request)
    if choice is None:
        raise not_acceptable([*GRAPH_FORMATS, "text/html"])
    settings = ctx().settings
    triples = service_description(
        settings.base, dataset_stats(ctx().store), updates_enabled=bool(settings.update_token)
    )
    return Response(serialize_graph(triples, choice.format), mimetype=choice.media_type)
