"""User-facing input errors outside MPL itself (proof files, options)."""

from __future__ import annotations


class InputError(Exception):
    """Bad input that is not MPL: reported as one line `WHERE: message`, exit code 2.

    >>> str(InputError("bad schema version", "proofs.json:1:1"))
    'proofs.json:1:1: bad schema version'
    """

    def __init__(self, message: str, where: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message
