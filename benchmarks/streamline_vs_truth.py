"""Check streamline against a scored corpus: every field it removes or merges must carry the same item about
the same subject as the field it now points at (not a test; prints one line per violation and a count).

    python benchmarks/streamline_vs_truth.py                       # ../shared/eval-2
    python benchmarks/streamline_vs_truth.py ../shared/eval -v

For every form of ``CORPUS/forms`` the form is streamlined (``formaudit.streamline.propose``) and each
original field whose change record has an ``into`` (``removed-duplicate``, ``boilerplate-once``) is mapped to
the truth with the corpus scorer's own matching (``CORPUS/../eval/score.py``, or ``score.py`` beside the
corpus). A merge is correct when the truth lists the two fields as a duplicate or optional duplicate pair
and does not give them different subjects. ``grouped`` fields (FA103: one row per person of a repeatable group) make no
such claim and are counted apart. A field the scorer's matching cannot map is reported as unverifiable.
Exit status 1 when there is any violation.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path

MERGES = ("removed-duplicate", "boilerplate-once")


def _scorer(corpus: Path):
    for cand in (corpus / "score.py", corpus.parent / "eval" / "score.py"):
        if cand.is_file():
            spec = importlib.util.spec_from_file_location("formaudit_eval_score", cand)
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
            return mod
    raise SystemExit(f"no score.py found for {corpus}")


def _truth_map(sc, form, truth) -> dict[str, int]:
    """predicted field id -> truth field index, as the scorer matches them."""
    psecs, pfields = sc.parse_extract(form.to_dict())
    sm = sc.match_sections(truth["sections"], psecs)
    sec_map = {psecs[pi][0]: sc.norm(truth["sections"][ti]) for pi, ti in sm.items()}
    fm = sc.match_fields(truth["fields"], pfields, sec_map)
    return {pfields[pi][3]: ti for pi, ti in fm.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default="../shared/eval-2")
    ap.add_argument("-v", "--verbose", action="store_true", help="also list every checked merge")
    a = ap.parse_args(argv)
    corpus = Path(a.corpus)
    if not (corpus / "forms").is_dir():
        print(f"{corpus}: no forms/ folder (corpus not present)", file=sys.stderr)
        return 2
    sc = _scorer(corpus)

    from formaudit.readers import read_form
    from formaudit.streamline import propose

    checked = violations = unverifiable = grouped = 0
    for name in sorted(os.listdir(corpus / "forms")):
        tpath = corpus / "truth" / f"{name}.json"
        if not tpath.is_file():
            continue
        import json

        truth = json.loads(tpath.read_text(encoding="utf-8"))
        form = read_form(str(corpus / "forms" / name))
        ok_pairs = sc.truth_pairs(truth, "duplicates") | sc.truth_pairs(truth, "optional_duplicates")
        to_truth = _truth_map(sc, form, truth)
        proposal = propose(form)
        for c in proposal.change_list():
            if c["into"] is None:
                continue
            if c["action"] == "grouped" or "grouped" in c["actions"] and c["action"] not in MERGES:
                grouped += 1
                continue
            checked += 1
            a_i, b_i = to_truth.get(c["field"]["id"]), to_truth.get(c["into"]["id"])
            where = f"{name}: {c['field']['section']} / {c['field']['label']}  ->  {c['into']['section']} / {c['into']['label']}"
            if a_i is None or b_i is None:
                unverifiable += 1
                print(f"unverifiable ({c['action']}): {where}")
                continue
            pair = (min(a_i, b_i), max(a_i, b_i))
            sa = truth["fields"][a_i].get("subject")
            sb = truth["fields"][b_i].get("subject")
            # a subject the truth leaves out is not a disagreement
            if a_i == b_i or (pair in ok_pairs and (sa == sb or sa is None or sb is None)):
                if a.verbose:
                    print(f"ok ({c['action']}): {where}")
                continue
            violations += 1
            why = "not a truth duplicate" if pair not in ok_pairs else f"subjects differ ({sa} / {sb})"
            print(f"VIOLATION ({c['action']}, {why}): {where}")
    print(
        f"merges checked={checked} violations={violations} unverifiable={unverifiable} "
        f"grouped (FA103, not a duplicate claim)={grouped}"
    )
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
