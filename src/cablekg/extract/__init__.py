"""Extraction: Cable -> Facts, one module per kind of fact; lexicons are data files."""
