"""Bad inputs: each raises (or, through read_many, yields) a CableFormatError naming the place."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablekg.cables import Cable, read_many, read_path, read_text
from cablekg.errors import CableFormatError

DATA = Path(__file__).parent / "data" / "cables"
HEADER = "R 150943Z OCT 09\nFM AMEMBASSY ROME\n\nCONFIDENTIAL ROME 000001\n\nSUBJECT: X\n\n"


def _only_error(path: Path) -> CableFormatError:
    items = list(read_many([path]))
    assert len(items) == 1 and isinstance(items[0], CableFormatError), items
    return items[0]


@pytest.mark.parametrize(
    ("content", "reason", "line"),
    [
        (b"", "empty file", 1),
        (b"  \n\n \n", "empty file", 1),
        (b"R 150943Z OCT 09\n\x00\x01\x02binary", "binary file", 2),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08" * 20, "binary file", 1),
        (b"R 150943Z OCT 09\nFM AMEMBASSY ROME\n\x81\x8d odd", "undecodable byte 0x81", 3),
        (b"Shopping list\n\nmilk, eggs\n", "no cable found", 1),
        (b"CONFIDENTIAL ROME 000001\n\nSUBJECT: X\n\n1. Text.\n", "no date-time group", 1),
        (HEADER.encode(), "no paragraphs", 7),  # the line after the header
        (b"R 150943Z OCT 09\n\nSUBJECT: X\n\n1. Text.\n", "cannot derive the cable id", 1),
    ],
)
def test_bad_file(tmp_path: Path, content: bytes, reason: str, line: int) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    error = _only_error(path)
    assert reason in error.reason
    assert error.source == str(path)
    assert error.line == line
    assert str(path) in str(error) and f":{line}" in str(error)
    with pytest.raises(CableFormatError, match=reason):
        list(read_path(path))


def test_cp1252_text_is_read_with_proper_quotes(tmp_path: Path) -> None:
    text = HEADER + "1. The minister called it \u201cvery good\u201d \u2013 twice.\n"
    path = tmp_path / "cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    (cable,) = list(read_path(path))
    assert cable.paragraph(1).text == "The minister called it \u201cvery good\u201d \u2013 twice."


def test_five_megabyte_paragraph() -> None:
    words = "word " * (5 * 1024 * 1024 // 5)
    cable = read_text(HEADER + "1. (C) " + words + "end.\n", "big")
    assert len(cable.paragraph(1).text) > 5_000_000
    assert cable.paragraph(1).text.endswith("word end.")


def test_five_megabyte_line_without_spaces() -> None:
    blob = "X" * (5 * 1024 * 1024)
    cable = read_text(HEADER + "1. " + blob + "\n", "big")
    assert cable.paragraph(1).text == blob


def test_truncated_csv_row_names_row_and_line() -> None:
    items = list(read_many([DATA / "cables.csv"]))
    error = items[-1]
    assert isinstance(error, CableFormatError)
    assert error.source.endswith("cables.csv:row 3")
    assert error.line == 32
    assert "unterminated quote" in error.reason


def test_bad_csv_rows_do_not_stop_the_others() -> None:
    items = list(read_many([DATA / "cables_bad_row.csv"]))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Cable", "CableFormatError", "CableFormatError", "Cable"]
    wrong_fields, no_paragraphs = items[1], items[2]
    assert isinstance(wrong_fields, CableFormatError)
    assert "4 fields, expected 8" in wrong_fields.reason
    assert wrong_fields.source.endswith("cables_bad_row.csv:row 2") and wrong_fields.line == 7
    assert isinstance(no_paragraphs, CableFormatError)
    assert no_paragraphs.cable_id == "09ROME6" and "no paragraphs" in no_paragraphs.reason


def test_directory_with_a_bad_file_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_good.txt").write_text((DATA / "raw_release.txt").read_text())
    items = list(read_many([tmp_path]))
    assert isinstance(items[0], CableFormatError) and isinstance(items[1], Cable)
    with pytest.raises(CableFormatError, match="a_empty.txt:1: empty file"):
        list(read_path(tmp_path))


def test_missing_path(tmp_path: Path) -> None:
    error = _only_error(tmp_path / "nope.txt")
    assert "no such file" in error.reason


def test_read_text_empty() -> None:
    with pytest.raises(CableFormatError, match="empty"):
        read_text("   \n", "t")
