"""Capitalised phrases and acronyms: find runs of capitalised words and cut them into typed
pieces (title, organisation, place, country, person, unknown name).

A run is a maximal sequence of capitalised words separated by single spaces, possibly joined by
the connectors "and", "of", "for" ("Development and Reform Commission", "Academy of Social
Sciences"). A run is cut left to right: a title from the title lexicon; else the words up to an
institution head word ("Commission", "Academy", "Bank", ...) form an organisation; the words up
to an administrative suffix ("County", "Municipality", ...) form a place; words before a title
are classified on their own (acronym, known name, country, Chinese personal name).
"""

from __future__ import annotations

import re

from cablekg.extract.context import Context, Para, Piece, Tok, norm
from cablekg.extract.lexicon import Lexicon

_MAX_RUN = 16
_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")
_CONNECTORS = frozenset({"and", "of", "for", "de", "du"})
_LOWER_TAIL = re.compile(r" ([a-z]+(?: [a-z]+)?)\b")
_LOWER_SUFFIXES = frozenset(
    {"county", "district", "province", "city", "municipality", "township", "village", "prefecture"}
)


def is_cap(t: str) -> bool:
    return t[:1].isupper() and t[:1].isalpha()


def is_acronym(t: str) -> bool:
    letters = t.replace(".", "").replace("&", "")
    return (
        2 <= len(letters) <= 8
        and letters.isalpha()
        and sum(c.isupper() for c in letters) >= 2
        and letters[:2].isupper()
    )


def cap_runs(para: Para, lex: Lexicon) -> list[list[Tok]]:
    """Maximal runs of capitalised tokens (with inner connectors), split at function words."""
    runs: list[list[Tok]] = []
    cur: list[Tok] = []
    toks = para.tokens
    text = para.text
    for i, t in enumerate(toks):
        gap = text[cur[-1].end : t.start] if cur else ""
        # "Glyn T. Davies": a middle initial's full stop does not end the name
        joined = bool(cur) and (
            gap == " "
            or (gap == ". " and len(cur) >= 2 and len(cur[-1].text) == 1 and cur[-1].text.isupper())
        )
        if is_cap(t.text) and not (t.text in lex.stop_capitals and not _title_word(t.text, lex)):
            if cur and not joined:
                runs.append(cur)
                cur = []
            cur.append(t)
            continue
        if (
            t.text in _CONNECTORS
            and joined
            and i + 1 < len(toks)
            and is_cap(toks[i + 1].text)
            and text[t.end : toks[i + 1].start] == " "
            and toks[i + 1].text not in lex.stop_capitals
        ):
            cur.append(t)
            continue
        if t.text.lower() in _LOWER_SUFFIXES and joined and not t.text[0].isupper():
            cur.append(t)
        if cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return runs


def _title_word(word: str, lex: Lexicon) -> bool:
    return word in lex.title_heads or word in lex.title_modifiers


def title_len(words: list[str], i: int, lex: Lexicon) -> int:
    """Number of words of the longest title starting at words[i] (0 if none)."""
    best = 0
    n = len(words)
    m = i
    while True:
        for k in range(min(n, m + 4), m, -1):
            if " ".join(words[m:k]) in lex.title_heads:
                best = max(best, k - i)
                break
        if m < n and words[m] in lex.title_modifiers:
            m += 1
        else:
            break
    if best and i + best + 1 < n and words[i + best] == "of":
        # "Chief of Reform and Coordination": "of" + capitalised words that name no institution
        k = i + best + 1
        while (
            k < n and words[k] not in lex.org_heads and lex.place_suffix(words[i : k + 1]) is None
        ):
            if title_len(words, k, lex) and words[k - 1] != "and":
                break
            k += 1
        if (
            k == n
            and words[n - 1] not in _CONNECTORS
            and not chinese_name(words, i + best + 1, lex)
        ):
            best = n - i
    return best


def chinese_name(words: list[str], i: int, lex: Lexicon) -> int:
    """2 when words[i:i+2] look like a Chinese personal name (known family name + pinyin)."""
    if i + 1 < len(words) and words[i] in lex.chinese_surnames:
        given = words[i + 1]
        if (
            is_cap(given)
            and not is_acronym(given)
            and lex.is_pinyin(given)
            and given not in lex.stop_capitals
            and given not in lex.org_heads
            and not _title_word(given, lex)
            and given not in lex.countries
            and lex.place_suffix(["x", given]) is None
        ):
            return 2
    return 0


