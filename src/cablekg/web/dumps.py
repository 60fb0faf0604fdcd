"""Dumps of the whole graph (/dumps/) and the VoID + DCAT description (/.well-known/void).

A dump is written once per store version into a cache directory (Store.dump streams into the
file, optionally through gzip, so memory stays constant) and then served from that file with
``send_file``: ETag (store version + file name), Last-Modified, conditional GET (304) and Range
come from werkzeug. While Store.version() is unchanged every request reuses the file; a new
version writes new files and removes the old ones. Concurrent requests for a file that is
being written wait for it (one lock per file name) instead of dumping twice.

The cache directory is ``app.config["CABLEKG_DUMP_DIR"]`` when set, else a private temporary
directory removed when the process exits.
"""

from __future__ import annotations

import atexit
import gzip
import hashlib
import os
import shutil
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path

from flask import Blueprint, Response, jsonify, render_template, request, send_file

from cablekg.store import Store
from cablekg.web import ctx
from cablekg.web.conneg import GRAPH_FORMATS, graph_choice, not_acceptable, prefers_html
from cablekg.web.description import DUMPS, Dump, dataset_iri, dataset_stats, void_description
from cablekg.web.errors import APIError
from cablekg.web.query_runner import serialize_graph
from cablekg.web.sparql import add_cors

bp = Blueprint("dumps", __name__)

_BY_NAME = {d.filename: d for d in DUMPS}


class DumpCache:
    """Dump files per store version in ``folder``."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._locks = {name: threading.Lock() for name in _BY_NAME}

    def _path(self, dump: Dump, version: str) -> Path:
        key = hashlib.sha256(version.encode("utf-8")).hexdigest()[:16]
        return self.folder / f"{key}-{dump.filename}"

    def cached(self, dump: Dump, version: str) -> Path | None:
        path = self._path(dump, version)
        return path if path.is_file() else None

    def get(self, store: Store, dump: Dump) -> tuple[Path, str]:
        """The file holding ``dump`` for the store's current version, written if needed."""
        with self._locks[dump.filename]:
            for _ in range(3):  # a load during the dump changes the version: dump again
                version = store.version()
                path = self._path(dump, version)
                if path.is_file():
                    return path, version
                self._write(store, dump, path)
                if store.version() == version:
                    self._remove_others(dump, path)
                    return path, version
                path.unlink(missing_ok=True)
            raise APIError(
                503,
                "busy",
                "the store is changing too fast to dump; try again",
                {"Retry-After": "30"},
            )

    def _write(self, store: Store, dump: Dump, path: Path) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=self.folder, prefix=".partial-")
        try:
            with os.fdopen(fd, "wb") as raw:
                if dump.gzip:
                    # mtime=0: the same content gives the same bytes
                    with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as zipped:
                        store.dump(zipped, dump.format)  # type: ignore[arg-type]
                else:
                    store.dump(raw, dump.format)
            os.replace(tmp_name, path)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise

    def _remove_others(self, dump: Dump, keep: Path) -> None:
        for old in self.folder.glob(f"*-{dump.filename}"):
            if old != keep:
                old.unlink(missing_ok=True)


@bp.record_once
def _attach(state) -> None:  # type: ignore[no-untyped-def]
    app = state.app
    folder = app.config.get("CABLEKG_DUMP_DIR")
    if folder is None:
        folder = tempfile.mkdtemp(prefix="cablekg-dumps-")
        atexit.register(shutil.rmtree, folder, True)
    app.extensions["cablekg.dumps"] = DumpCache(Path(folder))


@bp.after_request
def _headers(response: Response) -> Response:
    response.vary.add("Accept")
    return add_cors(response)


def _cache() -> DumpCache:
    from flask import current_app

    return current_app.extensions["cablekg.dumps"]  # type: ignore[no-any-return]


@bp.route("/dumps/")
def index() -> Response:
    base = ctx().settings.base
    version = ctx().store.version()
    entries = []
    for dump in DUMPS:
        path = _cache().cached(dump, version)
        entries.append(
            {
                "filename": dump.filename,
                "url": base + "dumps/" + dump.filename,
                "media_type": dump.media_type,
                "content_type": dump.download_type,
                "compressed": dump.gzip,
                "description": dump.title,
                "size": path.stat().st_size if path else None,
            }
        )
    doc = {
        "dataset": dataset_iri(base),
        "void": base + ".well-known/void",
        "sparql": base + "sparql",
        "version": version,
        "dumps": entries,
    }
    if prefers_html(request, ["application/json"]):
        return Response(render_template("dumps.html", doc=doc), mimetype="text/html")
    accept = request.accept_mimetypes
    if accept and accept.best_match(["application/json"]) is None:
        raise not_acceptable(["application/json", "text/html"])
    return jsonify(doc)


@bp.route("/dumps/<name>")
def download(name: str) -> Response:
    dump = _BY_NAME.get(name)
    if dump is None:
        raise APIError(404, "not-found", f"no dump named {name}; see /dumps/ for the list")
    path, version = _cache().get(ctx().store, dump)
    etag = hashlib.sha256(f"{version}\n{dump.filename}".encode()).hexdigest()[:32]
    modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    response = send_file(
        path,
        mimetype=dump.download_type,
        as_attachment=True,
        download_name=dump.filename,
        etag=etag,
        last_modified=modified,
        conditional=True,
        max_age=0,
    )
    return response


@bp.route("/.well-known/void")
def void() -> Response:
    choice = graph_choice(request)
    if choice is None:
        raise not_acceptable(list(GRAPH_FORMATS))
    base = ctx().settings.base
    triples = void_description(base, dataset_stats(ctx().store))
    return Response(serialize_graph(triples, choice.format), mimetype=choice.media_type)
