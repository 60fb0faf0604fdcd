"""Bytes -> text for cable files: UTF-8 first, Windows-1252 as the fallback, binaries refused."""

from __future__ import annotations

from cablekg.errors import CableFormatError

# Bytes that are control characters in text files but common in binaries (NUL handled apart).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_SNIFF = 8192  # bytes looked at to decide "binary"; enough for any header, cheap for 1 GB files


def looks_binary(sample: bytes) -> bool:
    """True for data that is not text: a NUL byte, or more than 10% control characters."""
    if b"\x00" in sample:
        return True
    if not sample:
        return False
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls * 10 > len(sample)


def decode_bytes(data: bytes, source: str) -> str:
    """Decode one cable file.

    Cables copied out of Windows tools carry cp1252 smart quotes (0x93/0x94); those are
    decoded to the proper Unicode characters instead of being rejected. Line endings are
    normalised to "\\n" so that every later line number is a real line of the file.
    """
    if not data.strip():
        raise CableFormatError(source, "empty file", line=1)
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise CableFormatError(source, "binary file (NUL byte), not a cable text", line=line)
    if looks_binary(data[:_SNIFF]):
        raise CableFormatError(source, "binary file (control bytes), not a cable text", line=1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise CableFormatError(
                source,
                f"undecodable byte 0x{data[exc.start]:02x}: neither UTF-8 nor cp1252",
                line=line,
            ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")
