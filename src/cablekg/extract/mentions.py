"""Later mentions of known entities: acronyms, bare place names, surnames, listed names.

Matching is token based (a dictionary from first token to alias token sequences), so it is
linear in the paragraph length whatever the number of aliases.
"""

from __future__ import annotations

from cablekg.extract.context import TOKEN, Context
from cablekg.extract.model import Span


def alias_mentions(ctx: Context) -> None:
    index: dict[str, list[tuple[list[str], str]]] = {}
    for alias, key in ctx.aliases.items():
        toks = [m.group(0).lower() for m in TOKEN.finditer(alias)]
        if toks:
            index.setdefault(toks[0], []).append((toks, key))
    for cands in index.values():
        cands.sort(key=lambda c: -len(c[0]))
    stop = ctx.lex.stop_capitals
    by_para: dict[int, list[Span]] = {}
    for e in ctx.ents.values():
        for s in e.mentions:
            by_para.setdefault(s.paragraph, []).append(s)
    for para in ctx.paras:
        taken = bytearray(len(para.text))
        for s in by_para.get(para.number, ()):
            taken[s.start : s.end] = b"\x01" * (s.end - s.start)
        ptoks = para.tokens
        text = para.text
        i = 0
        while i < len(ptoks):
            t = ptoks[i]
            found = index.get(t.text.lower()) if t.text[:1].isupper() else None
            matched = 0
            for alias_toks, key in found or ():
                n = len(alias_toks)
                if i + n > len(ptoks):
                    continue
                if any(ptoks[i + k].text.lower() != alias_toks[k] for k in range(n)):
                    continue
                gaps = (text[ptoks[i + k].end : ptoks[i + k + 1].start] for k in range(n - 1))
                if any(g != " " for g in gaps):
                    continue
                start, end = t.start, ptoks[i + n - 1].end
                if any(taken[start:end]) or (n == 1 and t.text in stop):
                    continue
                if end < len(text) and text[end] == "-":
                    continue  # "Chongqing-based" is an adjective, not a mention
                ctx.mention(key, para, start, end)
                taken[start:end] = b"\x01" * (end - start)
                matched = n
                break
            i += matched or 1
