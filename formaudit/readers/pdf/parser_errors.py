"""Telling the PDF libraries' errors (a property of the file: corrupt, truncated, encrypted) from
formaudit's own (a bug), so that only the former are reported as bad input."""

from __future__ import annotations

_PARSER_PACKAGES = ("pdfminer", "pdfplumber", "pypdfium2", "PIL", "charset_normalizer")


def _raised_by_parser(e: BaseException) -> bool:
    """The exception is the PDF libraries': its class comes from one of them, or it was raised
    while their code ran (a frame of theirs on its traceback). An exception formaudit's own code
    raises, or one from the standard library called by formaudit, is not."""
    if type(e).__module__.split(".")[0] in _PARSER_PACKAGES:
        return True
    tb = e.__traceback__
    while tb is not None:
        mod = tb.tb_frame.f_globals.get("__name__", "")
        if mod.split(".")[0] in _PARSER_PACKAGES:
            return True
        tb = tb.tb_next
    return False
