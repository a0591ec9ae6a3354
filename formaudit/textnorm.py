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


#: Distinct texts each per-text analysis remembers in a run: a library of 1,000 forms has ~35,000 distinct
#: labels, each seen as written and without its brackets (~100 bytes per entry).
TEXT_CACHE = 1 << 18


def fold(text: str | None) -> str:
    """NFKC, typographic quotes/dashes made plain, casefolded (whitespace left as it is)."""
    return unicodedata.normalize("NFKC", text or "").translate(TYPOGRAPHIC).casefold()


@functools.lru_cache(maxsize=TEXT_CACHE)
def normalise(text: str) -> str:
    """:func:`fold`, ``&`` as ``and``, a leading enumerator ("3." / "2.1" / "a)") dropped, whitespace collapsed."""
    t = fold(text).replace("&", " and ")
    t = _ENUMERATOR.sub("", t)
    return " ".join(t.split())


_ENUMERATOR = re.compile(r"^\s*(\d+(\.\d+)*|[a-z])[.)]\s+")

#: most scores (float32, 4 bytes each) one rapidfuzz ``cdist`` call may hold: 64 MiB
MAX_CELLS = 1 << 24


#: Fewer texts than this are scored with one C-level ``process.extract`` per text, which needs no numpy
#: (importing numpy costs ~0.1 s CPU, more than scoring a few hundred labels); more with ``process.cdist``
#: in chunks. Both keep exactly the pairs whose score is at least the cutoff (tests/test_speed.py).
CDIST_MIN_TEXTS = 500


@functools.cache
def have_numpy() -> bool:
    """Whether numpy (which ``process.cdist`` needs) is installed — without importing it."""
    import importlib.util

    return importlib.util.find_spec("numpy") is not None


_F32 = __import__("struct").Struct("f")


def _float32(x: float) -> float:
    """``x`` rounded as ``process.cdist`` stores scores (float32), so both paths keep the same pairs."""
    return _F32.unpack(_F32.pack(x))[0]


def similar_pairs(
    texts: Sequence[str], cutoff: float, scorer: Callable[..., float] | None = None
) -> Iterator[tuple[int, int, float]]:
    """Yield ``(i, j, score)``, ``i < j``, for texts at least ``cutoff`` similar (``scorer``: rapidfuzz
    ``fuzz.token_sort_ratio`` unless given). Empty strings never match.

    Each distinct text is scored once (a library repeats its labels: "Name", "Date of birth"): copies of
    one text are pairs at score 100, and a pair of distinct texts stands for every pair of their copies.
    The scoring is done by rapidfuzz in C: for at least :data:`CDIST_MIN_TEXTS` distinct texts
    ``process.cdist`` in chunks of at most :data:`MAX_CELLS` scores, else one ``process.extract`` per text
    (no numpy import); Python only sees the hits — no loop over pairs.
    """
    n = len(texts)
    if n < 2:
        return
    first: dict[str, int] = {}
    copies: list[list[int]] = []  # per distinct text, the indices holding it (ascending)
    for i, t in enumerate(texts):
        if not t:
            continue
        k = first.setdefault(t, len(copies))
        if k == len(copies):
            copies.append([i])
        else:
            copies[k].append(i)
    if len(copies) == n:  # every text distinct
        yield from _distinct_pairs(texts, cutoff, scorer)
        return
    if cutoff <= 100:
        for idx in copies:
            for a in range(len(idx) - 1):
                for b in idx[a + 1 :]:
                    yield idx[a], b, 100.0
    distinct = list(first)
    for u, v, score in _distinct_pairs(distinct, cutoff, scorer):
        for i in copies[u]:
            for j in copies[v]:
                yield (i, j, score) if i < j else (j, i, score)


def _presorted(texts: Sequence[str], scorer: Callable[..., float]) -> tuple[list[str], Callable[..., float]]:
    """``token_sort_ratio`` is ``ratio`` of the texts with their words sorted: sort each text's words once
    here instead of once per pair (same scores, ~4x faster). Texts of spaces only keep the given scorer."""
    from rapidfuzz import fuzz

    if scorer is not fuzz.token_sort_ratio:
        return list(texts), scorer
    out = [" ".join(sorted(t.split())) for t in texts]
    if any(t and not o for t, o in zip(texts, out, strict=True)):  # a text of spaces only: score as given
        return list(texts), scorer
    return out, fuzz.ratio


def _distinct_pairs(
    texts: Sequence[str], cutoff: float, scorer: Callable[..., float] | None
) -> Iterator[tuple[int, int, float]]:
    from rapidfuzz import fuzz, process

    scorer = scorer or fuzz.token_sort_ratio
    n = len(texts)
    if n < 2:
        return
    texts, scorer = _presorted(texts, scorer)
    if n >= CDIST_MIN_TEXTS and have_numpy():
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
                score = _float32(score)
                if score >= cutoff:
                    yield i, i + 1 + j, score


def similar_across(
    texts: Sequence[str], others: Sequence[str], cutoff: float, scorer: Callable[..., float] | None = None
) -> Iterator[tuple[int, int, float]]:
    """Yield ``(i, j, score)`` for ``texts[i]`` and ``others[j]`` at least ``cutoff`` similar: the pairs
    :func:`similar_pairs` would give between the two lists (same scores, same float32 rounding), without
    scoring the pairs inside either list. Each distinct text of ``texts`` is scored once."""
    from rapidfuzz import fuzz, process

    scorer = scorer or fuzz.token_sort_ratio
    if not texts or not others:
        return
    copies: dict[str, list[int]] = {}
    for i, t in enumerate(texts):
        if t:
            copies.setdefault(t, []).append(i)
    queries, _ = _presorted(list(copies), scorer)
    others, scorer = _presorted(others, scorer)
    for t, idx in zip(queries, copies.values(), strict=True):
        for _, score, j in process.extract(t, others, scorer=scorer, score_cutoff=cutoff, limit=None):
            if others[j]:
                score = _float32(score)
                if score >= cutoff:
                    for i in idx:
                        yield i, j, score
