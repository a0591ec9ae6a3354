"""FA202 repeated-boilerplate: the same instruction or declaration text repeated within a form."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz

from ..model import Finding, Form, Section, section_ref
from ..textnorm import normalise, similar_pairs
from . import Check, Option

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_DECLARATION = re.compile(
    r"^(i|we)\b|\b(declare|declaration|confirm|certify|consent|agree that|true and (accurate|correct)|"
    r"to the best of (my|our) knowledge)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_TEXT_WORD = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*")


def word_count(text: str) -> int:
    """Words as a reader counts them ("OFFICIAL-SENSITIVE" is one word, a lone dash none)."""
    return len(_TEXT_WORD.findall(text))


def _key(text: str) -> str:
    """Normalised comparison form: words only, lower case."""
    return " ".join(_WORD.findall(normalise(text)))


class RepeatedBoilerplate(Check):
    """Repeated boilerplate: the same instruction or declaration text appears more than once in a form.

    **What it finds.** Candidates are guidance sentences of at least ``min_words`` words and long
    statement-like labels (declarations, consent statements). Sentences are normalised (case, quotes,
    punctuation) and exact or near-identical ones (``similarity``, rapidfuzz ratio, compared only within
    blocks of the same first words) are grouped; a group seen at least ``min_count`` times is reported once,
    with every section it appears in.

    **Why it matters.** Template text read over and over costs the person completing the form time and hides
    the instructions that matter. Fix: state it once (e.g. in the notes at the top).

    **Settings** (key ``FA202``): ``min_words`` (default 8), ``min_count`` (default 2), ``similarity``
    (default 92), ``severity`` (default info).

    **Example.** ``The same text appears 3 times: “Record the child's own words wherever you can…”``
    """

    code = "FA202"
    name = "repeated-boilerplate"
    default_severity = "info"
    scope = "form"
    options = {
        "min_words": Option(
            int, 8, "fewest words a guidance sentence or declaration label must have", minimum=1
        ),
        "min_count": Option(int, 2, "fewest times the text must appear in one form", minimum=2),
        "similarity": Option(
            float,
            92.0,
            "rapidfuzz ratio (0-100) at which two texts count as the same",
            minimum=0,
            maximum=100,
        ),
    }

    def run(self) -> Iterable[Finding]:
        for form in self.ctx.forms:
            yield from self.check_form(form)

    def candidates(self, form: Form, min_words: int) -> list[tuple[Section, str, str]]:
        out: list[tuple[Section, str, str]] = []
        for s in form.sections:
            for sent in _SENTENCE_END.split(s.guidance or ""):
                sent = sent.strip()
                k = _key(sent)
                if word_count(sent) >= min_words:
                    out.append((s, sent, k))
            for f in s.fields:
                if f.repeat:
                    continue  # one grid row per person is FA103's business
                k = _key(f.label)
                if word_count(f.label) >= min_words and (
                    f.kind in ("checkbox", "signature") or _DECLARATION.search(f.label)
                ):
                    if f.label.rstrip().endswith("?"):
                        continue  # a question asked twice is a duplicate field (FA101)
                    out.append((s, f.label.strip(), k))
        return out

    def groups(self, form: Form) -> tuple[list[tuple[Section, str, str]], list[list[int]]]:
        """(candidates, groups of candidate indices repeated at least ``min_count`` times), in form order.
        Candidates are blocked by their first three words, then each block is compared in one rapidfuzz pass.
        """
        from ..semantics import UnionFind

        cands = self.candidates(form, self.options["min_words"])
        min_count = self.options["min_count"]
        similarity = self.options["similarity"]
        blocks: dict[str, list[int]] = {}
        for i, (_, _, k) in enumerate(cands):
            blocks.setdefault(" ".join(k.split()[:3]), []).append(i)
        uf = UnionFind(len(cands))
        for idx in blocks.values():
            if len(idx) > 1:
                for a, b, _ in similar_pairs([cands[i][2] for i in idx], similarity, fuzz.ratio):
                    uf.union(idx[a], idx[b])
        found: dict[int, list[int]] = {}
        for i in range(len(cands)):
            found.setdefault(uf.find(i), []).append(i)
        return cands, sorted((m for m in found.values() if len(m) >= min_count), key=lambda m: m[0])

    def check_form(self, form: Form) -> Iterable[Finding]:
        cands, groups = self.groups(form)
        for members in groups:
            text = cands[members[0]][1]
            secs: list[Section] = []
            for m in members:
                s = cands[m][0]
                if all(s is not x for x in secs):
                    secs.append(s)
            quote = text if len(text) <= 60 else text[:60].rstrip() + "…"
            words = word_count(text)
            yield self.finding(
                form.source,
                f"The same text appears {len(members)} times: “{quote}”",
                sections=[section_ref(form, s) for s in secs],
                why=f"{words}-word template text repeated in {len(secs)} section(s); state it once.",
                minutes=(len(members) - 1) * words / 200.0,  # re-reading it, at ~200 words a minute
                data={"count": len(members), "words": words},
            )
