"""The analysts' saved SPARQL queries in queries/*.rq, with their `# title:` and
`# description:` header comments (a description may continue on following `#` lines)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cablekg import resources


@dataclass(frozen=True)
class SavedQuery:
    name: str  # file stem, e.g. "officials"
    title: str
    description: str
    text: str


def parse_header(text: str) -> tuple[str | None, str | None]:
    """(title, description) from the comment lines that open a query, None when absent."""
    title: str | None = None
    description: list[str] | None = None
    continuing = False
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break  # the header ends at the first line of SPARQL
            continue
        comment = stripped.lstrip("#").strip()
        key, colon, value = comment.partition(":")
        if colon and key.strip().lower() == "title":
            title, continuing = value.strip(), False
        elif colon and key.strip().lower() == "description":
            description, continuing = [value.strip()], True
        elif continuing and comment and description is not None:
            description.append(comment)
        else:
            continuing = False
    return title, " ".join(description) if description is not None else None


def parse_saved_query(path: Path) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    title, description = parse_header(text)
    if not title or not description:
        raise ValueError(f"{path}: a saved query needs '# title:' and '# description:' headers")
    return SavedQuery(path.stem, title, description, text)


def saved_queries(directory: Path | None = None) -> list[SavedQuery]:
    """Every *.rq file of the folder (default: the bundled queries/), sorted by name."""
    folder = directory or resources.queries_dir()
    return [parse_saved_query(p) for p in sorted(folder.glob("*.rq"))] if folder.is_dir() else []
