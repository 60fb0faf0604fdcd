"""``cablekg serve``: the web app under waitress (or gunicorn), or one response with ``--get``.

Both servers run threads in ONE process, which is what the embedded store needs: RocksDB allows
one opener, and the app never forks. ``--server gunicorn`` runs gunicorn's gthread worker with
one worker process (bench/results/web.md compares the two; waitress stays the default unless
gunicorn is clearly faster there).
"""

from __future__ import annotations

import sys

import click

from cablekg.cli_options import store_option
from cablekg.config import DEFAULT_HOST, DEFAULT_PORT, Settings
from cablekg.errors import CableKGError


def default_base(host: str, port: int) -> str:
    """The base IRI a fresh server mints under: its own address, so IRIs dereference."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "", "localhost") else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"  # IPv6 literal
    return f"http://{shown}:{port}/"


def load_bundled_if_empty(settings: Settings, store) -> str | None:  # type: ignore[no-untyped-def]
    """Load the bundled cables into an empty store, so a fresh machine shows real data.
    Returns a one-line summary, or None when the store already held data."""
    if store.count_quads() > 0:
        return None
    from cablekg.pipeline import Pipeline
    from cablekg.resources import bundled_cables

    summary = Pipeline(settings).load(bundled_cables(), store)
    lines = [str(summary)] + [f"  rejected: {rejection}" for rejection in summary.rejected]
    return "\n".join(lines)


@click.command()
@store_option
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Interface to listen on.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int, help="TCP port.")
@click.option(
    "--base",
    default=None,
    metavar="IRI",
    help="Base IRI of minted entities and of every URL the service publishes. "
    "[env CABLEKG_BASE; default http://HOST:PORT/]",
)
@click.option(
    "--threads",
    default=8,
    show_default=True,
    type=click.IntRange(1, 256),
    help="Worker threads.",
)
@click.option(
    "--server",
    "server_name",
    type=click.Choice(["waitress", "gunicorn"]),
    default="waitress",
    show_default=True,
    help="WSGI server (gunicorn: gthread worker, one process).",
)
@click.option(
    "--get",
    "get_path",
    default=None,
    metavar="PATH",
    help="Print the response to one GET of PATH (status on stderr, body on stdout) "
    "without opening a port.",
)
@click.option("--no-seed", is_flag=True, help="Do not load the bundled cables into an empty store.")
def serve(
    store: str | None,
    host: str,
    port: int,
    base: str | None,
    threads: int,
    server_name: str,
    get_path: str | None,
    no_seed: bool,
) -> None:
    """Serve the SPARQL endpoint, linked-data pages and dumps."""
    import os

    from cablekg.store import open_store
    from cablekg.web import create_app

    if base is None and "CABLEKG_BASE" not in os.environ:
        base = default_base(host, port)
    try:
        settings = Settings.from_env(store=store, base=base)
    except ValueError as e:
        raise click.UsageError(str(e)) from e
    try:
        target = open_store(settings.store)
        if not no_seed:
            loaded = load_bundled_if_empty(settings, target)
            if loaded is not None:
                click.echo(f"empty store: loaded the bundled cables: {loaded}", err=True)
    except CableKGError as e:
        raise click.ClickException(str(e)) from e
    app = create_app(settings, target)
    if get_path is not None:
        try:
            _print_one(app, get_path)
        finally:
            target.close()
        return
    click.echo(
        f"cablekg serving {settings.store} on http://{host}:{port}/ "
        f"(base IRI {settings.base}; SPARQL at {settings.base}sparql; {server_name})"
    )
    if server_name == "gunicorn":
        # RocksDB's background threads do not survive fork(): the arbiter closes the store and
        # the (single) worker opens its own after the fork.
        target.close()
        _gunicorn(lambda: create_app(settings, open_store(settings.store)), host, port, threads)
        return
    import waitress

    try:
        waitress.serve(app, host=host, port=port, threads=threads, ident="cablekg")
    finally:
        target.close()


def _gunicorn(factory, host: str, port: int, threads: int) -> None:  # type: ignore[no-untyped-def]
    """gunicorn's gthread worker, ONE worker process (one store opener), ``threads`` threads;
    ``factory`` builds the app inside the worker."""
    try:
        from gunicorn.app.base import BaseApplication
    except ImportError as e:
        raise click.ClickException("--server gunicorn needs gunicorn: pip install gunicorn") from e

    class _App(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in {
                "bind": f"{host}:{port}",
                "workers": 1,
                "worker_class": "gthread",
                "threads": threads,
                "timeout": 0,  # long queries have their own deadline (query_runner.py)
                "accesslog": None,
            }.items():
                self.cfg.set(key, value)

        def load(self):  # type: ignore[no-untyped-def]
            return factory()

    _App().run()


def _print_one(app, path: str) -> None:  # type: ignore[no-untyped-def]
    """One request through the Flask test client: a smoke test that opens no port."""
    client = app.test_client()
    response = client.get(path)
    click.echo(f"{response.status_code} {response.headers.get('Content-Type', '')}", err=True)
    sys.stdout.buffer.write(response.get_data())
    sys.stdout.buffer.flush()
    if response.status_code >= 400:
        raise SystemExit(1)
