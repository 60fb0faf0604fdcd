"""HTTP for the remote store: endpoints, credentials, timeouts, retries, readable errors.

Configuration (environment variables, all optional):

``CABLEKG_STORE_UPDATE``   the SPARQL Update endpoint (default: derived from the query URL)
``CABLEKG_STORE_GSP``      a Graph Store Protocol endpoint, used for fast triple dumps
``CABLEKG_STORE_USER``     user name for HTTP basic or digest auth (or in the URL's userinfo)
``CABLEKG_STORE_PASSWORD`` its password
``CABLEKG_STORE_TOKEN``    a bearer token sent with every request instead
``CABLEKG_STORE_TIMEOUT``  seconds to wait for a server's answer (default 300)
"""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.client import HTTPResponse

from cablekg.errors import StoreError

# Reads are retried on these answers and on connection errors; writes never are, because a
# write that timed out may still have been applied (then a retry could interleave with another
# loader's write of the same cable).
_RETRY_STATUSES = {502, 503, 504}
_RETRIES = 3


@dataclass(frozen=True)
class Endpoints:
    query: str
    update: str
    gsp: str | None = None
    user: str | None = None
    password: str | None = None
    token: str | None = None
    timeout: float = 300.0

    @classmethod
    def configure(cls, query_url: str, env: dict[str, str] | None = None) -> Endpoints:
        """Endpoints for ``--store URL``; credentials in the URL's userinfo are taken out of
        it (so they never appear in messages) and win over the environment."""
        env = dict(os.environ) if env is None else env
        parts = urllib.parse.urlsplit(query_url)
        user = (
            urllib.parse.unquote(parts.username)
            if parts.username
            else env.get("CABLEKG_STORE_USER")
        )
        password = (
            urllib.parse.unquote(parts.password)
            if parts.password
            else env.get("CABLEKG_STORE_PASSWORD")
        )
        query = _without_userinfo(query_url)
        return cls(
            query=query,
            update=_without_userinfo(env.get("CABLEKG_STORE_UPDATE") or derive_update_url(query)),
            gsp=_without_userinfo(env["CABLEKG_STORE_GSP"])
            if env.get("CABLEKG_STORE_GSP")
            else None,
            user=user,
            password=password,
            token=env.get("CABLEKG_STORE_TOKEN") or None,
            timeout=float(env.get("CABLEKG_STORE_TIMEOUT") or 300.0),
        )


def derive_update_url(query_url: str) -> str:
    """``.../query`` -> ``.../update`` (Oxigraph, Fuseki, QLever behind a proxy); otherwise the
    same URL (Virtuoso, GraphDB's repositories/<id>/statements aside, Neptune, Stardog)."""
    parsed = urllib.parse.urlsplit(query_url)
    if parsed.path.endswith("/query"):
        path = parsed.path[: -len("query")] + "update"
        return urllib.parse.urlunsplit(parsed._replace(path=path))
    return query_url


def _without_userinfo(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = (f"[{host}]" if ":" in host else host) + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


class Client:
    """One opener per store: HTTP basic or digest auth (Virtuoso's /sparql-auth) answered when
    the server challenges, or a bearer token sent with every request."""

    def __init__(self, endpoints: Endpoints):
        self.endpoints = endpoints
        handlers: list[urllib.request.BaseHandler] = []
        if endpoints.user is not None:
            # answered on the server's challenge, not sent up front: a digest server
            # (Virtuoso) rejects an unasked-for basic header instead of challenging
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            urls = [u for u in (endpoints.query, endpoints.update, endpoints.gsp) if u]
            passwords.add_password(None, urls, endpoints.user, endpoints.password or "")
            handlers += [
                urllib.request.HTTPDigestAuthHandler(passwords),
                urllib.request.HTTPBasicAuthHandler(passwords),
            ]
        self._opener = urllib.request.build_opener(*handlers)

    def open(
        self,
        url: str,
        *,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        read_only: bool,
        what: str,
    ) -> HTTPResponse:
        """The server's response (the caller closes it). ``read_only`` requests are retried
        on connection errors and 502/503/504 (not on timeouts); errors raise StoreError naming
        the URL and the server's answer, or SyntaxError when the server rejects a query or a
        user's update as malformed (400). ``what``: "query", "update", "write", ..."""
        attempts = _RETRIES if read_only else 1
        for attempt in range(1, attempts + 1):
            request = urllib.request.Request(url, data=data, method="POST" if data else "GET")
            for name, value in (headers or {}).items():
                request.add_header(name, value)
            if self.endpoints.token:
                request.add_header("Authorization", f"Bearer {self.endpoints.token}")
            try:
                return self._opener.open(request, timeout=self.endpoints.timeout)  # type: ignore[no-any-return]
            except urllib.error.HTTPError as e:
                detail = _answer(e)
                if e.code in _RETRY_STATUSES and attempt < attempts:
                    time.sleep(0.5 * attempt)
                    continue
                if e.code in (401, 403):
                    raise StoreError(
                        f"{url} refused the {what} ({e.code}): set CABLEKG_STORE_USER and "
                        f"CABLEKG_STORE_PASSWORD or CABLEKG_STORE_TOKEN, or grant the right "
                        f"on the server. The server said: {detail}"
                    ) from e
                if e.code == 400 and what in ("query", "update"):  # a user's text: 400 too
                    raise SyntaxError(
                        f"the SPARQL server at {url} refused the {what}: {detail}"
                    ) from e
                raise StoreError(f"{url} answered {e.code} to the {what}: {detail}") from e
            except (urllib.error.URLError, OSError) as e:
                timed_out = isinstance(e, TimeoutError) or isinstance(
                    getattr(e, "reason", None), TimeoutError
                )  # a slow query would be as slow again: not retried
                if attempt < attempts and not timed_out:
                    time.sleep(0.5 * attempt)
                    continue
                reason = getattr(e, "reason", e)
                raise StoreError(
                    f"cannot reach the SPARQL server at {url} ({what}): {reason}"
                ) from e
        raise AssertionError("unreachable")


def _answer(error: urllib.error.HTTPError) -> str:
    try:
        text = error.read().decode("utf-8", "replace")
    except OSError:
        text = ""
    text = " ".join(text.split())  # servers answer with HTML or multi-line text
    return (text[:500] + " ...") if len(text) > 500 else text or error.reason
