"""A content-addressed cache of parsed forms, so re-scanning unchanged files skips reading them.

An entry is the form model of one file (:meth:`Form.to_dict` — labels and structure, never answer values)
stored under a key made of:

* the SHA-256 of the file's bytes (so a renamed or moved file still hits, and any edit misses);
* a *reader digest*: formaudit's version, the SHA-256 of formaudit's own source files and shipped rules
  (a changed reader or vocabulary never serves an old reading), the versions of the parsing libraries, and
  the read options.

Entries live in the platform cache folder (``platformdirs`` when installed, else ``$XDG_CACHE_HOME`` or
``~/.cache``, then ``formaudit/``), or ``--cache-dir`` / ``$FORMAUDIT_CACHE_DIR``. Each is written to a
temporary file and renamed into place, so two runs at once never see half an entry; each carries a checksum
of its content, and anything unreadable, mismatched or corrupt is treated as a miss (and removed). The folder
is bounded: after a run that added entries, the least recently used are removed until it is under
:data:`MAX_BYTES`.

Usage::

    cache = FormCache(default_dir())
    form = cache.get(path)          # Form or None
    if form is None:
        form = read_form(path)
        cache.put(path, form)
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import stat
from pathlib import Path
from typing import Any

from .model import Form

#: Layout version of an entry (bumped when the entry format changes).
ENTRY_SCHEMA = "formaudit.cache/1"
#: Default size bound of the cache folder, in bytes (entries are a few kB each: this is thousands of forms).
MAX_BYTES = 256 * 1024 * 1024
#: After eviction the folder is brought down to this fraction of the bound (so eviction is not run per put).
EVICT_TO = 0.8
#: Libraries (import names) whose version changes what a reader produces.
_READER_LIBS = ("docx", "pdfplumber", "pdfminer", "pypdfium2", "lxml")
#: Extensions read by converting a copy with LibreOffice: the result depends on the installed office suite,
#: which the key cannot capture, so these are never cached.
_UNCACHED_EXT = (".doc", ".dot")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _max_file_bytes() -> int:
    from .readers import MAX_FILE_BYTES

    return MAX_FILE_BYTES


def default_dir() -> Path:
    """``$FORMAUDIT_CACHE_DIR``, else the platform user cache folder + ``formaudit``."""
    env = os.environ.get("FORMAUDIT_CACHE_DIR")
    if env:
        return Path(env)
    try:
        import platformdirs

        return Path(platformdirs.user_cache_dir("formaudit", appauthor=False))
    except ImportError:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        return Path(base) / "formaudit"


@functools.lru_cache(maxsize=1)
def reader_digest() -> str:
    """What, besides a file's bytes, decides what the readers make of it (hex SHA-256)."""
    from . import __version__

    h = _sha256()
    h.update(f"{ENTRY_SCHEMA}\0{__version__}\0".encode())
    pkg = Path(__file__).resolve().parent
    files = sorted(pkg.rglob("*.py"))
    from .ruledata import _packaged_dir

    rules = _packaged_dir()
    with contextlib.suppress(OSError, TypeError):  # a zipped install: the version stands for the rules
        files += sorted(Path(str(rules)).glob("*.yaml"))
    for f in files:
        try:
            h.update(str(f.relative_to(f.parent.parent)).encode() + b"\0" + f.read_bytes() + b"\0")
        except (OSError, ValueError):
            continue
    import importlib.util

    for lib in _READER_LIBS:  # where each library is installed and its entry file's size and time
        try:
            spec = importlib.util.find_spec(lib)
            st = os.stat(spec.origin) if spec and spec.origin else None
            h.update(
                f"{lib}={spec.origin if spec else '-'}:{st.st_size if st else 0}:{st.st_mtime_ns if st else 0}\0".encode()
            )
        except (ImportError, ValueError, OSError):
            h.update(f"{lib}=-\0".encode())
    return h.hexdigest()


