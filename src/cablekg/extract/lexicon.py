"""The curated general vocabulary the rules use, loaded once from the data files in lexicons/.

Everything here is general English / Chinese-romanisation vocabulary (titles, kinds of
institutions, administrative suffixes, countries, reporting verbs, number words, months, common
family names, pinyin syllables); no entry names an entity of a particular cable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

_DIR = Path(__file__).resolve().parent / "lexicons"


def _json(name: str) -> dict:
    with (_DIR / name).open(encoding="utf-8") as f:
        return json.load(f)


@dataclass(frozen=True)
class Lexicon:
    title_heads: frozenset[str]
    title_modifiers: frozenset[str]
    diplomatic_roles: frozenset[str]
    org_phrase_heads: dict[str, str]  # "Academy of Social Sciences" -> "ResearchInstitution"
    org_heads: dict[str, str]  # "Commission" -> "Commission"
    international_starts: tuple[str, ...]
    kind_nouns: dict[str, str]  # "banks" -> "Bank"
    collective_nouns: frozenset[str]
    lower_kind_heads: dict[str, str]  # "company" in "Bao Gang steel company" -> "Company"
    building_nouns: frozenset[str]  # "Compound": "New Embassy Compound" is no Embassy
    place_suffixes: dict[str, str]  # "Autonomous Region" -> "Region"
    higher_suffixes: frozenset[str]
    countries: dict[str, str]  # any form (name, demonym, abbreviation) -> country name
    regions: dict[str, str]  # well-known regions that are not countries -> ontology class
    reporting_verbs: frozenset[str]
    meeting_verbs: frozenset[str]
    number_words: dict[str, int | None]
    scales: dict[str, int]
    percent_words: tuple[str, ...]
    currency_prefixes: dict[str, str]
    currency_suffixes: dict[str, str]
    measure_units: dict[str, str]
    person_nouns: frozenset[str]
    share_verbs: tuple[str, ...]
    months: dict[str, int]
    stop_capitals: frozenset[str]
    np_stopwords: frozenset[str]
    chinese_surnames: frozenset[str]
    pinyin_syllables: frozenset[str]

    def is_pinyin(self, word: str) -> bool:
        """True when a word splits entirely into pinyin syllables ("Xiaozhong", "hezuoshe")."""
        return _is_pinyin(word.lower().replace("'", "").replace("’", ""), self.pinyin_syllables)

    def place_suffix(self, words: list[str]) -> tuple[int, str] | None:
        """(number of trailing words, suffix) when the words end with an administrative suffix."""
        for n in (3, 2, 1):
            if len(words) > n:
                tail = " ".join(w[:1].upper() + w[1:] for w in words[-n:])
                if tail in self.place_suffixes:
                    return n, tail
        return None


@lru_cache(maxsize=8192)
def _is_pinyin_cached(word: str, syllables: frozenset[str]) -> bool:
    n = len(word)
    if n == 0 or n > 24 or not word.isalpha():
        return False
    ok = [False] * (n + 1)
    ok[0] = True
    for i in range(n):
        if not ok[i]:
            continue
        for j in range(i + 1, min(n, i + 6) + 1):
            if word[i:j] in syllables:
                ok[j] = True
    return ok[n]


def _is_pinyin(word: str, syllables: frozenset[str]) -> bool:
    return _is_pinyin_cached(word, syllables)


@cache
def lexicon() -> Lexicon:
    titles = _json("titles.json")
    inst = _json("institutions.json")
    places = _json("places.json")
    words = _json("words.json")
    countries: dict[str, str] = {}
    for name, forms in places["countries"].items():
        countries[name] = name
        for form in forms:
            countries[form] = name
    syllables: set[str] = set()
    for line in (_DIR / "pinyin.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            syllables.update(line.split())
    return Lexicon(
        title_heads=frozenset(titles["heads"]),
        title_modifiers=frozenset(titles["modifiers"]),
        diplomatic_roles=frozenset(titles["diplomatic_roles"]),
        org_phrase_heads=dict(inst["phrase_heads"]),
        org_heads=dict(inst["heads"]),
        international_starts=tuple(inst["international_starts"]),
        kind_nouns=dict(inst["kind_nouns"]),
        collective_nouns=frozenset(inst["collective_nouns"]),
        lower_kind_heads=dict(inst["lower_kind_heads"]),
        building_nouns=frozenset(inst["building_nouns"]),
        place_suffixes=dict(places["suffixes"]),
        higher_suffixes=frozenset(places["higher_suffixes"]),
        countries=countries,
        regions=dict(places["regions"]),
        reporting_verbs=frozenset(words["reporting_verbs"]),
        meeting_verbs=frozenset(words["meeting_verbs"]),
        number_words=dict(words["number_words"]),
        scales=dict(words["scales"]),
        percent_words=tuple(words["percent"]),
        currency_prefixes=dict(words["currency_prefixes"]),
        currency_suffixes=dict(words["currency_suffixes"]),
        measure_units=dict(words["measure_units"]),
        person_nouns=frozenset(words["person_nouns"]),
        share_verbs=tuple(words["share_verbs"]),
        months=dict(words["months"]),
        stop_capitals=frozenset(words["stop_capitals"]),
        np_stopwords=frozenset(words["np_stopwords"]),
        chinese_surnames=frozenset(words["chinese_surnames"]),
        pinyin_syllables=frozenset(syllables),
    )
