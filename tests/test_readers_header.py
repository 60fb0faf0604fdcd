"""Header parsing: DTGs, ids, REF shapes, classification lines, TAGS, SUBJECT."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cablekg.cables import read_text
from cablekg.cables.dtg import parse_csv_date, parse_dtg
from cablekg.cables.header import parse_class_line
from cablekg.cables.ids import canonical_id, canonicalise_id, parse_references
from cablekg.cables.posts import origin_from_post, parse_fm


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("R 150943Z OCT 09", datetime(2009, 10, 15, 9, 43, tzinfo=UTC)),
        ("O 300858Z AUG 07", datetime(2007, 8, 30, 8, 58, tzinfo=UTC)),
        ("O P 261148Z NOV 08", datetime(2008, 11, 26, 11, 48, tzinfo=UTC)),
        ("P 221128Z FEB 08 ZDS", datetime(2008, 2, 22, 11, 28, tzinfo=UTC)),
        ("O 091547Z OCT 09 (CCY ADC1AECC MSI3311-632)", datetime(2009, 10, 9, 15, 47, tzinfo=UTC)),
        ("R 250930Z FEB 72 ", datetime(1972, 2, 25, 9, 30, tzinfo=UTC)),
        ("291359Z Nov 00", datetime(2000, 11, 29, 13, 59, tzinfo=UTC)),
        ("Friday, 27 August 2004, 08:08", datetime(2004, 8, 27, 8, 8, tzinfo=UTC)),
        ("R 310943Z FEB 09", None),  # no 31 February
        ("R 152543Z OCT 09", None),  # hour 25
        ("DE RUEHCN #0229/01 2880943", None),
        ("The meeting on 150943Z OCT 09 was short.", None),
    ],
)
def test_parse_dtg(line: str, expected: datetime | None) -> None:
    assert parse_dtg(line) == expected


def test_dtg_is_timezone_aware_utc() -> None:
    dt = parse_dtg("R 150943Z OCT 09")
    assert dt is not None and dt.utcoffset() is not None and dt.utcoffset().total_seconds() == 0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12/28/1966 18:48", datetime(1966, 12, 28, 18, 48, tzinfo=UTC)),
        ("5/2/2008 4:56", datetime(2008, 5, 2, 4, 56, tzinfo=UTC)),
        ("2008-05-02 04:56", None),
    ],
)
def test_parse_csv_date(value: str, expected: datetime | None) -> None:
    assert parse_csv_date(value) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((2009, "CHENGDU", "000229"), "09CHENGDU229"),
        ((2006, "BEIJING", 23571), "06BEIJING23571"),
        (("07", "RIO DE JANEIRO", "001238"), "07RIODEJANEIRO1238"),
        ((2009, "UNVIE VIENNA", "000540"), "09UNVIEVIENNA540"),
        ((2007, "SECSTATE", "152317"), "07STATE152317"),
    ],
)
def test_canonical_id(args: tuple, expected: str) -> None:
    assert canonical_id(*args) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("09CHENGDU229", "09CHENGDU229"),
        ("09CHENGDU0229", "09CHENGDU229"),
        ("09 Chengdu 229", "09CHENGDU229"),
        ("66BUENOSAIRES1234", "66BUENOSAIRES1234"),
        ("CHENGDU 229", None),
    ],
)
def test_canonicalise_id(value: str, expected: str | None) -> None:
    assert canonicalise_id(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A) 2007 CHENGDU 129, B) CHENGDU 163",
            [("07CHENGDU129", "A", False), ("09CHENGDU163", "B", True)],
        ),
        (
            "A. BEIJING 1234 B. 07 STATE 5678",
            [("09BEIJING1234", "A", True), ("07STATE5678", "B", False)],
        ),
        ("REFTEL", []),
        ("BEIJING 5621", [("09BEIJING5621", None, True)]),
        (
            "(A) 08 Beijing 123, (B) 08 Beijing 456",
            [("08BEIJING123", "A", False), ("08BEIJING456", "B", False)],
        ),
        (
            "(A)STATE 071143, (B)STATE 73601",
            [("09STATE71143", "A", True), ("09STATE73601", "B", True)],
        ),
        (
            "TEHRAN 1091: TEHRAN 263: MOSCOW 1603",
            [
                ("09TEHRAN1091", None, True),
                ("09TEHRAN263", None, True),
                ("09MOSCOW1603", None, True),
            ],
        ),
        ("A. A) 04 STATE 274965", [("04STATE274965", "A", False)]),
        ("04 PARIS 8760 AND PREVIOUS", [("04PARIS8760", None, False)]),
        ("EMBASSY VIENNA 1450", [("09VIENNA1450", None, True)]),
        ("08BEIJING1234", [("08BEIJING1234", None, False)]),
        ("A. OSC cpp20080407530001", []),  # an open-source report, not a cable
        ("(A) LA PAZ 2336 (B) SMITH 12/14/07", [("09LAPAZ2336", "A", True)]),
        ("A. JONES EMAIL 21 FEB 06", []),
    ],
)
def test_parse_references(text: str, expected: list[tuple[str, str | None, bool]]) -> None:
    got = [(r.cable_id, r.label, r.year_inferred) for r in parse_references(text, 2009)]
    assert got == expected


def test_reference_keeps_the_text_as_written() -> None:
    refs = parse_references("A) 2007 CHENGDU 129, B) CHENGDU 163", 2009)
    assert [r.source_text for r in refs] == ["A) 2007 CHENGDU 129", "B) CHENGDU 163"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "C O N F I D E N T I A L SECTION 01 OF 03 BEIJING 000105",
            ("CONFIDENTIAL", "BEIJING", 105, False),
        ),
        ("S E C R E T STATE 152317", ("SECRET", "STATE", 152317, False)),
        (
            "UNCLAS SECTION 01 OF 02 RIO DE JANEIRO 001238",
            ("UNCLASSIFIED", "RIO DE JANEIRO", 1238, False),
        ),
        ("UNCLASSIFIED   STATE   00100153", ("UNCLASSIFIED", "STATE", 100153, False)),
        ("S e c r e t berlin 001068", ("SECRET", "BERLIN", 1068, False)),
        ("SE C R E T TUNIS 000193", ("SECRET", "TUNIS", 193, False)),
        ("S E C R E T NOFORN MADRID 000012", ("SECRET", "MADRID", 12, True)),
        ("CONFIDENTIAL     PTQ1859", ("CONFIDENTIAL", None, None, False)),
        ("Secret talks were held in the capital on Monday", None),
        ("CONFIDENTIALITY 12", None),
    ],
)
def test_parse_class_line(line: str, expected: tuple | None) -> None:
    assert parse_class_line(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("FM AMEMBASSY BEIJING", ("BEIJING", "Embassy Beijing")),
        ("FM AMCONSUL CHENGDU", ("CHENGDU", "Consulate Chengdu")),
        ("FM SECSTATE WASHDC", ("STATE", "Secretary of State")),
        ("FM USMISSION USNATO", ("USNATO", "Mission USNATO")),
        ("FM USMISSION USUN NEW YORK", ("USUNNEWYORK", "Mission USUN New York")),
        ("FM AMCONSUL RIO DE JANEIRO", ("RIODEJANEIRO", "Consulate Rio De Janeiro")),
        ("FM Mottaki offered assurances of a withdrawal", None),
    ],
)
def test_parse_fm(line: str, expected: tuple[str, str] | None) -> None:
    assert parse_fm(line) == expected


@pytest.mark.parametrize(
    ("post", "origin"),
    [
        ("CHENGDU", "Consulate Chengdu"),
        ("HONG KONG", "Consulate Hong Kong"),
        ("BEIJING", "Embassy Beijing"),
        ("TEL AVIV", "Embassy Tel Aviv"),
        ("STATE", "Secretary of State"),
    ],
)
def test_origin_from_post(post: str, origin: str) -> None:
    assert origin_from_post(post) == origin


def _cable(header: str) -> str:
    return "O 020456Z MAY 08\nFM AMEMBASSY ROME\n\n" + header + "\n\n1. (C) A first paragraph.\n"


@pytest.mark.parametrize(
    ("header", "classification"),
    [
        ("C O N F I D E N T I A L ROME 000001", "CONFIDENTIAL"),
        ("S E C R E T ROME 000001\n\nNOFORN\nSIPDIS", "SECRET//NOFORN"),
        ("UNCLAS ROME 000001\n\nSENSITIVE\nSIPDIS", "UNCLASSIFIED//FOR OFFICIAL USE ONLY"),
        ("UNCLAS ROME 000001\n\nSIPDIS", "UNCLASSIFIED"),
        ("CONFIDENTIAL ROME 000001\n\nSENSITIVE", "CONFIDENTIAL"),
    ],
)
def test_classification(header: str, classification: str) -> None:
    assert read_text(_cable(header), "t").classification == classification


def test_classification_from_routing_when_no_class_line() -> None:
    text = "DE RUEHRO #0001/01 1230456\nZNY SSSSS ZZH\n" + _cable("SIPDIS\n\nE.O. 12958: DECL: X")
    cable = read_text(text, "t")
    assert cable.classification == "SECRET"
    assert cable.id == "08ROME1"  # serial from "#0001", post from the FM line


@pytest.mark.parametrize(
    ("tags_line", "tags"),
    [
        ("TAGS: PGOV PHUM PREL KOLY CH", ("PGOV", "PHUM", "PREL", "KOLY", "CH")),
        ("TAGS PGOV, PHUM, PREL, RS ", ("PGOV", "PHUM", "PREL", "RS")),
        ("TAG MASS, PREL, BR", ("MASS", "PREL", "BR")),
        ("TAGS:     PREL, EPET, EAID", ("PREL", "EPET", "EAID")),
    ],
)
def test_tags(tags_line: str, tags: tuple[str, ...]) -> None:
    cable = read_text(_cable("CONFIDENTIAL ROME 000001\n\nE.O. 12958: DECL: X\n" + tags_line), "t")
    assert cable.tags == tags


def test_tags_inline_with_eo_line() -> None:
    header = "CONFIDENTIAL ROME 000001\nE.O. 12958: DECL: 1/3/2019 TAGS: PTER MOPS PK"
    assert read_text(_cable(header), "t").tags == ("PTER", "MOPS", "PK")


@pytest.mark.parametrize(
    ("subject", "title"),
    [
        ("SUBJECT: ONE LINE", "ONE LINE"),
        (
            "SUBJECT: FISHERIES TALKS: BOTH SIDES SEE ROOM FOR\nCOMPROMISE ON QUOTAS",
            "FISHERIES TALKS: BOTH SIDES SEE ROOM FOR COMPROMISE ON QUOTAS",
        ),
        ("SUBJECT: (C) Mixed   Case Subject\n over two lines", "Mixed Case Subject over two lines"),
        ("SUBJECT: FIRST PART OF A\n\nSECOND PART\nREF: ROME 12", "FIRST PART OF A SECOND PART"),
    ],
)
def test_subject(subject: str, title: str) -> None:
    cable = read_text(_cable("CONFIDENTIAL ROME 000001\n\nTAGS: PREL\n" + subject), "t")
    assert cable.title == title
