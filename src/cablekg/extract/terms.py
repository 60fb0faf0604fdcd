"""Romanised Chinese terms: "farmers' specialized cooperatives (nongmin zhuanye hezuoshe)".

The signal is lower-case words in parentheses (or quotes) that split entirely into pinyin
syllables, next to an English phrase; no list of terms. What the term names:
- an English phrase whose head noun is an institution kind ("cooperatives") -> an Entity of
  that kind labelled with the English phrase, the pinyin as alt label;
- an English phrase that matches a reform-area concept -> Attribute(concept, "skos:altLabel",
  term), only when the scheme does not already have that label;
- anything else is left alone.
Spelling normalisation: no general misspelling lexicon is used, so source spellings stay as
written (a known gap).
"""

from __future__ import annotations

import re

from cablekg.extract.context import Context, Para, norm
from cablekg.extract.model import Attribute

_PAREN = re.compile(r"\((?P<py>[a-z]+(?: [a-z]+){0,5})\)")
_QUOTED_OR = re.compile(
    r"[\"“](?P<py>[a-z]+(?: [a-z]+){0,3})[\"”]\s*"
    r"(?:\((?P<en1>[a-z ]{3,60})\)|or (?P<en2>[a-z ]{3,60}))"
)
_WORD_BACK = re.compile(r"([A-Za-z][A-Za-z-]*['’]?)\s*$")


def _pinyin(ctx: Context, phrase: str) -> bool:
    words = phrase.split()
    return all(ctx.lex.is_pinyin(w) for w in words) and sum(len(w) for w in words) >= 4


def _english_before(ctx: Context, text: str, end: int) -> tuple[int, str]:
    """The noun phrase (up to five words, stopping at function words) ending before ``end``."""
    pos = end
    start = end
    for _ in range(5):
        m = _WORD_BACK.search(text, max(0, pos - 40), pos)
        if not m or m.group(1).lower().rstrip("'’") in ctx.lex.np_stopwords:
            break
        start = m.start(1)
        pos = m.start(1)
    return start, text[start:end].strip()


def extract_terms(ctx: Context) -> None:
    for para in ctx.paras:
        for m in _PAREN.finditer(para.text):
            py = m.group("py")
            if not _pinyin(ctx, py):
                continue
            start, english = _english_before(ctx, para.text, m.start())
            if english:
                _name(ctx, para, english, start, py, m.start("py"), m.end("py"))
        for m in _QUOTED_OR.finditer(para.text):
            py = m.group("py")
            english = m.group("en1") or m.group("en2")
            if _pinyin(ctx, py):
                _concept_alt(ctx, para, english, py, m.start("py"), m.end("py"))


def _name(ctx: Context, para: Para, english: str, start: int, py: str, ps: int, pe: int) -> None:
    head = english.split()[-1]
    kind = ctx.lex.org_heads.get(head[:1].upper() + head[1:])
    if kind and kind not in ("LocalGovernment", "Embassy", "Consulate"):
        key = ctx.lookup(english) or "org:" + norm(english)
        ctx.entity(key, kind, english, alts=(py,))
        ctx.mention(key, para, start, start + len(english))
        ctx.mention(key, para, ps, pe)
        return
    _concept_alt(ctx, para, english, py, ps, pe)


def _concept_alt(ctx: Context, para: Para, english: str, py: str, ps: int, pe: int) -> None:
    found = ctx.scheme.find(english)
    if not found:
        return
    key = found[0][0]
    if not ctx.scheme.has_label(key, py):
        ctx.attributes.append(Attribute(key, "skos:altLabel", py, ctx.span(para, ps, pe)))
