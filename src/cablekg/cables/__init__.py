"""Readers: cable sources (Scoop web copies, raw release text, cables.csv) -> Cable values."""
