"""Header of a cable text: everything before the first body line, parsed into fields.

One parser serves the raw release text and the web copies: both carry (some of) a routing
block (VZCZC, "DE RUEHCN #0229/01 2880943", precedence + DTG, FM/TO/INFO), a classification
line ("C O N F I D E N T I A L SECTION 01 OF 03 BEIJING 000105"), captions (SIPDIS, NOFORN,
"STATE FOR EUR/WE"), "E.O. 12958:", TAGS, SUBJECT, REF and "Classified By:". The header ends
at the first line that is none of these (usually paragraph 1 or a heading above it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from cablekg.cables.dtg import parse_dtg
from cablekg.cables.layout import is_paragraph_start
from cablekg.cables.posts import parse_fm

_SHORT = 160  # header lines are short; long lines are only tested with anchored prefixes


def _spaced(word: str) -> str:
    """A pattern for a word that may be letter-spaced irregularly ("SE C R E T")."""
    return " ?".join(word)


# Matched against the upper-cased line: "S e c r e t berlin 001068" occurs too.
_CLASS = re.compile(
    "^[ \t]*("
    + "|".join(
        _spaced(w) for w in ("TOP SECRET", "SECRET", "CONFIDENTIAL", "UNCLASSIFIED", "UNCLAS")
    )
    + "|LIMITED OFFICIAL USE)(?![A-Z])(.*)$"
)
_LEVELS = {"UNCLAS": "UNCLASSIFIED"}
# "ZNY CCCCC ZZH": the routing line repeats the level as five letters.
_ZNY = re.compile(r"^[ \t]*ZNY[ \t]+([SCUE])\1{4}\b")
_ZNY_LEVELS = {"S": "SECRET", "C": "CONFIDENTIAL", "U": "UNCLASSIFIED", "E": "UNCLASSIFIED"}
_SECTION = re.compile(r"\bSECTION\s+\d{1,3}\s+OF\s+\d{1,3}\b")
_CAVEATS = re.compile(r"\b(?:EFTO|NOFORN|SENSITIVE|SIPDIS|EXDIS|NODIS|LIMDIS|STADIS|NOCONTRACT)\b")
_POST_SERIAL = re.compile(r"^([A-Z][A-Z.'-]*(?: [A-Z][A-Z.'-]*){0,4}) +0*(\d{1,8})$")
_EO = re.compile(r"\bE\.? ?O\.? ?1\d{4}\b")
_TAGS = re.compile(r"^[ \t]*TAGS?\b[ \t\xa0]*:?[ \t\xa0]*(.*)$")
_TAGS_INLINE = re.compile(r"\bTAGS?[ \t\xa0]*:[ \t\xa0]*(.*)$")  # "E.O. 12958: DECL: X TAGS: A B"
_SUBJECT = re.compile(r"^[ \t]*SUBJ(?:ECT)?[ \t]*:[ \t]*(.*)$", re.IGNORECASE)
_REF = re.compile(r"^[ \t]*(?:REFS?|REFTELS?|REFERENCES?)[ \t]*:[ \t]*(.*)$", re.IGNORECASE)
_REFTEL = re.compile(r"^[ \t]*REFTELS?[ \t]*$")
_CLASSIFIED_BY = re.compile(r"^[ \t]*CLASSIFIED[ \t]+BY\b", re.IGNORECASE)
_CLASSIFIED_BY_INLINE = re.compile(r"\bCLASSIFIED[ \t]+BY\b", re.IGNORECASE)
_DE = re.compile(r"^[ \t]*DE[ \t]+[A-Z]{4,8}[ \t]+#(\d{1,6})")
_SCOOP_TITLE = re.compile(r"^[ \t]*Cablegate:[ \t]*(.+?)[ \t]*$")
_CAPTION = re.compile(
    r"^[ \t]*(?:(?:SIPDIS|NOFORN|SENSITIVE|EXDIS|NODIS|LIMDIS|STADIS|CHEROKEE|EFTO"
    r"|FOR OFFICIAL USE ONLY|SBU|NOTE BY [A-Z ]+|PASS TO\b.*|DEPT? (?:PLEASE )?PASS\b.*)"
    r"[ \t,.;]*)+$"
)
# "STATE FOR EUR/WE", "NSC FOR VOLKER", "DEPT FOR WHA/BSC": upper-case routing captions.
_FOR_CAPTION = re.compile(r"^[ \t]*[A-Z0-9/&.,' -]{1,40} FOR [A-Z0-9/&.,'() -]{1,80}$")
_REF_ITEM = re.compile(r"^[ \t]*¶?[ \t]*\(?[A-Z][.)][ \t]+\S")  # "¶C. LA PAZ 11", "(D) STATE 5"
_LATE = ("eo", "tags", "subject", "ref", "classified")


@dataclass(frozen=True)
class Header:
    created: datetime | None = None
    created_line: int | None = None
    post: str | None = None  # the post as written in the classification line ("RIO DE JANEIRO")
    serial: int | None = None
    origin: str | None = None
    classification: str | None = None
    tags: tuple[str, ...] = ()
    title: str = ""
    ref_text: str = ""
    eo_not_applicable: bool = False
    body_start: int = 0  # index of the first body line
    signals: int = 0  # how many header fields were seen (0: not a cable)
    first_line: int = 1
    fields: dict[str, int] = field(default_factory=dict)  # field -> 1-based line number


def parse_class_line(line: str) -> tuple[str, str | None, int | None, bool] | None:
    """A classification line -> (base level, post as written, serial, NOFORN on the line)."""
    if len(line) > _SHORT:
        return None
    m = _CLASS.match(line.upper())
    if not m:
        return None
    level = m.group(1).replace(" ", "")
    level = "TOP SECRET" if level == "TOPSECRET" else _LEVELS.get(level, level)
    rest = m.group(2)
    noforn = "NOFORN" in rest
    rest = " ".join(_CAVEATS.sub(" ", _SECTION.sub(" ", rest)).split())
    if not rest:
        return level, None, None, noforn
    pm = _POST_SERIAL.match(rest)
    if pm:
        return level, pm.group(1), int(pm.group(2)), noforn
    if re.fullmatch(r"[A-Z]{1,6}\d{1,8}", rest):
        return level, None, None, noforn  # "CONFIDENTIAL PTQ1859": a level, no usable serial
    return None  # a sentence that happens to start with "Secret"


@dataclass
class _Scan:
    """What the header scan has collected so far."""

    f: dict[str, object] = field(default_factory=dict)  # parsed values
    at: dict[str, int] = field(default_factory=dict)  # field -> 1-based line
    subject: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)


def _continues(block: str | None, prev: str, line: str) -> bool:
    """Whether a line continues the SUBJECT / REF / Classified By / TAGS block above it."""
    s = line.strip()
    if block is None or s.startswith("--") or is_paragraph_start(line):
        return False
    if block == "classified":
        # "... reasons 1.4 (b)" / "AND (D)." continues; a heading after "(d)." does not
        if re.match(r"(?:AND\b|and\b|\(|[a-z]|REASONS?\b|Reasons?\b|1\.[45])", s):
            return True
        if re.search(r"\b1\.$", prev.rstrip()) and s[:1].isdigit():
            return True  # "for reasons 1." / "4 (b,d)."
        return not prev.rstrip().endswith((".", ")", ":"))
    if block == "tags":
        return bool(re.fullmatch(r"[A-Z]{2,6}(?:[ ,]+[A-Z]{2,6})*[ ,]*", s))
    return block in ("subject", "ref")


def parse_header(lines: list[str], page_breaks: set[int]) -> Header:
    """Scan the header; ``lines`` are the cable's lines, ``page_breaks`` indices to skip."""
    scan = _Scan()
    at, subject, refs, tags, captions = scan.at, scan.subject, scan.refs, scan.tags, scan.captions
    block: str | None = None
    last_block: str | None = None
    prev = ""
    body_start: int | None = None
    last_header = -1
    for i, line in enumerate(lines):
        if i in page_breaks:
            continue
        s = line.strip()
        if not s:
            # a lettered REF list may have blank lines between its items
            if block is not None:
                last_block = block
            block = "ref-gap" if block in ("ref", "ref-gap") else None
            prev = ""
            continue
        if block == "ref-gap":
            block = "ref" if _REF_ITEM.match(line) else None
        late = any(k in at for k in _LATE)
        if is_paragraph_start(line) and (late or "class" in at or "dtg" in at):
            body_start = i
            break
        key = _key_of(scan, line, i)
        if key is not None:
            block = key
            last_header = i
        elif _continues(block, prev, line):
            target = {"subject": subject, "ref": refs, "tags": tags}.get(block or "")
            if target is not None:
                inline = _CLASSIFIED_BY_INLINE.search(s) if block == "ref" else None
                if inline:  # "REF: A. STATE 183800 ... Classified By: ..." on one line
                    target.append(s[: inline.start()])
                    block = "classified"
                else:
                    target.append(s)
            last_header = i
        elif late and _key_follows(lines, i, page_breaks):
            # "SUBJECT: ... BROWN'S" <blank> "QUICK MANEUVERS ..." <REF:...>: still header
            if last_block == "subject":
                subject.append(s)
            last_header = i
        elif late:
            body_start = i
            break
        elif ("class" in at or "zny" in at) and len(s) <= _SHORT and _is_caption(s):
            captions.append(s)
            last_header = i
        prev = line
    if body_start is None:
        body_start = last_header + 1 if last_header >= 0 else 0
    return _assemble(scan, body_start)


