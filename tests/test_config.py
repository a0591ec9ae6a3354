"""Configuration for `formaudit check`: upward search, precedence, sources, errors; `formaudit config`."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from formaudit.checks import registry
from formaudit.cli import cli
from formaudit.config import COMMAND_LINE, DEFAULT, Config, check_settings_with, load_config
from formaudit.errors import UsageError


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def project(tmp_path):
    """root/pyproject.toml with [tool.formaudit]; root/a/b is where we run."""
    root = tmp_path / "root"
    cfg = write(
        root / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.formaudit]\nmax-minutes = 30\nselect = ["FA1", "FA301"]\n'
        'library = "forms"\n\n[tool.formaudit.severity]\nFA102 = "warning"\n\n'
        "[tool.formaudit.settings.FA101]\nsimilarity = 92\n",
    )
    deep = root / "a" / "b"
    deep.mkdir(parents=True)
    return root, cfg, deep


# ------------------------------------------------------------------------------------------ search


def test_config_two_levels_up_is_found(project, monkeypatch):
    root, cfg, deep = project
    monkeypatch.chdir(deep)
    c = load_config()
    assert c.path == str(cfg)
    assert c.max_minutes == 30.0
    assert c.select == ["FA1", "FA301"]
    assert c.library == str(root / "forms")  # paths resolve relative to the config file
    # an explicit start works the same
    assert load_config(deep).path == str(cfg)


def test_pyproject_without_table_is_skipped(project):
    root, cfg, deep = project
    write(root / "a" / "pyproject.toml", '[project]\nname = "inner"\n\n[tool.ruff]\nline-length = 100\n')
    assert load_config(deep).path == str(cfg)


def test_order_within_a_folder_and_nearest_folder_wins(project):
    root, cfg, deep = project
    hidden = write(root / "a" / ".formaudit.toml", "max-fields = 10\n")
    assert load_config(deep).path == str(hidden)
    plain = write(root / "a" / "formaudit.toml", "max-fields = 20\n")
    c = load_config(deep)
    assert c.path == str(plain) and c.max_fields == 20
    assert c.max_minutes is None  # the nearer file is the whole configuration; no merging with the one above


def test_formaudit_toml_top_level_tables(tmp_path):
    write(tmp_path / "formaudit.toml", '[severity]\nFA201 = "error"\n\n[settings.FA202]\nmin-words = 10\n')
    c = load_config(tmp_path)
    assert c.severity == {"FA201": "error"}
    assert c.settings == {"FA202": {"min_words": 10}}


def test_explicit_config_file(tmp_path):
    f = write(tmp_path / "ci" / "strict.toml", 'fail-on = "info"\n')
    assert load_config(f).fail_on == "info"


# ------------------------------------------------------------------------------------------ precedence


def test_command_line_over_file_over_defaults(project):
    root, cfg, deep = project
    c = load_config(deep, {"max_minutes": 20, "fail_on": "error", "select": None, "max_fields": None})
    assert c.max_minutes == 20.0 and c.sources["max_minutes"] == COMMAND_LINE
    assert c.fail_on == "error" and c.sources["fail_on"] == COMMAND_LINE
    assert c.select == ["FA1", "FA301"] and c.sources["select"] == str(cfg)  # None: not given
    assert c.max_fields is None and c.sources["max_fields"] == DEFAULT
    assert c.ignore == [] and c.sources["ignore"] == DEFAULT
    assert c.sources["severity.FA102"] == str(cfg)
    assert c.sources["settings.FA101.similarity"] == str(cfg)
    for key in (
        "select",
        "ignore",
        "fail_on",
        "max_minutes",
        "max_fields",
        "rules",
        "usage",
        "library",
        "baseline",
    ):
        assert key in c.sources


def test_command_line_codes_and_tables_merge(project):
    root, cfg, deep = project
    c = load_config(
        deep,
        {
            "ignore": "fa202,FA103",
            "severity": {"FA101": "error"},
            "settings": {"FA101": {"seconds_per_field": 12}},
        },
    )
    assert c.ignore == ["FA202", "FA103"]
    assert c.severity == {"FA102": "warning", "FA101": "error"}
    assert c.settings == {"FA101": {"similarity": 92, "seconds_per_field": 12}}
    assert c.sources["severity.FA101"] == COMMAND_LINE and c.sources["severity.FA102"] == str(cfg)
    assert c.sources["settings.FA101.seconds_per_field"] == COMMAND_LINE


def test_snake_case_keys_accepted(tmp_path):
    write(tmp_path / "formaudit.toml", 'fail_on = "info"\nmax_minutes = 12.5\n')
    c = load_config(tmp_path)
    assert (c.fail_on, c.max_minutes) == ("info", 12.5)


def test_check_settings_with_merges_everything(project):
    root, cfg, deep = project
    c = load_config(deep, {"max_fields": 60})
    s = check_settings_with(c)
    assert s["FA101"]["similarity"] == 92 and s["FA101"]["seconds_per_field"] == 10  # checks.yaml kept
    assert s["FA102"]["severity"] == "warning"
    assert s["FA301"]["budget_minutes"] == 30.0
    assert s["FA302"]["max_fields"] == 60
    assert set(s) >= {c.code for c in registry()}
    # the shipped (cached) rule data is not modified
    assert check_settings_with(Config())["FA101"]["similarity"] == 90


def test_rules_folder_relative_to_config(tmp_path):
    write(tmp_path / "proj" / "myrules" / "checks.yaml", "FA101: {similarity: 80}\n")
    write(tmp_path / "proj" / "formaudit.toml", 'rules = "myrules"\n')
    c = load_config(tmp_path / "proj")
    assert c.rules == str(tmp_path / "proj" / "myrules")
    assert check_settings_with(c)["FA101"]["similarity"] == 80


# ------------------------------------------------------------------------------------------ errors


def test_unknown_key_names_key_and_file(tmp_path, monkeypatch):
    write(tmp_path / "formaudit.toml", "max-minuets = 30\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError) as e:
        load_config()
    msg = str(e.value)
    assert "formaudit.toml" in msg and "'max-minuets'" in msg and "max-minutes" in msg


def test_unknown_key_in_pyproject(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.formaudit]\nlibary = 'forms'\n")
    with pytest.raises(UsageError, match=r"pyproject\.toml.*'libary'"):
        load_config(tmp_path)


@pytest.mark.parametrize(
    "toml, match",
    [
        ('[severity]\nFA101 = "critical"\n', r"severity\.FA101.*error, warning, info.*critical"),
        ('fail-on = "fatal"\n', r"fail-on"),
        ('[settings.FA101]\nseverity = "loud"\n', r"settings\.FA101\.severity"),
    ],
)
def test_bad_severity(tmp_path, toml, match):
    write(tmp_path / "formaudit.toml", toml)
    with pytest.raises(UsageError, match=match) as e:
        load_config(tmp_path)
    assert "formaudit.toml" in str(e.value)


@pytest.mark.parametrize(
    "toml, match",
    [
        ('select = ["FA999"]\n', r"'select'.*FA999"),
        ('ignore = "FA101,XX1"\n', r"'ignore'.*XX1"),
        ('[severity]\nFA999 = "error"\n', r"FA999"),
        ("[settings.FA998]\nsimilarity = 1\n", r"FA998"),
    ],
)
def test_unknown_code(tmp_path, toml, match):
    write(tmp_path / "formaudit.toml", toml)
    with pytest.raises(UsageError, match=match) as e:
        load_config(tmp_path)
    assert "formaudit.toml" in str(e.value) and "FA101" in str(e.value)  # lists the known codes


@pytest.mark.parametrize(
    "toml, match",
    [
        ('max-minutes = "soon"\n', r"max-minutes"),
        ("max-fields = 2.5\n", r"max-fields"),
        ("max-fields = true\n", r"max-fields"),
        ("select = 101\n", r"'select'"),
        ("library = 3\n", r"'library'"),
        ("severity = 1\n", r"'severity'"),
        ('[settings.FA101]\nsimilarity = "high"\n', r"settings\.FA101\.similarity"),
        ("[settings.FA101]\nsimilarty = 80\n", r"unknown setting 'settings\.FA101\.similarty'"),
        ('rules = "no-such-folder"\n', r"no-such-folder"),
        ("max-minutes = [\n", r"invalid TOML"),
    ],
)
def test_wrong_types_and_values(tmp_path, toml, match):
    write(tmp_path / "formaudit.toml", toml)
    with pytest.raises(UsageError, match=match) as e:
        load_config(tmp_path)
    assert "formaudit.toml" in str(e.value)


def test_command_line_errors_say_command_line(tmp_path):
    write(tmp_path / "formaudit.toml", "")
    with pytest.raises(UsageError, match=r"command line.*FA9"):
        load_config(tmp_path, {"select": "FA9"})
    with pytest.raises(UsageError, match=r"command line.*unknown key 'nonsense'"):
        load_config(tmp_path, {"nonsense": 1})


# ------------------------------------------------------------------------------------------ formaudit config


def test_config_command_text(project, monkeypatch):
    root, cfg, deep = project
    monkeypatch.chdir(deep)
    r = CliRunner().invoke(cli, ["config", "--fail-on", "error"])
    assert r.exit_code == 0, r.output
    assert str(cfg) in r.output
    lines = r.output.splitlines()
    row = next(line for line in lines if line.split()[:1] == ["max-minutes"])
    assert "30.0" in row and "pyproject.toml" in row
    row = next(line for line in lines if line.split()[:1] == ["fail-on"])
    assert "error" in row and "command line" in row
    row = next(line for line in lines if line.split()[:1] == ["ignore"])
    assert "default" in row
    assert "settings.FA101.similarity" in r.output and "Effective check settings" in r.output


def test_config_command_json_and_toml(project, monkeypatch):
    root, cfg, deep = project
    monkeypatch.chdir(deep)
    r = CliRunner().invoke(cli, ["config", "--format", "json", "--max-fields", "40"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["file"] == str(cfg)
    assert data["values"]["max-minutes"] == {"value": 30.0, "source": str(cfg)}
    assert data["values"]["max-fields"] == {"value": 40, "source": "command line"}
    assert data["values"]["severity"]["FA102"]["value"] == "warning"
    assert data["checks"]["FA301"]["budget_minutes"] == {"value": 30.0, "source": str(cfg)}
    assert data["checks"]["FA101"]["seconds_per_field"]["source"] == "default"  # declared by the check

    r = CliRunner().invoke(cli, ["config", "--format", "toml"])
    assert r.exit_code == 0, r.output
    import sys

    if sys.version_info >= (3, 11):
        import tomllib

        table = tomllib.loads(r.output)["tool"]["formaudit"]
        assert table["max-minutes"] == 30.0 and table["settings"]["FA101"]["similarity"] == 92
        # the printed table is itself a valid configuration
        write(root / "again" / "formaudit.toml", r.output)
        again = load_config(root / "again")
        assert again.max_minutes == 30.0 and again.severity == {"FA102": "warning"}


def test_config_command_error_is_one_line_exit_2(tmp_path, monkeypatch):
    write(tmp_path / "formaudit.toml", "max-minuets = 30\n")
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(cli, ["config"])
    assert r.exit_code == 2
    assert r.output.strip().count("\n") == 0
    assert "formaudit.toml" in r.output and "max-minuets" in r.output
    assert "Traceback" not in r.output


def test_config_command_explicit_file(tmp_path, monkeypatch):
    f = write(tmp_path / "strict.toml", 'fail-on = "info"\n')
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(cli, ["config", "--config", os.fspath(f), "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["values"]["fail-on"] == {"value": "info", "source": str(f)}


def test_config_without_a_file_says_where_it_looked(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from formaudit.cli.config import config

    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(config, []).output
    assert "pyproject.toml [tool.formaudit]" in out
