"""``formaudit config``: the effective configuration and where each value came from (text, JSON, TOML)."""

from __future__ import annotations

import json
from typing import Any


def _source(cfg, key: str) -> str:
    return cfg.sources.get(key, "default")


def to_json(cfg, checks: dict[str, dict], check_sources: dict[str, dict[str, str]]) -> dict[str, Any]:
    values = cfg.values()
    out: dict[str, Any] = {"file": cfg.path, "values": {}, "checks": {}}
    for key, value in values.items():
        if key in ("severity", "settings"):
            continue
        out["values"][key.replace("_", "-")] = {"value": value, "source": _source(cfg, key)}
    out["values"]["severity"] = {
        code: {"value": level, "source": _source(cfg, f"severity.{code}")}
        for code, level in cfg.severity.items()
    }
    out["values"]["settings"] = {
        code: {
            name: {"value": v, "source": _source(cfg, f"settings.{code}.{name}")} for name, v in table.items()
        }
        for code, table in cfg.settings.items()
    }
    for code in sorted(checks):
        out["checks"][code] = {
            name: {"value": v, "source": check_sources.get(code, {}).get(name, "default")}
            for name, v in checks[code].items()
        }
    return out


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    if isinstance(v, dict):  # an inline table (per-file-ignores, accept entries)
        return "{" + ", ".join(f"{json.dumps(str(k))} = {_toml_value(x)}" for k, x in v.items()) + "}"
    return json.dumps(str(v), ensure_ascii=False)  # a TOML basic string is JSON-compatible


def to_toml(cfg) -> str:
    """A ``[tool.formaudit]`` table for pyproject.toml, each value commented with its source (None: omitted)."""
    lines = [f"# effective formaudit configuration (file: {cfg.path or 'none'})", "[tool.formaudit]"]
    for key, value in cfg.values().items():
        if key in ("severity", "settings") or value is None:
            continue
        lines.append(f"{key.replace('_', '-')} = {_toml_value(value)}  # {_source(cfg, key)}")
    if cfg.severity:
        lines += ["", "[tool.formaudit.severity]"]
        for code, level in cfg.severity.items():
            lines.append(f"{code} = {_toml_value(level)}  # {_source(cfg, f'severity.{code}')}")
    for code, table in cfg.settings.items():
        lines += ["", f"[tool.formaudit.settings.{code}]"]
        for name, v in table.items():
            lines.append(f"{name} = {_toml_value(v)}  # {_source(cfg, f'settings.{code}.{name}')}")
    return "\n".join(lines) + "\n"


def _show(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, dict):
        return "; ".join(f"{k}: {_show(x)}" for k, x in v.items()) if v else "(none)"
    if isinstance(v, list):
        return ", ".join(x["fingerprint"] if isinstance(x, dict) else str(x) for x in v) if v else "(none)"
    return str(v)


def to_text(cfg, checks, check_sources, color: bool = False, width: int = 120) -> str:
    """Tables of values and sources; the config file's full path is printed once, rows name just the file."""
    import io
    import os

    def short(src: str) -> str:
        if cfg.path and src == cfg.path:
            return os.path.basename(src)
        if os.path.isabs(src):
            rel = os.path.relpath(src)
            return src if rel.startswith("..") else rel
        return src

    from rich import box
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    buf = io.StringIO()
    con = Console(file=buf, force_terminal=color, no_color=not color, width=width, highlight=False)
    if cfg.path:
        con.print(f"Configuration file: [bold]{escape(cfg.path)}[/bold]")
    else:
        con.print(
            escape(
                "No configuration file found (searched upward for pyproject.toml [tool.formaudit], "
                "formaudit.toml, .formaudit.toml); defaults apply."
            )
        )
    t = Table(title="Configuration", box=box.SIMPLE_HEAVY, title_justify="left")
    t.add_column("Key")
    t.add_column("Value", overflow="fold")
    t.add_column("Source", style="dim", overflow="fold")
    for key, value in cfg.values().items():
        name = key.replace("_", "-")
        if key == "severity":
            if not value:
                t.add_row(name, "(no overrides)", _source(cfg, key))
            for code, level in value.items():
                t.add_row(f"severity.{code}", level, escape(short(_source(cfg, f"severity.{code}"))))
        elif key == "settings":
            if not value:
                t.add_row(name, "(no overrides)", _source(cfg, key))
            for code, table in value.items():
                for s, v in table.items():
                    t.add_row(
                        f"settings.{code}.{s}",
                        escape(_show(v)),
                        escape(short(_source(cfg, f"settings.{code}.{s}"))),
                    )
        else:
            label = "every check" if key == "select" and value is None else _show(value)
            t.add_row(name, escape(label), escape(short(_source(cfg, key))))
    con.print(t)
    ct = Table(title="Effective check settings", box=box.SIMPLE_HEAVY, title_justify="left")
    ct.add_column("Check")
    ct.add_column("Setting")
    ct.add_column("Value", justify="right")
    ct.add_column("Source", style="dim", overflow="fold")
    for code in sorted(checks):
        first = True
        for name, v in checks[code].items():
            src = check_sources.get(code, {}).get(name, "default")
            ct.add_row(code if first else "", name, escape(_show(v)), escape(short(src)))
            first = False
    con.print(ct)
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"


def render(view: dict[str, Any], fmt: str = "text", color: bool = False, **_kw) -> str:
    """``view``: ``{"config": Config, "checks": {code: settings}, "sources": {code: {setting: source}}}``."""
    cfg, checks, sources = view["config"], view["checks"], view["sources"]
    if fmt == "json":
        return json.dumps(to_json(cfg, checks, sources), indent=2, ensure_ascii=False) + "\n"
    if fmt == "toml":
        return to_toml(cfg)
    return to_text(cfg, checks, sources, color=color)