def _key_follows(lines: list[str], i: int, page_breaks: set[int], window: int = 4) -> bool:
    """Whether a SUBJECT/REF/Classified By/TAGS line comes within a few lines, before ¶1."""
    seen = 0
    for j in range(i + 1, len(lines)):
        line = lines[j]
        if j in page_breaks or not line.strip():
            continue
        if len(line) > _SHORT or is_paragraph_start(line):
            return False
        if _SUBJECT.match(line) or _REF.match(line) or _CLASSIFIED_BY.match(line):
            return True
        if _TAGS.match(line) and line.strip().upper().startswith("TAG"):
            return True
        seen += 1
        if seen >= window:
            return False
    return False


def _is_caption(s: str) -> bool:
    return bool(_CAPTION.match(s) or _FOR_CAPTION.match(s))


def _key_of(scan: _Scan, line: str, i: int) -> str | None:
    """Recognise one header line, record its field; return the block it opens or None."""
    f, at, subject, refs, tags = scan.f, scan.at, scan.subject, scan.refs, scan.tags
    s = line.strip()
    short = len(s) <= _SHORT
    if m := _SUBJECT.match(line):
        at.setdefault("subject", i + 1)
        subject.append(m.group(1))
        return "subject"
    if m := _REF.match(line):
        at.setdefault("ref", i + 1)
        text = m.group(1)
        if c := _CLASSIFIED_BY_INLINE.search(text):
            refs.append(text[: c.start()])
            return "classified"
        refs.append(text)
        return "ref"
    if _REFTEL.match(line):
        at.setdefault("ref", i + 1)
        return "ref"
    if _CLASSIFIED_BY.match(line):
        at.setdefault("classified", i + 1)
        return "classified"
    if m := _TAGS.match(line):
        at.setdefault("tags", i + 1)
        tags.append(m.group(1))
        return "tags"
    if short and _EO.search(s) and "eo" not in at:
        at["eo"] = i + 1
        f["eo_na"] = bool(re.search(r"\bN/?A\b", s))
        if m := _TAGS_INLINE.search(s):
            at.setdefault("tags", i + 1)
            tags.append(m.group(1))
            return "tags"
        return "eo"
    if not short:
        return None
    if "dtg" not in at and (dt := parse_dtg(line)) is not None:
        at["dtg"] = i + 1
        f["created"] = dt
        return "dtg"
    if "fm" not in at and (fm := parse_fm(line)) is not None:
        at["fm"] = i + 1
        f["fm_post"], f["origin"] = fm
        return "fm"
    if "de" not in at and (m := _DE.match(line)):
        at["de"] = i + 1
        f["de_serial"] = int(m.group(1))
        return "de"
    if "title" not in at and i < 3 and (m := _SCOOP_TITLE.match(line)):
        at["title"] = i + 1
        f["scoop_title"] = m.group(1)
        return "title"
    if ("class" not in at or f.get("class_post") is None) and (
        cl := parse_class_line(line)
    ) is not None:
        # a later line with post and serial beats an early bare "CONFIDENTIAL PTQ1859"
        if "class" not in at or cl[1] is not None:
            at["class"] = i + 1
            f["level"], f["class_post"], f["class_serial"], f["noforn"] = cl
        return "class"
    if "zny" not in at and (m := _ZNY.match(line)):
        at["zny"] = i + 1
        f["zny_level"] = _ZNY_LEVELS[m.group(1)]
        return "zny"
    if ("class" in at or "zny" in at) and _is_caption(s):
        scan.captions.append(s)
        return "caption"
    return None