def _org_head_end(words: list[str], j: int, lex: Lexicon) -> str | None:
    """The organisation kind when a head word or head phrase ends at words[j]."""
    for phrase, kind in _phrase_heads(lex).get(words[j], ()):
        k = len(phrase)
        if j + 1 >= k and words[j + 1 - k : j + 1] == phrase:
            return kind
    return lex.org_heads.get(words[j])


_SUFFIX_LAST: dict[int, frozenset[str]] = {}
_REGIONS: dict[int, dict[str, list[str]]] = {}


def _suffix_last(lex: Lexicon) -> frozenset[str]:
    """Last words of the administrative suffixes ("Region", "County", ...)."""
    out = _SUFFIX_LAST.get(id(lex))
    if out is None:
        out = _SUFFIX_LAST[id(lex)] = frozenset(x.split()[-1] for x in lex.place_suffixes)
    return out


def _regions(lex: Lexicon) -> dict[str, list[str]]:
    """Well-known region names indexed by their first word."""
    out = _REGIONS.get(id(lex))
    if out is None:
        out = {}
        for r in lex.regions:
            out.setdefault(r.split()[0], []).append(r)
        _REGIONS[id(lex)] = out
    return out


_PHRASE_HEADS: dict[int, dict[str, list[tuple[list[str], str]]]] = {}


def _phrase_heads(lex: Lexicon) -> dict[str, list[tuple[list[str], str]]]:
    """Head phrases indexed by their last word (computed once per lexicon)."""
    out = _PHRASE_HEADS.get(id(lex))
    if out is None:
        out = {}
        for phrase, kind in lex.org_phrase_heads.items():
            words = phrase.split()
            out.setdefault(words[-1], []).append((words, kind))
        _PHRASE_HEADS[id(lex)] = out
    return out


def segment(ctx: Context, para: Para, run: list[Tok]) -> list[Piece]:
    lex = ctx.lex
    words = [t.text for t in run]
    n = len(words)
    pieces: list[Piece] = []

    def piece(type_: str, a: int, b: int, kind: str | None = None) -> Piece:
        p = Piece(
            type_, run[a].start, run[b - 1].end, para.text[run[a].start : run[b - 1].end], kind=kind
        )
        pieces.append(p)
        return p

    i = 0
    while i < n:
        if words[i] in _CONNECTORS:
            i += 1
            continue
        k = title_len(words, i, lex)
        if k:
            piece("title", i, i + k)
            i += k
            continue
        j = i
        end_kind: tuple[str, int, str | None] | None = None
        while j < n:
            if j > i and title_len(words, j, lex):
                end_kind = ("title", j, None)
                break
            if j > i and chinese_name(words, j, lex) and _org_head_end(words, j + 1, lex) is None:
                end_kind = ("title", j, None)  # a person name ends the phrase before it
                break
            okind = _org_head_end(words, j, lex)
            if okind and j + 1 < n and words[j + 1] in lex.building_nouns:
                # "New Embassy Compound", "Bank of China Building": a building, not the body
                piece("name", i, j + 2)
                end_kind = ("done", j + 2, None)
                break
            if okind and (
                j > i
                or words[j] in ("Embassy", "Consulate")
                or (j + 2 < n and words[j + 1] in ("of", "for") and is_cap(words[j + 2]))
            ):
                e = j
                while (
                    e + 1 < n
                    and _org_head_end(words, e + 1, lex)
                    and not title_len(words, e + 1, lex)
                ):
                    e += 1
                    okind = _org_head_end(words, e, lex)
                if e + 2 < n and words[e + 1] in ("of", "for") and is_cap(words[e + 2]):
                    e += 2
                    while (
                        e + 1 < n
                        and not title_len(words, e + 1, lex)
                        and not (chinese_name(words, e + 1, lex))
                        and not _new_body_after(words, e + 1, lex)
                    ):
                        e += 1
                    while words[e] in _CONNECTORS:
                        e -= 1
                cut = _conjunction_cut(words, i, j, lex)
                if cut:
                    _classify(ctx, words, i, cut, piece)  # "Finance Ministers and Central Bank"
                    i = cut + 1
                if words[i].startswith(lex.international_starts):
                    okind = "InternationalOrganization"
                piece("org", i, e + 1, okind)
                end_kind = ("done", e + 1, None)
                break
            last = words[j][:1].upper() + words[j][1:]
            suf = (
                lex.place_suffix([w[:1].upper() + w[1:] for w in words[max(i, j - 3) : j + 1]])
                if last in _suffix_last(lex)
                else None
            )
            if suf and j + 1 - suf[0] > i:
                nxt_org = (
                    j + 1 < n
                    and _org_head_end(words, j + 1, lex)
                    and not title_len(words, j + 1, lex)
                )
                if not nxt_org:
                    piece("place", i, j + 1, lex.place_suffixes[suf[1]])
                    end_kind = ("done", j + 1, None)
                    break
            j += 1
        if end_kind is None:
            _classify(ctx, words, i, n, piece)
            break
        if end_kind[0] == "title":
            _classify(ctx, words, i, end_kind[1], piece)
        i = end_kind[1]
    return pieces


