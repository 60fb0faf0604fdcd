"""Extraction: Cable -> Facts, one module per kind of fact; lexicons are data files.

``extract(cable, scheme)`` is a pure, rule-based function. The modules run in a fixed order
over one shared Context: names (capitalised phrases) -> institutions, places, people ->
later mentions (acronyms, bare names, surnames) -> containment -> romanised terms -> reforms,
pilot areas, directives, plans -> figures -> statements and meetings.
"""

from __future__ import annotations

from cablekg.cables.model import Cable
from cablekg.extract import (
    figures,
    institutions,
    mentions,
    names,
    people,
    places,
    reforms,
    speech,
    terms,
)
from cablekg.extract.context import Context
from cablekg.extract.lexicon import lexicon
from cablekg.extract.model import Facts
from cablekg.extract.scheme import Concept, ReformScheme, load_reform_scheme


def extract(cable: Cable, scheme: ReformScheme) -> Facts:
    """Every fact the rules find in the cable, each with its paragraph and span."""
    ctx = Context(cable, scheme, lexicon())
    places.origin_place(ctx)
    for para in ctx.paras:
        pieces = names.scan(ctx, para)
        for p in pieces:
            if p.type == "org":
                institutions.register_org(ctx, para, p)
            elif p.type == "place":
                places.register_place(ctx, para, p)
            elif p.type == "country":
                places.register_country(ctx, para, p)
            elif p.type == "known" and p.key:
                ctx.mention(p.key, para, p.start, p.end)
        people.officials(ctx, para, pieces)
        institutions.listed(ctx, para)
    mentions.alias_mentions(ctx)
    people.merge_surnames(ctx)
    ctx.index()
    places.containment(ctx)
    terms.extract_terms(ctx)
    reforms.extract_reforms(ctx)
    figures.extract_figures(ctx)
    speech.extract_speech(ctx)
    return ctx.facts()


__all__ = ["Concept", "ReformScheme", "extract", "load_reform_scheme"]
