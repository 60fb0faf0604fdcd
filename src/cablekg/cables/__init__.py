"""Readers: cable sources (Scoop web copies, raw release text, cables.csv) -> Cable values."""

from cablekg.cables.model import Cable, Paragraph, Reference
from cablekg.cables.read import read_many, read_path, read_text, read_text_file

__all__ = [
    "Cable",
    "Paragraph",
    "Reference",
    "read_many",
    "read_path",
    "read_text",
    "read_text_file",
]
