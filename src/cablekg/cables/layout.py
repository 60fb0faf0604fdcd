"""Line-level layout of cable text: paragraph markers, page breaks, underlines, headings.

Every pattern here is anchored at the start of a line and uses bounded or disjoint
quantifiers, so a 5 MB line costs one linear scan at most (no catastrophic backtracking).
"""

from __future__ import annotations

import re

# "1. text", "¶1. (C) text", "1.(C)", "¶ 12 (SBU) text"; not "1.4 (b)" (a decimal).
_MARKER = re.compile(r"[ \t]*(?:¶[ \t]*(\d{1,3})\.?|(\d{1,3})\.)(?![\d.])[ \t]*")
# A portion marking opening a paragraph: "(C)", "(SBU)", "(S//NF)", "(C/NF)", "(U)".
_MARKING = re.compile(r"\((TS|S|C|U|SBU|LOU|FOUO|NF|REL)((?:/{1,2}[A-Z]{1,8}){0,3})\)[ \t]*")
# "CHENGDU 00000229 001.2 OF 002", "BEIJING 00000105 002 OF 003": repeated page headers.
_PAGE_BREAK = re.compile(
    r"[ \t]*[A-Z][A-Z.'-]*(?: [A-Z][A-Z.'-]*){0,4}[ \t]+\d{5,8}[ \t]+\d{3}(?:\.\d{1,2})?"
    r"[ \t]+OF[ \t]+\d{3}[ \t]*",
    re.IGNORECASE,  # "Moscow 00002366 001.2 of 004" occurs too
)
_DASHES = re.compile(r"[ \t]*-{3,}[ \t-]*|[ \t]*(?:-[ \t]){3,}[ \t-]*")  # also "- - - -"
_TRAILING_DASHES = re.compile(r"[ \t]+-{3,}[ \t-]*$")
# Publisher additions to web copies: the Scoop footer and everything after it.
FOOTER = re.compile(r"^[ \t]*(?:©|\(c\)|Copyright)[ \t]*Scoop Media", re.IGNORECASE)
_MAX_HEADING = 100


def paragraph_marker(line: str) -> tuple[int, str | None, int] | None:
    """(number, marking, end offset of marker + marking) for a paragraph's first line."""
    m = _MARKER.match(line)
    if not m:
        return None
    number = int(m.group(1) or m.group(2))
    end = m.end()
    marking = None
    mk = _MARKING.match(line, end)
    if mk:
        marking = mk.group(1) + mk.group(2)
        end = mk.end()
    return number, marking, end


def leading_marking(text: str) -> tuple[str | None, str]:
    """Split "(C) text" into ("C", "text"); unmarked text comes back unchanged."""
    mk = _MARKING.match(text)
    if not mk:
        return None, text
    return mk.group(1) + mk.group(2), text[mk.end() :]


def is_paragraph_start(line: str) -> bool:
    return paragraph_marker(line) is not None


def is_page_break(line: str) -> bool:
    return len(line) <= 100 and _PAGE_BREAK.fullmatch(line) is not None


def page_break_id(line: str) -> tuple[str, int] | None:
    """("CHENGDU", 229) from "CHENGDU 00000229 001.2 OF 002"."""
    if not is_page_break(line):
        return None
    words = line.upper().split()
    of = words.index("OF")
    serial = words[of - 2]
    post = " ".join(words[: of - 2])
    return post, int(serial)


def is_dashes(line: str) -> bool:
    return len(line) <= 200 and _DASHES.fullmatch(line) is not None


def heading_text(line: str) -> str | None:
    """The heading a line would be if it stands alone ("Summary", "ECONOMIC TIES ---")."""
    if len(line) > _MAX_HEADING + 60:
        return None
    s = _TRAILING_DASHES.sub("", line).strip()
    mk = _MARKING.match(s)  # "(C) SUMMARY": a marked heading
    if mk and len(s) > mk.end():
        s = s[mk.end() :]
    if not s or len(s) > _MAX_HEADING or is_paragraph_start(s):
        return None
    if not (s[0].isupper() or s[0].isdigit()) or s.endswith((".", ",", ";", ":")):
        return None
    if len(s.split()) > 14:
        return None
    return s


def ends_sentence(line: str) -> bool:
    return line.rstrip().endswith((".", "!", "?", '"', "'", "”", ":", ")"))
