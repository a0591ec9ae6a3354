"""Read form files in worker processes, each with a wall-time and a memory limit.

PDF and office parsers have no timeout and no memory ceiling of their own: a PDF object that refers to
itself can make pdfminer loop for ever, a flate bomb can take gigabytes. So files are read in forked
worker processes, one file at a time each:

* **wall time** — a worker still running after ``timeout`` seconds is killed (with its process group, so a
  LibreOffice conversion goes too) and the file gets one line: "stopped after N s";
* **memory** — the worker's address space (``RLIMIT_AS``) may grow by at most ``max_mb`` MiB beyond the
  size it was forked at; a file that needs more fails with "needs more than N MB of memory";
* **anything else** — an exception in a reader, a crash of a C library — is that file's one-line error.

``jobs`` workers run at once (default: every core this process may use); results come back in input
order whatever order the workers finish in, so output is identical for any ``jobs``. A worker is a
``fork`` of this process (reader modules already imported, so no interpreter start-up) that reads file
after file; one that is killed, crashes or runs out of memory is replaced by a fresh fork, and every worker
is renewed after ``FILES_PER_WORKER`` files. Where ``fork`` is not available the files are read in this process, one
after another, without the limits.

:func:`read_many` is the one entry point the commands use; :func:`set_defaults` is how the CLI's
``--jobs``, ``--file-timeout`` and ``--max-file-mb`` reach every command's reads.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import FormaudError, FormError
from .model import Form

#: Wall-clock seconds one file may take to read (``--file-timeout``; 0 = no limit). A 100-page PDF
#: form reads in about 3 s on one core; the margin covers a busy machine and LibreOffice's start-up.
DEFAULT_TIMEOUT_S = 60.0
#: MiB of memory one file's reading may add to the worker (``--max-file-mb``; 0 = no limit). Real
#: forms need well under 200 MiB.
DEFAULT_MAX_MB = 1024
#: Bytes read from a worker's pipe at a time.
_CHUNK = 1 << 16

_MiB = 1024 * 1024


@dataclass
class Limits:
    """How files are read: ``jobs`` workers at once (None = every core), ``timeout`` seconds and
    ``max_mb`` MiB per file (0 or None = unlimited)."""

    jobs: int | None = None
    timeout: float | None = DEFAULT_TIMEOUT_S
    max_mb: int | None = DEFAULT_MAX_MB


_defaults = Limits()


def set_defaults(jobs: int | None = None, timeout: float | None = None, max_mb: int | None = None) -> None:
    """Set the limits every later :func:`read_many` call uses unless it is given its own (the CLI calls
    this once from ``--jobs`` / ``--file-timeout`` / ``--max-file-mb``). None keeps a value as it is."""
    if jobs is not None:
        _defaults.jobs = jobs
    if timeout is not None:
        _defaults.timeout = timeout
    if max_mb is not None:
        _defaults.max_mb = max_mb


def defaults() -> Limits:
    return Limits(_defaults.jobs, _defaults.timeout, _defaults.max_mb)


def cpu_count() -> int:
    """Cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def can_isolate() -> bool:
    """True where files are read in forked workers with limits (Linux and other fork-safe POSIX)."""
    return hasattr(os, "fork") and sys.platform != "darwin" and not sys.platform.startswith("win")


