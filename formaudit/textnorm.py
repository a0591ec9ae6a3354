"""Text helpers shared by the readers and the checks: one definition of "the same text".

:func:`fold` (Unicode and typographic folding), :func:`normalise` (for comparing labels and sentences) and
:func:`similar_pairs` (the fuzzy all-pairs join every check uses). Checks import these from here, never from
each other.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence

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


@functools.lru_cache(maxsize=1 << 16)
def normalise(text: str) -> str:
    """:func:`fold`, ``&`` as ``and``, a leading enumerator ("3." / "2.1" / "a)") dropped, whitespace collapsed."""
    t = fold(text).replace("&", " and ")
    t = _ENUMERATOR.sub("", t)
    return " ".join(t.split())


_ENUMERATOR = re.compile(r"^\s*(\d+(\.\d+)*|[a-z])[.)]\s+")

#: most scores (float32, 4 bytes each) one rapidfuzz ``cdist`` call may hold: 64 MiB
MAX_CELLS = 1 << 24


def similar_pairs(
    texts: Sequence[str], cutoff: float, scorer: Callable[..., float] | None = None
) -> Iterator[tuple[int, int, float]]:
    """Yield ``(i, j, score)``, ``i < j``, for texts at least ``cutoff`` similar (``scorer``: rapidfuzz
    ``fuzz.token_sort_ratio`` unless given). Empty strings never match.

    The scoring is done by rapidfuzz in C (``process.cdist`` in chunks of at most :data:`MAX_CELLS` scores,
    or one ``process.extract`` per text without numpy); Python only sees the hits — no loop over pairs.
    """
    from rapidfuzz import fuzz, process

    scorer = scorer or fuzz.token_sort_ratio
    n = len(texts)
    if n < 2:
        return
    try:
        import numpy as np
    except ImportError:
        np = None
    if np is not None:
        rows = max(1, min(n, MAX_CELLS // n))
        for start in range(0, n, rows):
            m = process.cdist(
                texts[start : start + rows], texts, scorer=scorer, score_cutoff=cutoff, workers=-1
            )
            qi, ci = (m >= cutoff).nonzero()
            for a, j in zip(qi.tolist(), ci.tolist(), strict=True):
                i = a + start
                if i < j and texts[i] and texts[j]:
                    yield i, j, float(m[a, j])
        return
    for i in range(n - 1):
        if not texts[i]:
            continue
        for _, score, j in process.extract(
            texts[i], texts[i + 1 :], scorer=scorer, score_cutoff=cutoff, limit=None
        ):
            if texts[i + 1 + j]:
                yield i, i + 1 + j, float(score)
