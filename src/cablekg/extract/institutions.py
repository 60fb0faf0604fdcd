"""Institutions: names with a head word from the lexicon, acronyms defined in parentheses,
jurisdictions, and banks/companies listed after a kind noun ("UK banks HSBC and Standard
Chartered")."""

from __future__ import annotations

import re

from cablekg.extract.context import Context, Para, Piece, norm
from cablekg.extract.model import Relation
from cablekg.extract.names import acronym_after
from cablekg.extract.places import bare_place, place_key

_GOVERNMENT_KINDS = frozenset(
    {"Commission", "GovernmentBody", "LocalGovernment", "PartyOrganization", "Ministry"}
)
_NAME = r"[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,3}"
# "<country-or-demonym>? <foreign>? banks <such as>? Name, Name and Name"
_LISTED = re.compile(
    rf"(?:\b(?P<country>U\.S\.|U\.K\.|[A-Z][a-z]+(?: [A-Z][a-z]+)?|[A-Z]{{2,3}}) )?"
    rf"(?P<foreign>foreign |overseas )?"
    rf"(?P<noun>banks|lenders|companies|firms)(?: such as| including| like|,)? "
    rf"(?P<names>{_NAME}(?:, {_NAME})*(?:,? and {_NAME})?)"
)
_KIND_NOUN = re.compile(r"\b(?:banks|lenders|companies|firms) ")
_SPLIT_NAMES = re.compile(r",? and |, ")


def org_key(label: str) -> str:
    return "org:" + norm(label)


def generic(ctx: Context, label: str) -> bool:
    """ "Party and Government", "Government": only head words, naming no particular body."""
    lex = ctx.lex
    return all(w in lex.org_heads or w in ("and", "of", "for") for w in label.split())


def register_org(ctx: Context, para: Para, piece: Piece) -> str | None:
    label = piece.text
    if generic(ctx, label):
        piece.type = "name"
        return None
    kind = piece.kind or "GovernmentBody"
    if kind == "LocalGovernment" and _national(ctx, label):
        kind = "GovernmentBody"  # "Government of China" governs no locality
    key = ctx.entity(org_key(label), kind, label)
    ctx.mention(key, para, piece.start, piece.end)
    piece.key = key
    acr = acronym_after(para, piece.end)
    if acr:
        ctx.add_alt(key, acr[0])
        ctx.mention(key, para, acr[1], acr[2])
    if (piece.kind or "") in _GOVERNMENT_KINDS:
        _jurisdiction(ctx, para, piece, key)
    return key


def _national(ctx: Context, label: str) -> bool:
    """ "Government of China", "Chinese Government": a country's government."""
    words = [w for w in label.split() if w not in ("Government", "of", "the", "Central")]
    return bool(words) and " ".join(words) in ctx.lex.countries


def register_acronym_org(ctx: Context, para: Para, piece: Piece) -> str:
    """An undefined acronym acting as an organisation ("NDRC Director ...")."""
    key = ctx.lookup(piece.text)
    if key is None:
        key = ctx.entity(org_key(piece.text), "GovernmentBody", piece.text)
    ctx.mention(key, para, piece.start, piece.end)
    piece.key = key
    return key


def local_government(ctx: Context, para: Para, place_piece: Piece) -> str:
    """ "Beijing Mayor X": the title is held in the place's government (a LocalGovernment)."""
    place = place_piece.key or bare_place(ctx, para, place_piece)
    base = ctx.label(place)
    if ctx.kind(place) == "Country":  # "Chinese Foreign Minister": a national government
        label = f"Government of {base}"
        key = ctx.entity(org_key(label), "GovernmentBody", label)
    else:
        key = ctx.entity(org_key(f"{base} Government"), "LocalGovernment", f"{base} Government")
    ctx.mention(key, para, place_piece.start, place_piece.end)
    ctx.relations.append(
        Relation(key, "jurisdiction", place, ctx.span(para, place_piece.start, place_piece.end))
    )
    return key


def _jurisdiction(ctx: Context, para: Para, piece: Piece, key: str) -> None:
    words = piece.text.split()
    lex = ctx.lex
    # the longest leading words that are a known place, else one leading pinyin word
    for n in range(min(4, len(words) - 1), 0, -1):
        lead = " ".join(words[:n])
        place = ctx.lookup(lead)
        if place and place.startswith("place:"):
            break
        if (
            n == 1
            and lex.is_pinyin(lead)
            and lead not in lex.stop_capitals
            and lead not in lex.org_heads
        ):
            place = ctx.entity(place_key(lead), "Place", lead)
            break
    else:
        return
    end = piece.start + len(lead)
    ctx.mention(place, para, piece.start, end)
    ctx.relations.append(Relation(key, "jurisdiction", place, ctx.span(para, piece.start, end)))


def listed(ctx: Context, para: Para) -> None:
    """Banks or companies named in a list after a kind noun, with their home country."""
    lex = ctx.lex
    if not _KIND_NOUN.search(para.text):
        return
    for m in _LISTED.finditer(para.text):
        kind = lex.kind_nouns[m.group("noun")]
        country_word = m.group("country")
        country = lex.countries.get(country_word or "")
        if country_word and not country and " " in country_word:
            country = lex.countries.get(country_word.split()[-1])
        if country_word and not country and country_word not in lex.stop_capitals:
            continue  # "Foo banks X": unknown qualifier, not a list of names
        home = place_key(country) if country else None
        host = _host_country(ctx)
        foreign = bool(m.group("foreign")) or (country is not None and home != host)
        if kind == "Bank" and foreign:
            kind = "ForeignBank"
        if country and home:
            home = ctx.entity(home, "Country", country)
            ctx.mention(home, para, m.start("country"), m.end("country"))
        pos = m.start("names")
        for name in _SPLIT_NAMES.split(m.group("names")):
            start = para.text.find(name, pos)
            end = start + len(name)
            pos = end
            if name in lex.stop_capitals or name in lex.countries:
                continue
            key = ctx.lookup(name)
            if key is None or not key.startswith("org:"):
                key = ctx.entity(org_key(name), kind, name)
            elif _rank(kind) > _rank(ctx.kind(key) or ""):
                ctx.ents[key].kind = kind
            ctx.mention(key, para, start, end)
            if country and home:
                ctx.relations.append(Relation(key, "basedIn", home, ctx.span(para, start, end)))


def _rank(kind: str) -> int:
    return {"Company": 1, "FinancialInstitution": 1, "Bank": 2, "ForeignBank": 3}.get(kind, 0)


def _host_country(ctx: Context) -> str | None:
    """The country the cable is written in is unknown from the header; China cables mention
    Chinese places, so assume the most-mentioned country is the host."""
    best = None
    for e in ctx.ents.values():
        if e.kind == "Country" and (best is None or len(e.mentions) > len(best.mentions)):
            best = e
    return best.key if best else None
