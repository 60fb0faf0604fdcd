"""The web app: SPARQL 1.1 endpoint, linked-data pages, dumps and ontology docs.

``create_app`` is the application factory (as in Flask's tutorial); each concern is a
blueprint: sparql.py (/sparql), pages.py (home, entity and cable pages, ontology), dumps.py
(/dumps/ and the VoID description). errors.py gives every error the same JSON body.
cache.py wraps the whole app in a response cache keyed on the store version.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from flask import Flask, current_app

from cablekg.config import Settings
from cablekg.rdf.iris import IRIs
from cablekg.store import Store, open_store


@dataclass
class AppContext:
    """What every request handler needs; attached once to the app."""

    settings: Settings
    store: Store
    iris: IRIs


def create_app(settings: Settings | None = None, store: Store | None = None) -> Flask:
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.json.sort_keys = False  # type: ignore[attr-defined]  # error bodies keep their order
    # web-only knobs (README "Settings"): environment first, a test may override app.config
    for key, kind in (("CABLEKG_DUMP_DIR", str), ("CABLEKG_QUERY_SLOTS", int)):
        if key in os.environ:
            app.config[key] = kind(os.environ[key])
    app.extensions["cablekg"] = AppContext(
        settings=settings,
        store=store if store is not None else open_store(settings.store),
        iris=IRIs(settings.base),
    )
    from cablekg.web import cache, dumps, errors, pages, sparql

    errors.init_app(app)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(dumps.bp)
    app.register_blueprint(pages.bp)  # last: it owns the catch-all entity paths
    cache.install(app, app.extensions["cablekg"].store)  # repeated requests skip Flask
    return app


def ctx() -> AppContext:
    """The cablekg context of the current app."""
    return current_app.extensions["cablekg"]  # type: ignore[no-any-return]