def read_many(
    paths: Iterable[str | os.PathLike],
    *,
    jobs: int | None = None,
    timeout: float | None = None,
    max_mb: int | None = None,
    on_done: Callable[[Path], None] | None = None,
    options: dict | None = None,
    while_waiting: Callable[[], None] | None = None,
) -> Iterator[tuple[Path, Form | FormError]]:
    """Read every file of ``paths``; yield ``(path, Form)`` or ``(path, FormError)`` in input order.

    ``jobs``, ``timeout`` (seconds of wall time) and ``max_mb`` (MiB) default to :func:`set_defaults`'s
    values; ``on_done(path)`` is called as each file finishes, in completion order (for progress bars).
    ``options`` are passed to :func:`formaudit.readers.read_form`. ``while_waiting()`` is called once, in
    this process, after the workers have started (work that would otherwise wait for the reading to end).
    """
    from .output import note_input

    items = [Path(p) for p in paths]
    for p in items:
        note_input(p)  # no output of this run may overwrite a file it read, even with --force
    lim = defaults()
    jobs = lim.jobs if jobs is None else jobs
    timeout = lim.timeout if timeout is None else timeout
    max_mb = lim.max_mb if max_mb is None else max_mb
    jobs = cpu_count() if not jobs or jobs < 1 else jobs
    opts = dict(options or {})
    if not items:
        return
    if not can_isolate():
        if while_waiting:
            while_waiting()
        yield from _read_here(items, on_done, opts)
        return
    if len(items) > 1:
        _warm(items)
    pool = _Pool(items, min(jobs, len(items)), timeout or None, max_mb or None, on_done, opts)
    pool.while_waiting = while_waiting
    yield from pool.run()


def read_one(path: str | os.PathLike, **kwargs) -> Form:
    """Read one file with the same isolation as :func:`read_many`; raise its :class:`FormError`."""
    for _p, result in read_many([path], **kwargs):
        if isinstance(result, FormError):
            raise result
        return result
    raise FormError(path, "could not be read")  # pragma: no cover - read_many yields once per path


# ------------------------------------------------------------------------------------------- in-process
def _read_here(items: list[Path], on_done, opts) -> Iterator[tuple[Path, Form | FormError]]:
    for p in items:
        result = _read_guarded(p, opts, None)
        if on_done:
            on_done(p)
        yield p, result


def _read_guarded(p: Path, opts: dict, max_mb: int | None) -> Form | FormError:
    """``read_form`` with every failure turned into a one-line :class:`FormError`."""
    from .readers import read_form

    try:
        return read_form(p, **opts)
    except FormError as e:
        return e
    except FormaudError as e:
        return FormError(p, str(e))
    except MemoryError:
        return FormError(p, _memory_reason(max_mb))
    except RecursionError:
        return FormError(p, "nested too deeply to read — corrupt or hostile file")
    except Exception as e:  # a reader's bug or a parser failure on a hostile file: still one line
        msg = " ".join(str(e).split())[:100]
        return FormError(p, f"could not be read ({type(e).__name__}{': ' + msg if msg else ''})")


def _memory_reason(max_mb: int | None) -> str:
    if max_mb:
        return f"needs more than {max_mb} MB of memory to read (limit --max-file-mb {max_mb})"
    return "ran out of memory while reading"


def _warm(items: list[Path]) -> None:
    """Do once, before forking, what every worker would otherwise do again for each file: import the
    readers the files need (and the modules they import lazily), load the readers' rule data and compile
    its patterns. Loaded here, the workers inherit it with the fork."""
    from .readers import DOC_EXT, DOCX_EXT, MODEL_EXT, ODT_EXT, PDF_EXT

    exts = {p.suffix.lower() for p in items}
    try:
        from . import display, safety  # noqa: F401 - used by every reader / the form model
        from .readers import common

        if exts & set(DOCX_EXT + DOC_EXT + ODT_EXT):
            import docx  # noqa: F401

            from .readers import docx as _docx  # noqa: F401
        if exts & set(ODT_EXT):
            from .readers import odt  # noqa: F401
        if exts & set(PDF_EXT):
            import pdfplumber  # noqa: F401

            from .readers import pdf  # noqa: F401
            from .readers.pdf import filled, flat, limits  # noqa: F401

            flat.warm()
        if exts & set(MODEL_EXT):
            from .readers import model_file  # noqa: F401
        common.warm()
    except Exception:  # pragma: no cover - the worker meets the same problem and reports it per file
        pass


