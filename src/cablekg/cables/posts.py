"""Diplomatic posts: the post token of a cable id and the origin name, in metadata.csv style.

The release names an originating post in three ways: the FM line ("FM AMEMBASSY BEIJING",
"FM AMCONSUL CHENGDU", "FM SECSTATE WASHDC"), the classification line or page-break line
("BEIJING 000105"), and the cable id ("09CHENGDU229"). The metadata spells origins "Embassy
Beijing", "Consulate Chengdu", "Secretary of State", "Mission USNATO". Only the FM line says
whether a post is an embassy or a consulate; when it is missing (web copies) a small general
lexicon of US consulates decides.
"""

from __future__ import annotations

import re

# US consulates and consulates general (cities where the US post is not the embassy).
# fmt: off
CONSULATES = frozenset(
    (
        "ADANA", "AMSTERDAM", "AUCKLAND", "BARCELONA", "BASRAH", "BELFAST", "BORDEAUX",
        "CALGARY", "CAPE TOWN", "CASABLANCA", "CHENGDU", "CHENNAI", "CIUDAD JUAREZ", "CURACAO",
        "DHAHRAN", "DUBAI", "DURBAN", "DUSSELDORF", "EDINBURGH", "ERBIL", "FLORENCE",
        "FRANKFURT", "FUKUOKA", "GUADALAJARA", "GUANGZHOU", "HALIFAX", "HAMBURG", "HERMOSILLO",
        "HILLAH", "HO CHI MINH CITY", "HONG KONG", "HYDERABAD", "ISTANBUL", "JEDDAH",
        "JERUSALEM", "JOHANNESBURG", "KARACHI", "KIRKUK", "KOLKATA", "KRAKOW", "LAGOS", "LAHORE",
        "LEIPZIG", "LYON", "MARSEILLE", "MATAMOROS", "MELBOURNE", "MERIDA", "MILAN",
        "MONTERREY", "MONTREAL", "MOSUL", "MUMBAI", "MUNICH", "NAGOYA", "NAHA", "NAPLES",
        "NOGALES", "NUEVO LAREDO", "OSAKA KOBE", "PERTH", "PESHAWAR", "PONTA DELGADA", "QUEBEC",
        "RECIFE", "RENNES", "RIO DE JANEIRO", "SAO PAULO", "SAPPORO", "SHANGHAI", "SHENYANG",
        "ST PETERSBURG", "STRASBOURG", "SYDNEY", "TIJUANA", "TORONTO", "TOULOUSE", "VANCOUVER",
        "VLADIVOSTOK", "WUHAN", "YEKATERINBURG",
    )
)
# fmt: on

# Posts whose origin is not "Embassy <City>": missions, the Department, regional offices.
# Keys are the post as written after FM/in the classification line, spaces collapsed.
SPECIAL_ORIGINS = {
    "STATE": "Secretary of State",
    "SECSTATE": "Secretary of State",
    "SECSTATEWASHDC": "Secretary of State",
    "USNATO": "Mission USNATO",
    "USUN": "Mission USUN New York",
    "USUNNEWYORK": "Mission USUN New York",
    "UNVIEVIENNA": "UNVIE",
    "UNVIE": "UNVIE",
    "USEUBRUSSELS": "USEU Brussels",
    "USOSCE": "Mission USOSCE",
    "RPODUBAI": "Iran RPO Dubai",
    "AITTAIPEI": "American Institute Taiwan, Taipei",
    "USMISSIONGENEVA": "Mission Geneva",
    "GENEVA": "Mission Geneva",
    "USCINCCENT": "US Central Command",
}

# FM-line prefixes and what they make of the post.
_FM_KINDS = (
    ("AMEMBASSY", "Embassy"),
    ("AMCONSUL", "Consulate"),
    ("AMCONSULATE", "Consulate"),
    ("USMISSION", "Mission"),
    ("USOFFICE", "Office"),
    ("USLO", "Liaison Office"),
)
_KEEP_UPPER = frozenset({"US", "USNATO", "USUN", "USEU", "UNVIE", "USOSCE", "RPO", "AIT"})

# Posts in ids never contain spaces; the id of "SECSTATE WASHDC" is STATE, of
# "USMISSION UNVIE VIENNA" UNVIEVIENNA, of "USUN NEW YORK" USUNNEWYORK.
_ID_ALIASES = {"SECSTATE": "STATE", "SECSTATEWASHDC": "STATE", "STATEWASHDC": "STATE"}


def compact(post: str) -> str:
    """Post name -> id token: upper case, no spaces or dots ("RIO DE JANEIRO" -> RIODEJANEIRO)."""
    token = re.sub(r"[^A-Z]", "", post.upper())
    return _ID_ALIASES.get(token, token)


def _titled(words: str) -> str:
    return " ".join(w if w in _KEEP_UPPER else w.title() for w in words.split())


def origin_from_post(post: str) -> str:
    """Origin for a bare post name ("CHENGDU" -> "Consulate Chengdu", "BEIJING" -> Embassy)."""
    words = " ".join(post.upper().replace(".", " ").split())
    key = compact(words)
    if key in SPECIAL_ORIGINS:
        return SPECIAL_ORIGINS[key]
    if words in CONSULATES:
        return "Consulate " + _titled(words)
    return "Embassy " + _titled(words)


def parse_fm(line: str) -> tuple[str, str] | None:
    """An FM line -> (id post token, origin); None when the line is not a post FM line.

    Body sentences can start with "FM " ("FM Mottaki said ..."), so only upper-case lines of
    a few words count.
    """
    m = re.match(r"^[ \t]*FM[ \t]+([A-Z][A-Z .'/-]{1,60})[ \t]*$", line)
    if not m:
        return None
    words = " ".join(m.group(1).replace(".", " ").split())
    if len(words.split()) > 5:
        return None
    key = compact(words)
    if key in SPECIAL_ORIGINS:
        post = "STATE" if SPECIAL_ORIGINS[key] == "Secretary of State" else words
        if key == "UNVIEVIENNA":
            post = "UNVIE VIENNA"
        return compact(post), SPECIAL_ORIGINS[key]
    for prefix, kind in _FM_KINDS:
        if words.startswith(prefix + " "):
            place = words[len(prefix) + 1 :]
            special = SPECIAL_ORIGINS.get(compact(place))
            if special:
                return compact(place), special
            return compact(place), f"{kind} {_titled(place)}"
    return compact(words), origin_from_post(words)
