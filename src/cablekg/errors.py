"""Typed errors raised by library code. Only the CLI and the web layer decide what to show."""

from __future__ import annotations


class CableKGError(Exception):
    """Base class of every error cablekg raises on purpose."""


class CableFormatError(CableKGError):
    """A source that is not a readable cable; names the file and the line (or CSV row)."""

    def __init__(
        self, source: str, message: str, line: int | None = None, cable_id: str | None = None
    ):
        self.source = source
        self.line = line
        self.cable_id = cable_id
        self.reason = message
        where = source + (f":{line}" if line is not None else "")
        who = f" (cable {cable_id})" if cable_id else ""
        super().__init__(f"{where}{who}: {message}")


class ValidationFailed(CableKGError):
    """A cable's graph does not conform to the shapes; carries the readable violations."""

    def __init__(self, cable_id: str, violations: list[str]):
        self.cable_id = cable_id
        self.violations = violations
        super().__init__(f"cable {cable_id} does not conform: " + "; ".join(violations[:5]))


class StoreError(CableKGError):
    """The store could not be read or written."""
