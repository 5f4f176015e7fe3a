"""Leaving freely: export_ojs writes Native XML that OJS 3.5 (or 3.4) accepts,
galleys included, and importing it into another installation, with a database
of its own, gives back the same journal."""

import difflib
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from lxml import etree

from journal.models import Journal
from ojs.native.schemas import schema

from .conftest import write_export
from .round_trip import JOURNAL, comparable_export, snapshot

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def imported(journal, export):
    issues, _users = export("3.3")
    call_command(
        "import_ojs", str(issues), journal="pa", no_progress=True, stdout=io.StringIO()
    )
    return journal


def _export(tmp_path, *args) -> bytes:
    path = tmp_path / "out.xml"
    call_command(
        "export_ojs",
        "--journal",
        "pa",
        "--output",
        str(path),
        *args,
        stderr=io.StringIO(),
    )
    return path.read_bytes()


@pytest.mark.parametrize("version", ["3.5", "3.4"])
def test_export_is_valid_against_the_ojs_schema(version, imported, tmp_path):
    xml = _export(tmp_path, "--ojs-version", version)
    validator = schema(version, "native")
    assert validator.validate(etree.fromstring(xml)), validator.error_log
    assert xml.count(b"<issue ") == 3
    assert b'encoding="base64"' in xml


def test_one_issue_can_be_exported(imported, tmp_path):
    issue = imported.issues.order_by("published_at").first()
    xml = _export(tmp_path, "--issue", str(issue.pk))
    assert xml.count(b"<issue ") == 1
    assert xml.count(b"<article ") == 2


@pytest.fixture
def fresh_database(tmp_path):
    """The URL of a new, empty database beside the test's own: a PostgreSQL
    database of its own (dropped afterwards), or an SQLite file."""
    from django.db import connection

    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    import psycopg

    conf = connection.settings_dict
    name = f"{conf['NAME']}_rt"
    login = {
        "host": conf["HOST"] or "localhost",
        "port": conf["PORT"] or 5432,
        "user": conf["USER"] or None,
        "password": conf["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **login) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    credentials = quote(login["user"] or "", safe="")
    if login["password"]:
        credentials += ":" + quote(login["password"], safe="")
    yield f"postgres://{credentials}@{login['host']}:{login['port']}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **login) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _diff(first: bytes, again: bytes) -> str:
    lines = [
        etree.tostring(etree.fromstring(x), pretty_print=True)
        .decode()[:200_000]
        .splitlines()
        for x in (first, again)
    ]
    return "\n".join(list(difflib.unified_diff(*lines, lineterm=""))[:60])


@pytest.mark.services  # a second installation runs in a process of its own
def test_round_trip_through_a_fresh_database(tmp_path, fresh_database, client):
    """Export, import into a new empty database, export again: the two exports
    are the same (galley bytes embedded), and so are the articles, authors,
    files, DOIs, people and article pages."""
    journal = Journal.objects.create(**JOURNAL)
    issues, users = write_export(tmp_path, "3.3")
    call_command(
        "import_ojs",
        str(issues),
        str(users),
        journal="pa",
        no_progress=True,
        stdout=io.StringIO(),
    )
    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir()
    there.mkdir()
    call_command(
        "export_ojs",
        "--journal",
        "pa",
        "--output",
        str(here / "issues.xml"),
        "--users",
        str(here / "users.xml"),
        stderr=io.StringIO(),
    )
    (tmp_path / "far_settings.py").write_text(
        "from config.settings.test import *  # noqa\n"
        f"MEDIA_ROOT = {str(tmp_path / 'far-media')!r}\n"
        'STORAGES["default"]["OPTIONS"]["location"] = MEDIA_ROOT\n'
    )
    far = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.ojs.round_trip",
            str(here / "issues.xml"),
            str(here / "users.xml"),
            str(there),
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}",
            "DJANGO_SETTINGS_MODULE": "far_settings",
            "DATABASE_URL": fresh_database,
        },
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert far.returncode == 0, far.stderr[-3000:]

    for name in ("issues.xml", "users.xml"):
        first = comparable_export((here / name).read_bytes())
        again = comparable_export((there / name).read_bytes())
        assert again == first, _diff(first, again)
    theirs = json.loads((there / "snapshot.json").read_text())
    ours = snapshot(journal, client)
    assert len(ours["articles"]) == 5 and len(ours["people"]) == 4
    assert theirs == ours
