import pytest

from tests.factories import JournalFactory

from .native_builder import GROUPS, issues_xml, sample_journal, sample_users, users_xml


@pytest.fixture
def journal(db):
    return JournalFactory(slug="pa", languages=["en", "ru"])


def write_export(tmp_path, version: str, *, name="issues.xml", issues=None) -> tuple:
    """(issues path, users path) of the standard fixture for an OJS version."""
    folder = tmp_path / f"ojs-{version}"
    folder.mkdir(exist_ok=True)
    if issues is None:
        issues = sample_journal(version, referenced_dir=folder)
    path = folder / name
    path.write_bytes(issues_xml(version, issues))
    users = folder / "users.xml"
    users.write_bytes(users_xml(version, GROUPS, sample_users()))
    return path, users


@pytest.fixture
def export(tmp_path):
    return lambda version, **kw: write_export(tmp_path, version, **kw)
