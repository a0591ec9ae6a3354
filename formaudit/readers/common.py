"""Text helpers shared by the readers: cleaning labels, reading ☐ choices and underscore blanks,
and deciding a field's kind from its label (patterns in ``rules/kinds.yaml``)."""

from __future__ import annotations

import functools
import re

from .. import ruledata
from ..textnorm import fold

BOX_CHARS = "☐☑☒□■▢❑❒❏❐◻◼⬜"
BOX_RE = re.compile(f"[{BOX_CHARS}]")
#: A blank to write on: 3+ underscores, dots or en/em-space fillers.
#: (dotted leaders: runs of dots, spaced dots ". . . . .", ellipses)
BLANK_RE = re.compile(r"_{3,}|\.{5,}|(?:\. ){4,}\.|…{2,}|[\u2002\u2003]{3,}")
#: A date blank: "__/__/____", "..../..../........", "dd/mm/yyyy".
DATE_BLANK_RE = re.compile(
    r"(?:_+|\.{2,}|…+)\s*/\s*(?:_+|\.{2,}|…+)\s*/\s*(?:_+|\.{2,}|…+)|\b[dD]{2}\s*/\s*[mM]{2}\s*/\s*[yY]{2,4}\b"
)
_UNBRACKETED_DATE_BLANK_RE = re.compile(r"(?<!\()(?:" + DATE_BLANK_RE.pattern + ")")
_TRAIL_MARKERS = re.compile(
    r"(\s*(\*+|\((required|mandatory|compulsory|optional)\)|\[(required|mandatory)\]))+\s*$", re.I
)
PLACEHOLDER_RE = re.compile(
    r"^(click|tap|choose|select|enter|type)\b.*\b(here|text|date|item|an? item)\b|^click or tap"
    r"|^[\[<]\s*(type|insert|enter|add|click)\b[^\]>]*[\]>]$",  # "[Insert name]", "<Enter date>"
    re.I,
)
#: An answer written as its options to delete or circle: "Yes / No", "Male / Female / Other (delete as
#: appropriate)" — two to six short capitalised options (up to three words each) separated by slashes.
_OPTION = r"[^\W\d_][\w'’-]*(?: [\w'’-]+){0,2}"
CIRCLE_OPTIONS_RE = re.compile(
    rf"^({_OPTION})((?:\s*/\s*{_OPTION}){{1,5}})\s*(\((?:please )?(?:delete|circle|underline|strike)[^)]*\))?$",
    re.I,
)


_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")


def _bracketed(s: str, m: re.Match) -> bool:
    """The match stands alone inside round brackets."""
    return s[: m.start()].rstrip().endswith("(") and s[m.end() :].lstrip().startswith(")")


def squash(s: str) -> str:
    """Collapse whitespace (including non-breaking and en spaces) to single spaces."""
    return " ".join(s.replace("\u00a0", " ").replace("\u2002", " ").replace("\u2003", " ").split())


#: Digits of a number read from a document that are converted; a longer whole part counts as "huge"
#: and is clamped, never converted (Python refuses int() of 4,300+ digits; 400 digits overflow a float).
MAX_DIGITS = 15
_NUM_RE = re.compile(r"\s*([0-9]*)(?:\.([0-9]*))?\s*$")


def bounded_number(text, lo: float, hi: float, default=None, integer: bool = True):
    """A plain decimal number from an untrusted document, clamped to ``lo``..``hi``; ``default`` when
    it is missing, signed or malformed (or, with ``integer``, has a fractional part)."""
    if text is None:
        return default
    m = _NUM_RE.match(str(text))
    if m is None:
        return default
    whole, frac = m.group(1), m.group(2)
    if not whole and not frac:
        return default
    if integer and frac is not None:
        return default
    whole = whole.lstrip("0") or "0"
    if len(whole) > MAX_DIGITS:
        v = hi
    else:
        v = float(f"{whole}.{(frac or '0')[:MAX_DIGITS]}") if not integer else int(whole)
    v = min(max(v, lo), hi)
    return int(v) if integer else float(v)


def clean_label(s: str) -> str:
    """The visible question text without blanks, tick boxes, trailing colons, asterisks or
    "(required)"-type markers. Wording is otherwise kept exactly as printed."""
    s = _UNBRACKETED_DATE_BLANK_RE.sub(" ", s)  # "(dd/mm/yy)" after a label is its format hint
    s = BLANK_RE.sub(" ", s)
    # a date format in brackets ("Date of visit (dd/mm/yyyy)") is part of the label; bare, it is a blank
    s = DATE_BLANK_RE.sub(lambda m: m.group(0) if _bracketed(s, m) else " ", s)
    s = _EMPTY_BRACKETS.sub(" ", s)
    s = BOX_RE.sub(" ", s)
    s = squash(s)
    prev = None
    while prev != s:
        prev = s
        s = _TRAIL_MARKERS.sub("", s).rstrip()
        s = s.rstrip(":：").rstrip()
        s = s.rstrip("_").rstrip()
    return s


def norm_key(s: str) -> str:
    """A comparison key: NFKC, quotes unified, casefolded, punctuation-trimmed."""
    s = fold(s)
    return " ".join(s.split()).strip(" .,:;*?!-–—()[]\"'")


def is_placeholder(s: str) -> bool:
    """Word's content-control prompt ("Click or tap here to enter text.") or similar answer prompts."""
    return bool(PLACEHOLDER_RE.search(squash(s)))


@functools.lru_cache(maxsize=8)
def _kind_rules(rules_dir: str | None = None):
    data = ruledata.load("kinds", rules_dir)
    pats = data.get("patterns", {})
    order = data.get("order", list(pats))
    compiled = [(k, [re.compile(p, re.I) for p in pats.get(k, [])]) for k in order]
    caps = [re.compile(p, re.I) for p in data.get("capacity_patterns", [])]
    return compiled, caps


