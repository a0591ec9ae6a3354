"""The compare result as CSV: one row per form (``row=form``), per section (``row=section``), the
totals (``row=total``), and files without a partner (``row=unmatched_before``/``unmatched_after``).

Minutes are per completion; savings columns are hours per year at the usage profile's rates: per
social worker for forms social workers complete, else the completer's time on one social worker's share
(``completed_by``). Workforce columns are empty unless a workforce was given (``--workers``). A further
rendering of a form already compared has ``counted`` = "no: …" and is left out of the totals."""

from __future__ import annotations

import io
import os

from ..display import csv_writer

BANDS = ("low", "expected", "high")


def _b(prefix: str) -> list[str]:
    return [f"{prefix}_{b}" for b in BANDS]


HEADER = [
    "row",
    "form",
    "type",
    "service",
    "completed_by",
    "counted",
    "section",
    "status",
    "sections_before",
    "sections_after",
    "fields_before",
    "fields_after",
    "duplicate_groups_before",
    "duplicate_groups_after",
    *_b("minutes_before"),
    *_b("minutes_after"),
    *_b("minutes_saved"),
    "per_worker_per_month",
    "workers",
    *_b("hours_saved_per_worker_per_year"),
    *_b("hours_saved_workforce_per_year"),
    *_b("fte_equivalent"),
    *_b("gbp_saved_workforce_per_year"),
]


def _v(d, nd: int = 3) -> list[str]:
    return [f"{d[b]:.{nd}f}" for b in BANDS] if d else ["", "", ""]


def _sv(sv: dict | None) -> list[str]:
    sv = sv or {}
    pm = sv.get("per_worker_per_month")
    w = sv.get("workers")
    return [
        "" if pm is None else f"{pm:g}",
        "" if w is None else f"{w:g}",
        *_v(sv.get("hours_saved_per_worker_per_year")),
        *_v(sv.get("hours_saved_workforce_per_year"), 1),
        *_v(sv.get("fte_equivalent")),
        *_v(sv.get("gbp_saved_workforce_per_year"), 0),
    ]


def render(result: dict, **_kw) -> str:
    buf = io.StringIO()
    w = csv_writer(buf, lineterminator="\n")
    w.writerow(HEADER)
    for p in result.get("pairs", []):
        b, a = p["before"], p["after"]
        name = p.get("name") or os.path.basename(b.get("source") or "")
        w.writerow(
            [
                "form",
                name,
                p["type"],
                p.get("service", ""),
                p.get("completed_by", ""),
                "yes" if p.get("counted", True) else f"no: rendering of {p.get('rendering_of')}",
                "",
                "",
                b["sections"],
                a["sections"],
                b["fields"],
                a["fields"],
                b["duplicate_groups"],
                a["duplicate_groups"],
                *_v(b["minutes"]),
                *_v(a["minutes"]),
                *_v(p["minutes_saved"]),
                *_sv(p["savings"]),
            ]
        )
        for r in p["sections"]:
            rb, ra = r["before"], r["after"]
            w.writerow(
                [
                    "section",
                    name,
                    p["type"],
                    "",
                    "",
                    "",
                    r["title"] or "(untitled)",
                    r["status"],
                    "",
                    "",
                    rb["fields"] if rb else 0,
                    ra["fields"] if ra else 0,
                    "",
                    "",
                    *_v(rb["minutes"] if rb else None),
                    *_v(ra["minutes"] if ra else None),
                    *_v(r["saved_minutes"]),
                    *[""] * 14,
                ]
            )
    t = result.get("totals")
    if t and result.get("pairs"):
        tb, ta = t["before"], t["after"]
        w.writerow(
            [
                "total",
                "",
                "",
                "",
                "social_worker",
                f"{t.get('forms', 0)} forms",
                "",
                "",
                tb["sections"],
                ta["sections"],
                tb["fields"],
                ta["fields"],
                tb["duplicate_groups"],
                ta["duplicate_groups"],
                *_v(tb["minutes"]),
                *_v(ta["minutes"]),
                *_v(t["minutes_saved"]),
                *_sv({k: v for k, v in t["savings"].items() if k != "per_worker_per_month"}),
            ]
        )
        for who, o in (t["savings"].get("other_completers") or {}).items():
            w.writerow(
                [
                    "total",
                    "",
                    "",
                    "",
                    who,
                    f"{o.get('forms', 0)} forms",
                    "",
                    "",
                    *[""] * 6,
                    *[""] * 9,
                    *_sv({**o, "workers": t["savings"].get("workers")}),
                ]
            )
    um = result.get("unmatched") or {}
    for side in ("before", "after"):
        for x in um.get(side, []):
            w.writerow([f"unmatched_{side}", os.path.basename(x), *[""] * (len(HEADER) - 2)])
    return buf.getvalue()
