"""Writing outputs safely: atomically (temp file + rename) and never over an existing file
unless the user said ``--force``."""

from __future__ import annotations

import contextlib
import os
import tempfile

from .errors import UsageError


def atomic_write(path: str | os.PathLike, data: str | bytes, force: bool = False) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, then rename over it."""
    path = os.fspath(path)
    if os.path.exists(path) and not force:
        raise UsageError(f"{path}: already exists — use --force to overwrite")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise UsageError(f"{path}: folder {folder} does not exist")
    mode = "wb" if isinstance(data, bytes) else "w"
    fd, tmp = tempfile.mkstemp(prefix=".formaudit-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": "\n"})) as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes the file private; outputs get the usual mode
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
