"""A missing schema skips a schema test on a developer's machine, fails it in CI."""

import pytest

from tests.schemas import schema_missing


def test_a_missing_schema_fails_the_test_in_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="OAI-PMH.xsd not found"):
        schema_missing("OAI-PMH.xsd not found")


def test_a_missing_schema_skips_the_test_outside_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="OAI-PMH.xsd not found"):
        schema_missing("OAI-PMH.xsd not found")
