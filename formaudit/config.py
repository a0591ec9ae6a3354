"""Project configuration for ``formaudit check``: ``[tool.formaudit]`` in ``pyproject.toml``, or a
``formaudit.toml`` / ``.formaudit.toml``, found by searching upward from the current directory.

    [tool.formaudit]
    select = ["FA1", "FA301"]          # codes or prefixes; default: every check
    ignore = ["FA202"]
    fail-on = "warning"                # error | warning | info
    max-minutes = 45                   # budget per form (expected minutes; sets FA301 budget_minutes)
    max-fields = 80                    # budget per form (sets FA302 max_fields)
    rules = "formaudit-rules"          # extra rules folder (relative to this file)
    usage = "usage.yaml"               # usage profile
    library = "forms/"                 # library folder for FA102
    baseline = ".formaudit-baseline.json"

    [tool.formaudit.severity]
    FA102 = "warning"

    [tool.formaudit.settings.FA101]
    similarity = 92

    [tool.formaudit.per-file-ignores]  # glob (relative to this file) -> codes or prefixes, as ruff's
    "legacy/*.pdf" = ["FA201"]
    "*referral*" = ["FA3"]

    [[tool.formaudit.accept]]          # one finding of one form accepted: the ``# noqa`` of forms
    fingerprint = "3f2a9c0d1e2b"       # its fingerprint (check prints it; a unique prefix of 8+ characters)
    reason = "the sign-off repeats the name by law"

``accept`` may also be a plain list of fingerprints. In ``formaudit.toml`` / ``.formaudit.toml`` the same keys sit at the top level (``[severity]``,
``[settings.FA101]``). Keys may be written ``kebab-case`` or ``snake_case``. Unknown keys, unknown check codes,
bad severities and wrong types are a :class:`~formaudit.errors.UsageError` naming the key and the file.

Command-line values (``overrides``) win over the file, the file over the defaults; ``Config.sources`` records
where every value came from (``"default"``, the config file's path, or ``"command line"``). Nested values are
recorded under dotted keys: ``severity.FA102``, ``settings.FA101.similarity``.
"""

from __future__ import annotations

import copy
import os
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser from PyPI (dependency: tomli; python_version < "3.11")
    import tomli as tomllib

CONFIG_FILES = ("pyproject.toml", "formaudit.toml", ".formaudit.toml")
SEVERITIES = ("error", "warning", "info")
DEFAULT = "default"
COMMAND_LINE = "command line"

#: file key (snake_case) → Config attribute; the order is the display order
_SCALAR_KEYS = (
    "select",
    "ignore",
    "fail_on",
    "max_minutes",
    "max_fields",
    "rules",
    "usage",
    "library",
    "baseline",
)
_TABLE_KEYS = ("severity", "settings", "per_file_ignores", "accept")
KNOWN_KEYS = _SCALAR_KEYS + _TABLE_KEYS
_PATH_KEYS = ("rules", "usage", "library", "baseline")


@dataclass
class Config:
    """The effective configuration of one run (see the module docstring)."""

    select: list[str] | None = None  # check codes/prefixes; None: every check
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(
        default_factory=dict
    )  # per-rule severity override, e.g. {"FA102": "warning"}
    settings: dict[str, dict] = field(
        default_factory=dict
    )  # per-rule thresholds, e.g. {"FA101": {"similarity": 92}}
    max_minutes: float | None = None  # budget per form (expected minutes)
    max_fields: int | None = None  # budget per form
    fail_on: str = "warning"  # error|warning|info
    rules: str | None = None  # extra rules folder (resolved relative to the config file)
    usage: str | None = None  # usage profile file
    library: str | None = None  # library folder for FA102
    baseline: str | None = None  # baseline file
    #: glob (relative to the config file's folder, or a bare file-name pattern) -> codes or prefixes
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    #: accepted findings: [{"fingerprint": str, "reason": str}] (fingerprint: full, or a unique prefix)
    accept: list[dict[str, str]] = field(default_factory=list)
    #: the folder globs of ``per_file_ignores`` are relative to (the config file's folder; None: the cwd)
    root: str | None = None
    sources: dict[str, str] = field(
        default_factory=dict
    )  # key -> "default" | "<config file>" | "command line"
    path: str | None = None  # the config file used

    def values(self) -> dict[str, Any]:
        """The configuration values (no ``sources``/``path``), in display order."""
        return {k: copy.deepcopy(getattr(self, k)) for k in KNOWN_KEYS}


