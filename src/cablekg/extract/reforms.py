"""Reforms, county experiments, pilot areas, directives and plans.

- Reform: a sentence with a reform cue ("reform", "reforming") naming reform-area labels ->
  one Reform per (place, concept), key "reform:<place key>|<concept key>", pursuedBy the place.
  The place is the first province/municipality/city named in the sentence, else the cable's
  dominant place.
- ReformExperiment: a sentence naming a county/district/township and "experiment(ing)" or
  "pilot(ing)" -> experimentIn/pursuedBy the lower-level place, measure = the clause after
  "experimenting with", reformArea = the concepts of that clause, experimentOf the higher-level
  place's reform of the same concept when there is one.
- Pilot areas: a sentence with "pilot area/zone/city", "experimental zone" -> every place
  named there pilotFor the programme quoted in the sentence (or in another pilot sentence of
  the cable) as a Reform entity; designatedBy the organisation that "announced/designated/..."
  it; designatedOn the date in the sentence. The builder types subjects of pilotFor as PilotArea.
- Directive: ORG "issued" guidance/directive/opinion/... "to" PLACE -> issuedBy, addressedTo,
  dcterms:date, aims (the clauses after "recommending"/"urging"/"calling for"), focusArea
  (concepts of the sentence and of later sentences where the same org "mentioned" areas).
- Plan: PLACE's ... plan -> pursuedBy, dcterms:date (from "begun/launched in"), aim.
"""

from __future__ import annotations

import bisect
import re

from cablekg.extract.context import Context, Para, norm
from cablekg.extract.dates import find_dates
from cablekg.extract.model import Attribute, Relation, Span

_REFORM = re.compile(r"\breform", re.I)
_EXPERIMENT = re.compile(r"\b(?:experiment\w*|pilot(?:ing|ed|s)?)\b(?: (?:with|in|on|by)\b)?", re.I)
# "pilot project(s) in X County to/on/for ..." : the measure starts after the place
_PROJECT_TAIL = re.compile(
    r"\s*(?:projects?|programs?|programmes?|schemes?)\b(?:[^,.;]*?\b(?:County|District|Township)"
    r")?(?:,?\s+(?:to|on|for|with|that|which|where)\b)?\s*",
)
_IN_LOWER = re.compile(
    r"(?:^|(?<=[.;] ))In [A-Z][\w'’-]*(?: [A-Z][\w'’-]*)? (?:County|District|Township),"
)
_ENCOURAGED = re.compile(
    r"\b(?:encouraged|allowed|permitted|urged|asked|required|invited|being helped) to\s+"
)
_PILOT = re.compile(
    r"\b(?:pilot (?:areas?|zones?|cit(?:y|ies)|regions?|provinces?|programs?)"
    r"|experimental (?:zones?|areas?)|test (?:zones?|areas?))\b",
    re.I,
)
_QUOTED = re.compile(r"[\"“](?P<q>[A-Z][^\"”]{3,100}?)[.,]?[\"”]")
_DESIGNATE = re.compile(r"\b(?:announced|designated|approved|named|selected|chose|picked)\b")
_BECAME = re.compile(r"\b(?:became|become|becoming|was made|were made|since)\b")
# the programme a pilot area is for: up to a date, "by", "in", a clause or the sentence end
_FOR_PHRASE = re.compile(
    r"\s+for\s+(?:the\s+)?(?P<np>[A-Za-z][\w'’-]*(?:\s+(?!by\b|in\b|on\b|since\b|from\b|"
    r"with\b|under\b|after\b|and\s+(?:has|have|was|were|is|are)\b|which\b|that\b|to\b)"
    r"[A-Za-z][\w'’-]*){0,7})"
)
_PHRASE_TAIL = frozenset({"the", "a", "an", "and", "or", "of", "its", "their", "it", "this"})
# "a (national) comprehensive reform pilot zone": lower-case modifiers right before the cue
_PILOT_MODIFIERS = re.compile(
    r"(?:\b(?:a|an|the|as|national|state-level|provincial)\s+)(?P<mods>(?:(?!a\b|an\b|the\b|"
    r"national\b|one\b|two\b|three\b|four\b|five\b|six\b|several\b|only\b|of\b)"
    r"[a-z][\w-]*\s+){1,4})$"
)
_ISSUED = re.compile(
    r"\bissued\b(?P<what>[^.]{0,60}?)\b(?P<noun>guidance|guidelines|directives?|"
    r"opinions?|instructions?|notices?|circulars?|decisions?)\b(?P<rest>[^.]*)"
)
_AIM_START = re.compile(
    r"\b(?:recommending|urging|calling for|requiring|instructing|asking)"
    r"(?: that)?\s+"
)
_PLAN = re.compile(r"['’]s (?P<name>(?:[\w-]+ ){0,5}?plan)\b")
_PLAN_DATE = re.compile(r"\b(?:begun|began|launched|adopted|started|issued|unveiled) in\b")
_PLAN_AIM = re.compile(r"\b(?:focus(?:es)? on|aims? (?:to|at)|calls? for|seeks? to)\s+")
_ATTRIBUTION = re.compile(r",[^,]{0,80}\b(?:said|told|explained|added|noted|stated)\b[^,]*$")
_CUE = re.compile(
    r"reform|experiment|pilot|issued|plan\b|mentioned by|listed by|named by|"
    r"identified by|specified by|zones?\b",
    re.I,
)
_CUE_WORDS = ("reform", "experiment", "pilot", "issued", "plan", " by ", "zone")
_HIGHER = ("Province", "Municipality", "Region", "City", "Place")
_LOWER = ("County", "District", "Township")


