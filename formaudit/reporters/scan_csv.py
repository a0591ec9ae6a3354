"""The scan report as CSV: one row per finding and place, or the data-item × form matrix."""

from __future__ import annotations

import io
import os

from ..display import csv_writer


def render(report, matrix: bool = False, **_kw) -> str:
    buf = io.StringIO()
    w = csv_writer(buf, lineterminator="\n")
    if matrix:
        m = report.matrix or {"items": [], "forms": [], "cells": []}
        w.writerow(["subject", "item", *[os.path.basename(f) for f in m["forms"]], "forms"])
        for item, row in zip(m["items"], m["cells"], strict=False):
            w.writerow(
                [
                    item.get("subject") or "",
                    item.get("label") or item.get("concept") or "",
                    *row,
                    sum(1 for c in row if c),
                ]
            )
        return buf.getvalue()
    w.writerow(
        ["code", "rule", "severity", "form", "message", "minutes", "section", "field", "field_id", "location"]
    )
    for f in report.findings:
        places = (
            f.fields or [{"source": s.get("source"), "section": s.get("title")} for s in f.sections] or [{}]
        )
        for pl in places:
            w.writerow(
                [
                    f.code,
                    f.rule,
                    f.severity,
                    os.path.basename(pl.get("source") or f.source),
                    f.message,
                    f"{f.minutes:.2f}",
                    pl.get("section") or "",
                    pl.get("label") or "",
                    pl.get("id") or "",
                    pl.get("location") or "",
                ]
            )
    return buf.getvalue()
