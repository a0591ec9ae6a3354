"""Benchmark: command-line start-up and ``formaudit check`` of one template (not a test; prints timings).

    python benchmarks/bench_cli.py                       # the sample multi-agency referral (DOCX)
    python benchmarks/bench_cli.py path/to/template.docx

Runs the installed ``formaudit`` script (the one beside this Python, else on PATH) as a subprocess, as a
user or CI would: ``formaudit --version`` 10 times and ``formaudit check TEMPLATE`` 5 times, and prints the
medians against the goals (150 ms start-up, 0.5 s check). Also times the check against the sample-form
library (``--library``), which reads every library form too.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_STARTUP, GOAL_CHECK = 0.150, 0.5


def _exe() -> list[str]:
    here = Path(sys.executable).parent / "formaudit"
    if here.exists():
        return [str(here)]
    found = shutil.which("formaudit")
    return [found] if found else [sys.executable, "-m", "formaudit"]


def _median(cmd: list[str], runs: int, cwd: str) -> tuple[float, int]:
    times, rc = [], 0
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")}
    for _ in range(runs):
        t0 = time.perf_counter()
        rc = subprocess.run(
            cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        ).returncode
        times.append(time.perf_counter() - t0)
    return statistics.median(times), rc


def main(argv: list[str]) -> None:
    template = Path(argv[0]).resolve() if argv else ROOT / "sample_forms" / "multi-agency-referral_A.docx"
    exe = _exe()
    with tempfile.TemporaryDirectory() as tmp:  # no config file above: the defaults
        startup, _ = _median([*exe, "--version"], 10, tmp)
        check, rc = _median([*exe, "check", str(template), "--exit-zero"], 5, tmp)
        library = ROOT / "sample_forms"
        lib, _ = _median([*exe, "check", str(template), "--library", str(library), "--exit-zero"], 5, tmp)
    print(
        f"formaudit --version        median of 10: {startup * 1000:6.0f} ms   (goal {GOAL_STARTUP * 1000:.0f} ms)"
    )
    print(f"formaudit check TEMPLATE   median of 5:  {check:6.2f} s    (goal {GOAL_CHECK} s; exit {rc})")
    print(f"  with --library sample_forms/ (12 forms) median of 5: {lib:.2f} s")
    print(f"template: {template.name}")


if __name__ == "__main__":
    main(sys.argv[1:])