def _new_body_after(words: list[str], k: int, lex: Lexicon) -> bool:
    """ "Bank of China and Agricultural Bank": an "and" followed by another head word starts a
    second institution instead of continuing the first one's "of ..." part."""
    if words[k] != "and":
        return False
    heads = {w for w in words[:k] if lex.org_heads.get(w)}
    return any(w in heads for w in words[k + 1 : k + 5])  # the same head word again


def _conjunction_cut(words: list[str], i: int, j: int, lex: Lexicon) -> int | None:
    """The "and" that joins two phrases rather than two qualifiers of one head: the word before
    it is a plural ("Ministers and Central Bank") or a head word of its own ("Commission and
    Bank"). "Development and Reform Commission" is kept whole."""
    for k in range(j - 1, i, -1):
        if words[k] != "and":
            continue
        prev = words[k - 1]
        plural = len(prev) > 3 and prev.endswith("s") and not prev.endswith(("ss", "ics", "us"))
        if plural or prev in lex.org_heads:
            return k
    return None


def _classify(ctx: Context, words: list[str], a: int, b: int, piece) -> None:  # noqa: ANN001
    """Words with no head word or suffix: known alias, acronym, country, person or plain name."""
    lex = ctx.lex
    while a < b:
        text = " ".join(words[a:b])
        key = ctx.lookup(text)
        if key:
            piece("known", a, b).key = key
            return
        if text in lex.countries:
            piece("country", a, b, "Country")
            return
        region = next(
            (
                r
                for r in _regions(lex).get(words[a], ())
                if words[a : a + r.count(" ") + 1] == r.split()
            ),
            None,
        )
        if region:
            n = region.count(" ") + 1
            piece("place", a, a + n, lex.regions[region])
            a += n
            continue
        k = chinese_name(words, a, lex)
        if k:
            piece("person", a, a + k)
            a += k
            continue
        if b - a == 1 and is_acronym(words[a]):
            piece("acronym", a, b)
            return
        # a known alias or country at the start of a longer phrase ("Chongqing Organic ...")
        for e in range(b - 1, a, -1):
            sub = " ".join(words[a:e])
            if ctx.lookup(sub) or sub in lex.countries:
                _classify(ctx, words, a, e, piece)
                a = e
                break
        else:
            # a plain name stops at a connector: "Ken Livingstone of London"
            cut = next((k for k in range(a + 1, b) if words[k] in _CONNECTORS), b)
            piece("name", a, cut)
            a = cut + 1


def scan(ctx: Context, para: Para) -> list[Piece]:
    """All pieces of one paragraph, in text order."""
    out: list[Piece] = []
    if _all_caps(para.text):
        return _scan_upper(ctx, para)
    for run in cap_runs(para, ctx.lex):
        # no name is this long; bounding runs keeps the scan linear on pathological text
        for k in range(0, len(run), _MAX_RUN):
            out.extend(segment(ctx, para, run[k : k + _MAX_RUN]))
    for i, p in enumerate(out):
        titled = i > 0 and out[i - 1].type == "title" and out[i - 1].end + 1 == p.start
        if p.type in ("person", "name") and not titled:
            _company_tail(ctx, para, p)
    return out


def _company_tail(ctx: Context, para: Para, p: Piece) -> None:
    """ "Bao Gang steel company", "Haier group": a name followed by a lower-case kind noun is an
    organisation, whose label takes the kind words ("Bao Gang Steel Company")."""
    m = _LOWER_TAIL.match(para.text, p.end)
    if not m:
        return
    names = p.text.split()
    if (
        p.text in ctx.lex.countries
        or any("-" in w and not w.split("-")[-1][:1].isupper() for w in names)
        or (len(names) == 1 and names[0].endswith(("ist", "ian", "ese", "ish", "ni")))
    ):
        return  # "PRC-based company", "Socialist group": an adjective, not a name
    words = m.group(1).split()
    kinds = [ctx.lex.lower_kind_heads.get(w) for w in words]
    if not kinds[0]:
        return
    last = max(i for i, k in enumerate(kinds) if k)
    if not all(kinds[: last + 1]) and last > 1:
        return
    tail = words[: last + 1]
    p.type, p.kind = "org", kinds[last]
    p.end = p.end + 1 + len(" ".join(tail))
    p.text = p.text + " " + " ".join(w[:1].upper() + w[1:] for w in tail)


