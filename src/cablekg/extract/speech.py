"""Reported speech and meetings.

A statement is a reporting verb ("said", "told", "explained", ...) right after its speaker:
  - a person (full name, surname alone, or a title + name phrase),
  - a pronoun "he"/"she" -> the most recent person mentioned before it in the cable,
  - an institution followed by "officials"/"sources"/... -> the institution,
  - a role ("the Ambassador", "Consul General") -> an Official keyed by role and the cable's
    origin post ("Consul General (Consulate Chengdu)"), member of that post; a non-diplomatic
    role ("the Mayor") -> the most recent person holding that title.
The content is what the sentence reports: after the verb when it goes on with "that ..." or
when the speaker opens the sentence; before the speaker in "X, Y said."; both sides of a
parenthetical "Previously, he said, farmers ...". "told <addressee>" gives the addressee and a
Meeting of speaker and addressee, dated by the date in the sentence after the verb
("on September 22"). "met (with)"/"hosted" give meetings too.
"""

from __future__ import annotations

import bisect
import re

from cablekg.extract.context import Context, Para, Piece, norm
from cablekg.extract.dates import find_dates
from cablekg.extract.lexicon import lexicon
from cablekg.extract.model import DateValue, Meeting, Membership, Statement

_LEX = lexicon()
_VERB = re.compile(
    r"\b(?P<verb>"
    + "|".join(
        sorted(
            (re.escape(v) for v in _LEX.reporting_verbs | _LEX.meeting_verbs), key=len, reverse=True
        )
    )
    + r")\b"
)
_TELL = frozenset({"told", "tells", "informed", "briefed"})
_MEET = _LEX.meeting_verbs
# verbs whose report is their object ("expressed concern", "discussed the plan"), never the words
# before the speaker
_TRANSITIVE = frozenset(
    {
        "expressed",
        "discussed",
        "described",
        "highlighted",
        "stressed",
        "stresses",
        "emphasized",
        "emphasised",
        "underscored",
        "noted",
        "notes",
        "mentioned",
        "offered",
        "acknowledged",
        "denied",
        "predicted",
        "recalled",
        "revealed",
        "suggested",
        "pointed out",
        "confirmed",
    }
)
_INTRO = re.compile(
    r"^(?:At|In|To|For|With|During|On|After|Before|According|Under|From|As|By|"
    r"While|When|Since|Given|Despite)\b"
)
# the speaker's name, then the verb; or an apposition between: "Wei Hong, the official in ..., met"
_ADJACENT = re.compile(r",? |, (?:the|a|an|who) [^,]{1,80}, ")
_LABEL = re.compile(r"^(?:Begin |End )?(?:Summary|Comment|Note|Background)\s*:\s*", re.I)


def extract_speech(ctx: Context) -> None:
    positions = sorted(ctx.person_positions)
    for para in ctx.paras:
        pieces = ctx.pieces.get(para.number, [])
        for s, e in para.sentences:
            for m in _VERB.finditer(para.text, s, e):
                _one(ctx, para, pieces, positions, s, e, m)


def _one(
    ctx: Context,
    para: Para,
    pieces: list[Piece],
    positions: list[tuple[int, int, str]],
    s: int,
    e: int,
    m: re.Match[str],
) -> None:
    verb = m.group("verb")
    found = _speaker(ctx, para, pieces, positions, s, m.start())
    if not found:
        return
    speaker, sp_start = found
    if speaker.startswith("person:"):
        ctx.speakers.append((para.number, sp_start, speaker))
    text = para.text
    pos = m.end()
    addressee = None
    if verb in _TELL or verb in _MEET:
        got = _object(ctx, para, pieces, pos, e)
        if got:
            addressee, pos = got
    # the date of the conversation: "on September 22" (after the verb preferred), or a date
    # right after the verb and its addressee ("told X in January 2009")
    dates = find_dates(text, ctx.cable.created, ctx.lex.months, s, e)
    on = [d for d in dates if text[max(s, d[0] - 3) : d[0]] == "on "]
    near = [d for d in dates if pos <= d[0] <= pos + 30]
    ordered = [d for d in on if d[0] >= m.end()] + on + near
    chosen = ordered[0] if ordered else None
    date: DateValue | None = chosen[2] if chosen else None
    span = ctx.span(para, s, e)
    if verb in _MEET:
        if addressee:
            ctx.meetings.append(Meeting((speaker, addressee), span, date))
        return
    after = text[pos:e]
    if chosen and pos <= chosen[0] <= pos + 30:  # drop "on September 22" after the verb
        after = text[pos : chosen[0]] + text[chosen[1] : e]
    after = re.sub(r"^\s*(?:(?:on|in|over \w+)\s*)+", " ", after).strip().rstrip(".").strip()
    before = text[s:sp_start].strip().rstrip(",").strip()
    before = before[before.rfind(";") + 1 :].strip()  # "X visited; Y explained" -> not X
    if re.match(r"that\b", after):
        content = after[4:].strip()
    elif verb in _TRANSITIVE and after and not after.startswith(","):
        content = after  # "expressed concern about X", "discussed X": the object phrase
    elif before and len(before.split()) <= 2 and after.startswith(","):
        content = f"{before}, {after.lstrip(', ').strip()}"  # "Previously, he said, ..."
    elif before and _INTRO.match(before) and "," not in before and after:
        content = after.lstrip(", ").strip()  # "To increase X, Shen said Y"
    elif before and (len(before.split()) >= 3 or not after):
        content = before + (" " + after if after.startswith(",") else "")
    else:
        content = after
    content = _LABEL.sub("", content).lstrip(",;: ").strip()
    if not content:
        return
    ctx.statements.append(Statement(speaker, verb, content, span, addressee, date))
    if addressee and verb in _TELL:
        ctx.meetings.append(Meeting((speaker, addressee), span, date))


