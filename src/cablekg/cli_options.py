"""Command-line options shared by `cablekg` commands, the web `serve` command included."""

from __future__ import annotations

import click

store_option = click.option(
    "--store",
    "store",
    default=None,
    metavar="DIR|URL",
    help="Store directory (embedded Oxigraph) or SPARQL 1.1 server URL. "
    "[env CABLEKG_STORE; default var/store]",
)
