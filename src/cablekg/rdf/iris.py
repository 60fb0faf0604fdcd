"""Minting IRIs under the configured base. The one place that knows the IRI patterns.

    <base>cable/09CHENGDU229                         a cable
    <base>cable/09CHENGDU229/para/3                  its paragraph 3 (citable)
    <base>cable/09CHENGDU229/para/3/mention/2        the 2nd entity mention in it
    <base>cable/09CHENGDU229/para/3/figure/1         a figure, statement, meeting stated there
    <base>cable/09CHENGDU229/ref/A                   a qualified REF entry
    <base>person/shen-xiaozhong, <base>org/..., <base>place/..., <base>reform/...,
    <base>role/deputy-director, <base>membership/<person>/<org>/<role>
                                                     entities: paths chosen by the resolve stage

Entity paths are made of slugs (lower-case ASCII letters, digits and hyphens) so that the same
name always gives the same IRI, in every cable and every run.
"""

from __future__ import annotations

import re
import unicodedata

from rdflib import URIRef

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """The IRI slug of a name.

    >>> slugify("Chongqing Development and Reform Commission")
    'chongqing-development-and-reform-commission'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NON_SLUG.sub("-", ascii_text.lower()).strip("-")
    if not slug:
        raise ValueError(f"cannot make an IRI slug from {text!r}")
    return slug


class IRIs:
    """IRI factory bound to one base IRI (Settings.base)."""

    def __init__(self, base: str):
        self.base = base if base.endswith("/") else base + "/"

    def path(self, path: str) -> URIRef:
        return URIRef(self.base + path.lstrip("/"))

    def path_of(self, iri: str) -> str | None:
        """The path of an IRI under this base, or None when it is not ours."""
        return iri[len(self.base) :] if iri.startswith(self.base) else None

    def cable(self, cable_id: str) -> URIRef:
        return self.path(f"cable/{cable_id}")

    def paragraph(self, cable_id: str, number: int) -> URIRef:
        return self.path(f"cable/{cable_id}/para/{number}")

    def in_paragraph(self, cable_id: str, number: int, kind: str, index: int) -> URIRef:
        """A per-paragraph resource: kind 'mention', 'figure', 'statement' or 'meeting'."""
        return self.path(f"cable/{cable_id}/para/{number}/{kind}/{index}")

    def reference(self, cable_id: str, label: str) -> URIRef:
        return self.path(f"cable/{cable_id}/ref/{slugify(label)}")

    def entity(self, entity_path: str) -> URIRef:
        return self.path(entity_path)

    def role(self, title: str) -> URIRef:
        return self.path(f"role/{slugify(title)}")

    def membership(self, person_path: str, org_path: str, title: str) -> URIRef:
        person = person_path.rsplit("/", 1)[-1]
        org = org_path.rsplit("/", 1)[-1]
        return self.path(f"membership/{person}/{org}/{slugify(title)}")
