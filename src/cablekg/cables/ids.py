"""Cable ids and REF lists: "2007 CHENGDU 129" -> "07CHENGDU129".

A canonical id is the two-digit year of the date-time group, the post with spaces removed and
the serial without leading zeros. REF lines come in many shapes ("A) 2007 CHENGDU 129, B)
CHENGDU 163", "(A)STATE 071143", "TEHRAN 1091: TEHRAN 263", "A. BEIJING 1234 B. 07 STATE
5678", "REFTEL", "04 PARIS 8760 AND PREVIOUS"); everything that is not a post + serial
(e-mails, OSC reports, meetings) is skipped rather than guessed.
"""

from __future__ import annotations

import re

from cablekg.cables.dtg import MONTHS
from cablekg.cables.model import Reference
from cablekg.cables.posts import compact

_COMPACT_ID = re.compile(r"^[ \t]*(\d{2})[ \t]*([A-Z][A-Z]+)[ \t]*0*(\d{1,7})[ \t]*$")
# A lettered label opening a REF item: "A)", "A.", "(A)", "¶B." - a single letter on its own.
_LABEL = re.compile(r"^\(?([A-Z])[.)][ \t]*")
# Split points: separators, and the position before a label ("... 1234 B. 07 STATE 5678").
_SPLIT = re.compile(r"[,;:]|\bAND\b|(?<![A-Z.(])(?=\(?[A-Z][.)][ \t])|(?=\([A-Z]\))")
_ITEM = re.compile(
    r"^(?:(\d{4}|\d{2})[ \t]+)?(?:(?:AM)?EMBASSY[ \t]+|(?:AM)?CONSULATE?[ \t]+|USMISSION[ \t]+)?"
    r"([A-Z][A-Z]*(?:[ \t][A-Z]+){0,3})[ \t]+0*(\d{1,7})(?![\d/])(.*)$"
)
# Words that make "X 12" something other than a cable ("EMAIL 21 FEB 06", "PARA 3").
_NOT_POSTS = frozenset(
    {
        "PARA", "PARAS", "PARAGRAPH", "EMAIL", "E-MAIL", "MAIL", "MEMO", "LETTER", "FAX", "PAGE",
        "SECTION", "NOTE", "TELCON", "OF", "ON", "IN", "DATED", "NO", "NUMBER", "ITEM", "OSC",
        "FBIS",
    }
)  # fmt: skip


def canonical_id(year: int | str, post: str, serial: int | str) -> str:
    """(2009 or "09", "CHENGDU", "000229") -> "09CHENGDU229"."""
    yy = f"{int(year) % 100:02d}"
    return f"{yy}{compact(post)}{int(serial)}"


def canonicalise_id(value: str) -> str | None:
    """A written id ("09CHENGDU229", "09 CHENGDU 0229", "09Chengdu229") -> canonical, or None."""
    m = _COMPACT_ID.match(value.upper())
    if not m:
        return None
    return canonical_id(m.group(1), m.group(2), m.group(3))


def _item_to_reference(item: str, label: str | None, own_year: int) -> Reference | None:
    text = " ".join(item.split())
    written = canonicalise_id(text)
    if written:
        return Reference(written, label=label, source_text=text)
    m = _ITEM.match(text)
    if not m:
        return None
    year, post, serial, rest = m.groups()
    words = post.split()
    if any(w in _NOT_POSTS for w in words):
        return None
    after = rest.strip().split(" ", 1)[0][:3]
    if after in MONTHS:  # "MAIL 21 FEB 06": a date, not a serial
        return None
    if year is None:
        return Reference(canonical_id(own_year, post, serial), label, True, text)
    return Reference(canonical_id(year, post, serial), label, False, text)


def _chunks(text: str) -> list[tuple[str, str]]:
    """(upper-case chunk, chunk as written) between REF separators."""
    original = text.replace("¶", " ")[:4000]  # a REF block is short; bound the work
    upper = original.upper()
    if len(upper) != len(original):  # case mapping changed lengths: keep the upper text only
        original = upper
    out: list[tuple[str, str]] = []
    pos = 0
    for m in _SPLIT.finditer(upper):
        out.append((upper[pos : m.start()], original[pos : m.start()]))
        pos = m.end()
    out.append((upper[pos:], original[pos:]))
    return out


def parse_references(text: str, own_year: int) -> tuple[Reference, ...]:
    """All cable references of a REF block (the text after "REF:"), in order, deduplicated."""
    refs: list[Reference] = []
    seen: set[str] = set()
    label: str | None = None
    written_label = ""
    for raw, written in _chunks(text):
        chunk = raw.strip()
        # "A. A) 04 STATE 274965": several labels in a row, the last one wins
        while True:
            m = _LABEL.match(chunk)
            if not m:
                break
            label, chunk = m.group(1), chunk[m.end() :]
        if not chunk:
            written_label = written.strip() if label else ""
            continue
        ref = _item_to_reference(chunk, label, own_year)
        label = None
        if ref is None or ref.cable_id in seen:
            written_label = ""
            continue
        seen.add(ref.cable_id)
        as_written = " ".join(f"{written_label} {written}".split())
        refs.append(Reference(ref.cable_id, ref.label, ref.year_inferred, as_written))
        written_label = ""
    return tuple(refs)
