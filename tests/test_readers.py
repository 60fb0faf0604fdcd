"""Readers end to end: the seed web copy, synthetic raw / web / CSV cables, paragraphs."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from cablekg.cables import Cable, read_many, read_path, read_text
from cablekg.errors import CableFormatError

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "cables"
SEED = ROOT / "data" / "cables" / "09CHENGDU229.txt"


@pytest.fixture(scope="module")
def seed() -> Cable:
    (cable,) = list(read_path(SEED))
    return cable


def test_seed_header(seed: Cable) -> None:
    assert seed.id == "09CHENGDU229"
    assert seed.created == datetime(2009, 10, 15, 9, 43, tzinfo=UTC)
    assert seed.title == "Chongqing Goals for Balanced Urban-Rural Development"
    assert seed.origin == "Consulate Chengdu"
    assert seed.classification == "UNCLASSIFIED"
    assert seed.source == str(SEED)


def test_seed_references(seed: Cable) -> None:
    a, b = seed.references
    assert (a.cable_id, a.label, a.year_inferred) == ("07CHENGDU129", "A", False)
    assert (b.cable_id, b.label, b.year_inferred) == ("09CHENGDU163", "B", True)


def test_seed_paragraphs(seed: Cable) -> None:
    assert [p.number for p in seed.paragraphs] == [1, 2, 3, 4, 5, 6, 7]
    six = seed.paragraph(6)
    assert "CHENGDU 00000229" not in six.text and "OF 002" not in six.text
    assert "between urban and rural areas, China's social security" in six.text
    assert "\n" not in six.text and "  " not in six.text
    assert seed.paragraph(7).text.endswith("create additional job opportunities, Shen said.")


@pytest.mark.parametrize(
    ("number", "headings"),
    [
        (1, ()),
        (2, ("Urban-Rural Coordinated Development and Reform",)),
        (3, ("Urban-Rural Coordinated Development and Reform",)),
        (4, ("Reform Experiments in Three Counties",)),  # a heading without underline
        (5, ("Expanding Farmers' Land Use Rights",)),
        (6, ('Improving Social Security: Calling Rural "Urban"',)),
        (7, ("Opening County Financial Markets to Foreign Banks",)),
    ],
)
def test_seed_headings(seed: Cable, number: int, headings: tuple[str, ...]) -> None:
    assert seed.paragraph(number).headings == headings


def test_seed_footer_is_not_text(seed: Cable) -> None:
    text = " ".join(p.text for p in seed.paragraphs)
    assert "Scoop" not in text and "World Headlines" not in text
    assert not any(h.startswith("©") for p in seed.paragraphs for h in p.headings)


def test_web_copy() -> None:
    (cable,) = list(read_path(DATA / "scoop_web_copy.txt"))
    assert cable.id == "08SHENYANG417"
    assert cable.origin == "Consulate Shenyang"
    assert cable.created == datetime(2008, 2, 14, 12, 30, tzinfo=UTC)
    assert [(r.cable_id, r.year_inferred) for r in cable.references] == [
        ("06SHENYANG88", False),
        ("08SHENYANG301", True),
    ]
    assert cable.paragraph(3).text.endswith(
        "funding for the second link remains uncertain (ref B)."
    )
    assert cable.paragraph(3).headings == ("Ice Festival Logistics",)
    assert "Latest Headlines" not in cable.paragraph(4).text


@pytest.fixture(scope="module")
def raw() -> Cable:
    (cable,) = list(read_path(DATA / "raw_release.txt"))
    return cable


def test_raw_header(raw: Cable) -> None:
    assert raw.id == "08TOKYO2345"
    assert raw.created == datetime(2008, 5, 2, 4, 56, tzinfo=UTC)
    assert raw.origin == "Embassy Tokyo"
    assert raw.classification == "CONFIDENTIAL//NOFORN"
    assert raw.tags == ("PREL", "ECON", "JA")
    assert raw.title == "FISHERIES TALKS: BOTH SIDES SEE ROOM FOR COMPROMISE ON QUOTAS"
    assert [(r.cable_id, r.label) for r in raw.references] == [
        ("08TOKYO1999", "A"),
        ("07STATE54321", "B"),
    ]


@pytest.mark.parametrize(
    ("number", "marking", "start", "end"),
    [
        (1, "C", "Fisheries Agency officials", "room for compromise.  END SUMMARY."),
        (2, "C/NF", "XXXXXXXXXXXX said", "cuts of 1.5 percent."),
        (3, "SBU", "The proposal lists three steps:", "2. a review in 2009."),
        (4, "U", "Post will report", "further developments."),  # the signature is dropped
    ],
)
def test_raw_paragraphs(raw: Cable, number: int, marking: str, start: str, end: str) -> None:
    p = raw.paragraph(number)
    assert p.marking == marking
    assert p.text.startswith(start)
    assert p.text.endswith(end)


def test_raw_paragraph_numbers_and_lines(raw: Cable) -> None:
    assert [p.number for p in raw.paragraphs] == [1, 2, 3, 4]  # the inner "1." list stays in 3
    lines = (DATA / "raw_release.txt").read_text().split("\n")
    assert lines[raw.paragraph(2).line - 1].startswith("2. (C/NF)")
    assert raw.paragraph(1).headings == ("Summary",)
    assert raw.paragraph(3).headings == ("Quota Proposals",)


def test_unnumbered_body_blocks_become_paragraphs() -> None:
    (cable,) = list(read_path(DATA / "raw_unclas_sensitive.txt"))
    assert cable.classification == "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
    assert cable.origin == "Consulate Sao Paulo"
    assert cable.title == "Ethanol Producers Look to New Markets"
    assert [(p.number, p.marking, p.headings) for p in cable.paragraphs] == [
        (1, "SBU", ()),
        (2, None, ("Exports to Asia",)),
    ]


def test_lead_text_before_paragraph_one_is_paragraph_zero() -> None:
    text = (
        "O 020456Z MAY 08\nFM AMEMBASSY ROME\n\nCONFIDENTIAL ROME 000001\n\nSUBJECT: X\n\n"
        "This cable was coordinated with the Consulate.\n\n1. (C) The first paragraph.\n"
    )
    cable = read_text(text, "t")
    assert [(p.number, p.text) for p in cable.paragraphs] == [
        (0, "This cable was coordinated with the Consulate."),
        (1, "The first paragraph."),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("¶1. (S) Text one.\n¶2. (C) Text two.", [(1, "S", "Text one."), (2, "C", "Text two.")]),
        ("1.(C) Text one.\n\n2.(U) Text two.", [(1, "C", "Text one."), (2, "U", "Text two.")]),
        ("1. Text one.\n\n2. Text two.", [(1, None, "Text one."), (2, None, "Text two.")]),
        ("1. (S//NF) Text.", [(1, "S//NF", "Text.")]),
        (
            "1. (C) Reasons 1.4 (b) and\n1.5 (d) apply.",
            [(1, "C", "Reasons 1.4 (b) and 1.5 (d) apply.")],
        ),
        (
            "1. (C) Text one.\n\n3. (C) Text three.",
            [(1, "C", "Text one."), (3, "C", "Text three.")],
        ),
    ],
)
def test_paragraph_markers(body: str, expected: list[tuple[int, str | None, str]]) -> None:
    text = "O 020456Z MAY 08\nFM AMEMBASSY ROME\n\nCONFIDENTIAL ROME 000001\n\nSUBJECT: X\n\n"
    cable = read_text(text + body + "\n", "t")
    assert [(p.number, p.marking, p.text) for p in cable.paragraphs] == expected


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        ("the second", "link opened.", "the second link opened."),  # mid-sentence: joined
        ("the link opened.", "2. Next.", "the link opened."),  # between paragraphs
    ],
)
def test_page_break_mid_paragraph(before: str, after: str, joined: str) -> None:
    text = (
        "R 150943Z OCT 09\nFM AMEMBASSY ROME\n\nCONFIDENTIAL SECTION 01 OF 02 ROME 000001\n\n"
        f"SUBJECT: X\n\n1. Text about {before}\n\nROME 00000001 002 OF 002\n\n{after}\n"
    )
    cable = read_text(text, "t")
    assert cable.paragraph(1).text == f"Text about {joined}"
    assert all("ROME 00000001" not in p.text for p in cable.paragraphs)


def test_wrapped_number_is_not_a_paragraph_marker() -> None:
    text = "R 150943Z OCT 09\nFM AMEMBASSY ROME\n\nCONFIDENTIAL ROME 000001\n\nSUBJECT: X\n\n"
    body = (
        "1. (C) First.\n\n2. (C) Talks began on October\n5. The delegation left.\n\n3. (C) Third.\n"
    )
    cable = read_text(text + body, "t")
    assert [p.number for p in cable.paragraphs] == [1, 2, 3]
    assert cable.paragraph(2).text == "Talks began on October 5. The delegation left."


@pytest.mark.parametrize("ending", ["\n\nSMITH\n", "\nSMITH\n\n\nNNNN\n", "\nSMITH"])
def test_signature_variants(ending: str) -> None:
    text = "R 150943Z OCT 09\nFM AMEMBASSY ROME\n\nCONFIDENTIAL ROME 000001\n\nSUBJECT: X\n\n"
    cable = read_text(text + "1. The end of it." + ending, "t")
    assert cable.paragraph(1).text == "The end of it."


def test_signature_on_own_line_is_dropped() -> None:
    text = "R 150943Z OCT 09\nFM AMEMBASSY ROME\n\nCONFIDENTIAL ROME 000001\n\nSUBJECT: X\n\n"
    cable = read_text(text + "1. The end of it.\n\nSMITH\n", "t")
    assert cable.paragraph(1).text == "The end of it."


def test_cables_csv_prefers_its_columns(tmp_path: Path) -> None:
    items = list(read_many([DATA / "cables.csv"]))
    first, second, bad = items
    assert isinstance(first, Cable) and isinstance(second, Cable)
    assert first.id == "08TOKYO2345" and first.origin == "Embassy Tokyo"
    assert first.classification == "CONFIDENTIAL//NOFORN"
    assert first.created == datetime(2008, 5, 2, 4, 56, tzinfo=UTC)
    assert first.paragraph(1).text == 'First paragraph, with a "quoted" word, over two lines.'
    assert first.paragraph(1).line == 19  # the physical line in cables.csv
    assert first.source.endswith("cables.csv:row 1")
    assert second.id == "66BUENOSAIRES1234"
    assert second.created == datetime(1966, 12, 28, 18, 48, tzinfo=UTC)
    assert [r.cable_id for r in first.references] == ["08TOKYO1999", "07STATE54321"]
    assert isinstance(bad, CableFormatError)


def test_directory_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "one.txt").write_text((DATA / "raw_release.txt").read_text())
    (tmp_path / "a.txt").write_text((DATA / "scoop_web_copy.txt").read_text())
    (tmp_path / "metadata.csv").write_text("id,created\n09X1,2009-01-01\n")  # not cables
    (tmp_path / "notes.md").write_text("ignored")
    assert [c.id for c in read_path(tmp_path)] == ["08SHENYANG417", "08TOKYO2345"]


def test_read_text_crlf() -> None:
    text = (DATA / "raw_release.txt").read_text().replace("\n", "\r\n")
    assert read_text(text, "t").paragraph(2).marking == "C/NF"
