"""Paths as reports show them: relative to the repository (git top level) that holds the file, with ``/``.

Used by the gate (fingerprints, baselines) and by the CI reporters (SARIF, JUnit, GitHub annotations).
"""

from __future__ import annotations

import os

_ROOTS: dict[str, str | None] = {}


def repo_root(path: str | os.PathLike) -> str | None:
    """The git top-level folder holding ``path`` (the nearest folder upward with a ``.git``), or None."""
    d = os.path.dirname(os.path.abspath(path))
    seen = []
    root: str | None = None
    while True:
        if d in _ROOTS:
            root = _ROOTS[d]
            break
        seen.append(d)
        if os.path.exists(os.path.join(d, ".git")):
            root = d
            break
        parent = os.path.dirname(d)
        if parent == d:
            break
        d = parent
    for s in seen:
        _ROOTS[s] = root
    return root


def repo_path(path: str | os.PathLike) -> str:
    """``path`` relative to its repository root (git top level, else the current folder), with ``/``."""
    ap = os.path.abspath(path)
    base = repo_root(ap) or os.getcwd()
    try:
        rel = os.path.relpath(ap, base)
    except ValueError:  # another drive on Windows
        rel = ap
    return rel.replace(os.sep, "/")
