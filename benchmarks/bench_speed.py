"""Benchmark: the speed figures of the README, measured side by side in one run (not a test).

    python benchmarks/bench_speed.py                    # sample_forms/ and ../shared/eval*/forms when present
    python benchmarks/bench_speed.py FOLDER... [--reps N] [--copies K]

``--copies K`` reads every file K times (K links to it under different names): the 50 forms at hand become
500 files, the scale a lead scans at, where start-up and the checks after reading weigh less. Copies are
renderings of one form to the checks (fewer cross-form findings than 500 different forms would give);
reading — most of the time — is the same work for each copy.

Every figure is a ratio of two commands run in the same session, interleaved, ``--reps`` times (median), so
a shared or busy machine affects both sides alike. Each command runs as a subprocess (start-up included, as
a user sees it); CPU is user+sys of the process and its children (a ``--jobs`` pool included), wall is
elapsed time. The machine this was written on has 2 cores shared by other work: read CPU first. Python's
bytecode cache is on (``PYTHONDONTWRITEBYTECODE`` is dropped), as for an installed package.

* **bare parse vs scan** — a bare parse opens every file with the same libraries and walks it (python-docx:
  every paragraph and cell, nested tables included; pdfplumber: words with font name and size, rects, lines,
  curves and the AcroForm field tree), against ``formaudit scan --no-cache`` (read + interpret + checks).
* **cold vs warm cache** — ``formaudit scan`` into an empty cache folder, then again (every file a hit).
* **--jobs 1 vs --jobs 2** — only when ``formaudit scan --help`` offers ``--jobs``.
* **check of one template** (without the cache, and with its reading cached) and **--version**: wall and CPU.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORM_SUFFIXES = (".docx", ".pdf")
#: the template `formaudit check` is timed on
TEMPLATE = ROOT / "sample_forms" / "multi-agency-referral_A.docx"


# ----------------------------------------------------------------------------------------------- bare parse
def bare_docx(path: str) -> int:
    import docx

    d = docx.Document(path)
    n = 0

    def walk(container) -> None:
        nonlocal n
        for p in container.paragraphs:
            n += len(p.text)
        for t in container.tables:
            for row in t.rows:
                for cell in row.cells:
                    walk(cell)

    walk(d)
    for s in d.sections:
        for part in (s.header, s.footer):
            walk(part)
    return n


def bare_pdf(path: str) -> int:
    import pdfplumber
    from pdfminer.pdftypes import resolve1

    n = 0
    with pdfplumber.open(path) as pdf:
        acro = resolve1(pdf.doc.catalog.get("AcroForm"))
        stack = list(resolve1(acro.get("Fields")) or []) if isinstance(acro, dict) else []
        seen = set()
        while stack:
            f = stack.pop()
            key = getattr(f, "objid", id(f))
            if key in seen:
                continue
            seen.add(key)
            f = resolve1(f)
            if isinstance(f, dict):
                n += 1
                stack.extend(resolve1(f.get("Kids")) or [])
        for page in pdf.pages:
            n += len(
                page.extract_words(extra_attrs=["fontname", "size"], use_text_flow=False, x_tolerance=1.5)
            )
            n += len(page.rects) + len(page.lines) + len(page.curves)
            page.close()
    return n


def bare_main(files: list[str]) -> None:
    for f in files:
        try:
            (bare_pdf if f.lower().endswith(".pdf") else bare_docx)(f)
        except Exception as e:  # a corrupt file costs what it costs; report and go on
            print(f"bare parse: {f}: {type(e).__name__}", file=sys.stderr)


# -------------------------------------------------------------------------------------------- measurement
def _exe() -> list[str]:
    here = Path(sys.executable).parent / "formaudit"
    return [str(here)] if here.exists() else [sys.executable, "-m", "formaudit"]


def run(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """(CPU user+sys of the command and its children, wall) in seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode not in (0, 1):
        sys.exit(f"failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def med(xs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(x[0] for x in xs), statistics.median(x[1] for x in xs)


def line(what: str, a: tuple[float, float], b: tuple[float, float], an: str, bn: str, goal: str) -> None:
    print(
        f"{what:28} {an} {a[0]:6.2f} s CPU {a[1]:6.2f} s wall | {bn} {b[0]:6.2f} s CPU {b[1]:6.2f} s wall"
        f" | ratio CPU {b[0] / a[0]:5.2f} wall {b[1] / a[1]:5.2f}   goal {goal}"
    )


def main(argv: list[str]) -> None:
    reps, copies = 3, 1
    if "--reps" in argv:
        i = argv.index("--reps")
        reps = int(argv[i + 1])
        del argv[i : i + 2]
    if "--copies" in argv:
        i = argv.index("--copies")
        copies = max(1, int(argv[i + 1]))
        del argv[i : i + 2]
    roots = [Path(a) for a in argv] or [
        p
        for p in (
            ROOT / "sample_forms",
            ROOT.parent / "shared" / "eval" / "forms",
            ROOT.parent / "shared" / "eval-2" / "forms",
        )
        if p.is_dir()
    ]
    files = sorted(str(f) for r in roots for f in r.rglob("*") if f.suffix.lower() in FORM_SUFFIXES) * copies
    n_docx = sum(1 for f in files if f.lower().endswith(".docx"))
    exe = _exe()
    tmp = Path(tempfile.mkdtemp(prefix="formaudit-bench-"))
    # as installed: Python's bytecode cache on (an installed package has its .pyc files; with
    # PYTHONDONTWRITEBYTECODE set, every run would compile formaudit's modules from source again)
    dropped = ("FORMAUDIT_CACHE_DIR", "FORMAUDIT_NO_CACHE", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    subprocess.run([*exe, "rules"], stdout=subprocess.DEVNULL, env=env)  # writes the .pyc files once
    # one folder of links, so every command sees exactly these files
    corpus = tmp / "corpus"
    corpus.mkdir()
    for i, f in enumerate(files):
        os.symlink(os.path.abspath(f), corpus / f"{i:04d}-{Path(f).name}")
    has_jobs = "--jobs" in subprocess.run([*exe, "scan", "--help"], capture_output=True, text=True).stdout
    print(
        f"{len(files)} files ({n_docx} DOCX, {len(files) - n_docx} PDF"
        + (f"; {len(files) // copies} forms read {copies} times each" if copies > 1 else "")
        + f") from {', '.join(map(str, roots))}; "
        f"{os.cpu_count()} cores; median of {reps} interleaved runs; CPU = user+sys incl. children"
    )
    bare_cmd = [sys.executable, __file__, "--bare", *files]
    scan_cmd = [*exe, "scan", str(corpus), "--format", "json"]
    keys = ("bare", "scan", "cold", "warm", "j1", "j2", "check", "check_warm", "version")
    res: dict[str, list] = {k: [] for k in keys}
    try:
        for r in range(reps):
            cache = tmp / f"cache{r}"
            res["bare"].append(run(bare_cmd, env))
            res["scan"].append(run([*scan_cmd, "--no-cache"] + (["--jobs", "1"] if has_jobs else []), env))
            res["cold"].append(
                run([*scan_cmd, "--cache-dir", str(cache)] + (["--jobs", "1"] if has_jobs else []), env)
            )
            res["warm"].append(
                run([*scan_cmd, "--cache-dir", str(cache)] + (["--jobs", "1"] if has_jobs else []), env)
            )
            if has_jobs:
                res["j1"].append(run([*scan_cmd, "--no-cache", "--jobs", "1"], env))
                res["j2"].append(run([*scan_cmd, "--no-cache", "--jobs", "2"], env))
            check_cmd = [*exe, "check", "--format", "github", str(TEMPLATE)]
            res["check"].append(run([*check_cmd, "--no-cache"], env))
            run([*check_cmd, "--cache-dir", str(cache)], env)  # the template's reading into the cache
            res["check_warm"].append(run([*check_cmd, "--cache-dir", str(cache)], env))
            res["version"].append(run([*exe, "--version"], env))
        m = {k: med(v) for k, v in res.items() if v}
        print()
        line("bare parse vs scan", m["bare"], m["scan"], "bare", "scan", "scan ≤ 1.5× bare CPU")
        line("cold vs warm cache", m["cold"], m["warm"], "cold", "warm", "warm ≤ 0.05× cold")
        if has_jobs:
            line("--jobs 1 vs --jobs 2", m["j1"], m["j2"], "j1", "j2", "j2 wall ≤ 1/1.8 of j1")
            print(
                f"{'--jobs 2 vs bare parse':28} wall {m['j2'][1]:.2f} s vs {m['bare'][1]:.2f} s: "
                f"ratio {m['j2'][1] / m['bare'][1]:.2f}   goal ≤ 0.8"
            )
        else:
            print(f"{'--jobs 1 vs --jobs 2':28} (this formaudit has no --jobs: not measured)")
        print(
            f"{'check of one template':28} {m['check'][0]:.3f} s CPU {m['check'][1]:.3f} s wall; parsed form "
            f"cached {m['check_warm'][0]:.3f} s CPU {m['check_warm'][1]:.3f} s wall   goal ≤ 0.25 s  ({TEMPLATE.name})"
        )
        print(
            f"{'formaudit --version':28} {m['version'][0]:.3f} s CPU {m['version'][1]:.3f} s wall   goal ≤ 0.060 s"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--bare"]:
        bare_main(sys.argv[2:])
    else:
        main(sys.argv[1:])
