"""A response cache in front of the app: repeated queries and pages cost a dictionary lookup.

``ResponseCache`` is a WSGI middleware around the Flask app. It answers a repeated request
(same store version, method, path, query parameters, POSTed query, Accept header) with the
fully serialised body and headers of the first answer, without entering Flask at all. Entries
live in an in-process LRU bounded by total bytes (``CABLEKG_CACHE_MB``, default 64; 0 turns the
cache off). The store version is part of every key, so a load (which changes the version)
invalidates everything by construction; old entries simply age out of the LRU.

Every cacheable answer carries ``ETag`` = hash(version, key) and ``Cache-Control: public,
no-cache`` (browsers keep it but revalidate); a request whose ``If-None-Match`` names the
current ETag gets 304 without running anything.

A request with ``Cache-Control: no-cache`` skips the lookup and refreshes the entry.

What is cached: 200 answers of GET/HEAD (and POSTed queries) on /sparql and the linked-data
pages. Never: errors, truncated answers (``X-Cablekg-Result-Truncated``), updates, dumps
(already files on disk with their own ETag), static files, and queries whose answer changes
between runs (RAND, NOW, UUID, STRUUID, BNODE).

Store.version() of the embedded store reads a small file; ``VersionProbe`` stats it instead and
rereads only when its inode/mtime/size change (a writer replaces the file atomically, so every
new version is a new inode), which stays correct when another process loads.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from cablekg.store import Store

DEFAULT_MB = 64
ENTRY_OVERHEAD = 256  # bytes counted per entry beyond body and headers (key, tuples, dict slot)
MAX_POST_BODY = 256 * 1024  # larger POSTed queries are not cached (and not buffered twice)
NOT_CACHED_PREFIXES = ("/dumps/", "/static/", "/.well-known/")
CACHEABLE_POST_TYPES = ("application/x-www-form-urlencoded", "application/sparql-query")
_VOLATILE = re.compile(r"\b(RAND|NOW|UUID|STRUUID|BNODE)\s*\(", re.IGNORECASE)
_DROPPED_HEADERS = {"date", "server", "connection", "transfer-encoding"}

StartResponse = Callable[..., Any]
Key = tuple[Any, ...]


@dataclass(frozen=True)
class Entry:
    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    etag: str

    @property
    def size(self) -> int:
        return len(self.body) + sum(len(k) + len(v) for k, v in self.headers) + ENTRY_OVERHEAD


class LRU:
    """Entries by key, least recently used first out once ``max_bytes`` is exceeded."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = 0
        self._items: OrderedDict[Key, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: Key) -> Entry | None:
        with self._lock:
            entry = self._items.get(key)
            if entry is not None:
                self._items.move_to_end(key)
            return entry

    def put(self, key: Key, entry: Entry) -> bool:
        """Store ``entry``; False when it alone would take more than a quarter of the cache."""
        if entry.size > self.max_bytes // 4:
            return False
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.size -= old.size
            self._items[key] = entry
            self.size += entry.size
            while self.size > self.max_bytes:
                _, evicted = self._items.popitem(last=False)
                self.size -= evicted.size
        return True


class VersionProbe:
    """Store.version(), cheaply: the embedded store's version file is stat'ed, not read."""

    def __init__(self, store: Store):
        self.store = store
        path = getattr(store, "path", None)
        from cablekg.store.embedded import _VERSION_FILE, EmbeddedStore

        self._file = path / _VERSION_FILE if isinstance(store, EmbeddedStore) and path else None
        self._stamp: tuple[int, int, int] | None = None
        self._version = ""

    def __call__(self) -> str:
        if self._file is None:
            return self.store.version()  # in memory: an attribute; remote: its own query
        try:
            st = os.stat(self._file)
        except FileNotFoundError:
            return self.store.version()
        stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
        if stamp != self._stamp:
            version = self.store.version()
            self._stamp, self._version = stamp, version  # a race rereads next time, no harm
            return version
        return self._version