# ------------------------------------------------------------------------------------------- the pool
#: Frame header of a worker's answer: the payload's length in bytes (8 bytes, little-endian).
_HEADER = 8
#: A worker is retired and a fresh one forked after this many files, so that memory a reader's
#: libraries keep (fragmented heaps, caches) cannot pile up over a long run.
FILES_PER_WORKER = 64


@dataclass
class _Worker:
    pid: int
    tasks: int  # the parent writes file indices here
    answers: int  # the worker writes framed answers here
    buf: bytearray
    index: int | None = None  # the file it is reading
    deadline: float | None = None
    done: int = 0  # files it has read


class _Pool:
    """``jobs`` forked workers, each reading one file after another (a file's index in, a pickled answer
    out). A worker that overruns a file's deadline is killed with its process group and replaced; one
    that dies mid-file gives that file its one-line reason. Forking once per worker, not per file, saves
    the fork and the copy-on-write page faults every file used to pay (~10 ms of system time each)."""

    def __init__(self, items, jobs, timeout, max_mb, on_done, opts):
        self.items = items
        self.jobs = jobs
        self.timeout = timeout
        self.max_mb = max_mb
        self.on_done = on_done
        self.opts = opts
        #: the parent's ends of every live worker's pipes: a worker forked later must close its copies, or an
        #: earlier worker would never see the end of its task pipe
        self.parent_fds: set[int] = set()
        #: called once, after the first workers have started
        self.while_waiting: Callable[[], None] | None = None

    def run(self) -> Iterator[tuple[Path, Form | FormError]]:
        import selectors
        import time

        results: dict[int, Form | FormError] = {}
        workers: dict[int, _Worker] = {}  # by answer fd
        # largest files first, so that a long file does not start last and keep one core busy alone at the
        # end (file size stands in for reading time); results still come out in input order
        queue = sorted(range(len(self.items)), key=lambda i: (-_size(self.items[i]), i))
        queue.reverse()  # popped from the end
        sel = selectors.DefaultSelector()
        next_out = 0

        def done(w: _Worker, result: Form | FormError) -> None:
            results[w.index] = result
            if self.on_done:
                self.on_done(self.items[w.index])
            w.index, w.deadline = None, None
            w.done += 1

        def retire(w: _Worker, kill: bool) -> None:
            sel.unregister(w.answers)
            del workers[w.answers]
            self._stop(w, kill)

        try:
            while queue or any(w.index is not None for w in workers.values()):
                # give every idle worker a file; fork workers up to ``jobs`` while files wait
                idle = [w for w in workers.values() if w.index is None]
                while queue and (idle or len(workers) < self.jobs):
                    if idle:
                        w = idle.pop()
                    else:
                        w = self._start()
                        workers[w.answers] = w
                        sel.register(w.answers, selectors.EVENT_READ)
                    i = queue.pop()
                    w.index = i
                    w.deadline = time.monotonic() + self.timeout if self.timeout else None
                    try:
                        os.write(w.tasks, i.to_bytes(4, "little"))
                    except OSError:  # it died while idle: the file waits for another worker
                        queue.append(i)
                        w.index = None
                        retire(w, kill=True)
                        idle = [x for x in idle if x is not w]
                if self.while_waiting is not None:
                    waiting, self.while_waiting = self.while_waiting, None
                    waiting()
                now = time.monotonic()
                deadlines = [w.deadline for w in workers.values() if w.deadline is not None]
                wait = max(0.0, min(deadlines) - now) if deadlines else None
                for key, _ev in sel.select(wait):
                    w = workers.get(key.fd)
                    if w is None:
                        continue
                    try:
                        data = os.read(key.fd, _CHUNK)
                    except InterruptedError:  # pragma: no cover - PEP 475 retries
                        continue
                    except OSError:
                        data = b""
                    if data:
                        w.buf += data
                        answer = _frame(w.buf)
                        if answer is not None and w.index is not None:
                            result, leaving = self._answer(w, answer)
                            done(w, result)
                            if leaving or w.done >= FILES_PER_WORKER:
                                retire(w, kill=False)
                        continue
                    # end of the pipe: the worker has gone (crashed, killed, or out of memory)
                    if w.index is not None:
                        sel.unregister(w.answers)
                        del workers[w.answers]
                        status = self._stop(w, kill=True)
                        done(w, FormError(self.items[w.index], _death_reason(status, self.max_mb)))
                    else:
                        retire(w, kill=True)
                now = time.monotonic()
                for w in list(workers.values()):
                    if w.deadline is not None and now >= w.deadline:
                        retire(w, kill=True)
                        done(
                            w,
                            FormError(
                                self.items[w.index],
                                f"stopped after {self.timeout:g} s — reading took too long "
                                f"(limit --file-timeout {self.timeout:g})",
                            ),
                        )
                while next_out in results:
                    yield self.items[next_out], results.pop(next_out)
                    next_out += 1
        finally:
            for w in list(workers.values()):
                self._stop(w, kill=w.index is not None)
            sel.close()

    def _start(self) -> _Worker:
        import warnings

        tr, tw = os.pipe()  # tasks: parent -> worker
        ar, aw = os.pipe()  # answers: worker -> parent
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # "fork() may lead to deadlocks" (3.12+)
            # the parent's objects (modules, rule data, forms read so far) are frozen out of the garbage
            # collector across the fork: a collection in the worker would otherwise visit, and so copy from
            # the parent, every page holding one of them. The parent unfreezes at once; the worker's copy
            # stays frozen. (Left alone if the caller froze objects itself.)
            own_freeze = gc.get_freeze_count() == 0
            if own_freeze:
                gc.freeze()
            pid = os.fork()
            if pid and own_freeze:
                gc.unfreeze()
        if pid == 0:  # the worker: never returns
            code = 0
            try:
                for fd in (tw, ar, *self.parent_fds):
                    with contextlib.suppress(OSError):
                        os.close(fd)
                _serve(self.items, tr, aw, self.opts, self.max_mb)
            except BaseException:
                code = 70
            finally:
                os._exit(code)
        os.close(tr)
        os.close(aw)
        self.parent_fds.update((tw, ar))
        return _Worker(pid=pid, tasks=tw, answers=ar, buf=bytearray())

    def _answer(self, w: _Worker, payload: bytes) -> tuple[Form | FormError, bool]:
        """The file's result, and whether the worker is leaving after it (it ran out of memory)."""
        import pickle

        path = self.items[w.index]
        try:
            kind, value, leaving = pickle.loads(payload)
        except Exception:
            kind, value, leaving = "err", "could not be read (the worker's answer was damaged)", True
        if kind == "ok":
            return value, bool(leaving)
        return FormError(path, value), bool(leaving)

    def _stop(self, w: _Worker, kill: bool) -> int:
        """Close a worker's pipes (an idle worker then exits by itself), kill it first if ``kill``;
        return its exit status."""
        import signal

        if kill:
            for target in (lambda: os.killpg(w.pid, signal.SIGKILL), lambda: os.kill(w.pid, signal.SIGKILL)):
                try:
                    target()
                    break
                except OSError:
                    continue
        for fd in (w.tasks, w.answers):
            self.parent_fds.discard(fd)
            with contextlib.suppress(OSError):
                os.close(fd)
        return _reap(w.pid)