def _cap(label: str) -> str:
    label = re.sub(r"\s+reforms?$", "", label)
    return label[:1].upper() + label[1:]


def _base(ctx: Context, key: str) -> str:
    e = ctx.ents[key]
    return e.alts[0] if e.alts and e.label.startswith(e.alts[0]) else e.label


def _dominant(ctx: Context) -> str | None:
    best = None
    for e in ctx.ents.values():
        if e.kind in ("Province", "Municipality", "Region") and (
            best is None or len(e.mentions) > len(best.mentions)
        ):
            best = e
    return best.key if best else None


def extract_reforms(ctx: Context) -> None:
    dominant = _dominant(ctx)
    experiments: list[tuple[str, str, Span]] = []
    pilots: list[tuple[Para, int, int]] = []
    directives: dict[str, str] = {}  # issuing org -> its latest directive
    prev_experimental = False  # the previous paragraph spoke of experiments or pilots
    for para in ctx.paras:
        # one cheap search per paragraph finds the sentences worth the detailed rules
        low = para.text.lower()
        if not any(w in low for w in _CUE_WORDS) and not (
            prev_experimental and _IN_LOWER.search(para.text)
        ):
            prev_experimental = False
            continue
        cues = [m.start() for m in _CUE.finditer(para.text)]
        # "In Liangping County, farmers are being encouraged to ..." counts as an experiment
        # only in a paragraph that speaks of experiments or pilot projects
        experimental = bool(_EXPERIMENT.search(para.text)) or prev_experimental
        prev_experimental = bool(_EXPERIMENT.search(para.text))
        if experimental:
            cues = sorted(cues + [m.start() for m in _IN_LOWER.finditer(para.text)])
        if not cues:
            continue
        for s, e in para.sentences:
            i = bisect.bisect_left(cues, s)
            if i == len(cues) or cues[i] >= e:
                continue
            sent = para.text[s:e]
            if _PILOT.search(sent):
                pilots.append((para, s, e))
            if _directive(ctx, para, s, e, directives):
                continue
            _focus_mentions(ctx, para, s, e, directives)
            _plan(ctx, para, s, e)
            lower = ctx.mentioned(para, s, e, _LOWER)
            measure_at = _measure_start(sent, experimental) if lower else None
            if lower and measure_at is not None:
                place = _experiment_place(para, s, lower)
                experiments.extend(_experiment(ctx, para, s, e, place, s + measure_at))
            elif _REFORM.search(sent):
                places = ctx.mentioned(para, s, e, _HIGHER)
                reform_place = places[0][2] if places else dominant
                if reform_place:
                    _reforms(ctx, para, s, e, reform_place)
    for exp_key, concept, span in experiments:
        for r in ctx.relations:
            if (
                r.predicate == "reformArea"
                and r.object == concept
                and r.subject != exp_key
                and ctx.kind(r.subject) == "Reform"
            ):
                ctx.relations.append(Relation(exp_key, "experimentOf", r.subject, span))
                break
    _pilot_areas(ctx, pilots)


