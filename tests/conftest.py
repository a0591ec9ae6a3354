"""Shared test set-up: the parsed-form cache of every command run by the tests lives in a temporary folder
(never the user's cache folder)."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_form_cache(tmp_path_factory):
    old = os.environ.get("FORMAUDIT_CACHE_DIR")
    os.environ["FORMAUDIT_CACHE_DIR"] = str(tmp_path_factory.mktemp("formaudit-cache"))
    yield
    if old is None:
        os.environ.pop("FORMAUDIT_CACHE_DIR", None)
    else:
        os.environ["FORMAUDIT_CACHE_DIR"] = old