_PAREN_ACRONYM = re.compile(r"\(([A-Z][A-Z&.]{1,7})\)")
# words an upper-case text spells in capitals that are never part of a name
_CASE_FUNCTION = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "for",
        "to",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "into",
        "as",
        "that",
        "this",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "why",
        "how",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "its",
        "their",
        "our",
        "also",
        "not",
        "but",
        "has",
        "have",
        "had",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "can",
        "must",
        "do",
        "does",
        "did",
        "all",
        "more",
        "most",
        "very",
        "there",
        "then",
        "than",
        "so",
        "because",
        "after",
        "before",
        "about",
        "over",
        "under",
        "some",
        "any",
        "no",
        "if",
        "while",
        "during",
        "since",
        "per",
        "both",
        "each",
        "other",
        "such",
        "only",
        "new",
        "said",
        "told",
    ]
)


def _scan_upper(ctx: Context, para: Para) -> list[Piece]:
    """An upper-case paragraph: capitalisation says nothing about names, so a title-cased copy
    (function words lower-cased, defined acronyms kept) is scanned and only the pieces that need
    no capitalisation cue are kept: titled officials, organisations whose acronym follows in
    parentheses, countries. Offsets are the same in the copy, so spans stay on the original."""
    lex = ctx.lex
    text = para.text
    acronyms = set(_PAREN_ACRONYM.findall(text))
    acronyms.update(a for e in ctx.ents.values() for a in e.alts if is_acronym(a))
    skip = _CASE_FUNCTION | lex.reporting_verbs
    toks = []
    for t in para.tokens:
        w = t.text
        if w in acronyms or not w[:1].isalpha() or "." in w:
            cased = w
        elif w.lower() in skip:
            cased = w.lower()
        else:
            cased = w[:1] + w[1:].lower()
        toks.append(Tok(t.start, t.end, cased))
    chars = list(text)
    for t in toks:
        chars[t.start : t.end] = t.text
    copy = Para(para.number, "".join(chars), toks, para.sentences)
    pieces: list[Piece] = []
    for run in cap_runs(copy, lex):
        for k in range(0, len(run), _MAX_RUN):
            pieces.extend(segment(ctx, copy, run[k : k + _MAX_RUN]))
    out = []
    for i, p in enumerate(pieces):
        prev = pieces[i - 1] if i else None
        after_title = prev is not None and prev.type == "title" and prev.end + 1 == p.start
        if p.type == "title" or p.type == "country":
            out.append(p)
        elif p.type == "person" and after_title:
            out.append(p)  # a Chinese name: known family name + pinyin
        elif (p.type == "name" and after_title and _upper_name(p.text)) or (
            p.type == "org" and acronym_after(para, p.end)
        ):
            out.append(p)
        elif p.type in ("acronym", "known") and p.text.upper() == p.text:
            out.append(p)  # "NDRC", an acronym the cable defines
    return out


def _upper_name(text: str) -> bool:
    """A non-Chinese name in upper-case text needs a middle initial ("Susan E. Rice"): without
    case, "Sarkozy Took" cannot be told from a name."""
    words = text.split()
    return len(words) == 3 and len(words[1]) == 2 and words[1].endswith(".")


def _all_caps(text: str) -> bool:
    sample = text[:2000]
    upper = len(_UPPER.findall(sample))
    letters = upper + len(_LOWER.findall(sample))
    return letters > 20 and upper > 0.6 * letters


def acronym_after(para: Para, end: int) -> tuple[str, int, int] | None:
    """An acronym defined in parentheses right after a name: "... Commission (CQDRC)"."""
    text = para.text
    i = end
    while i < len(text) and text[i] == " ":
        i += 1
    if i < len(text) and text[i] == "(":
        close = text.find(")", i, i + 14)
        if close > 0:
            inner = text[i + 1 : close]
            if is_acronym(inner):
                return inner, i + 1, close
    return None


__all__ = [
    "acronym_after",
    "cap_runs",
    "chinese_name",
    "is_acronym",
    "is_cap",
    "norm",
    "scan",
    "segment",
    "title_len",
]
