"""Where the ontology, shapes, saved queries and bundled cables are.

In a source checkout (or an editable install) they are the top-level folders of the
repository; in a wheel they travel inside the package as ``cablekg/_resources``. This module
is the one place that knows both layouts.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_REPO_ROOT = _PACKAGE_DIR.parent.parent

# folder name inside _resources -> folder in the repository
_LAYOUT = {
    "ontology": "ontology",
    "shapes": "shapes",
    "queries": "queries",
    "cables": "data/cables",
}


@cache
def resource_dir(name: str) -> Path:
    """Directory of one resource kind: 'ontology', 'shapes', 'queries' or 'cables'."""
    if name not in _LAYOUT:
        raise KeyError(f"unknown resource kind {name!r}; expected one of {sorted(_LAYOUT)}")
    packaged = _PACKAGE_DIR / "_resources" / name
    if packaged.is_dir():
        return packaged
    in_repo = _REPO_ROOT / _LAYOUT[name]
    if in_repo.is_dir():
        return in_repo
    raise FileNotFoundError(
        f"cablekg resource folder {name!r} not found in {packaged} or {in_repo}"
    )


def ontology_path() -> Path:
    return resource_dir("ontology") / "cablekg.ttl"


def shapes_path() -> Path:
    return resource_dir("shapes") / "cablekg.shacl.ttl"


def queries_dir() -> Path:
    return resource_dir("queries")


def bundled_cables() -> list[Path]:
    """The cables shipped with cablekg (the seed first, then any others, by name)."""
    return sorted(p for p in resource_dir("cables").iterdir() if p.is_file())