def _reforms(ctx: Context, para: Para, s: int, e: int, place: str) -> None:
    for concept, cs, ce in ctx.scheme.find(para.text, s, e):
        label = f"{_cap(ctx.scheme.concept(concept).pref_label)} reform in {_base(ctx, place)}"
        key = ctx.entity(f"reform:{place}|{concept}", "Reform", label)
        ctx.mention(key, para, cs, ce)
        span = ctx.span(para, s, e)
        ctx.relations.append(Relation(key, "pursuedBy", place, span))
        ctx.relations.append(Relation(key, "reformArea", concept, span))


def _measure_start(sent: str, experimental: bool) -> int | None:
    """Where the experiment's measure starts in a sentence naming a county, or None when the
    sentence describes no experiment: "experimenting with X", "is piloting X", "will pilot X",
    "a pilot project in X County to X", and, in a paragraph about experiments, "In X County,
    farmers are being encouraged to X"."""
    for m in _EXPERIMENT.finditer(sent):
        if _PILOT.match(sent, m.start()):
            continue  # "pilot area/zone" designates a pilot area, not an experiment
        tail = _PROJECT_TAIL.match(sent, m.end())
        return tail.end() if tail else m.end()
    if experimental and _IN_LOWER.match(sent):
        enc = _ENCOURAGED.search(sent)
        if enc:
            return enc.end()
        comma = sent.find(", ")
        return comma + 2 if comma > 0 else None
    return None


def _mention_span(ctx: Context, para: Para, start: int, end: int) -> tuple[int, int]:
    """The experiment is mentioned by its measure, cut before the first other entity mention
    inside it (mentions do not overlap: a cable page links each one)."""
    for ent in ctx.ents.values():
        for sp in ent.mentions:
            if sp.paragraph == para.number and start < sp.start < end:
                end = sp.start
    text = para.text
    while end > start and text[end - 1] in " ,;(":
        end -= 1
    # a measure cut to a word or two says little: mention the words before it instead
    if len(text[start:end].split()) < 2:  # "encouraged to form": the cue words and the verb
        s, _ = para.sentence_of(start)
        words = text[s:start].split()[-2:]
        begin = text.rfind(" ".join(words), s, start) if words else start
        return (begin if begin >= s else start), end
    return start, end


def _experiment_place(para: Para, s: int, lower: list[tuple[int, int, str]]) -> str:
    """The county the experiment is in: the one of "in X County", else the first named."""
    for ms, _, key in lower:
        if para.text[max(s, ms - 3) : ms].lower() == "in ":
            return key
    return lower[0][2]


def _experiment(
    ctx: Context, para: Para, s: int, e: int, place: str, measure_at: int
) -> list[tuple[str, str, Span]]:
    measure = para.text[measure_at:e].strip().rstrip(".")
    span = ctx.span(para, s, e)
    concepts = list(dict.fromkeys(c for c, _, _ in ctx.scheme.find(para.text, measure_at, e)))
    where = ctx.label(place)
    keys: list[tuple[str, str, str | None]]
    if concepts:
        keys = [
            (
                f"reform:{place}|{c}",
                f"{_cap(ctx.scheme.concept(c).pref_label)} experiment in {where}",
                c,
            )
            for c in concepts
        ]
    else:
        keys = [
            (f"reform:{place}|experiment-{para.number}-{s}", f"Reform experiment in {where}", None)
        ]
    out: list[tuple[str, str, Span]] = []
    for key, label, concept in keys:
        ctx.entity(key, "ReformExperiment", label)
        ctx.mention(key, para, *_mention_span(ctx, para, measure_at, e))
        ctx.relations.append(Relation(key, "experimentIn", place, span))
        ctx.relations.append(Relation(key, "pursuedBy", place, span))
        if measure:
            ctx.attributes.append(Attribute(key, "measure", measure, span))
        if concept:
            ctx.relations.append(Relation(key, "reformArea", concept, span))
            out.append((key, concept, span))
    return out


