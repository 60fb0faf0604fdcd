"""The command line: the only place that prints and chooses exit codes."""

from __future__ import annotations

import gzip
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import click
import pyoxigraph as ox

from cablekg import __version__
from cablekg.cli_options import store_option
from cablekg.config import DEFAULT_HOST, DEFAULT_PORT, Settings
from cablekg.errors import CableKGError

EXPORT_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}

base_option = click.option(
    "--base",
    default=None,
    metavar="IRI",
    help=f"Base IRI of minted entities. [env CABLEKG_BASE; default http://{DEFAULT_HOST}:{DEFAULT_PORT}/]",
)


def _settings(ctx: click.Context, **overrides: object) -> Settings:
    try:
        return Settings.from_env(**overrides)
    except ValueError as e:
        raise click.UsageError(str(e)) from e


def _open(settings: Settings):  # type: ignore[no-untyped-def]
    from cablekg.store import open_store

    try:
        return open_store(settings.store)
    except CableKGError as e:
        raise click.ClickException(str(e)) from e


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cablekg")
def main() -> None:
    """cablekg: a knowledge graph of US diplomatic cables."""


class _Progress:
    """A one-line progress report with cables per second, on stderr, at most twice a second."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.started = time.perf_counter()
        self.last = 0.0

    def __call__(self, done: int, rejected: int) -> None:
        now = time.perf_counter()
        if self.quiet or now - self.last < 0.5:
            return
        self.last = now
        rate = done / (now - self.started) if now > self.started else 0.0
        click.echo(f"\r{done} loaded, {rejected} rejected, {rate:.1f} cables/s", nl=False, err=True)

    def close(self) -> None:
        if not self.quiet and self.last:
            click.echo(err=True)


@main.command()
@store_option
@base_option
@click.option("-q", "--quiet", is_flag=True, help="No progress line.")
@click.option(
    "-w",
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes preparing cables (extract, build, validate); 1 = no pool. "
    "[env CABLEKG_WORKERS; default: the number of cores, at most 2]",
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.pass_context
def load(
    ctx: click.Context,
    store: str | None,
    base: str | None,
    quiet: bool,
    workers: int | None,
    paths: tuple[Path, ...],
) -> None:
    """Load cables (files, directories, cables.csv) into the store.

    Each cable is validated before it is written. A cable loaded before is replaced in one
    transaction; new cables are written in batches, each all or nothing. Rejected cables are
    reported; the others are loaded; the exit status is 1 when anything was rejected."""
    from cablekg.pipeline import Pipeline

    settings = _settings(ctx, store=store, base=base, workers=workers)
    target = _open(settings)
    progress = _Progress(quiet or not sys.stderr.isatty())
    summary = Pipeline(settings).load(paths, target, progress, workers=settings.workers)
    progress.close()
    target.close()
    for rejection in summary.rejected:
        click.echo(str(rejection), err=True)
    click.echo(str(summary))
    if not summary.ok:
        ctx.exit(1)


@main.command()
@base_option
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.pass_context
def validate(ctx: click.Context, base: str | None, paths: tuple[Path, ...]) -> None:
    """Dry run: read, extract and validate cables; write nothing."""
    from cablekg.pipeline import Pipeline

    settings = _settings(ctx, base=base)
    failures = total = 0
    for name, rejection in Pipeline(settings).validate_only(paths):
        total += 1
        if rejection is None:
            click.echo(f"ok       {name}")
        else:
            failures += 1
            click.echo(str(rejection), err=True)
    click.echo(f"{total - failures} of {total} conform")
    if failures:
        ctx.exit(1)


@main.command()
@store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json", "xml"]),
    default="table",
    show_default=True,
    help="Output of SELECT/ASK; CONSTRUCT/DESCRIBE print Turtle.",
)
@click.argument("query")
@click.pass_context
def query(ctx: click.Context, store: str | None, fmt: str, query: str) -> None:
    """Run a SPARQL query: QUERY is the query text or a file (e.g. queries/officials.rq)."""
    from cablekg.tables import render_table

    text = Path(query).read_text(encoding="utf-8") if Path(query).is_file() else query
    settings = _settings(ctx, store=store)
    target = _open(settings)
    try:
        result = target.query(text)
    except SyntaxError as e:
        raise click.ClickException(f"malformed query: {e}") from e
    out = sys.stdout.buffer
    if isinstance(result, ox.QueryTriples):
        result.serialize(out, ox.RdfFormat.TURTLE)
    elif fmt == "table":
        click.echo(render_table(result))
    else:
        result.serialize(out, getattr(ox.QueryResultsFormat, fmt.upper()))
    out.flush()


@contextmanager
def _output(path: Path | None) -> Iterator[IO[bytes]]:
    if path is None:
        yield sys.stdout.buffer
    elif path.suffix == ".gz":
        with gzip.open(path, "wb") as f:
            yield f  # type: ignore[misc]
    else:
        with path.open("wb") as f:
            yield f


@main.command()
@store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(EXPORT_FORMATS)),
    default="turtle",
    show_default=True,
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (gzip when it ends in .gz); standard output by default.",
)
@click.pass_context
def export(ctx: click.Context, store: str | None, fmt: str, output: Path | None) -> None:
    """Write the whole graph, streamed: quad formats keep the named graphs (provenance),
    triple formats give the merged default graph."""
    settings = _settings(ctx, store=store)
    target = _open(settings)
    with _output(output) as out:
        target.dump(out, EXPORT_FORMATS[fmt])


@main.command()
@store_option
@base_option
@click.argument("cable_id")
@click.pass_context
def remove(ctx: click.Context, store: str | None, base: str | None, cable_id: str) -> None:
    """Remove a cable (its graph and its paragraphs' graphs) from the store."""
    from cablekg.rdf.iris import IRIs
    from cablekg.store import GraphWrite

    settings = _settings(ctx, store=store, base=base)
    target = _open(settings)
    graphs = target.graphs_of(str(IRIs(settings.base).cable(cable_id)))
    if not graphs:
        raise click.ClickException(f"cable {cable_id} is not in the store")
    target.write(GraphWrite(tuple(graphs), ()))
    click.echo(f"removed {cable_id} ({len(graphs)} graphs)")


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path("docs/ontology.html"),
    show_default=True,
    help="HTML file to write.",
)
def docs(output: Path) -> None:
    """Write HTML documentation of the ontology (pyLODE)."""
    from cablekg.docs import write_docs

    click.echo(f"wrote {write_docs(output)}")


def run() -> None:
    """Entry point that turns cablekg's own errors into a message and exit status 1."""
    try:
        main(standalone_mode=True)
    except CableKGError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)


from cablekg.web.command import serve  # noqa: E402  (the web command lives with the web app)

main.add_command(serve)