@functools.lru_cache(maxsize=8)
def _label_rules(rules_dir: str | None = None):
    data = ruledata.load("kinds", rules_dir)
    stated = data.get("stated_options")
    generated = data.get("generated_names")
    return (
        re.compile(stated) if stated else None,
        {fold(x) for x in data.get("not_stated_options", [])},
        re.compile(generated, re.I) if generated else None,
    )


def stated_options(label: str) -> list[str]:
    """The answers a label lists itself ("Gender (M/F)" → ["M", "F"]), or [] (pattern in rules/kinds.yaml)."""
    pat, exclude, _ = _label_rules()
    if pat is None:
        return []
    m = pat.search(squash(label))
    if not m or fold(re.sub(r"\s+", "", m.group(1))) in exclude:
        return []
    return [o.strip() for o in m.group(1).split("/")]


def circled_options(text: str) -> list[str]:
    """The options of an answer printed as "Yes / No" (to delete or circle), or []."""
    m = CIRCLE_OPTIONS_RE.match(squash(text))
    if not m:
        return []
    opts = [o.strip() for o in (m.group(1) + m.group(2)).split("/")]
    # each option capitalised ("Yes/No"), so that "child/ren" and "and/or" are not options
    if not all(o and o[0].isupper() for o in opts) or len({o.casefold() for o in opts}) != len(opts):
        return []
    # printed options, not typed answers ("Smith / Jones"): a "delete as appropriate" note, or words of the
    # printed-option vocabulary (rules/kinds.yaml)
    if not m.group(3) and not all(fold(o) in _circle_words() for o in opts):
        return []
    return opts


@functools.lru_cache(maxsize=8)
def _circle_words(rules_dir: str | None = None) -> frozenset[str]:
    return frozenset(fold(w) for w in ruledata.load("kinds", rules_dir).get("printed_option_words", []))


def warm() -> None:
    """Load the readers' rule data (rules/kinds.yaml) and compile its patterns now: a forked worker pool
    calls this in the parent once, so no worker loads and compiles them again for each file."""
    _kind_rules()
    _label_rules()
    _circle_words()


def is_generated_name(name: str) -> bool:
    """A name an authoring tool made up for a control ("cc14", "Text10", "Check Box3"): never a label."""
    _, _, pat = _label_rules()
    return bool(pat and pat.match(squash(name)))


def kind_from_label(label: str, allow_long: bool = False) -> str | None:
    """The kind a label implies (``date``, ``phone``…), or None when it implies nothing.

    ``long_text`` is only returned when ``allow_long`` is set: whether an answer is long is first a
    matter of the answer area, and label cues are the fallback.
    """
    compiled, _ = _kind_rules()
    low = squash(label)
    for kind, pats in compiled:
        if kind == "long_text" and not allow_long:
            continue
        if any(p.search(low) for p in pats):
            return kind
    return None


def stated_word_limit(text: str) -> int | None:
    """A word limit stated in guidance ("max 200 words"), if any."""
    _, caps = _kind_rules()
    for p in caps:
        m = p.search(text)
        if m:
            return bounded_number(m.group(1), 0, 100_000, None)
    return None


_YES = {"yes", "y"}
_NO = {"no", "n"}


def yes_no_kind(options: list[str]) -> str:
    """``yes_no`` for Yes/No (optionally with "Not known"/"N/A"), otherwise ``choice``."""
    low = {norm_key(o) for o in options}
    if (
        low & _YES
        and low & _NO
        and len(low - _YES - _NO - {"not known", "n/a", "unknown", "don't know"}) == 0
    ):
        return "yes_no"
    return "choice"


def split_box_options(text: str) -> tuple[str, list[str]]:
    """Split "Label: Yes ☐ No ☐" or "Label ☐ Yes ☐ No" into (label, options).

    Boxes may precede or follow their option text; the label is the text before the first option.
    Returns ``(text, [])`` when there is no box.
    """
    if not BOX_RE.search(text):
        return clean_label(text), []
    parts = BOX_RE.split(text)
    # boxes before options: "Label ☐ A ☐ B"  -> parts = ["Label ", " A ", " B"]
    # boxes after options:  "Label: A ☐ B ☐" -> parts = ["Label: A ", " B ", ""]
    stripped = [squash(p) for p in parts]
    box_first = stripped[-1] != ""
    if box_first:
        label = stripped[0]
        opts = [clean_label(p) for p in stripped[1:]]
    else:
        # the text before each box is "label? option"; the first chunk holds label and first option
        first = stripped[0]
        label, first_opt = _split_label_option(first)
        opts = [first_opt] + [clean_label(p) for p in stripped[1:-1]]
    opts = [o for o in opts if o]
    return clean_label(label), opts


def _split_label_option(chunk: str) -> tuple[str, str]:
    """ "Consent given: Yes" -> ("Consent given", "Yes"); "Yes" -> ("", "Yes")."""
    m = re.match(r"^(.*[:?])\s*(.+)$", chunk)
    if m:
        return m.group(1), m.group(2)
    words = chunk.split()
    if len(words) <= 3:
        return "", chunk
    # no separator: take the last word as the option ("Has a GP Yes") — a rare layout
    return " ".join(words[:-1]), words[-1]


#: "Section A: The child", "Part 2 - The family": a part's number or letter opens a heading
PART_PREFIX_RE = re.compile(r"^(section|part)\s+([0-9]+|[A-Z])\s*[:.\-–—]\s*\S", re.I)