def _pilot_areas(ctx: Context, pilots: list[tuple[Para, int, int]]) -> None:
    """Each pilot sentence names its own programme (quoted, else the phrase after "for", else
    the modifiers of "pilot zone"); a sentence naming none takes the cable's quoted one."""
    quoted = None
    for para, s, e in pilots:
        if _QUOTED.search(para.text, s, e):
            quoted = _programme(ctx, para, s, e)
            break
    for para, s, e in pilots:
        programme = _programme(ctx, para, s, e) or quoted
        if programme is None:
            continue
        span = ctx.span(para, s, e)
        org, when = _designation(ctx, para, s, e)
        for ms, _, place in ctx.mentioned(para, s, e, (*_HIGHER, *_LOWER)):
            if _in_programme_name(ctx, programme, para, ms):
                continue
            ctx.relations.append(Relation(place, "pilotFor", programme, span))
            ctx.relations.append(Relation(programme, "pursuedBy", place, span))  # pilots pursue it
            if org:
                ctx.relations.append(Relation(place, "designatedBy", org, span))
            if when:
                ctx.attributes.append(Attribute(place, "designatedOn", when, span))


def _in_programme_name(ctx: Context, programme: str, para: Para, at: int) -> bool:
    """A place named inside the programme's own name ("pilot zone for Yangtze River trade")."""
    return any(
        s.paragraph == para.number and s.start <= at < s.end for s in ctx.ents[programme].mentions
    )


def _programme(ctx: Context, para: Para, s: int, e: int) -> str | None:
    """The Reform a pilot sentence names, registered with its mention; None if it names none."""
    q = _QUOTED.search(para.text, s, e)
    if q:
        name, start = q.group("q").strip(), q.start("q")
    else:
        got = _programme_phrase(para.text, s, e)
        if got is None:
            return None
        name, start = got
    end = start + len(name)
    label = _cap(name) if not q else name
    key = ctx.entity("reform:" + norm(label), "Reform", label)
    ctx.mention(key, para, start, end)
    span = ctx.span(para, start, end)
    for concept in dict.fromkeys(c for c, _, _ in ctx.scheme.find(name)):
        ctx.relations.append(Relation(key, "reformArea", concept, span))
    return key


def _programme_phrase(text: str, s: int, e: int) -> tuple[str, int] | None:
    """ "pilot area for cross-border trade settlement in 2007" -> "cross-border trade settlement";
    "a comprehensive reform pilot zone" -> "comprehensive reform pilot zone"."""
    m = _PILOT.search(text, s, e)
    if m is None:
        return None
    f = _FOR_PHRASE.match(text, m.end(), e)
    if f:
        words = f.group("np").split()
        while words and (words[-1].lower() in _PHRASE_TAIL or words[-1][:1].isdigit()):
            words.pop()
        if len(words) >= 1 and words[0].lower() not in _PHRASE_TAIL:
            name = " ".join(words)
            return name, f.start("np")
    mods = _PILOT_MODIFIERS.search(text, max(s, m.start() - 60), m.start())
    # one adjective ("a successful pilot program") names no programme; "reform pilot zone" does
    if mods and (len(mods.group("mods").split()) >= 2 or "reform" in mods.group("mods")):
        name = text[mods.start("mods") : m.end()]
        return name, mods.start("mods")
    return None


def _designation(ctx: Context, para: Para, s: int, e: int):  # noqa: ANN202
    """(organisation, date) of a pilot sentence: who named/approved/announced it and when."""
    sent = para.text[s:e]
    org = None
    when = None
    d = _DESIGNATE.search(sent)
    if d:
        orgs = [m for m in ctx.mentioned(para, s, s + d.start()) if m[2].startswith("org:")]
        org = orgs[-1][2] if orgs else None
    for ms, _, key in ctx.mentioned(para, s, e):
        if key.startswith("org:") and re.search(r"\bby (?:the )?$", para.text[max(s, ms - 8) : ms]):
            org = key  # "was designated a pilot zone ... by the State Council"
            break
    if d or _BECAME.search(sent):
        at = s + d.start() if d else s
        dates = find_dates(para.text, ctx.cable.created, ctx.lex.months, at, e)
        dates = dates or find_dates(para.text, ctx.cable.created, ctx.lex.months, s, at)
        when = dates[0][2] if dates else None
    return org, when


