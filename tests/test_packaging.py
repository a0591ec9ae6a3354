"""The wheel must carry every subpackage and the rule data (CI also installs it and runs from elsewhere)."""

from __future__ import annotations

from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")

ROOT = Path(__file__).resolve().parents[1]


def test_every_subpackage_is_listed_for_the_wheel():
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(conf["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "formaudit").rglob("__init__.py")}
    assert on_disk - listed == set()
    assert (
        "formaudit.rules" in listed
        and conf["tool"]["setuptools"]["package-dir"]["formaudit.rules"] == "rules"
    )
    assert set(p.name for p in (ROOT / "rules").glob("*.yaml")) >= {
        "kinds.yaml",
        "checks.yaml",
        "time_model.yaml",
    }


def test_every_rule_file_ships_with_its_schema():
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "*.json" in conf["tool"]["setuptools"]["package-data"]["formaudit.schemas"]
    for rule in (ROOT / "rules").glob("*.yaml"):
        assert (ROOT / "formaudit" / "schemas" / f"rules-{rule.stem}.schema.json").is_file(), rule.name
