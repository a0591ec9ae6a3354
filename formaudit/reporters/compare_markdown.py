"""The compare result as Markdown: before/after per form and per section, savings and assumptions."""

from __future__ import annotations

import os

BANDS = ("low", "expected", "high")


def num(x: float, nd: int = 1) -> str:
    """A number for people: thousands separators, ``nd`` decimals, a real minus sign."""
    s = f"{abs(x):,.{nd}f}"
    return ("\u2212" + s) if x < 0 and float(s.replace(",", "")) != 0 else s


def rng(d: dict | None, nd: int = 1) -> str:
    """low–expected–high."""
    if not d:
        return ""
    return "\u2013".join(num(d[b], nd) for b in BANDS)


def delta(before: int, after: int) -> str:
    d = after - before
    return f"{before} \u2192 {after}" + (f" ({'+' if d > 0 else chr(0x2212)}{abs(d)})" if d else "")


def label(pair: dict) -> str:
    return pair.get("name") or os.path.basename(pair["before"].get("source") or "") or "(form)"


#: How a completer is named in reports.
COMPLETERS = {
    "social_worker": "social workers",
    "referrer": "referrers",
    "family": "families",
    "practitioner": "other practitioners",
}


def completer(who: str) -> str:
    return COMPLETERS.get(who, who.replace("_", " "))


def type_cell(pair: dict) -> str:
    """The form type, who completes it, and whether it counts in the totals."""
    t = pair.get("type_label") or pair.get("type") or ""
    who = pair.get("completed_by") or "social_worker"
    if who != "social_worker":
        t += f" (completed by {completer(who)})"
    if pair.get("counted") is False:
        t += f"; rendering of {pair.get('rendering_of')}: not counted again"
    return t


def _block(sv: dict, per_month: bool, who: str) -> list[tuple[str, str]]:
    """Per-worker rows of one completer's savings (``who``: "social_worker", "referrer", …)."""
    if who == "social_worker":
        head, tail = "Social workers' time: ", "saved per social worker"
    else:
        head, tail = (
            f"{completer(who).capitalize()}' time (not social workers'): ",
            "saved, on one social worker's share,",
        )
    rows = []
    if per_month and "minutes_saved_per_worker_per_month" in sv:
        rows.append((f"{head}minutes {tail} per month", rng(sv["minutes_saved_per_worker_per_month"])))
    if "hours_saved_per_worker_per_month" in sv:
        rows.append((f"{head}hours {tail} per month", rng(sv["hours_saved_per_worker_per_month"], 2)))
    if "hours_saved_per_worker_per_year" in sv:
        rows.append((f"{head}hours {tail} per year", rng(sv["hours_saved_per_worker_per_year"])))
    return rows


def savings_lines(sv: dict, per_month: bool = False) -> list[tuple[str, str]]:
    """(what, low–expected–high) rows of a savings or totals-savings dict.

    Per social worker: only forms social workers complete. Other completers' time follows, on one
    social worker's share of completions (the referrals one social worker receives). Workforce lines
    only when a workforce was given."""
    rows: list[tuple[str, str]] = []
    if "other_completers" in sv:  # totals over forms
        if sv.get("forms"):
            rows += _block(sv, per_month, "social_worker")
        else:
            rows.append(("Social workers' time saved", "none of these forms is completed by social workers"))
        for who, o in sv["other_completers"].items():
            rows += _block(o, per_month, who)
    else:
        rows += _block(sv, per_month, sv.get("completed_by") or "social_worker")
    if sv.get("hours_saved_workforce_per_year") is not None:
        rows.append(
            (
                f"Hours saved per year across {num(sv.get('workers') or 0, 0)} workers (given)",
                rng(sv["hours_saved_workforce_per_year"], 0),
            )
        )
    if sv.get("fte_equivalent") is not None:
        rows.append(
            (
                f"FTE equivalent (÷ {num(sv.get('hours_per_fte_year', 0), 0)} h per FTE-year)",
                rng(sv["fte_equivalent"], 1),
            )
        )
    if "gbp_saved_per_worker_per_year" in sv:
        rows.append(
            (
                f"£ saved per social worker per year (at £{num(sv['hourly_cost'], 2)}/h)",
                rng(sv["gbp_saved_per_worker_per_year"], 0),
            )
        )
    if "gbp_saved_workforce_per_year" in sv:
        rows.append(("£ saved per year across the given workers", rng(sv["gbp_saved_workforce_per_year"], 0)))
    return rows