def _sha256(data: bytes = b""):
    import hashlib  # here, not at the top: `--no-cache` runs never pay for it

    return hashlib.sha256(data)


def _canonical(d: Any, sort_keys: bool = True) -> bytes:
    # ASCII with escapes: any text a reader produced (a lone surrogate from a broken PDF font included)
    # round-trips exactly
    return json.dumps(d, sort_keys=sort_keys, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def _encode(header: dict[str, Any], payload: Any, sort_keys: bool = True) -> bytes:
    """An entry: one line of JSON header (schema, key, SHA-256 of the payload), then the payload as JSON."""
    body = _canonical(payload, sort_keys)
    head = dict(header, schema=ENTRY_SCHEMA, sha256=_sha256(body).hexdigest())
    return _canonical(head) + b"\n" + body


def _decode(raw: bytes, key: str, object_hook=None) -> tuple[dict[str, Any], Any]:
    """(header, payload) of an entry written under ``key``; ValueError if it is not exactly that."""
    head_raw, sep, body = raw.partition(b"\n")
    if not sep:
        raise ValueError("no header")
    head = json.loads(head_raw)
    if not isinstance(head, dict) or head.get("schema") != ENTRY_SCHEMA or head.get("key") != key:
        raise ValueError("foreign entry")
    if _sha256(body).hexdigest() != head.get("sha256"):
        raise ValueError("checksum mismatch")
    return head, json.loads(body, object_hook=object_hook)


def _shown(path: str | os.PathLike) -> str:
    """``path`` as a reader sets ``Form.source`` (undecodable bytes and controls escaped)."""
    from .display import show_path

    return show_path(str(Path(path)))


class FormCache:
    """Parsed forms by content hash, in ``root``. Every method is safe to call concurrently from several
    processes; every failure to read or write the cache is silent (the file is simply read)."""

    def __init__(self, root: str | os.PathLike, max_bytes: int = MAX_BYTES, options: dict | None = None):
        self.root = Path(root)
        self.dir = self.root / "forms"
        self.results_dir = self.root / "results"
        self.max_bytes = max_bytes
        self.options = dict(options or {})
        self.hits = 0
        self.misses = 0
        self.added = 0
        #: path → key computed by get(), so put() can tell if the file changed while it was being read
        self._keys: dict[str, str] = {}

    # -- keys ----------------------------------------------------------------------------------------

    def key(self, path: str | os.PathLike) -> str | None:
        """The cache key of ``path``'s current content, or None if it is not cacheable/readable."""
        p = Path(path)
        if p.suffix.lower() in _UNCACHED_EXT:
            return None
        try:
            # O_NONBLOCK and a regular-file check: a FIFO or device named as a form never blocks or is read
            fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                os.close(fd)
                return None
            with os.fdopen(fd, "rb") as fh:
                size = os.fstat(fh.fileno()).st_size
                if size == 0 or size > _max_file_bytes():  # refused by read_form: nothing to cache
                    return None
                head = fh.read(8)
                if head == _OLE_MAGIC:  # a legacy .doc under another name: converted, not cached
                    return None
                h = _sha256(head)
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
        except OSError:
            return None
        h.update(b"\0" + reader_digest().encode())
        if self.options:
            h.update(b"\0" + _canonical(self.options))
        return h.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    # -- get / put -----------------------------------------------------------------------------------

    def get(self, path: str | os.PathLike) -> Form | None:
        """The cached form of ``path`` (with ``source`` set to ``path``), or None."""
        key = self.key(path)
        if key is None:
            return None
        self._keys[str(path)] = key
        entry = self._entry(key)
        try:
            raw = entry.read_bytes()
        except OSError:
            self.misses += 1
            return None
        form = self._decode(raw, key, _shown(path))
        if form is None:
            self.misses += 1
            _unlink(entry)  # corrupt or foreign: never trusted, and replaced by the next put
            return None
        with contextlib.suppress(OSError):
            os.utime(entry)  # recently used: evicted last
        self.hits += 1
        return form

    @staticmethod
    def _decode(raw: bytes, key: str, source: str) -> Form | None:
        try:
            head, data = _decode(raw, key)
            form = Form.from_dict(data)
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        if head.get("source_is_path", True):
            form.source = source
        return form

    def put(self, path: str | os.PathLike, form: Form) -> None:
        """Store ``form``, the reading of ``path`` (skipped if the file changed since :meth:`get`)."""
        key = self.key(path)
        if key is None or self._keys.get(str(path), key) != key:
            return
        head = {"key": key, "source_is_path": form.source == _shown(path)}
        try:
            data = _encode(head, form.to_dict())
        except (TypeError, ValueError):  # not JSON: read afresh next time
            return
        if self._write(self._entry(key), data):
            self.added += 1

    @staticmethod
    def _write(entry: Path, data: bytes) -> bool:
        """Write ``data`` to ``entry`` atomically (a temporary file renamed into place); False on failure."""
        import tempfile

        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, entry)  # atomic: a concurrent reader sees the old entry or the new one
            except BaseException:
                _unlink(Path(tmp))
                raise
        except (OSError, ValueError, TypeError):
            return False
        return True

    # -- check results ---------------------------------------------------------------------------------

    def result_key(
        self, kind: str, files, settings: dict[str, Any], rules_dir: str | None = None
    ) -> str | None:
        """The key of a run of the checks over ``files`` (in order) with ``settings`` and the rules in
        ``rules_dir``, or None if some file is not cacheable (then the checks always run)."""
        h = _sha256(f"{ENTRY_SCHEMA}\0{kind}\0{reader_digest()}\0".encode())
        for p in files:
            k = self._keys.get(str(p)) or self.key(p)
            if k is None:
                return None
            h.update(f"{p}\0{k}\0".encode("utf-8", "surrogateescape"))  # non-UTF-8 file names
        try:
            h.update(_canonical(_tag(settings)))
        except TypeError:
            return None
        if rules_dir:
            try:
                for f in sorted(Path(rules_dir).iterdir()):
                    if f.is_file():
                        h.update(f.name.encode("utf-8", "surrogateescape") + b"\0" + f.read_bytes() + b"\0")
            except OSError:
                return None
        return h.hexdigest()

    def reuse(self, kind: str, files, settings: dict[str, Any], rules_dir: str | None, compute):
        """``compute()`` — or the value it returned in an earlier run of ``kind`` over the same ``files``
        (same content, same order), ``settings`` and rules. ``compute`` must be deterministic and return
        what :meth:`put_result` can store (a dict of findings, numbers, text…)."""
        key = self.result_key(kind, files, settings, rules_dir)
        if key is not None:
            hit = self.get_result(key)
            if hit is not None:
                return hit
        value = compute()
        if key is not None:
            self.put_result(key, value)
            self.close()
        return value

    def _result_entry(self, key: str) -> Path:
        return self.results_dir / key[:2] / f"{key}.json"

    def get_result(self, key: str) -> Any:
        """The value stored by :meth:`put_result` under ``key``, or None."""
        entry = self._result_entry(key)
        try:
            value = _decode(entry.read_bytes(), key, _untag_hook)[1]
        except OSError:
            return None
        except (ValueError, KeyError, TypeError, AttributeError, IndexError):
            _unlink(entry)
            return None
        with contextlib.suppress(OSError):
            os.utime(entry)
        return value

    def put_result(self, key: str, value: Any) -> None:
        """Store ``value`` (findings, minutes…: built of dicts, lists, tuples, str, numbers, None and
        :class:`Finding`) under ``key``, order kept; silently skipped if it holds anything else."""
        try:
            data = _encode({"key": key}, _tag(value), sort_keys=False)
        except (TypeError, ValueError):
            return
        if self._write(self._result_entry(key), data):
            self.added += 1

    # -- housekeeping --------------------------------------------------------------------------------

    def _entries(self) -> list[tuple[float, int, Path]]:
        out = []
        for top in (self.dir, self.results_dir):
            if not top.is_dir():
                continue
            for sub in top.iterdir():
                if not sub.is_dir():
                    continue
                for e in sub.iterdir():
                    try:
                        st = e.stat()
                    except OSError:
                        continue
                    out.append((st.st_mtime, st.st_size, e))
        return out

    def size(self) -> tuple[int, int]:
        """(entries, bytes) in the cache."""
        es = [e for e in self._entries() if e[2].suffix == ".json" and not e[2].name.startswith(".tmp-")]
        return len(es), sum(s for _, s, _ in es)

    def evict(self) -> int:
        """Remove least recently used entries until the folder is under the bound; returns how many."""
        es = self._entries()
        total = sum(s for _, s, _ in es)
        if total <= self.max_bytes:
            return 0
        target = int(self.max_bytes * EVICT_TO)
        removed = 0
        for _, s, e in sorted(es, key=lambda t: t[0]):
            if total <= target:
                break
            if _unlink(e):
                removed += 1
            total -= s
        return removed

    def close(self) -> None:
        """End of a run: keep the folder within its bound if this run added anything."""
        if self.added:
            self.evict()

    def clear(self) -> int:
        """Remove every entry; returns how many were removed."""
        n = 0
        for _, _, e in self._entries():
            if _unlink(e) and not e.name.startswith(".tmp-"):
                n += 1
        for top in (self.dir, self.results_dir):
            for sub in top.iterdir() if top.is_dir() else ():
                with contextlib.suppress(OSError):
                    sub.rmdir()
        return n


