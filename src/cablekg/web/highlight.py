"""Turning paragraph text and mention offsets into safe HTML.

Cable text is untrusted: every piece of it goes through ``markupsafe.escape`` and the result is
a ``Markup`` built here, so templates never need ``|safe`` on data. Offsets are Python string
indices into the paragraph's ``ckg:text`` (docs/graph-model.md); a span whose offsets do not fit
the text is dropped rather than trusted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

MAX_QUOTE_CHARS = 360  # a quote longer than this is cut around its highlighted spans

# A sentence ends at . ! ? (and any closing quotes/brackets) followed by white space, unless the
# word before the full stop is one letter ("U.S.", "P.R.C.") or a common abbreviation.
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+")
_ABBREVIATION_WORDS = (
    "mr mrs ms dr st no vs gov govt sen rep gen col lt amb dep asst jan feb mar apr jun jul "
    "aug sep sept oct nov dec inc co corp ltd approx est fig para ref etc"
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())


@dataclass(frozen=True)
class Span:
    """A stretch of paragraph text to mark; ``href`` links it (e.g. to an entity page)."""

    start: int
    end: int
    href: str | None = None
    title: str | None = None
    css: str = ""


def valid_spans(text: str, spans: Iterable[Span]) -> list[Span]:
    """Spans that fit the text, sorted, with overlaps removed (the earlier, longer one wins)."""
    ordered = sorted(
        (s for s in spans if 0 <= s.start < s.end <= len(text)), key=lambda s: (s.start, -s.end)
    )
    kept: list[Span] = []
    for span in ordered:
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``; white space between sentences is left out."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()].split()
        # the last word before the stop, without its own inner dots: "U.S" -> "s", "Jan" -> "jan"
        word = before[-1].lstrip("(\"'").split(".")[-1].lower() if before else ""
        if len(word) <= 1 or word in _ABBREVIATIONS:
            continue
        end = match.end() - (len(match.group()) - len(match.group().rstrip()))
        bounds.append((start, end))
        start = match.end()
    if text[start:].strip():
        bounds.append((start, len(text.rstrip())))
    return bounds


def render_text(
    text: str, spans: Sequence[Span], *, start: int = 0, end: int | None = None, tag: str = "a"
) -> Markup:
    """``text[start:end]`` as HTML with every span wrapped in ``<tag>`` (``a`` or ``mark``).

    A ``<mark>`` with an ``href`` is wrapped in a link too."""
    end = len(text) if end is None else end
    out: list[str] = []
    pos = start
    for span in valid_spans(text, spans):
        if span.start < start or span.end > end:
            continue
        out.append(escape(text[pos : span.start]))
        out.append(_wrap(text[span.start : span.end], span, tag))
        pos = span.end
    out.append(escape(text[pos:end]))
    return Markup("").join(out)


def _wrap(piece: str, span: Span, tag: str) -> Markup:
    attrs = Markup("")
    if span.css:
        attrs += Markup(' class="{}"').format(span.css)
    if span.title:
        attrs += Markup(' title="{}"').format(span.title)
    if tag == "a":
        if span.href is None:
            return Markup("<span{}>{}</span>").format(attrs, piece)
        return Markup('<a href="{}"{}>{}</a>').format(span.href, attrs, piece)
    marked = Markup("<mark{}>{}</mark>").format(attrs, piece)
    if span.href is not None:
        return Markup('<a href="{}">{}</a>').format(span.href, marked)
    return marked


def quote(text: str, primary: Sequence[Span], secondary: Sequence[Span] = ()) -> Markup | None:
    """The sentence of ``text`` that best shows a fact, its spans in ``<mark>``.

    The chosen sentence holds a primary span (the resource the page is about) and, if possible,
    a secondary one (the value of the fact); long sentences are cut around the spans with an
    ellipsis. None when no span fits the text."""
    primary = valid_spans(text, primary)
    secondary = valid_spans(text, secondary)
    if not primary and not secondary:
        return None
    best: tuple[int, int, int] | None = None  # (score, start, end)
    for s_start, s_end in sentences(text) or [(0, len(text))]:
        has_p = any(s_start <= sp.start < s_end for sp in primary)
        has_s = any(s_start <= sp.start < s_end for sp in secondary)
        score = 2 * has_p + has_s + (2 if has_p and has_s else 0)
        if score and (best is None or score > best[0]):
            best = (score, s_start, s_end)
    if best is None:
        return None
    _, s_start, s_end = best
    inside = [sp for sp in (*primary, *secondary) if s_start <= sp.start and sp.end <= s_end]
    s_start, s_end, lead, tail = _window(text, s_start, s_end, inside)
    body = render_text(text, inside, start=s_start, end=s_end, tag="mark")
    return Markup("{}{}{}").format(lead, body, tail)


def _window(text: str, start: int, end: int, spans: Sequence[Span]) -> tuple[int, int, str, str]:
    """Cut [start, end) to at most MAX_QUOTE_CHARS around the spans, on word boundaries."""
    if end - start <= MAX_QUOTE_CHARS or not spans:
        return start, end, "", ""
    first = min(s.start for s in spans)
    last = max(s.end for s in spans)
    room = max(0, MAX_QUOTE_CHARS - (last - first)) // 2
    new_start = max(start, first - room)
    new_end = min(end, last + room)
    if new_start > start:
        space = text.find(" ", new_start, first)
        new_start = space + 1 if space != -1 else new_start
    if new_end < end:
        space = text.rfind(" ", last, new_end)
        new_end = space if space != -1 else new_end
    return new_start, new_end, "… " if new_start > start else "", " …" if new_end < end else ""


def find_literal(text: str, value: str, *, min_chars: int = 4) -> Span | None:
    """A span where a literal value (a figure's source text, a statement's content) occurs."""
    if len(value) < min_chars:
        return None
    index = text.find(value)
    return Span(index, index + len(value)) if index != -1 else None
