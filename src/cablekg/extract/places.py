"""Places: names with an administrative suffix, countries, the cable's origin city, and a
conservative containment rule.

Keys drop the suffix ("place:chongqing" for "Chongqing Municipality") so that a bare name seen
after its suffixed form is the same place; the label keeps the fullest form seen.
Containment: a county, district or township is ``locatedIn`` the cable's dominant higher-level
place (province, municipality, region) only when that place is unambiguous: it is the only one,
or it is named at least twice as often as any other.
"""

from __future__ import annotations

from collections import Counter

from cablekg.extract.context import Context, Para, Piece, norm
from cablekg.extract.model import Relation

_LOWER_LEVEL = ("County", "District", "Township")
_HIGHER_LEVEL = ("Province", "Municipality", "Region")


def place_key(base: str) -> str:
    return "place:" + norm(base)


def split_suffix(ctx: Context, name: str) -> tuple[str, str | None]:
    """("Jiulong", "County") for "Jiulong County"; (name, None) without a suffix."""
    words = name.split()
    words = words[:-1] + [words[-1][:1].upper() + words[-1][1:]] if words else words
    suf = ctx.lex.place_suffix(words)
    if suf:
        return " ".join(words[: -suf[0]]), suf[1]
    return name, None


def register_place(ctx: Context, para: Para, piece: Piece) -> str:
    base, suffix = split_suffix(ctx, piece.text)
    label = f"{base} {suffix}" if suffix else piece.text
    key = ctx.entity(place_key(base), piece.kind or "Place", label, alts=(base,) if suffix else ())
    ctx.mention(key, para, piece.start, piece.end)
    piece.key = key
    return key


def register_country(ctx: Context, para: Para, piece: Piece) -> str:
    name = ctx.lex.countries[piece.text]
    key = ctx.entity(
        place_key(name), "Country", name, alts=(piece.text,) if piece.text != name else ()
    )
    ctx.mention(key, para, piece.start, piece.end)
    piece.key = key
    return key


def bare_place(ctx: Context, para: Para, piece: Piece, kind: str = "Place") -> str:
    """A capitalised name used as a place without a suffix ("Beijing Mayor ...")."""
    key = ctx.lookup(piece.text)
    if key is None or not key.startswith("place:"):
        key = ctx.entity(place_key(piece.text), kind, piece.text)
    ctx.mention(key, para, piece.start, piece.end)
    piece.key = key
    return key


def origin_place(ctx: Context) -> None:
    """The origin post's city ("Consulate Chengdu" -> City "Chengdu"), created when named."""
    origin = ctx.cable.origin or ""
    words = origin.split()
    if len(words) >= 2 and words[0] in ("Consulate", "Embassy", "Mission"):
        city = " ".join(words[1:])
        if words[1] == "General":
            city = " ".join(words[2:])
        if city:
            key = place_key(city)
            ctx.lazy[key] = ("City", city)
            ctx.aliases.setdefault(norm(city), key)


def containment(ctx: Context) -> None:
    counts: Counter[str] = Counter()
    for e in ctx.ents.values():
        if e.kind in (*_HIGHER_LEVEL, "City"):
            counts[e.key] = len(e.mentions)
    if not counts:
        return
    ranked = counts.most_common(2)
    if len(ranked) == 2 and ranked[0][1] < 2 * ranked[1][1]:
        return
    top = ranked[0][0]
    if ctx.kind(top) not in (*_HIGHER_LEVEL, "City"):
        return
    for e in list(ctx.ents.values()):
        if e.kind in _LOWER_LEVEL and e.mentions:
            ctx.relations.append(Relation(e.key, "locatedIn", top, min(e.mentions)))
