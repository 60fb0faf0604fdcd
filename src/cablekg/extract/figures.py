"""Figures: numbers with what they measure ("33 million inhabitants", "70 percent").

Unit scheme: "percent"; currency codes ("USD", "CNY", "EUR"); measurement units
("kilometre", "square metre", "tonne", ...); "person" for counts of people; "" for any other
count, with the counted noun phrase in ``measures``. Years, dates, ordinals, reference numbers
("BEIJING 5621"), classification reasons ("1.4 (b)") and bare numbers with nothing measured are
not figures. Number words count only with a scale or unit ("six million", "ten percent").
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from cablekg.extract.context import Context, Para
from cablekg.extract.dates import find_dates
from cablekg.extract.lexicon import lexicon
from cablekg.extract.model import DateValue, Figure

_LEX = lexicon()
_WORDNUM = "|".join(
    sorted((w for w, v in _LEX.number_words.items() if v and w != "a"), key=len, reverse=True)
)
_SCALE = "|".join(sorted(_LEX.scales, key=len, reverse=True))
_FIGURE = re.compile(
    rf"(?P<cur>US\$|\$|RMB|USD|EUR)?\s?"
    rf"(?P<num>(?<![\w.,:'’-])\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?![\d,])|(?<![\w.,:'’-])\d+(?:\.\d+)?"
    rf"|\b(?:{_WORDNUM})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?(?![a-z]))"
    rf"(?P<ratio>-\d{{1,3}}(?= split))?"
    rf"(?:[ -](?P<scale>{_SCALE})\b)?"
    rf"(?:\s?(?P<pct>%|percent\b|per cent\b|percentage points\b))?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# words that end a measured noun phrase besides the lexicon's stop words (auxiliaries, ...)
_NP_END = frozenset(
    [
        "have",
        "has",
        "had",
        "would",
        "could",
        "should",
        "may",
        "might",
        "do",
        "does",
        "did",
        "who",
        "per",
        "at",
        "than",
        "more",
        "less",
        "over",
        "under",
        "since",
        "during",
        "while",
        "if",
        "about",
        "around",
        "nearly",
        "almost",
        "each",
        "last",
        "next",
        "compared",
        "year-on-year",
        "but",
        "so",
        "yet",
        "still",
        "already",
        "ago",
        "now",
        "later",
        "earlier",
        "out",
    ]
)
# the verb (and filler) between a measured subject and its number: "border trade reached 1.2"
_BEFORE_NUMBER = re.compile(
    r"(?:(?:has |have |had )?(?:reached|totall?ed|amounted to|stood at|rose to|grew to|fell to|"
    r"dropped to|increased to|decreased to|hit|exceeded|topped|was|were|is|are|at|to)"
    r"(?: (?:about|around|some|nearly|almost|over|roughly|approximately|more than|less than|"
    r"only|just))? )$"
)
_APPOSITION = re.compile(
    r"(?<![\w'’])(?P<np>(?:[a-z][\w'’-]* ){0,3}[a-z][\w'’-]*),? (?:worth|valued at|totall?ing|"
    r"amounting to)(?: (?:about|around|some|nearly|almost|over|roughly|more than))? $"
)
_PREPOSITIONS = frozenset({"between", "from", "with", "among", "across", "under", "within"})
_ING_NOUNS = frozenset(
    [
        "housing",
        "funding",
        "financing",
        "spending",
        "lending",
        "building",
        "buildings",
        "training",
        "farming",
        "mining",
        "processing",
        "manufacturing",
        "shipping",
        "clothing",
        "bedding",
    ]
)
_NOT_SUBJECT = frozenset({"it", "they", "this", "that", "which", "there", "who", "he", "she"})
# dates the cable states relative to its own date
_RELATIVE = re.compile(r"\b(?P<which>last|this|next|the previous|the past) year\b", re.I)
_CLAUSE_BREAK = re.compile(r"[;:()]|, (?:and|but|while|whereas) |\b(?:while|that|which|where)\b")
_LOCATIVE = re.compile(r"\b(?:in|of|at|for)\s+(?:the\s+)?$")
_UNITS = sorted({**_LEX.measure_units, **_LEX.currency_suffixes}, key=len, reverse=True)
_UNIT_AFTER = re.compile(r"\s(" + "|".join(re.escape(u) for u in _UNITS) + r")\b")
_REF_BEFORE = re.compile(
    r"\b[A-Z]{3,} ?$|\b(?:No\.|Reasons?|ref|para|paragraph|[Rr]esolutions?|Article|Section|"
    r"Chapter|Room|Flight|Route|Highway|Item) ?$"
)
_DAY_RANGE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2} ?(?:-|–|to) ?$"
)
_CLOCK_AFTER = re.compile(r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b|hours? local\b)", re.I)
_LETTER_ITEM = re.compile(r"\s?\([a-z]\)")
_LEAD_OF = re.compile(r"(\w+) of\s*$")
_SPLIT = re.compile(r" split between (\w+) and (\w+)")
_FUNCTION = frozenset(
    [
        "where",
        "which",
        "who",
        "that",
        "whose",
        "when",
        "while",
        "as",
        "and",
        "or",
        "but",
        "the",
        "a",
        "an",
    ]
)
_SHARE = re.compile(
    r"(?<![A-Za-z])(?P<np>(?:[A-Za-z]+ ){0,2}[A-Za-z]+) (?:" + "|".join(_LEX.share_verbs) + r")\s*$"
)


def _number(text: str) -> int | Decimal | None:
    t = text.lower().replace(",", "")
    if t[:1].isdigit():
        return Decimal(t) if "." in t else int(t)
    total = 0
    for part in re.split(r"[- ]", t):
        v = _LEX.number_words.get(part)
        if v is None:
            return None
        total += v
    return total


def _np_after(text: str, pos: int, limit: int, allow_of: bool = True) -> tuple[str, int]:
    """Up to four lower-case words after pos (the measured noun phrase) and where it ends."""
    words: list[str] = []
    end = pos
    for m in _WORD.finditer(text, pos, min(limit, pos + 80)):
        gap = text[end : m.start()]
        if words and gap.strip() or not words and gap.strip() not in ("", "of"):
            break
        if not words and m.group(0) == "of" and not allow_of:
            break
        w = m.group(0)
        if not w.islower() or w in _NP_END or w in _LEX.np_stopwords and words or len(words) == 4:
            break
        if not words and w in ("of", "the", "a", "an", "its", "their"):
            end = m.end()
            continue
        if w in _LEX.np_stopwords:
            break
        if w.endswith("ing") and len(w) > 5 and w not in _ING_NOUNS:
            break  # a verb or participle ("24 hours resulting", "391 encouraging")
        words.append(w)
        end = m.end()
        if w in _LEX.person_nouns:
            break  # "95 million people spends": the head noun ends the phrase
    return " ".join(words), end


def _about(ctx: Context, para: Para, sent: tuple[int, int], start: int, end: int) -> str | None:
    """What the figure is about: the place or institution of an "in X" right after the figure
    ("35 rural credit cooperatives in Ningxiang County"), else the grammatical subject of its
    clause (the first mention opening the clause), else an "in X" before it, else the nearest
    mention before it in the sentence."""
    text = para.text

    def ok(key: str) -> bool:
        return ctx.kind(key) not in ("Official", "Person", "Country") and not key.startswith(
            ("reform:", "plan:", "directive:")
        )

    for ms, _, key in ctx.mentioned(para, end, min(sent[1], end + 60)):
        gap = text[end:ms]
        if ok(key) and _LOCATIVE.search(gap) and not re.search(r"[,;:()]", gap):
            return key
        break
    clause = sent[0]
    for b in _CLAUSE_BREAK.finditer(text, sent[0], start):
        clause = b.end()
    before = [m for m in ctx.mentioned(para, clause, start) if ok(m[2])]
    if before:
        ms, _, key = before[0]
        lead = text[clause:ms]
        if len(lead.split()) <= 3 and "," not in lead.strip(", ") or lead.endswith(", "):
            return key  # the subject: "Ningxiang County has 35 ...", "In 2008, X had ..."
        for ms, _, key in reversed(before):
            if _LOCATIVE.search(text[max(clause, ms - 8) : ms]):
                return key
        return before[-1][2]
    for _, _, key in reversed(ctx.mentioned(para, max(sent[0], start - 400), start)):
        if ok(key):
            return key
    return None


def _as_of(
    ctx: Context,
    para: Para,
    sent: tuple[int, int],
    start: int,
    end: int,
    dates: list[tuple[int, int, DateValue]],
) -> DateValue | None:
    """The date of the figure's clause ("by April 2010", "in 2008", "last year"), nearest first,
    never across a clause break."""
    text = para.text
    best = None
    for ds, de, value in dates:  # the paragraph's dates, relative ones included (in order)
        if de <= start - 80 or ds < sent[0]:
            continue
        if ds >= end + 80 or de > sent[1]:
            break
        lo, hi = (de, start) if de <= start else (end, ds)
        if hi - lo > 80 or _CLAUSE_BREAK.search(text, lo, hi):
            continue
        if re.search(r"\d", text[lo:hi]) and de <= start:
            continue  # another number sits between: the date is that number's
        dist = hi - lo + (0 if ds >= end else 10)  # a date after the figure is preferred
        if best is None or dist < best[0]:
            best = (dist, value)
    return best[1] if best else None


def _relative_dates(ctx: Context, text: str) -> list[tuple[int, int, DateValue]]:
    out = []
    for m in _RELATIVE.finditer(text):
        shift = {"last": -1, "next": 1, "this": 0}.get(m.group("which").lower(), -1)
        out.append((m.start(), m.end(), DateValue(f"{ctx.cable.created.year + shift:04d}", "year")))
    return out


def _np_before(text: str, sent: tuple[int, int], start: int) -> str:
    """The measured subject of "<subject> reached/totalled/was <number>": the noun phrase opening
    the clause ("Border trade between X and Y reached 1.2 billion" -> "border trade")."""
    appos = _APPOSITION.search(text, max(sent[0], start - 80), start)
    if appos:  # "40 percent of the province's border trade, worth 1.2 billion dollars"
        words = appos.group("np").split()
        cut = max((i + 1 for i, w in enumerate(words) if w.endswith(("'s", "’s", "s'"))), default=0)
        words = [w for w in words[cut:] if w not in ("the", "a", "an", "its", "their", "of")]
        return " ".join(words)
    verb = _BEFORE_NUMBER.search(text, max(sent[0], start - 160), start)
    if not verb:
        return ""
    clause = sent[0]
    for b in _CLAUSE_BREAK.finditer(text, sent[0], verb.start()):
        clause = b.end()
    comma = text.rfind(", ", clause, verb.start())
    clause = comma + 2 if comma >= 0 else clause
    words = _WORD.findall(text, clause, verb.start())
    out: list[str] = []
    for i, w in enumerate(words):
        low = w.lower()
        if not out and low in ("the", "a", "an", "its", "their", "and"):
            continue
        if low in _NOT_SUBJECT and not out:
            return ""
        if low == "of" and out and i + 1 < len(words) and words[i + 1].islower():
            out.append(low)
            continue
        if (not w.islower() and i > 0) or low in _PREPOSITIONS or low in _NP_END:
            break
        if low in _LEX.np_stopwords:
            break
        out.append(low)
        if len(out) == 5:
            break
    while out and out[-1] == "of":
        out.pop()
    return " ".join(out)


def extract_figures(ctx: Context) -> None:
    lex = ctx.lex
    for para in ctx.paras:
        text = para.text
        dates = find_dates(text, ctx.cable.created, lex.months)
        taken = bytearray(len(text))
        for s, e, _ in dates:
            taken[s:e] = b"\x01" * (e - s)
        if "year" in text:  # "last year", "this year": dates relative to the cable's own
            dates = sorted(dates + _relative_dates(ctx, text))
        toks = para.tokens
        last_end = -1
        for i, tok in enumerate(toks):
            # anchor the figure pattern at candidate tokens only: digits and number words
            if tok.start < last_end or not (
                tok.text[0].isdigit() or tok.text.lower() in lex.number_words
            ):
                continue
            at = tok.start
            if i and toks[i - 1].text in ("$", "RMB", "USD", "EUR"):
                at = toks[i - 1].start
                if i > 1 and toks[i - 1].text == "$" and toks[i - 2].text == "US":
                    at = toks[i - 2].start
            m = _FIGURE.match(text, at)
            if not m or not m.group("num"):
                continue
            last_end = m.end()
            if taken[m.start("num")] or _skip(text, m):
                continue
            value = _number(m.group("num"))
            if value is None:
                continue
            scale = m.group("scale")
            if scale:
                value = value * lex.scales[scale.lower()]
                value = int(value) if value == int(value) else value
            sent = para.sentence_of(m.start())
            for fig in _figures(ctx, para, m, value, sent):
                if not fig.measures:
                    fig = replace(fig, measures=_np_before(text, sent, m.start()))
                as_of = _as_of(ctx, para, sent, fig.span.start, fig.span.end, dates)
                ctx.figures.append(replace(fig, as_of=as_of) if as_of else fig)


def _skip(text: str, m: re.Match[str]) -> bool:
    num = m.group("num")
    before = text[max(0, m.start("num") - 12) : m.start("num")]
    after = text[m.end() : m.end() + 4]
    if not m.group("cur") and _REF_BEFORE.search(before):
        return True
    if _LETTER_ITEM.match(after) or text[m.end("num") : m.end("num") + 1].isalpha():
        return True
    if _CLOCK_AFTER.match(text, m.end()):
        return True  # a time of day: "at 10:30 p.m."
    if _DAY_RANGE.search(text, max(0, m.start("num") - 16), m.start("num")):
        return True  # the end of a range of days: "February 27 - 29"
    return bool(
        not num[:1].isdigit()
        and not (m.group("scale") or m.group("pct"))
        and not _people_follow(text, m.end())
    )


def _people_follow(text: str, pos: int) -> bool:
    np, _ = _np_after(text, pos, len(text))
    return bool(np) and np.split()[-1] in _LEX.person_nouns


def _figures(
    ctx: Context, para: Para, m: re.Match[str], value: int | Decimal, sent: tuple[int, int]
) -> list[Figure]:
    text = para.text
    about = _about(ctx, para, sent, m.start(), m.end())
    span = ctx.span(para, m.start("cur") if m.group("cur") else m.start("num"), m.end())
    if m.group("ratio"):
        other = int(m.group("ratio")[1:])
        tail = _SPLIT.match(text, m.end())
        names = (tail.group(1), tail.group(2)) if tail else ("first", "second")
        full = ctx.span(para, span.start, tail.end() if tail else m.end() + 6)
        return [
            Figure(value, "percent", f"{names[0]} share", about, full),
            Figure(other, "percent", f"{names[1]} share", about, full),
        ]
    if m.group("pct"):
        np, end = _np_after(text, m.end(), sent[1])
        share = _SHARE.search(text, max(sent[0], m.start() - 80), m.start())
        if share:
            words = [w for w in share.group("np").lower().split() if w not in _FUNCTION]
            measures = " ".join([*words, "share"])
        elif text[m.end() : m.end() + 4] == " of " and np:
            measures = f"share of {np}"
        else:
            measures = np
        end = end if np and measures.endswith(np) else span.end
        return [Figure(value, "percent", measures, about, ctx.span(para, span.start, end))]
    if m.group("cur"):
        code = _LEX.currency_prefixes[m.group("cur").upper() if m.group("cur") != "$" else "$"]
        np, end = _np_after(text, m.end(), sent[1])
        return [Figure(value, code, np, about, ctx.span(para, span.start, max(end, span.end)))]
    um = _UNIT_AFTER.match(text, m.end())
    if um:
        unit = um.group(1)
        if unit:
            end = um.end()
            code = _LEX.measure_units.get(unit) or _LEX.currency_suffixes[unit]
            np, np_end = _np_after(text, end, sent[1])
            return [Figure(value, code, np, about, ctx.span(para, span.start, max(end, np_end)))]
    np, end = _np_after(text, m.end(), sent[1], allow_of=False)
    if not np:
        lead = _LEAD_OF.search(text, max(sent[0], m.start() - 40), m.start())
        if lead and m.group("scale"):
            np, end = lead.group(1), m.end()
        else:
            np, end = _np_before(text, sent, m.start()), m.end()
            if not np or not (m.group("scale") or np.split()[-1] in _LEX.person_nouns):
                return []  # a bare number: only "X reached 3 million" or counted people
    unit = "person" if np.split()[-1] in _LEX.person_nouns else ""
    return [Figure(value, unit, np, about, ctx.span(para, span.start, max(end, span.end)))]
