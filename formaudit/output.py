"""Writing outputs safely.

* atomically: a temporary file in the same folder, flushed to disk, then renamed over the target;
* never over an existing file unless the user said ``--force`` — and never, even then, over one of
  the files this run read (:func:`note_input` records them), nor over anything that is not a regular
  file (a symbolic link, device, FIFO or folder);
* several files as a set (:func:`atomic_write_many`): all are written to temporary files first and only
  renamed into place once every one of them is complete, so a failure leaves none of them;
* a failure to write (read-only folder, full disk, file-size limit) is one line naming the file, never a
  traceback.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile

from .errors import UsageError

#: (device, inode, modification time) of every file read in this process: outputs may never replace
#: them. The time tells a file read earlier from a later file that reuses its inode number.
_inputs: set[tuple[int, int, int]] = set()


def note_input(path: str | os.PathLike) -> None:
    """Remember that ``path`` was read, so no output of this run can overwrite it (even with --force)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return
    _inputs.add((st.st_dev, st.st_ino, st.st_mtime_ns))


def _show(path: str) -> str:
    from .display import show_path

    return show_path(path)


def _check_target(path: str, force: bool) -> None:
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise UsageError(f"{_show(path)}: cannot write ({e.strerror or e})") from None
    if st is not None:
        try:
            real = os.stat(path)
        except OSError:
            real = st
        if (real.st_dev, real.st_ino, real.st_mtime_ns) in _inputs:
            raise UsageError(
                f"{_show(path)}: is one of the input files — formaudit never overwrites an input"
            )
        if not force:
            raise UsageError(f"{_show(path)}: already exists — use --force to overwrite")
        if not stat.S_ISREG(st.st_mode):
            what = "a symbolic link" if stat.S_ISLNK(st.st_mode) else "not a regular file"
            raise UsageError(f"{_show(path)}: is {what} — refusing to replace it, even with --force")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise UsageError(f"{_show(path)}: folder {_show(folder)} does not exist")


def _encode(data: str | bytes) -> bytes:
    if isinstance(data, bytes):
        return data
    # text never fails to encode: an undecodable file name kept by the OS shows as \udcXX
    return data.replace("\r\n", "\n").encode("utf-8", "backslashreplace")


def _write_temp(path: str, data: bytes) -> str:
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".formaudit-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes the file private; outputs get the usual mode
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def atomic_write(path: str | os.PathLike, data: str | bytes, force: bool = False) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, then rename over it."""
    atomic_write_many([(path, data)], force=force)


def atomic_write_many(items, force: bool = False) -> None:
    """Write several ``(path, data)`` outputs as a set: every target is checked, every temporary file
    written and flushed, and only then are they renamed into place (in the order given)."""
    items = [(os.fspath(p), d) for p, d in items]
    for path, _ in items:
        _check_target(path, force)
    temps: list[tuple[str, str]] = []
    current = items[0][0] if items else ""
    try:
        for path, data in items:
            current = path
            temps.append((_write_temp(path, _encode(data)), path))
        for tmp, path in temps:
            current = path
            os.replace(tmp, path)
    except BaseException as e:
        for tmp, _path in temps:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(e, OSError):
            raise UsageError(f"{_show(current)}: cannot write ({e.strerror or e})") from None
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