class ResponseCache:
    """WSGI middleware: serve repeated cacheable requests from ``LRU``; see the module doc."""

    def __init__(
        self, app: Callable[..., Iterable[bytes]], store: Store, max_bytes: int, max_age: int = 0
    ):
        self.app = app
        self.lru = LRU(max_bytes)
        self.version = VersionProbe(store)
        self.cache_control = f"public, max-age={max_age}" if max_age else "public, no-cache"
        self.hits = 0
        self.misses = 0

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "")
        if method not in ("GET", "HEAD", "POST") or path.startswith(NOT_CACHED_PREFIXES):
            return self.app(environ, start_response)
        body = b""
        if method == "POST":
            read = _read_post(environ)
            if read is None:
                return self.app(environ, start_response)
            body = read
        params = tuple(sorted(parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True)))
        if _is_volatile(params, body):
            return self.app(environ, start_response)
        version = self.version()
        key: Key = (
            version,
            "GET" if method == "HEAD" else method,
            environ.get("SCRIPT_NAME", ""),
            path,
            params,
            environ.get("CONTENT_TYPE", "") if body else "",
            body,
            environ.get("HTTP_ACCEPT", ""),
        )
        etag = '"' + hashlib.blake2b(repr(key).encode(), digest_size=16).hexdigest() + '"'
        entry = None if _no_cache(environ) else self.lru.get(key)
        if entry is not None:
            self.hits += 1
            if _matches(environ.get("HTTP_IF_NONE_MATCH"), etag):
                return self._not_modified(entry, start_response)
            start_response(entry.status, list(entry.headers))
            return [] if method == "HEAD" else [entry.body]
        self.misses += 1
        if method == "HEAD":
            return self.app(environ, start_response)
        return self._fill(environ, start_response, key, etag)

    def _not_modified(self, entry: Entry, start_response: StartResponse) -> Iterable[bytes]:
        keep = {"etag", "cache-control", "vary", "content-location", "access-control-allow-origin"}
        start_response("304 Not Modified", [(k, v) for k, v in entry.headers if k.lower() in keep])
        return []

    def _fill(
        self, environ: dict[str, Any], start_response: StartResponse, key: Key, etag: str
    ) -> Iterable[bytes]:
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            captured["status"], captured["headers"] = status, headers
            return start_response(status, headers, exc_info) if exc_info else _no_write

        result = self.app(environ, capture)
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        status: str = captured["status"]
        headers: list[tuple[str, str]] = captured["headers"]
        if _cacheable(status, headers) and self.version() == key[0]:  # no load meanwhile
            headers = [(k, v) for k, v in headers if k.lower() not in _DROPPED_HEADERS]
            headers += [("ETag", etag), ("Cache-Control", self.cache_control)]
            self.lru.put(key, Entry(status, tuple(headers), body, etag))
            if _matches(environ.get("HTTP_IF_NONE_MATCH"), etag):
                return self._not_modified(Entry(status, tuple(headers), b"", etag), start_response)
        start_response(status, headers)
        return [body]


def _no_write(data: bytes) -> None:  # pragma: no cover - the app never uses write()
    raise RuntimeError("the cached app must return its body, not write() it")


def _no_cache(environ: dict[str, Any]) -> bool:
    """The client asks for a fresh answer (``Cache-Control: no-cache`` / ``Pragma: no-cache``,
    as browsers send on a forced reload): run it again, and keep the new answer."""
    control = environ.get("HTTP_CACHE_CONTROL", "") + environ.get("HTTP_PRAGMA", "")
    return "no-cache" in control.lower()


def _read_post(environ: dict[str, Any]) -> bytes | None:
    """The body of a POSTed query (and a fresh wsgi.input for the app), or None when the POST
    is not a cacheable query (an update, another type, too large)."""
    ctype = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    if ctype not in CACHEABLE_POST_TYPES:
        return None
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if length <= 0 or length > MAX_POST_BODY:
        return None
    body: bytes = environ["wsgi.input"].read(length)
    environ["wsgi.input"] = io.BytesIO(body)
    if ctype == CACHEABLE_POST_TYPES[0] and b"update=" in body:
        return None  # an update (refused or not) is never cached; it was not consumed either
    return body


def _is_volatile(params: tuple[tuple[str, str], ...], body: bytes) -> bool:
    texts = [v for k, v in params if k in ("query", "update")]
    if "update" in (k for k, _ in params):
        return True
    return any(_VOLATILE.search(t) for t in texts) or bool(
        body and _VOLATILE.search(body.decode("utf-8", "replace"))
    )


def _cacheable(status: str, headers: list[tuple[str, str]]) -> bool:
    if not status.startswith("200"):
        return False
    names = {k.lower() for k, _ in headers}
    return "x-cablekg-result-truncated" not in names and "set-cookie" not in names


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    candidates = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
    return etag in candidates or "*" in candidates


def cache_bytes(config: dict[str, Any]) -> int:
    """The cache size from app.config["CABLEKG_CACHE_MB"], else the environment, else 64 MB."""
    value = config.get("CABLEKG_CACHE_MB", os.environ.get("CABLEKG_CACHE_MB", DEFAULT_MB))
    return int(float(value) * 1024 * 1024)


def install(app: Any, store: Store) -> ResponseCache | None:
    """Put a ResponseCache in front of ``app`` (a Flask app); None when configured off."""
    size = cache_bytes(app.config)
    if size <= 0:
        return None
    max_age = int(
        app.config.get("CABLEKG_CACHE_MAX_AGE", os.environ.get("CABLEKG_CACHE_MAX_AGE", 0))
    )
    cache = ResponseCache(app.wsgi_app, store, size, max_age)
    app.wsgi_app = cache
    app.extensions["cablekg.cache"] = cache
    return cache
