"""The test exports are what each OJS version writes: its own schema accepts
them, and the fixtures hold what the import must handle."""

import pytest
from lxml import etree

from ojs.native.schemas import schema

from .native_builder import (
    GROUPS,
    VERSIONS,
    issues_xml,
    sample_journal,
    sample_users,
    users_xml,
)


@pytest.mark.parametrize("version", VERSIONS)
def test_issues_export_is_valid_against_its_own_ojs_schema(version, tmp_path):
    xml = issues_xml(version, sample_journal(version, referenced_dir=tmp_path))
    validator = schema(version, "native")
    assert validator.validate(etree.fromstring(xml)), validator.error_log
    text = xml.decode()
    assert 'locale="ru' in text  # two locales, one Russian
    assert "orcid.org/0000-0002-1825-0097" in text
    assert "<cover_image>" in text
    assert 'encoding="base64"' in text
    assert "<href " in text  # a referenced file
    assert text.count("<publication ") == 6  # article 1 has two


@pytest.mark.parametrize("version", VERSIONS)
def test_users_export_is_valid_against_its_own_ojs_schema(version):
    xml = users_xml(version, GROUPS, sample_users())
    validator = schema(version, "pkp-users")
    assert validator.validate(etree.fromstring(xml)), validator.error_log
    assert "$2y$04$" in xml.decode()


@pytest.mark.parametrize("version", VERSIONS)
def test_other_versions_schemas_refuse_the_export(version, tmp_path):
    xml = etree.fromstring(issues_xml(version, sample_journal(version)))
    others = [v for v in VERSIONS if v != version]
    assert not any(schema(v, "native").validate(xml) for v in others)
