"""The ``formaudit streamline`` summary (before → after fields, sections, minutes and the time saved) as text,
JSON or Markdown. The minutes and savings come from ``pair`` — :func:`formaudit.compare.compare_pair` of the
proposal — so ``streamline`` and ``compare`` show the same numbers from one code path."""

from __future__ import annotations


def render(proposal, fmt: str = "text", files: dict[str, str] | None = None, pair=None, **_kw) -> str:
    """The streamline summary as text, JSON or Markdown. ``pair``: the ``compare_pair`` result of the
    proposal, whose minutes and savings are shown (one code path with ``formaudit compare``)."""
    s = proposal.summary()
    if files:
        s["files"] = files
    sv = None
    if pair is not None:
        s["minutes_before"] = pair["before"]["minutes"]
        s["minutes_after"] = pair["after"]["minutes"]
        s["minutes_saved"] = pair["minutes_saved"]
        sv = pair["savings"]
        s["savings"] = {
            "service": pair["service"],
            "form_type": pair["type"],
            "completed_by": pair["completed_by"],
            **{
                k: sv[k]
                for k in (
                    "per_worker_per_month",
                    "minutes_saved_per_worker_per_month",
                    "hours_saved_per_worker_per_month",
                    "hours_saved_per_worker_per_year",
                    "workers",
                    "hours_saved_workforce_per_year",
                    "fte_equivalent",
                    "basis",
                )
                if k in sv
            },
        }
        s["time_model"] = pair.get("time_model")
    if fmt == "json":
        import json

        out = {"schema": "formaudit.streamline/1", **s, "change_counts": s["changes"]}
        out["changes"] = proposal.change_list()  # every original field: action, field, into
        return json.dumps(out, indent=2, ensure_ascii=False) + "\n"
    b, a, saved = s["minutes_before"], s["minutes_after"], s["minutes_saved"]

    def rng(m, nd=1):
        return f"{m['low']:.{nd}f}–{m['expected']:.{nd}f}–{m['high']:.{nd}f}"

    per_year = ""
    if sv is not None:
        who = pair["completed_by"]
        whose = (
            "per social worker"
            if who == "social_worker"
            else (f"of {who.replace('_', ' ')}s' time (not social workers') on one social worker's share")
        )
        per_year = (
            f"{rng(sv['hours_saved_per_worker_per_year'])} h a year {whose} "
            f"({pair['type_label']}, {sv['per_worker_per_month']:.2f} a month; {pair.get('time_model')})"
        )
        if sv.get("hours_saved_workforce_per_year") is not None:
            per_year += (
                f"; {rng(sv['hours_saved_workforce_per_year'], 0)} h across {sv['workers']:g} workers (given)"
            )
    changes = ", ".join(f"{k} {v}" for k, v in s["changes"].items())
    if fmt == "markdown":
        lines = [
            f"## Streamlined: {s['title'] or s['source']}",
            "",
            "| | before | after | saved |",
            "|---|---:|---:|---:|",
            f"| fields | {s['fields_before']} | {s['fields_after']} | {s['fields_before'] - s['fields_after']} |",
            f"| sections | {s['sections_before']} | {s['sections_after']} | |",
            f"| pre-filled | 0 | {s['prefilled_after']} | |",
            f"| minutes (low–expected–high) | {rng(b)} | {rng(a)} | {rng(saved)} |",
            "",
            f"Changes to the original fields: {changes}.",
        ]
        if per_year:
            lines += ["", f"Time saved: {per_year}."]
        if files:
            lines += ["", "Written: " + ", ".join(f"`{v}`" for v in files.values())]
        return "\n".join(lines) + "\n"
    lines = [
        f"{s['title'] or s['source']}  ({s['source']})",
        f"  fields     {s['fields_before']} → {s['fields_after']}  ({s['prefilled_after']} pre-filled)",
        f"  sections   {s['sections_before']} → {s['sections_after']}",
        f"  minutes    {rng(b)} → {rng(a)}  (saved {rng(saved)})",
    ]
    if per_year:
        lines.append(f"  saved      {per_year}")
    lines.append(f"  changes    {changes}")
    if files:
        lines.append("  wrote      " + ", ".join(files.values()))
    return "\n".join(lines) + "\n"
