"""People's names come from OJS in every language and go back to OJS so."""

import io

import bcrypt
import pytest
from django.core.management import call_command
from lxml import etree

from journal.models import User
from ojs.native.schemas import NS, schema

from .native_builder import GROUPS, OLD_PASSWORD, sample_users, users_xml

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(journal, tmp_path, export):
    issues, _users = export("3.5")
    users = sample_users()
    users[0].given["fr"] = "Dana"
    users[0].family["fr"] = "Gestionnaire"
    path = tmp_path / "users.xml"
    path.write_bytes(users_xml("3.5", GROUPS, users))
    call_command(
        "import_ojs",
        str(issues),
        str(path),
        journal="pa",
        no_progress=True,
        stdout=io.StringIO(),
    )
    return User.objects.get(email="manager@ojs.example.org")


def test_names_are_imported_in_every_language(people, client):
    assert (people.given_name, people.family_name) == ("Dana", "Manager")
    assert people.name_translations == {
        "fr-ca": {"given": "Dana", "family": "Gestionnaire"},
        "ru": {"given": "Дана", "family": "Менеджер"},
    }
    client.force_login(people)
    html = client.get("/profile/").content.decode()
    assert 'value="Менеджер"' in html


@pytest.mark.parametrize("version", ["3.5", "3.4"])
def test_people_are_exported_with_their_names_in_every_language(
    version, people, tmp_path
):
    issues, users = tmp_path / "out.xml", tmp_path / "people.xml"
    call_command(
        "export_ojs",
        "--journal",
        "pa",
        "--output",
        str(issues),
        "--users",
        str(users),
        "--ojs-version",
        version,
        stderr=io.StringIO(),
    )
    root = etree.parse(str(users)).getroot()
    validator = schema(version, "pkp-users")
    assert validator.validate(root), validator.error_log
    n = f"{{{NS}}}"
    manager = next(
        u
        for u in root.iter(f"{n}user")
        if u.findtext(f"{n}email") == "manager@ojs.example.org"
    )
    assert {e.get("locale"): e.text for e in manager.findall(f"{n}familyname")} == {
        "en": "Manager",
        "ru": "Менеджер",
        "fr_CA": "Gestionnaire",
    }
    assert manager.findtext(f"{n}username") == "jmanager"
    # The OJS password goes back as it came, so it still signs in there.
    value = manager.findtext(f"{n}password/{n}value")
    assert bcrypt.checkpw(OLD_PASSWORD.encode(), value.replace("$2y$", "$2b$").encode())
