"""A short, fixed fuzzing budget for CI: mutated DOCX parts and PDF objects, each read in an isolated
worker, must give a form or a one-line refusal — never an unexpected exception, a crash or a timeout.
``scripts/fuzz.py`` runs the same mutations for as long as you like."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
import fuzzing  # noqa: E402

#: Examples per format in CI (each is one forked read: a few seconds in all).
EXAMPLES = 12
_SEEDS = fuzzing.seeds()


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_fuzz_readers(fmt, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"fuzz-{fmt}")
    mutate = {"docx": fuzzing.mutate_docx, "pdf": fuzzing.mutate_pdf}[fmt]
    made: list[Path] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(rng=st.randoms(use_true_random=False), which=st.integers(min_value=0, max_value=10_000))
    def make(rng, which):
        seed = _SEEDS[fmt][which % len(_SEEDS[fmt])]
        p = folder / f"m{len(made)}.{fmt}"
        p.write_bytes(mutate(rng, seed))
        made.append(p)

    make()
    tally = fuzzing.Tally()
    fuzzing.run_batch(made, tally, timeout=60, max_mb=1024)
    assert tally.runs == len(made) >= EXAMPLES
    assert not tally.tracebacks, tally.tracebacks
    assert not tally.crashes, tally.crashes
    assert not tally.timeouts, tally.timeouts