def _directive(ctx: Context, para: Para, s: int, e: int, directives: dict[str, str]) -> bool:
    m = _ISSUED.search(para.text, s, e)
    if not m:
        return False
    orgs = [x for x in ctx.mentioned(para, s, m.start()) if x[2].startswith("org:")]
    if not orgs:
        return False
    org = orgs[-1][2]
    to = re.search(r"\bto\b", m.group("rest"))
    places = ctx.mentioned(para, m.start("rest") + to.start(), e) if to else []
    places = [p for p in places if p[2].startswith("place:")]
    place = places[0][2] if places else None
    dates = find_dates(para.text, ctx.cable.created, ctx.lex.months, s, e)
    when = dates[0][2] if dates else None
    noun = m.group("noun")
    label = (
        f"{ctx.label(org)} {noun}"
        + (f" to {_base(ctx, place)}" if place else "")
        + (f", {when.value}" if when else "")
    )
    key = ctx.entity(
        f"directive:{org}|{when.value if when else ''}|{place or ''}", "Directive", label
    )
    ctx.mention(key, para, m.start("noun"), m.end("noun"))
    span = ctx.span(para, s, e)
    ctx.relations.append(Relation(key, "issuedBy", org, span))
    if place:
        ctx.relations.append(Relation(key, "addressedTo", place, span))
    if when:
        ctx.attributes.append(Attribute(key, "dcterms:date", when, span))
    aim = _AIM_START.search(para.text, m.start("rest"), e)
    if aim:
        for part in re.split(r",\s*(?:and\s+)?", para.text[aim.end() : e].rstrip(". ")):
            if len(part.split()) >= 2:
                ctx.attributes.append(Attribute(key, "aim", part.strip(), span))
    for concept, _, _ in ctx.scheme.find(para.text, s, e):
        ctx.relations.append(Relation(key, "focusArea", concept, span))
    directives[org] = key
    return True


def _focus_mentions(ctx: Context, para: Para, s: int, e: int, directives: dict[str, str]) -> None:
    """ "Areas mentioned by the State Council for reform include ..." -> focus areas."""
    if not re.search(r"\b(?:mentioned|listed|named|identified|specified) by\b", para.text[s:e]):
        return
    span = ctx.span(para, s, e)
    for _, _, key in ctx.mentioned(para, s, e):
        if key in directives:
            for concept, _, _ in ctx.scheme.find(para.text, s, e):
                ctx.relations.append(Relation(directives[key], "focusArea", concept, span))
            return


def _plan(ctx: Context, para: Para, s: int, e: int) -> None:
    for m in _PLAN.finditer(para.text, s, e):
        owners = [x for x in ctx.mentioned(para, s, m.start() + 1) if x[1] == m.start()]
        if not owners or not owners[0][2].startswith(("place:", "org:")):
            continue
        owner = owners[0][2]
        name = m.group("name")
        key = ctx.entity(f"plan:{owner}|{norm(name)}", "Plan", f"{ctx.label(owner)}'s {name}")
        ctx.mention(key, para, m.start("name"), m.end("name"))
        span = ctx.span(para, s, e)
        ctx.relations.append(Relation(key, "pursuedBy", owner, span))
        begun = _PLAN_DATE.search(para.text, m.end(), e)
        if begun:
            dates = find_dates(
                para.text, ctx.cable.created, ctx.lex.months, begun.end(), min(e, begun.end() + 20)
            )
            if dates:
                ctx.attributes.append(Attribute(key, "dcterms:date", dates[0][2], span))
        aim = _PLAN_AIM.search(para.text, m.end(), e)
        if aim:
            text = para.text[aim.end() : e].rstrip(". ")
            text = _ATTRIBUTION.sub("", text)
            ctx.attributes.append(Attribute(key, "aim", text, span))
