"""Text folding shared by the readers and the checks: one definition of "the same text"."""

from __future__ import annotations

import unicodedata

#: Typographic quotes and dashes as their plain forms; non-breaking and en/em spaces as spaces.
TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "`": "'",
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
    }
)


def fold(text: str | None) -> str:
    """NFKC, typographic quotes/dashes made plain, casefolded (whitespace left as it is)."""
    return unicodedata.normalize("NFKC", text or "").translate(TYPOGRAPHIC).casefold()
