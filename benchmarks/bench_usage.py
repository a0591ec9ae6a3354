"""Benchmark: ``formaudit usage`` against ``formaudit scan`` on the same N completed forms (not a test;
prints timings). The acceptance bar of issue 15 is usage < 2 × scan.

    python benchmarks/bench_usage.py          # 500 completions (300 Word, 200 fillable PDF)
    python benchmarks/bench_usage.py 100

Completions come from tests/usagebuild.py (needs reportlab, in the [test] extra). Both commands run as
subprocesses with the parsed-form cache off, so each reads every file afresh.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _time(args: list[str]) -> float:
    env = dict(os.environ, FORMAUDIT_NO_CACHE="1")
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "formaudit", *args], capture_output=True, env=env)
    dt = time.perf_counter() - t0
    if r.returncode not in (0, 1):
        sys.exit(f"{args[0]} failed: {r.stderr.decode()[:300]}")
    return dt


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    sys.path.insert(0, str(ROOT))
    from tests import usagebuild

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        usagebuild.build(root, n_docx=n * 3 // 5, n_pdf=n - n * 3 // 5, strangers=0)
        print(f"built {n} completions in {time.perf_counter() - t0:.1f} s")
        filled, templates = str(root / "filled"), str(root / "templates")
        scan = _time(["scan", filled, "--format", "json", "--no-cache"])
        usage = _time(["usage", filled, "--templates", templates, "--format", "json"])
        print(f"scan  {scan:6.1f} s")
        print(f"usage {usage:6.1f} s  ({usage / scan:.2f} × scan; bar: < 2 ×)")


if __name__ == "__main__":
    main()