#: Marks the one key of a JSON object that stands for a tuple, a dict with non-text keys or a finding.
_T = "\x00"


def _tag(v: Any) -> Any:
    """``v`` as JSON that :func:`_untag_hook` turns back into an equal value of the same types (tuples stay
    tuples, dict keys keep their types and order, findings stay findings). TypeError for anything else."""
    from .model import Finding

    t = type(v)
    if v is None or t in (str, int, float, bool):
        return v
    if t is list:
        return [_tag(x) for x in v]
    if t is tuple:
        return {_T + "t": [_tag(x) for x in v]}
    if t is dict:
        if all(type(k) is str and not k.startswith(_T) for k in v):
            return {k: _tag(x) for k, x in v.items()}
        return {_T + "d": [[_tag(k), _tag(x)] for k, x in v.items()]}
    if t is Finding:
        return {_T + "F": {k: _tag(x) for k, x in vars(v).items()}}
    raise TypeError(f"cannot cache a {t.__name__}")


def _untag_hook(d: dict[str, Any]) -> Any:
    if len(d) == 1:
        ((k, x),) = d.items()
        if k.startswith(_T):
            from .model import Finding

            if k == _T + "t":
                return tuple(x)
            if k == _T + "d":
                return {kk: vv for kk, vv in x}
            if k == _T + "F":
                return Finding(**x)
            raise ValueError(f"unknown tag {k!r}")
    return d


def _unlink(p: Path) -> bool:
    try:
        p.unlink()
        return True
    except OSError:
        return False


# -- the cache the commands use ------------------------------------------------------------------------

_config: dict[str, Any] = {"enabled": False, "dir": None}
_active: FormCache | None = None


def configure(enabled: bool, directory: str | os.PathLike | None = None) -> None:
    """Turn the shared cache on or off (the CLI does, from ``--no-cache``/``--cache-dir``).

    ``$FORMAUDIT_NO_CACHE`` (any non-empty value) turns it off whatever is asked here.
    """
    global _active
    _config["enabled"] = bool(enabled) and not os.environ.get("FORMAUDIT_NO_CACHE")
    _config["dir"] = directory
    _active = None


def active() -> FormCache | None:
    """The shared cache if configured on, else None (library use is uncached unless configured)."""
    global _active
    if not _config["enabled"]:
        return None
    if _active is None:
        _active = FormCache(_config["dir"] or default_dir())
    return _active
