"""Entry points: a path (file, directory, cables.csv) or a text -> Cable values."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from cablekg.cables.decode import decode_bytes, looks_binary
from cablekg.cables.model import Cable
from cablekg.cables.release_csv import looks_like_release_csv, read_csv
from cablekg.cables.text import parse_cable_text
from cablekg.errors import CableFormatError

_SUFFIXES = (".txt", ".csv")


def read_text(text: str, source: str = "<text>") -> Cable:
    """One cable's text (raw release form or a web copy) -> Cable."""
    if not text.strip():
        raise CableFormatError(source, "empty text", line=1)
    return parse_cable_text(text.replace("\r\n", "\n").replace("\r", "\n"), source)


def _files(directory: Path) -> list[Path]:
    """*.txt files and release-shaped *.csv files under ``directory``, sorted.

    Other CSV files (a metadata.csv index beside the cables) are not cables and are skipped.
    """
    found = sorted(p for p in directory.rglob("*") if p.is_file() and p.suffix.lower() in _SUFFIXES)
    return [p for p in found if p.suffix.lower() != ".csv" or _sniff_csv(p)]


def _sniff_csv(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(200)
    if looks_binary(head):
        return False
    return looks_like_release_csv(head.decode("utf-8", errors="replace").split("\n", 1)[0])


def _is_csv(path: Path) -> bool:
    return path.suffix.lower() == ".csv" or _sniff_csv(path)


def _read_file(path: Path) -> Iterator[Cable | CableFormatError]:
    if _is_csv(path):
        if path.stat().st_size == 0:
            yield CableFormatError(str(path), "empty file", line=1)
            return
        yield from read_csv(path)
        return
    try:
        yield read_text_file(path)
    except CableFormatError as exc:
        yield exc


def read_text_file(path: Path) -> Cable:
    """One .txt file holding one cable."""
    source = str(path)
    text = decode_bytes(path.read_bytes(), source)
    return parse_cable_text(text, source)


def read_many(paths: Iterable[Path]) -> Iterator[Cable | CableFormatError]:
    """Every cable under ``paths``; a bad cable is yielded as its error and reading goes on."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for file in _files(path):
                yield from _read_file(file)
        elif path.exists():
            yield from _read_file(path)
        else:
            yield CableFormatError(str(path), "no such file or directory")


def read_path(path: Path) -> Iterator[Cable]:
    """Every cable of a file or directory; raises the first CableFormatError met.

    Use ``read_many`` to report bad cables and keep going.
    """
    for item in read_many([Path(path)]):
        if isinstance(item, CableFormatError):
            raise item
        yield item
