"""People and the posts they hold, from the pieces of a paragraph (see names.py).

Patterns (gaps are the characters between two pieces):
  ORG TITLE NAME            "CQDRC Deputy Director Shen Xiaozhong", "CASS Section Chief Xu Yuming"
  PLACE TITLE NAME          "Beijing Mayor Wang Qishan" -> member of the LocalGovernment
                            "<Place> Government" (jurisdiction: the place)
  ORG TITLE, NAME,          "CQDRC Senior Chief of Reform and Coordination, Chen Jihong,"
  NAME, ORG TITLE           "Chen Jihong, CQDRC Senior Chief of Reform and Coordination"
  TITLE NAME (of ORG)       with the organisation from "At the ORG ..." earlier in the sentence
  TITLE SURNAME             "Mayor Wang" -> the person named in full earlier in the cable
Chinese names are family name first; other names given name first. A title not followed by a
name is kept as a role piece for speech.py ("told Consul General", "the Mayor explained").
"""

from __future__ import annotations

import re

from cablekg.extract.context import Context, Para, Piece, norm
from cablekg.extract.institutions import local_government, register_acronym_org
from cablekg.extract.model import Membership
from cablekg.extract.names import chinese_name, is_acronym

_ORG_TYPES = ("org", "acronym")


def person_key(name: str) -> str:
    return "person:" + norm(name)


def register_person(ctx: Context, para: Para, piece: Piece, chinese: bool) -> str:
    words = piece.text.split()
    if len(words) == 1:
        key = _by_surname(ctx, words[0])
        if key:
            ctx.mention(key, para, piece.start, piece.end)
            piece.key = key
            return key
    if chinese:
        family, given = words[0], " ".join(words[1:])
    else:
        given, family = " ".join(words[:-1]), words[-1]
    key = ctx.entity(
        person_key(piece.text), "Person", piece.text, given=given or None, family=family
    )
    ctx.aliases.setdefault(norm(family), key)
    ctx.mention(key, para, piece.start, piece.end)
    piece.key = key
    piece.type = "person"
    return key


def _by_surname(ctx: Context, surname: str) -> str | None:
    key = ctx.lookup(surname)
    return key if key and key.startswith("person:") else None


def _gap(para: Para, a: Piece, b: Piece) -> str:
    return para.text[a.end : b.start]


def _name_piece(ctx: Context, p: Piece) -> bool:
    if p.type == "person":
        return True
    if p.type == "known":
        return bool(p.key and p.key.startswith("person:"))
    if p.type != "name":
        return False
    words = p.text.split()
    return (
        1 <= len(words) <= 4
        and not any(w in ctx.lex.stop_capitals for w in words)
        and not is_acronym(words[0])
    )


def _org_of(ctx: Context, para: Para, p: Piece) -> str | None:
    """The organisation a piece names, creating a LocalGovernment for a bare place."""
    if p.type == "org":
        return p.key
    if p.type == "acronym":
        return register_acronym_org(ctx, para, p)
    if p.type == "known" and p.key:
        if p.key.startswith("org:"):
            ctx.mention(p.key, para, p.start, p.end)
            return p.key
        if p.key.startswith("place:"):
            return local_government(ctx, para, p)
    if p.type == "place":
        return local_government(ctx, para, p)
    if (
        p.type == "name"
        and len(p.text.split()) <= 2
        and all(ctx.lex.is_pinyin(w) for w in p.text.split())
    ):
        return local_government(ctx, para, p)
    return None


def _context_org(ctx: Context, para: Para, pieces: list[Piece], idx: int) -> str | None:
    """ "At the ORG (ACR), TITLE NAME": an organisation earlier in the same sentence."""
    s, _ = para.sentence_of(pieces[idx].start)
    for p in reversed(pieces[:idx]):
        if p.start < s:
            break
        if p.type in ("org", "known") and p.key and p.key.startswith("org:"):
            # only a sentence-initial "At the ORG (ACR), TITLE NAME"
            before = para.text[s : p.start].lower()
            between = para.text[p.end : pieces[idx].start]
            if before in ("at the ", "at ") and re.fullmatch(r"(?: \(\w+\))?, ", between):
                return p.key
    return None


def officials(ctx: Context, para: Para, pieces: list[Piece]) -> None:
    ctx.pieces[para.number] = pieces
    for i, p in enumerate(pieces):
        if p.type == "person" and p.key is None:
            register_person(ctx, para, p, chinese=True)
        if p.type != "title":
            continue
        prev = pieces[i - 1] if i > 0 else None
        nxt = pieces[i + 1] if i + 1 < len(pieces) else None
        org = None
        start = p.start
        if (
            prev
            and _gap(para, prev, p) == " "
            and (prev.type in _ORG_TYPES or prev.type in ("place", "known", "name"))
        ):
            org = _org_of(ctx, para, prev)
            if org:
                start = prev.start
        person = None
        end = p.end
        if nxt and _name_piece(ctx, nxt) and _gap(para, p, nxt) in (" ", ", "):
            person = register_person(
                ctx,
                para,
                nxt,
                chinese=bool(nxt.type == "person" or chinese_name(nxt.text.split(), 0, ctx.lex)),
            )
            end = nxt.end
        elif (
            org
            and prev
            and i >= 2
            and _name_piece(ctx, pieces[i - 2])
            and _gap(para, pieces[i - 2], prev) == ", "
        ):
            person = pieces[i - 2].key or register_person(ctx, para, pieces[i - 2], chinese=True)
            start = pieces[i - 2].start
        elif prev and _name_piece(ctx, prev) and _gap(para, prev, p) == ", ":
            person = prev.key or register_person(ctx, para, prev, chinese=True)
            start = prev.start
        if person is None:
            p.type = "role"  # kept for speech.py
            p.key = None
            continue
        if org is None:
            org = _context_org(ctx, para, pieces, i)
        if org is None and nxt and i + 2 < len(pieces):
            after = pieces[i + 2]
            if after.type in ("org", "known") and para.text[nxt.end : after.start] in (
                " of the ",
                " of ",
                ", ",
            ):
                org = after.key if after.key and after.key.startswith("org:") else None
        ctx.ents[person].kind = "Official"
        p.key = person
        if org:
            ctx.memberships.append(Membership(person, org, p.text, ctx.span(para, start, end)))


def merge_surnames(ctx: Context) -> None:
    """A person named only by surname ("President Hu") before the full name appears is the
    full-name person when exactly one person of the cable has that family name."""
    full: dict[str, list[str]] = {}
    for e in ctx.ents.values():
        if e.kind in ("Person", "Official") and e.family and len(e.label.split()) > 1:
            full.setdefault(e.family, []).append(e.key)
    for e in list(ctx.ents.values()):
        if e.kind not in ("Person", "Official") or len(e.label.split()) != 1:
            continue
        targets = full.get(e.label, [])
        if len(targets) != 1:
            continue
        target = ctx.ents[targets[0]]
        target.mentions |= e.mentions
        if e.kind == "Official":
            target.kind = "Official"
        del ctx.ents[e.key]
        ctx.memberships = [
            Membership(
                target.key if m.person == e.key else m.person, m.organization, m.role, m.span
            )
            for m in ctx.memberships
        ]
        ctx.person_positions = [
            (a, b, target.key if k == e.key else k) for a, b, k in ctx.person_positions
        ]
        for alias, key in list(ctx.aliases.items()):
            if key == e.key:
                ctx.aliases[alias] = target.key
