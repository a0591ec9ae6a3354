"""Errors a user can act on. The CLI prints them as one line and exits 2 — never a traceback."""

from __future__ import annotations

import os


class FormaudError(Exception):
    """Base class for user-facing errors."""


class FormError(FormaudError):
    """A form file could not be read: names the file and the reason."""

    def __init__(self, path: str | os.PathLike, reason: str):
        from .display import show_path

        self.path = os.fspath(path)
        self.reason = reason
        super().__init__(f"{show_path(self.path)}: {reason}")


class UsageError(FormaudError):
    """Bad options, configuration or rules."""