def _frame(buf: bytearray) -> bytes | None:
    """The payload of one complete answer at the start of ``buf`` (removed from it), or None."""
    if len(buf) < _HEADER:
        return None
    n = int.from_bytes(buf[:_HEADER], "little")
    if len(buf) < _HEADER + n:
        return None
    payload = bytes(buf[_HEADER : _HEADER + n])
    del buf[: _HEADER + n]
    return payload


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _reap(pid: int) -> int:
    while True:
        try:
            return os.waitpid(pid, 0)[1]
        except InterruptedError:  # pragma: no cover
            continue
        except ChildProcessError:
            return 0


def _death_reason(status: int, max_mb: int | None) -> str:
    import signal

    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig == signal.SIGKILL:
            # the kernel's out-of-memory killer, or someone else's kill
            return "the reader was killed (out of memory?) — " + _memory_reason(max_mb)
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = str(sig)
        return f"the reader crashed ({name}) — corrupt or hostile file"
    return "could not be read (the reader stopped without an answer)"


def _serve(items: list[Path], tasks: int, answers: int, opts: dict, max_mb: int | None) -> None:
    """In the forked worker: quiet, then read the files whose indices arrive on ``tasks``, one at a time,
    each under its own memory limit, and send each pickled result on ``answers``; exit at end of input."""
    import logging
    import pickle
    import signal
    import warnings

    with contextlib.suppress(OSError):
        os.setpgid(0, 0)  # own process group: a timeout kills LibreOffice conversions too
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):  # library chatter (pdfminer warnings, LibreOffice) never reaches the terminal
        os.dup2(devnull, fd)
    import faulthandler

    if faulthandler.is_enabled():  # its dump would go to an inherited copy of the terminal
        faulthandler.disable()
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    soft = _soft_memory_limit()
    while True:
        head = _read_exactly(tasks, 4)
        if head is None:
            return  # the parent closed the pipe: no more files
        index = int.from_bytes(head, "little")
        path = items[index]
        if max_mb:
            _limit_memory(max_mb, soft)  # this file may add max_mb to what the worker holds now
        result = _read_guarded(path, opts, max_mb)
        # after running out of memory, this worker leaves and a fresh one reads the next file
        leaving = isinstance(result, FormError) and result.reason == _memory_reason(max_mb)
        try:
            payload = pickle.dumps(
                ("ok", result, False) if isinstance(result, Form) else ("err", result.reason, leaving),
                protocol=pickle.HIGHEST_PROTOCOL,
            )
        except MemoryError:
            payload, leaving = pickle.dumps(("err", _memory_reason(max_mb), True)), True
        except Exception as e:
            payload = pickle.dumps(("err", f"could not be read ({type(e).__name__})", leaving))
        view = memoryview(len(payload).to_bytes(_HEADER, "little") + payload)
        while view:
            n = os.write(answers, view)
            view = view[n:]
        if leaving:
            return