def assumptions(result: dict) -> list[str]:
    """One line per distinct basis: the time model's status, each form's service and usage rate,
    the workers and hours per FTE-year when given, the hourly cost when given."""
    seen: list[str] = []
    tm = result.get("time_model")
    if tm:
        seen.append(f"Minutes per completion: rules/time_model.yaml, {tm}")
    for p in result.get("pairs", []):
        b = p["savings"].get("basis", {})
        for key in ("service", "per_worker_per_month", "workers", "hours_per_fte_year", "hourly_cost"):
            v = b.get(key)
            if not v:
                continue
            if key == "service":
                line = f"Service of {label(p)}: {v}"
            elif key == "per_worker_per_month":
                who = p.get("completed_by") or "social_worker"
                line = (
                    f"Completions per social worker per month, {p['type_label']} "
                    f"(completed by {completer(who)}): {num(p['savings']['per_worker_per_month'], 2)} — {v}"
                )
            elif key == "workers":
                line = f"Workers: {num(p['savings']['workers'] or 0, 0)} — {v}"
            elif key == "hours_per_fte_year":
                line = f"Working hours per FTE-year: {num(p['savings']['hours_per_fte_year'], 0)} — {v}"
            else:
                line = f"Hourly cost: £{num(p['savings']['hourly_cost'], 2)} — {v}"
            if line not in seen:
                seen.append(line)
    order = ("Minutes", "Completions", "Service")
    return sorted(seen, key=lambda x: next((i for i, o in enumerate(order) if x.startswith(o)), len(order)))


def _cell(s) -> str:
    return str(s if s is not None else "").replace("|", "\\|").replace("\n", " ")


def render(result: dict, **_kw) -> str:
    pairs = result.get("pairs", [])
    tot = result["totals"]
    out = ["# formaudit compare", ""]
    if result.get("before") or result.get("after"):
        out += [f"Before: `{_cell(result.get('before'))}` — after: `{_cell(result.get('after'))}`", ""]
    out.append(
        f"{len(pairs)} form pair(s); fields {delta(tot['before']['fields'], tot['after']['fields'])}; "
        f"minutes per completion {rng(tot['before']['minutes'])} → {rng(tot['after']['minutes'])} "
        f"(low–expected–high; {result.get('time_model') or 'uncalibrated'})."
    )
    if tot.get("renderings_not_counted"):
        out += [
            "",
            f"{tot['renderings_not_counted']} further rendering(s) of forms already compared are shown "
            "but not counted again in any total.",
        ]
    out += [
        "",
        "## Forms",
        "",
        "| Form | Type | Sections | Fields | Duplicate groups | Minutes before | Minutes after | Minutes saved "
        "| Completions per social worker per month | Hours saved per social worker per year |",
        "|---|---|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for p in pairs:
        b, a, sv = p["before"], p["after"], p["savings"]
        out.append(
            f"| {_cell(label(p))} | {_cell(type_cell(p))} | {delta(b['sections'], a['sections'])} | "
            f"{delta(b['fields'], a['fields'])} | {delta(b['duplicate_groups'], a['duplicate_groups'])} | "
            f"{rng(b['minutes'])} | {rng(a['minutes'])} | {rng(p['minutes_saved'])} | "
            f"{num(sv['per_worker_per_month'], 2)} | {rng(sv['hours_saved_per_worker_per_year'])} |"
        )
    if len(pairs) > 1:
        tb, ta = tot["before"], tot["after"]
        out.append(
            f"| **Total** | | {delta(tb['sections'], ta['sections'])} | {delta(tb['fields'], ta['fields'])} | "
            f"{delta(tb['duplicate_groups'], ta['duplicate_groups'])} | {rng(tb['minutes'])} | "
            f"{rng(ta['minutes'])} | {rng(tot['minutes_saved'])} | | "
            f"{rng(tot['savings'].get('hours_saved_per_worker_per_year'))} |"
        )
    if pairs:
        out += ["", "## Savings (low–expected–high)", "", "| | All forms |", "|---|---:|"]
        for what, val in savings_lines(tot["savings"], per_month=True):
            out.append(f"| {_cell(what)} | {val} |")
    for p in pairs:
        out += [
            "",
            f"## {_cell(label(p))}: {_cell(p['after'].get('title') or p['before'].get('title') or '')}",
            "",
            "| Section | Status | Fields | Minutes before | Minutes after | Minutes saved |",
            "|---|---|---|---:|---:|---:|",
        ]
        for r in p["sections"]:
            fb = r["before"]["fields"] if r["before"] else 0
            fa = r["after"]["fields"] if r["after"] else 0
            out.append(
                f"| {_cell(r['title'] or '(untitled)')} | {r['status']} | {delta(fb, fa)} | "
                f"{rng(r['before']['minutes']) if r['before'] else '—'} | "
                f"{rng(r['after']['minutes']) if r['after'] else '—'} | {rng(r['saved_minutes'])} |"
            )
        if p["sections_removed"]:
            out += ["", "Removed: " + "; ".join(_cell(t or "(untitled)") for t in p["sections_removed"])]
        if p["sections_added"]:
            out += ["", "Added: " + "; ".join(_cell(t or "(untitled)") for t in p["sections_added"])]
    um = result.get("unmatched") or {}
    if um.get("before") or um.get("after"):
        out += ["", "## Unmatched files", ""]
        out += [f"- before only: `{_cell(x)}`" for x in um.get("before", [])]
        out += [f"- after only: `{_cell(x)}`" for x in um.get("after", [])]
    if result.get("errors"):
        out += ["", "## Files that could not be read", ""]
        out += [f"- `{_cell(e['source'])}`: {_cell(e['message'])}" for e in result["errors"]]
    lines = assumptions(result)
    if lines:
        out += ["", "## Assumptions", ""]
        out += [f"- {_cell(x)}" for x in lines]
        out += [f"- Method: {_cell(result.get('method', ''))}"]
    return "\n".join(out) + "\n"