# --------------------------------------------------------------------------------------------- finding


def _display(path: Path) -> str:
    """A config file's name for messages: relative to the current directory when below it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as e:
        raise UsageError(f"{_display(path)}: invalid TOML ({e})") from None
    except OSError as e:
        raise UsageError(f"{_display(path)}: cannot read ({e.strerror or e})") from None


def _table_of(path: Path, data: dict[str, Any]) -> dict[str, Any] | None:
    """The formaudit table of a parsed config file (None: a pyproject.toml without ``[tool.formaudit]``)."""
    if path.name == "pyproject.toml":
        tool = data.get("tool")
        table = tool.get("formaudit") if isinstance(tool, dict) else None
        if table is None:
            return None
        if not isinstance(table, dict):
            raise UsageError(f"{_display(path)}: [tool.formaudit] must be a table")
        return table
    # formaudit.toml holds the keys at the top level; a copied [tool.formaudit] table is accepted too
    if set(data) == {"tool"} and isinstance(data["tool"], dict) and set(data["tool"]) == {"formaudit"}:
        inner = data["tool"]["formaudit"]
        if isinstance(inner, dict):
            return inner
    return data


def find_config(start: str | os.PathLike | None = None) -> tuple[Path, dict[str, Any]] | None:
    """The first config file at or above ``start`` (default: the current directory) and its formaudit table.

    In each directory ``pyproject.toml`` (only with a ``[tool.formaudit]`` table), then ``formaudit.toml``,
    then ``.formaudit.toml``. ``start`` may also name a ``.toml`` file, which is then used directly.
    """
    here = Path(start if start is not None else os.getcwd()).resolve()
    if here.is_file() or here.suffix == ".toml":
        if here.suffix == ".toml":
            if not here.is_file():
                raise UsageError(f"{_display(here)}: configuration file not found")
            table = _table_of(here, _read_toml(here))
            if table is None:
                raise UsageError(f"{_display(here)}: no [tool.formaudit] table")
            return here, table
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            p = folder / name
            if not p.is_file():
                continue
            table = _table_of(p, _read_toml(p))
            if table is not None:
                return p, table
    return None


# --------------------------------------------------------------------------------------------- checking


def known_codes() -> list[str]:
    from .checks import registry

    return [c.code for c in registry()]


def _type_name(v: Any) -> str:
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "a list"}.get(
        type(v), "a table" if isinstance(v, dict) else type(v).__name__
    )


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _codes(value: Any, key: str, where: str, codes: list[str]) -> list[str]:
    """A list of codes/prefixes from a list or a comma-separated string, each matching a known check."""
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, (list, tuple)) and all(isinstance(x, str) for x in value):
        items = [part for x in value for part in x.split(",")]
    else:
        raise UsageError(f"{where}: '{key}' must be a list of check codes (got {_type_name(value)})")
    out: list[str] = []
    for raw in items:
        code = raw.strip().upper()
        if not code:
            continue
        if not any(c.startswith(code) for c in codes):
            raise UsageError(
                f"{where}: '{key}': unknown check code {raw.strip()!r} (known: {', '.join(codes)})"
            )
        if code not in out:
            out.append(code)
    return out


def _code(raw: Any, key: str, where: str, codes: list[str]) -> str:
    code = str(raw).strip().upper()
    if code not in codes:
        raise UsageError(f"{where}: '{key}': unknown check code {str(raw)!r} (known: {', '.join(codes)})")
    return code


def _level(value: Any, key: str, where: str) -> str:
    if not isinstance(value, str) or value.strip().lower() not in SEVERITIES:
        raise UsageError(f"{where}: '{key}' must be one of {', '.join(SEVERITIES)} (got {value!r})")
    return value.strip().lower()


def _normalise(raw: dict[str, Any], where: str, codes: list[str], base: Path | None) -> dict[str, Any]:
    """Validate one source of values (a config table or the command-line overrides); None values are dropped.

    Returns snake_case keys with normalised values; ``settings`` is validated later, when the effective
    rules folder (whose checks.yaml defines the known thresholds) is known.
    """
    out: dict[str, Any] = {}
    for key, value in raw.items():
        name = str(key).replace("-", "_")
        if name not in KNOWN_KEYS:
            known = ", ".join(k.replace("_", "-") for k in KNOWN_KEYS)
            raise UsageError(f"{where}: unknown key '{key}' (known: {known})")
        if name in out:
            raise UsageError(f"{where}: '{key}' given twice (as kebab-case and snake_case)")
        if value is None:
            continue
        if name in ("select", "ignore"):
            out[name] = _codes(value, name, where, codes)
        elif name == "fail_on":
            out[name] = _level(value, "fail-on", where)
        elif name == "max_minutes":
            if not _is_number(value) or value <= 0:
                raise UsageError(f"{where}: 'max-minutes' must be a positive number (got {value!r})")
            out[name] = float(value)
        elif name == "max_fields":
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise UsageError(f"{where}: 'max-fields' must be a positive whole number (got {value!r})")
            out[name] = value
        elif name in _PATH_KEYS:
            if not isinstance(value, (str, os.PathLike)) or not str(value).strip():
                raise UsageError(f"{where}: '{key}' must be a path (got {_type_name(value)} {value!r})")
            p = os.fspath(value)
            out[name] = os.path.normpath(os.path.join(base, p)) if base is not None else p
        elif name == "severity":
            if not isinstance(value, dict):
                raise UsageError(
                    f"{where}: 'severity' must be a table of code = level (got {_type_name(value)})"
                )
            out[name] = {
                _code(c, f"severity.{c}", where, codes): _level(v, f"severity.{c}", where)
                for c, v in value.items()
            }
        elif name == "per_file_ignores":
            if not isinstance(value, dict):
                raise UsageError(
                    f"{where}: 'per-file-ignores' must be a table of glob = [codes] (got {_type_name(value)})"
                )
            out[name] = {
                str(glob): _codes(codes_, f"per-file-ignores.{glob}", where, codes)
                for glob, codes_ in value.items()
            }
        elif name == "accept":
            out[name] = _accepted(value, where)
        elif name == "settings":
            if not isinstance(value, dict):
                raise UsageError(f"{where}: 'settings' must be a table of tables (got {_type_name(value)})")
            settings: dict[str, dict[str, Any]] = {}
            for c, table in value.items():
                code = _code(c, f"settings.{c}", where, codes)
                if not isinstance(table, dict):
                    raise UsageError(
                        f"{where}: 'settings.{c}' must be a table of thresholds (got {_type_name(table)})"
                    )
                settings.setdefault(code, {}).update({str(k).replace("-", "_"): v for k, v in table.items()})
            out[name] = settings
    return out


#: the shortest fingerprint prefix ``accept`` takes (hex characters): short enough to type, long enough to
#: be unique in any real library (16^8 ≈ 4·10^9)
MIN_FINGERPRINT_PREFIX = 8


def _accepted(value: Any, where: str) -> list[dict[str, str]]:
    """``accept``: a list of fingerprints, or of tables ``{fingerprint, reason}``."""
    if not isinstance(value, list):
        raise UsageError(
            f"{where}: 'accept' must be a list of fingerprints or tables (got {_type_name(value)})"
        )
    out = []
    for i, e in enumerate(value):
        entry = {"fingerprint": e} if isinstance(e, str) else e
        if not isinstance(entry, dict):
            raise UsageError(f"{where}: 'accept[{i}]' must be a fingerprint or a table (got {_type_name(e)})")
        unknown = set(entry) - {"fingerprint", "reason"}
        if unknown:
            raise UsageError(
                f"{where}: 'accept[{i}]': unknown key '{sorted(unknown)[0]}' (known: fingerprint, reason)"
            )
        fp = str(entry.get("fingerprint") or "").strip().lower()
        if len(fp) < MIN_FINGERPRINT_PREFIX or not all(c in "0123456789abcdef-" for c in fp):
            raise UsageError(
                f"{where}: 'accept[{i}].fingerprint' must be a finding's fingerprint (hex, at least "
                f"{MIN_FINGERPRINT_PREFIX} characters; got {entry.get('fingerprint')!r})"
            )
        out.append({"fingerprint": fp, "reason": str(entry.get("reason") or "")})
    return out


def parse_inline(text: str) -> dict[str, Any]:
    """A ``--config 'KEY = VALUE'`` override (TOML, as ruff's), e.g. ``--config 'max-minutes = 30'``."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise UsageError(f"--config {text!r}: not a file and not a TOML 'key = value' ({e})") from None


# --------------------------------------------------------------------------------------------- loading


def load_config(
    start: str | os.PathLike | None = None,
    overrides: dict | None = None,
    *,
    isolated: bool = False,
    inline: list[str] | tuple[str, ...] = (),
) -> Config:
    """The effective configuration: defaults < the config file found from ``start`` < ``overrides``.

    ``overrides`` uses :class:`Config` attribute names (``fail_on``, ``max_minutes``…); None values mean "not
    given". ``select``/``ignore`` may be lists or comma-separated strings; ``severity``/``settings`` merge over
    the file's per code. Path values from the file are resolved relative to the file's folder; from the command
    line they are kept as given.

    ``isolated``: read no configuration file (as ruff's ``--isolated``); ``inline``: ``KEY = VALUE`` TOML
    overrides (``--config 'max-minutes = 30'``), applied after the file and before ``overrides``.
    """
    codes = known_codes()
    cfg = Config()
    for k in _SCALAR_KEYS:
        cfg.sources[k] = DEFAULT
    for k in _TABLE_KEYS:
        cfg.sources[k] = DEFAULT

    layers: list[tuple[str, str, dict[str, Any]]] = []  # (source label, where for messages, values)
    found = None if isolated else find_config(start)
    if found is not None:
        path, table = found
        cfg.path = str(path)
        cfg.root = str(path.parent)
        where = _display(path)
        layers.append((str(path), where, _normalise(table, where, codes, path.parent)))
    for text in inline:
        layers.append(
            (
                "--config",
                f"--config {text!r}",
                _normalise(parse_inline(text), f"--config {text!r}", codes, None),
            )
        )
    if overrides:
        layers.append(
            (COMMAND_LINE, "command line", _normalise(dict(overrides), "command line", codes, None))
        )

    for source, _where, values in layers:
        for k in _SCALAR_KEYS:
            if k in values:
                setattr(cfg, k, values[k])
                cfg.sources[k] = source
        for code, level in values.get("severity", {}).items():
            cfg.severity[code] = level
            cfg.sources[f"severity.{code}"] = source
            cfg.sources["severity"] = source
        if "per_file_ignores" in values:
            cfg.per_file_ignores.update(values["per_file_ignores"])
            cfg.sources["per_file_ignores"] = source
        if "accept" in values:
            cfg.accept.extend(values["accept"])
            cfg.sources["accept"] = source
    if cfg.rules is not None and not os.path.isdir(cfg.rules):
        raise UsageError(f"{_where_of(cfg, 'rules')}: 'rules' {cfg.rules}: not a folder")

    # thresholds are checked against the options each check declares
    from .checks import by_code, validate_options

    checks = by_code()
    for source, where, values in layers:
        for code, table in values.get("settings", {}).items():
            for name, value in validate_options(checks[code], table, where, prefix="settings.").items():
                cfg.settings.setdefault(code, {})[name] = value
                cfg.sources[f"settings.{code}.{name}"] = source
                cfg.sources["settings"] = source
    return cfg


def _where_of(cfg: Config, key: str) -> str:
    src = cfg.sources.get(key, DEFAULT)
    return _display(Path(src)) if src not in (DEFAULT, COMMAND_LINE) else src


def settings_of(config: Config):
    """The :class:`formaudit.engine.Settings` of a ``check`` run with ``config``.

    The checks' declared defaults, ``rules/checks.yaml`` (merged with ``config.rules``/checks.yaml), then
    ``config.settings`` and ``config.severity`` per code, then the budgets ``config.max_minutes`` and
    ``config.max_fields`` (they set the options that declare them), and ``select``/``ignore``.
    """
    from .engine import resolve_settings

    if config.rules is not None and not os.path.isdir(config.rules):
        raise UsageError(f"rules folder {config.rules}: not a folder")
    layers = []
    for code, table in config.settings.items():  # one layer per value: each keeps its own source
        for name, value in table.items():
            source = config.sources.get(f"settings.{code}.{name}", COMMAND_LINE)
            layers.append((source, {code: {name: value}}))
    for code, level in config.severity.items():
        layers.append((config.sources.get(f"severity.{code}", COMMAND_LINE), {code: {"severity": level}}))
    budgets = {
        "max_minutes": (config.max_minutes, config.sources.get("max_minutes", COMMAND_LINE)),
        "max_fields": (config.max_fields, config.sources.get("max_fields", COMMAND_LINE)),
    }
    return resolve_settings(
        config.rules, select=config.select, ignore=config.ignore or None, layers=layers, budgets=budgets
    )


def check_settings_with(config: Config) -> dict[str, dict]:
    """Every check's effective settings under ``config`` (see :func:`settings_of`)."""
    return check_settings_sources(config)[0]


def check_settings_sources(config: Config) -> tuple[dict[str, dict], dict[str, dict[str, str]]]:
    """:func:`check_settings_with` plus where each setting came from: ``{code: {setting: source}}``.

    Sources are ``default`` (declared by the check), ``rules/checks.yaml`` (shipped), ``<rules
    folder>/checks.yaml``, or a :attr:`Config.sources` value (the config file or ``command line``).
    """
    s = settings_of(config)
    return {k: dict(v) for k, v in s.checks.items()}, {k: dict(v) for k, v in s.sources.items()}


def config_fields() -> list[str]:
    """Attribute names of :class:`Config` (for callers building ``overrides``)."""
    return [f.name for f in fields(Config) if f.name not in ("sources", "path", "root")]


def path_ignored(config: Config, source: str | os.PathLike, code: str) -> bool:
    """Whether ``per-file-ignores`` turns ``code`` off for the form at ``source``: a glob matches the form's
    path relative to the config file's folder (``/`` separators; ``**`` any folders), or — a glob with no
    ``/`` — its file name."""
    if not config.per_file_ignores:
        return False
    from fnmatch import fnmatchcase

    root = config.root or os.getcwd()
    rel = os.path.relpath(os.path.abspath(source), root).replace(os.sep, "/")
    name = os.path.basename(rel)
    for glob, codes in config.per_file_ignores.items():
        g = glob.replace("\\", "/").removeprefix("./")
        hit = fnmatchcase(rel, g) or ("/" not in g and fnmatchcase(name, g))
        if not hit and g.startswith("**/"):
            hit = fnmatchcase(rel, g[3:])
        if hit and any(code.startswith(c) for c in codes):
            return True
    return False
