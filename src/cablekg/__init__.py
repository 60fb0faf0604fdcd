"""cablekg: a knowledge graph of US diplomatic cables."""

__version__ = "0.1.0"
