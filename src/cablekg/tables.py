"""Plain-text tables of SPARQL results for the terminal."""

from __future__ import annotations

import pyoxigraph as ox


def _cell(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
        return term.value
    return str(term)


def render_table(result: ox.QuerySolutions | ox.QueryBoolean, max_width: int = 60) -> str:
    if isinstance(result, ox.QueryBoolean):
        return "true" if bool(result) else "false"
    names = [v.value for v in result.variables]
    rows = [[_cell(s[name]) for name in names] for s in result]
    clipped = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in r] for r in rows]
    widths = [max([len(n)] + [len(r[i]) for r in clipped]) for i, n in enumerate(names)]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)), line]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in clipped]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)
