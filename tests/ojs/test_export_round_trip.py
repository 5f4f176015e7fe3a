"""Leaving freely: export_ojs writes Native XML that OJS 3.5 (or 3.4) accepts,
galleys included, and importing it elsewhere gives back the same journal."""

import hashlib
import io

import pytest
from django.core.management import call_command
from lxml import etree

from ojs.native.schemas import schema
from publishing.models import Article
from tests.factories import JournalFactory

pytestmark = pytest.mark.django_db


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


def _snapshot(journal):
    result = {}
    for article in Article.objects.filter(journal=journal).select_related("submission"):
        s = article.submission
        result[article.doi] = {
            "title": s.title,
            "abstract": s.abstract,
            "keywords": s.keywords,
            "version": article.version,
            "pages": (article.first_page, article.last_page),
            "authors": [
                (
                    c.given_name,
                    c.family_name,
                    c.orcid,
                    c.affiliation,
                    c.country.code,
                    c.email,
                    c.is_corresponding,
                    c.name_translations,
                )
                for c in s.authors.order_by("order")
            ],
            "files": sorted(
                (g.kind, g.is_current, hashlib.sha256(g.file.read()).hexdigest())
                for g in article.galleys.all()
            ),
            "issue": (
                article.issue.volume.number,
                article.issue.number,
                article.issue.year,
                article.issue.doi,
            ),
        }
    return result


def test_round_trip_keeps_articles_authors_files_and_dois(imported, tmp_path):
    xml = _export(tmp_path)
    fresh = JournalFactory(slug="fresh", languages=["en", "ru"])
    path = tmp_path / "again.xml"
    path.write_bytes(xml)
    call_command(
        "import_ojs", str(path), journal="fresh", no_progress=True, stdout=io.StringIO()
    )
    before, after = _snapshot(imported), _snapshot(fresh)
    assert len(after) == 5
    assert after == before