def _classification(f: dict[str, object], captions: list[str]) -> str | None:
    level = f.get("level") or f.get("zny_level")
    caps = " ".join(captions)
    if level is None:
        return "UNCLASSIFIED" if f.get("eo_na") else None
    if level == "UNCLASSIFIED":
        if re.search(r"\b(?:SENSITIVE|FOR OFFICIAL USE ONLY|SBU)\b", caps):
            return "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
        return "UNCLASSIFIED"
    if f.get("noforn") or re.search(r"\bNOFORN\b", caps):
        return f"{level}//NOFORN"
    return str(level)


def _assemble(scan: _Scan, body_start: int) -> Header:
    f, at, subject, refs, tags = scan.f, scan.at, scan.subject, scan.refs, scan.tags
    title = " ".join(" ".join(subject).split())
    title = re.sub(r"^\((?:U|C|S|SBU|TS|S/NF|C/NF|S//NF|C//NF)\)[ \t]*", "", title)
    if not title and f.get("scoop_title"):
        title = " ".join(str(f["scoop_title"]).split())
    tag_list = tuple(t for t in re.split(r"[\s,;]+", " ".join(tags)) if t)
    post = f.get("class_post")
    serial = f.get("class_serial") if post else None
    if post is None and f.get("de_serial") is not None and f.get("fm_post"):
        post, serial = f["fm_post"], f["de_serial"]
    return Header(
        created=f.get("created"),  # type: ignore[arg-type]
        created_line=at.get("dtg"),
        post=post,  # type: ignore[arg-type]
        serial=serial,  # type: ignore[arg-type]
        origin=f.get("origin"),  # type: ignore[arg-type]
        classification=_classification(f, scan.captions),
        tags=tag_list,
        title=title,
        ref_text=" ".join(refs),
        eo_not_applicable=bool(f.get("eo_na")),
        body_start=body_start,
        signals=len(at),
        first_line=min(at.values()) if at else 1,
        fields=dict(at),
    )