def _read_exactly(fd: int, n: int) -> bytes | None:
    data = b""
    while len(data) < n:
        try:
            chunk = os.read(fd, n - len(data))
        except InterruptedError:  # pragma: no cover
            continue
        if not chunk:
            return None
        data += chunk
    return data


def _soft_memory_limit() -> int | None:
    """This process's soft address-space limit as it was before any file's limit (None: unlimited)."""
    try:
        import resource
    except ImportError:  # pragma: no cover
        return None
    soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
    return None if soft == resource.RLIM_INFINITY else soft


def _limit_memory(max_mb: int, ceiling: int | None = None) -> None:
    """Let this process's address space grow by ``max_mb`` MiB from its size now (soft limit only, so a
    LibreOffice conversion started from here may lift it for itself; never above ``ceiling``, the soft
    limit the worker started with, nor the hard limit)."""
    try:
        import resource
    except ImportError:  # pragma: no cover
        return
    base = _vm_size()
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = base + max_mb * _MiB
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if ceiling is not None:
        limit = min(limit, ceiling)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _vm_size() -> int:
    """This process's current virtual memory size in bytes (0 if unknown)."""
    try:
        with open("/proc/self/status", "rb") as fh:
            for line in fh:
                if line.startswith(b"VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def lift_memory_limit() -> None:
    """For a child program started from a worker (LibreOffice): restore the hard address-space limit."""
    try:
        import resource

        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
    except (ImportError, ValueError, OSError):
        pass
