"""The analysts' saved SPARQL queries in queries/*.rq, with their `# title:` and
`# description:` header comments."""

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


def parse_saved_query(path: Path) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    headers: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line.lstrip("# ").partition(":")
        if sep:
            headers[key.strip().lower()] = value.strip()
    if "title" not in headers or "description" not in headers:
        raise ValueError(f"{path}: a saved query needs '# title:' and '# description:' headers")
    return SavedQuery(path.stem, headers["title"], headers["description"], text)


def saved_queries(directory: Path | None = None) -> list[SavedQuery]:
    folder = directory or resources.queries_dir()
    return [parse_saved_query(p) for p in sorted(folder.glob("*.rq"))]
