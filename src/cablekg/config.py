"""One Settings dataclass shared by every command and the web app."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
DEFAULT_BASE = f"http://{DEFAULT_HOST}:{DEFAULT_PORT}/"
DEFAULT_STORE = Path("var/store")


def _normalise_base(base: str) -> str:
    if not base.startswith(("http://", "https://")):
        raise ValueError(f"base IRI must be an http(s) IRI, got {base!r}")
    return base if base.endswith("/") else base + "/"


@dataclass(frozen=True)
class Settings:
    """Everything configurable, with defaults that work on a fresh machine.

    ``base`` is the IRI under which every entity is minted; it defaults to the address
    ``cablekg serve`` listens on, so that minted IRIs dereference out of the box.
    Environment variables ``CABLEKG_BASE``, ``CABLEKG_STORE``, ... override the defaults
    (see ``from_env``); command-line options override both.
    """

    base: str = DEFAULT_BASE
    store: str = str(DEFAULT_STORE)  # a directory (embedded Oxigraph) or an http(s) URL
    query_timeout: float = 30.0  # seconds before a SPARQL query answers 503
    result_limit: int = 10_000  # rows; a cut result says so
    # Real cable paragraphs stay under ~20k characters; a far larger one is broken input
    # (a whole file without paragraph markers, binary junk) and is rejected, not extracted.
    max_paragraph_chars: int = 200_000
    update_token: str | None = None  # bearer token enabling SPARQL Update; None = read-only
    workers: int = field(default_factory=lambda: max(1, min(2, os.cpu_count() or 1)))

    def __post_init__(self) -> None:
        object.__setattr__(self, "base", _normalise_base(self.base))

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        env: dict[str, object] = {}
        if "CABLEKG_BASE" in os.environ:
            env["base"] = os.environ["CABLEKG_BASE"]
        if "CABLEKG_STORE" in os.environ:
            env["store"] = os.environ["CABLEKG_STORE"]
        if "CABLEKG_QUERY_TIMEOUT" in os.environ:
            env["query_timeout"] = float(os.environ["CABLEKG_QUERY_TIMEOUT"])
        if "CABLEKG_RESULT_LIMIT" in os.environ:
            env["result_limit"] = int(os.environ["CABLEKG_RESULT_LIMIT"])
        if "CABLEKG_MAX_PARAGRAPH_CHARS" in os.environ:
            env["max_paragraph_chars"] = int(os.environ["CABLEKG_MAX_PARAGRAPH_CHARS"])
        if "CABLEKG_WORKERS" in os.environ:
            env["workers"] = int(os.environ["CABLEKG_WORKERS"])
        if "CABLEKG_UPDATE_TOKEN" in os.environ:
            env["update_token"] = os.environ["CABLEKG_UPDATE_TOKEN"]
        env.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**env)  # type: ignore[arg-type]

    def with_(self, **changes: object) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})  # type: ignore[arg-type]
