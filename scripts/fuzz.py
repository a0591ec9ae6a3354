"""Fuzz the readers for a while: mutated DOCX parts and PDF objects, read in isolated workers.

    python scripts/fuzz.py --minutes 10              # both formats, all cores
    python scripts/fuzz.py --minutes 2 --format pdf --keep fuzz-findings/

Prints runs, refusals, tracebacks (unexpected exceptions), crashes and timeouts; with ``--keep DIR`` every
input that gave a traceback, crash or timeout is copied there with its reason. Exit 1 if any did.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import fuzzing  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--format", choices=["docx", "pdf", "both"], default="both")
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: time)")
    ap.add_argument("--batch", type=int, default=16, help="files read per batch")
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--timeout", type=float, default=60.0, help="--file-timeout per file (s)")
    ap.add_argument("--max-mb", type=int, default=1024, help="--max-file-mb per file")
    ap.add_argument("--keep", type=Path, help="copy failing inputs here")
    args = ap.parse_args()

    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    seeds = fuzzing.seeds()
    fmts = ["docx", "pdf"] if args.format == "both" else [args.format]
    tally = fuzzing.Tally()
    end = time.monotonic() + args.minutes * 60
    print(f"fuzzing {', '.join(fmts)} for {args.minutes:g} min (seed {seed})", flush=True)
    with tempfile.TemporaryDirectory(prefix="formaudit-fuzz-") as tmp:
        n = 0
        while time.monotonic() < end:
            batch = []
            for _ in range(args.batch):
                fmt = rng.choice(fmts)
                mutate = fuzzing.mutate_docx if fmt == "docx" else fuzzing.mutate_pdf
                p = Path(tmp) / f"f{n}.{fmt}"
                p.write_bytes(mutate(rng, rng.choice(seeds[fmt])))
                batch.append(p)
                n += 1
            before = len(tally.tracebacks) + len(tally.crashes) + len(tally.timeouts)
            fuzzing.run_batch(batch, tally, timeout=args.timeout, max_mb=args.max_mb, jobs=args.jobs)
            bad = tally.tracebacks + tally.crashes + tally.timeouts
            if args.keep and len(bad) > before:
                args.keep.mkdir(parents=True, exist_ok=True)
                for path, reason in bad[before:]:
                    dest = args.keep / Path(path).name
                    shutil.copy(path, dest)
                    dest.with_suffix(dest.suffix + ".txt").write_text(reason + "\n", encoding="utf-8")
            for p in batch:
                p.unlink(missing_ok=True)
            print(tally.line(), flush=True)
    for kind in ("tracebacks", "crashes", "timeouts"):
        for path, reason in getattr(tally, kind)[:20]:
            print(f"{kind[:-1]}: {Path(path).name}: {reason}")
    print("final: " + tally.line())
    return 1 if tally.tracebacks or tally.crashes or tally.timeouts else 0


if __name__ == "__main__":
    sys.exit(main())
