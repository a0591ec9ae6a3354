"""What the terminal can take: its width (or none, when the output is not a terminal) and its encoding.

* :func:`width` — ``COLUMNS`` when set (as ruff and every POSIX tool honour it), else the terminal's width
  when stdout is a terminal, else None: piped and redirected output is never wrapped or cut.
* :func:`encodable` — text the stream's encoding can write: box-drawing and tree characters become ASCII
  (``━`` → ``-``, ``├──`` → ``+--``), a few typographic characters their ASCII spelling, anything else
  still unencodable a ``?``. Text the encoding can write is returned unchanged.
"""

from __future__ import annotations

import os
import sys

#: the narrowest terminal we lay tables out for (narrower COLUMNS values are treated as this), characters
MIN_WIDTH = 40

_ASCII = {
    # rich's table boxes and tree guides (U+2500 box drawing)
    **dict.fromkeys("─━═╌╍┄┅", "-"),
    **dict.fromkeys("│┃║╎╏┆┇", "|"),
    **dict.fromkeys("┌┏╔┍┎┐┓╗┑┒└┗╚┕┖┘┛╝┙┚├┣╠┝┞┟┠┡┢┤┫╣┥┦┧┨┩┪┬┳╦┯┰┭┮┱┲┴┻╩┷┸┵┶┹┺┼╋╬┿╀╁╂╃╄╅╆╇╈╉╊", "+"),
    "╭": "+",
    "╮": "+",
    "╯": "+",
    "╰": "+",
    # typography reports use
    "–": "-",
    "—": "-",
    "…": "...",
    "›": ">",
    "·": "*",
    "•": "*",
    "×": "x",
    "≥": ">=",
    "≤": "<=",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "☐": "[ ]",
    "☑": "[x]",
    "☒": "[x]",
    "✓": "v",
    "→": "->",
    "\u00a0": " ",
}


def width(stream=None) -> int | None:
    """Columns to lay text out in, or None for "do not wrap" (see the module docstring)."""
    raw = os.environ.get("COLUMNS", "").strip()
    if raw.isdigit() and int(raw) > 0:
        return max(int(raw), MIN_WIDTH)
    stream = stream if stream is not None else sys.stdout
    try:
        if stream.isatty():
            return max(os.get_terminal_size(stream.fileno()).columns, MIN_WIDTH)
    except (AttributeError, OSError, ValueError):
        pass
    return None


def encoding_of(stream=None) -> str:
    stream = stream if stream is not None else sys.stdout
    return getattr(stream, "encoding", None) or "utf-8"


def encodable(text: str, encoding: str | None = None) -> str:
    """``text`` as the ``encoding`` (default: stdout's) can write it (see the module docstring)."""
    enc = encoding or encoding_of()
    try:
        text.encode(enc)
        return text
    except UnicodeEncodeError:
        pass
    except LookupError:  # an encoding Python does not know: leave the text to the stream
        return text
    out = []
    for ch in text:
        try:
            ch.encode(enc)
            out.append(ch)
        except UnicodeEncodeError:
            out.append(_ASCII.get(ch, "?"))
    return "".join(out)
