"""Body of a cable: lines after the header -> numbered Paragraphs with headings.

Choices, in order of application:
- Page-break lines are dropped. When the line before one does not end a sentence, the
  paragraph runs on across the break (blank lines around the break are dropped too).
- A short last line standing alone (the sender's name, "RANDT", "Asgard") is the signature,
  not part of the last paragraph.
- Paragraph markers ("1.", "¶1.", "1. (C)", "1.(C)") must count upwards (next > last, by at
  most 5), so a list "1. ... 2. ..." inside paragraph 6 does not restart the numbering; a
  "5." right under a line that does not end a sentence is taken for a wrapped "October 5."
  unless it is exactly the next number.
- A short line standing alone right above a paragraph marker or underlined with dashes is a
  section heading; it applies to every paragraph until the next heading.
- Text before paragraph 1 that is not a heading becomes paragraph 0 (a lead paragraph),
  so that nothing of the body is lost; a cable with no markers at all gets its blocks
  numbered 1..n in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cablekg.cables.layout import (
    ends_sentence,
    heading_text,
    is_dashes,
    leading_marking,
    paragraph_marker,
)
from cablekg.cables.model import Paragraph
from cablekg.errors import CableFormatError

LEAD_PARAGRAPH = 0  # number given to unnumbered text before paragraph 1
_MAX_STEP = 5
_MAX_FIRST = 20
_CAPTION_LINES = frozenset({"SIPDIS", "NOFORN", "NNNN"})


@dataclass
class _Draft:
    number: int
    line: int
    marking: str | None
    headings: tuple[str, ...]
    parts: list[str] = field(default_factory=list)

    def freeze(self) -> Paragraph:
        text = " ".join(p.strip() for p in self.parts if p.strip())
        marking = self.marking
        if marking is None:
            marking, text = leading_marking(text)
        return Paragraph(self.number, text, marking, self.headings, self.line)


def _drop_page_breaks(lines: list[str], start: int, page_breaks: set[int]) -> list[tuple[int, str]]:
    """(1-based line number, text) of the body without page-break lines."""
    out: list[tuple[int, str]] = []
    skip_blanks = False
    for i in range(start, len(lines)):
        line = lines[i]
        if i in page_breaks:
            last = next((t for _, t in reversed(out) if t.strip()), "")
            if last and not ends_sentence(last):
                while out and not out[-1][1].strip():
                    out.pop()
                skip_blanks = True
            continue
        if skip_blanks and not line.strip():
            continue
        if line.strip() in _CAPTION_LINES:  # a stray routing caption, not text
            continue
        skip_blanks = False
        out.append((i + 1, line))
    return out


def _drop_signature(body: list[tuple[int, str]]) -> list[tuple[int, str]]:
    # "NNNN" closes a telegram; blank lines and it are not text
    while body and (not body[-1][1].strip() or body[-1][1].strip() == "NNNN"):
        body.pop()
    if len(body) < 2:
        return body
    last = body[-1][1].strip()
    before = body[-2][1]
    words = last.split()
    signature_like = (
        len(last) <= 40
        and 1 <= len(words) <= 4
        and not ends_sentence(last)
        and paragraph_marker(last) is None
        and (not before.strip() or ends_sentence(before))
    )
    return body[:-1] if signature_like else body


def _accepted_markers(body: list[tuple[int, str]]) -> dict[int, tuple[int, str | None, int]]:
    accepted: dict[int, tuple[int, str | None, int]] = {}
    last: int | None = None
    for k, (_, line) in enumerate(body):
        mk = paragraph_marker(line)
        if mk is None:
            continue
        n = mk[0]
        prev = body[k - 1][1] if k else ""
        wrapped = prev.strip() and not ends_sentence(prev) and not is_dashes(prev)
        # "... began on October" / "5. FDP ...": most likely a wrapped line. Under a line that
        # does not end a sentence, only the very next number (or a first "1.") is a marker,
        # unless a marking "(C)" follows the number, which is strong evidence.
        if wrapped and mk[1] is None and n != (1 if last is None else last + 1):
            continue
        first_ok = last is None and 1 <= n <= _MAX_FIRST
        if first_ok or (last is not None and last < n <= last + _MAX_STEP):
            accepted[k] = mk
            last = n
    return accepted


def _is_heading(body: list[tuple[int, str]], k: int, markers: dict, numbered: bool) -> str | None:
    text = heading_text(body[k][1])
    if text is None:
        return None
    prev = body[k - 1][1] if k > 0 else ""
    if prev.strip() and not is_dashes(prev):
        return None  # the last line of a paragraph, not a heading
    nxt = k + 1
    underlined = nxt < len(body) and is_dashes(body[nxt][1])
    while nxt < len(body) and (not body[nxt][1].strip() or is_dashes(body[nxt][1])):
        nxt += 1
    if nxt == len(body):
        return None
    if underlined or is_dashes(prev):
        return text
    if nxt == k + 1:
        return None  # text runs straight on: a one-line start of a block
    if numbered:
        return text if nxt in markers else None
    return text if len(text.split()) <= 8 and not ends_sentence(text) else None


def parse_body(
    lines: list[str], start: int, page_breaks: set[int], source: str, cable_id: str | None
) -> tuple[Paragraph, ...]:
    body = _drop_signature(_drop_page_breaks(lines, start, page_breaks))
    markers = _accepted_markers(body)
    numbered = bool(markers)
    drafts: list[_Draft] = []
    heading: tuple[str, ...] = ()
    blank_before = True
    auto = 0
    for k, (lineno, line) in enumerate(body):
        if k in markers:
            number, marking, end = markers[k]
            drafts.append(_Draft(number, lineno, marking, heading, [line[end:]]))
            blank_before = False
            continue
        if not line.strip() or is_dashes(line):
            blank_before = True
            continue
        head = _is_heading(body, k, markers, numbered)
        if head is not None:
            heading = (head,)
            blank_before = True
            continue
        if drafts and (numbered or not blank_before):
            drafts[-1].parts.append(line)
        elif numbered:  # lead text before paragraph 1
            drafts.append(_Draft(LEAD_PARAGRAPH, lineno, None, heading, [line]))
        else:
            auto += 1
            drafts.append(_Draft(auto, lineno, None, heading, [line]))
        blank_before = False
    paragraphs = tuple(p for p in (d.freeze() for d in drafts) if p.text)
    if not paragraphs:
        raise CableFormatError(
            source,
            "no paragraphs: the cable has a header but no body text",
            line=start + 1,
            cable_id=cable_id,
        )
    return paragraphs