def _speaker(
    ctx: Context,
    para: Para,
    pieces: list[Piece],
    positions: list[tuple[int, int, str]],
    s: int,
    at: int,
) -> tuple[str, int] | None:
    """The speaker whose name ends right before the verb, and where the speaker phrase starts."""
    text = para.text
    head = text[s:at]
    pron = re.search(r"\b(he|she|He|She)\s+$", head)
    if pron:
        key = _pronoun(ctx, para, positions, s + pron.start(), pron.group(1).lower())
        return (key, s + pron.start()) if key else None
    for ms, me, key in reversed(ctx.mentioned(para, s, at)):
        gap = text[me:at]
        if key.startswith("person:") and _ADJACENT.fullmatch(gap):
            return key, _extend(ctx, para, pieces, key, ms)
        coll = re.fullmatch(r"\)? (\w+),? ", gap)
        if key.startswith("org:") and coll and coll.group(1) in ctx.lex.collective_nouns:
            return key, ms
        break
    ends = _bounds(ctx, para)[1]
    for p in reversed(
        pieces[max(0, bisect.bisect_right(ends, at) - 3) : bisect.bisect_right(ends, at)]
    ):
        if p.type == "role" and re.fullmatch(r",? ", text[p.end : at]):
            role = _role(ctx, para, p, at)
            article = text[max(0, p.start - 4) : p.start].lower() == "the "
            start = p.start - 4 if article else p.start
            return (role, start) if role else None
    return None


def _pronoun(
    ctx: Context, para: Para, positions: list[tuple[int, int, str]], at: int, pronoun: str
) -> str | None:
    """ "he"/"she": the most recent person who spoke in this or the previous paragraph, else the
    most recent person mentioned; a person the cable already called by the other pronoun is
    skipped (gender learnt from the cable itself)."""
    gender = ctx.pronouns
    recent = [
        key
        for n, off, key in reversed(ctx.speakers)
        if (n, off) < (para.number, at) and n >= para.number - 1
    ]
    i = bisect.bisect_left(positions, (para.number, at, ""))
    recent += [key for _, _, key in reversed(positions[max(0, i - 50) : i])]
    for key in recent:
        if key.startswith("person:") and gender.get(key, pronoun) == pronoun:
            gender[key] = pronoun
            return key
    return None


def _bounds(ctx: Context, para: Para) -> tuple[list[int], list[int]]:
    """Start and end offsets of the paragraph's pieces, computed once per paragraph."""
    got = ctx.piece_bounds.get(para.number)
    if got is None:
        pieces = ctx.pieces.get(para.number, [])
        got = ctx.piece_bounds[para.number] = ([p.start for p in pieces], [p.end for p in pieces])
    return got


def _extend(ctx: Context, para: Para, pieces: list[Piece], key: str, start: int) -> int:
    """Move the speaker start left over its title and organisation ("CQDRC Deputy Director")."""
    text = para.text
    last = bisect.bisect_right(_bounds(ctx, para)[1], start)
    title_seen = False
    for i in range(last - 1, max(-1, last - 4), -1):
        p = pieces[i]
        gap = text[p.end : start]
        if p.type == "title" and p.key == key and gap in (" ", ", "):
            start, title_seen = p.start, True
        elif title_seen and gap == " " and p.type in ("org", "acronym", "known", "place", "name"):
            start = p.start
            break
        else:
            break
    return start


def _object(
    ctx: Context, para: Para, pieces: list[Piece], pos: int, e: int
) -> tuple[str, int] | None:
    """Whom the speaker told or met: a person mention or a role right after the verb."""
    text = para.text
    m = re.match(r"\s+(?:with\s+)?(?:the\s+)?", text[pos:e])
    at = pos + (m.end() if m else 0)
    for ms, me, key in ctx.mentioned(para, at, e):
        if ms == at and key.startswith("person:"):
            return key, me
        break
    i = bisect.bisect_left(_bounds(ctx, para)[0], at)
    for p in pieces[i : i + 1]:
        if p.start == at and p.type in ("role", "title"):
            role = _role(ctx, para, p, at)
            return (role, p.end) if role else None
    return None


def _role(ctx: Context, para: Para, p: Piece, at: int) -> str | None:
    title = p.text
    if title in ctx.lex.diplomatic_roles:
        origin = ctx.cable.origin
        label = f"{title} ({origin})" if origin else title
        key = ctx.entity("person:" + norm(label), "Official", label)
        ctx.mention(key, para, p.start, p.end)
        if origin:
            kind = "Embassy" if origin.startswith("Embassy") else "Consulate"
            post = ctx.entity("org:" + norm(origin), kind, origin)
            ctx.memberships.append(Membership(key, post, title, ctx.span(para, p.start, p.end)))
        return key
    for mb in reversed(ctx.memberships):
        if mb.role.split()[-1] == title.split()[-1]:
            ctx.mention(mb.person, para, p.start, p.end)
            return mb.person
    return None
