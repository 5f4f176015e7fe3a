"""Schema tests skip on a developer's machine without ../shared/schemas, and
fail on CI, where a missing schema folder must never pass as green."""

import pytest

from tests.schemas import require_schema, schema_missing


def test_a_missing_schema_fails_on_ci(settings, tmp_path, monkeypatch):
    settings.SCHEMAS_DIR = str(tmp_path)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        require_schema("oai-pmh/OAI-PMH.xsd")


def test_a_missing_schema_skips_elsewhere(settings, tmp_path, monkeypatch):
    settings.SCHEMAS_DIR = str(tmp_path)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        require_schema("oai-pmh/OAI-PMH.xsd")


def test_present_schemas_are_found(settings):
    assert require_schema("oai-pmh/OAI-PMH.xsd").is_file()


def test_a_missing_schema_fails_the_test_in_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="OAI-PMH.xsd not found"):
        schema_missing("OAI-PMH.xsd not found")


def test_a_missing_schema_skips_the_test_outside_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="OAI-PMH.xsd not found"):
        schema_missing("OAI-PMH.xsd not found")
