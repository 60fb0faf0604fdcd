"""Figures: numbers with what they measure ("33 million inhabitants", "70 percent").

Unit scheme: "percent"; currency codes ("USD", "CNY", "EUR"); measurement units
("kilometre", "square metre", "tonne", ...); "person" for counts of people; "" for any other
count, with the counted noun phrase in ``measures``. Years, dates, ordinals, reference numbers
("BEIJING 5621"), classification reasons ("1.4 (b)") and bare numbers with nothing measured are
not figures. Number words count only with a scale or unit ("six million", "ten percent").
"""

from __future__ import annotations

import re
from decimal import Decimal

from cablekg.extract.context import Context, Para
from cablekg.extract.dates import find_dates
from cablekg.extract.lexicon import lexicon
from cablekg.extract.model import Figure

_LEX = lexicon()
_WORDNUM = "|".join(
    sorted((w for w, v in _LEX.number_words.items() if v and w != "a"), key=len, reverse=True)
)
_SCALE = "|".join(sorted(_LEX.scales, key=len, reverse=True))
_FIGURE = re.compile(
    rf"(?P<cur>US\$|\$|RMB|USD|EUR)?\s?"
    rf"(?P<num>(?<![\w.,-])\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?![\d,])|(?<![\w.,-])\d+(?:\.\d+)?"
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
    ]
)
_UNITS = sorted({**_LEX.measure_units, **_LEX.currency_suffixes}, key=len, reverse=True)
_UNIT_AFTER = re.compile(r"\s(" + "|".join(re.escape(u) for u in _UNITS) + r")\b")
_REF_BEFORE = re.compile(r"\b[A-Z]{3,} ?$|\b(?:No\.|Reasons?|ref|para|paragraph) ?$")
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
        words.append(w)
        end = m.end()
        if w in _LEX.person_nouns:
            break  # "95 million people spends": the head noun ends the phrase
    return " ".join(words), end


def _about(ctx: Context, para: Para, sent: tuple[int, int], pos: int) -> str | None:
    for _, _, key in reversed(ctx.mentioned(para, max(sent[0], pos - 400), pos)):
        if ctx.kind(key) not in ("Official", "Person", "Country") and not key.startswith(
            ("reform:", "plan:", "directive:")
        ):
            return key
    return None


def extract_figures(ctx: Context) -> None:
    lex = ctx.lex
    for para in ctx.paras:
        text = para.text
        dates = find_dates(text, ctx.cable.created, lex.months)
        taken = bytearray(len(text))
        for s, e, _ in dates:
            taken[s:e] = b"\x01" * (e - s)
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
                ctx.figures.append(fig)


def _skip(text: str, m: re.Match[str]) -> bool:
    num = m.group("num")
    before = text[max(0, m.start("num") - 12) : m.start("num")]
    after = text[m.end() : m.end() + 4]
    if not m.group("cur") and _REF_BEFORE.search(before):
        return True
    if _LETTER_ITEM.match(after) or text[m.end("num") : m.end("num") + 1].isalpha():
        return True
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
    about = _about(ctx, para, sent, m.start())
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
        if not lead or not m.group("scale"):
            return []
        np, end = lead.group(1), m.end()
    unit = "person" if np.split()[-1] in _LEX.person_nouns else ""
    return [Figure(value, unit, np, about, ctx.span(para, span.start, max(end, span.end)))]
