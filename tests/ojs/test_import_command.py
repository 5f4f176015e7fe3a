"""manage.py import_ojs brings a journal's back catalogue from each OJS version."""

import io

import pytest
from django.core.management import CommandError, call_command

from ojs.models import ImportedArticle, OjsRecord, RecordKind
from publishing.models import (
    Article,
    ArticleAccess,
    ArticleVersion,
    Galley,
    Issue,
    IssueState,
)
from submissions.models import State

from .native_builder import LICENCE, ORCID_1, VERSIONS, pdf_bytes

pytestmark = pytest.mark.django_db


def run(issues, users=None, **options) -> str:
    out = io.StringIO()
    args = [str(issues)] + ([str(users)] if users else [])
    call_command(
        "import_ojs", *args, journal="pa", no_progress=True, stdout=out, **options
    )
    return out.getvalue()


def _by_ojs_id(journal, ojs_id) -> Article:
    record = OjsRecord.objects.get(
        journal=journal, kind=RecordKind.ARTICLE, ojs_id=ojs_id
    )
    return Article.objects.select_related("submission").get(pk=record.object_id)


@pytest.mark.parametrize("version", VERSIONS)
def test_import_brings_issues_articles_authors_and_files(
    version, journal, export, client
):
    issues_path, users_path = export(version)
    output = run(issues_path, users_path)
    assert f"OJS {version}" in output

    issues = list(Issue.objects.filter(journal=journal).order_by("published_at"))
    assert [(i.volume.number, i.number, i.year) for i in issues] == [
        (1, "1", 2021),
        (1, "2", 2021),
        (2, "1", 2022),
    ]
    first = issues[0]
    assert first.state == IssueState.PUBLISHED
    assert first.title == "Reform in the region"
    assert first.description == "The first issue."
    assert first.doi == "10.99999/ojs.issue.11"
    assert first.cover_image and first.cover_image.read()[:4] == b"\x89PNG"
    assert first.cover_alt == "A map of the region"
    assert first.title_translations == {"ru": "Реформы в регионе"}
    assert first.description_translations == {"ru": "Первый выпуск."}

    article = _by_ojs_id(journal, "1")
    submission = article.submission
    assert submission.state == State.PUBLISHED
    # The latest publication is the article; the first one is its version 1.
    assert article.version == 2
    assert submission.title["en"] == "Merit-based recruitment, case 1"
    assert submission.title["ru"] == "Меритократический отбор, случай 1"
    assert submission.title["fr-ca"] == "Recrutement au mérite, cas 1"
    assert submission.abstract["ru"] == "Аннотация статьи 1."
    assert submission.keywords["en"] == ["civil service", "meritocracy"]
    assert article.doi == "10.99999/ojs.1"
    assert (article.first_page, article.last_page) == ("11", "19")
    assert article.issue == first
    assert article.section.title == "Articles"
    assert article.section.title_translations["ru"] == "Статьи"
    assert submission.subtitle == {
        "en": "A corrected version",
        "ru": "Исправленная версия",
    }
    assert submission.subjects == {"en": ["Public administration"]}
    assert article.copyright_holder == {"en": "The authors"}
    assert article.copyright_year == 2021
    assert article.access_status == ArticleAccess.OPEN
    assert ImportedArticle.objects.get(article=article).licence_url == LICENCE

    authors = list(submission.authors.order_by("order"))
    assert [a.family_name for a in authors] == ["Seitkali", "Beridze"]
    assert authors[0].name_translations["ru"] == {
        "given": "Айгерим",
        "family": "Сейткали",
    }
    assert authors[0].orcid == ORCID_1
    assert authors[0].country.code == "KZ"
    assert authors[0].is_corresponding and not authors[1].is_corresponding
    assert authors[0].affiliation == "Academy of Public Administration, Astana"

    current = {
        g.kind: g for g in Galley.objects.filter(article=article, is_current=True)
    }
    assert set(current) == {"pdf", "html", "supplementary"}
    response = client.get(f"/article/{article.pk}/download/{current['pdf'].pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes("Article 1 corrected")

    old = ArticleVersion.objects.get(article=article)
    assert old.number == 1
    assert [g.sha256 for g in old.galleys.all()] == [
        Galley.objects.get(article=article, is_current=False).sha256
    ]
    assert old.metadata["title"]["en"] == "Merit-based recruitment, case 1"

    # A file referenced from the export (not embedded) is stored too.
    referenced = _by_ojs_id(journal, "3").galleys.get(kind="pdf")
    assert referenced.file.read() == pdf_bytes("Article 3")
    assert Article.objects.filter(journal=journal).count() == 5


def test_summary_table_counts_what_was_imported(journal, export):
    issues_path, users_path = export("3.4")
    output = run(issues_path, users_path)
    lines = {line.split()[0]: line.split()[1:] for line in output.splitlines() if line}
    assert lines["issues"][:3] == ["3", "0", "0"]
    assert lines["articles"][:3] == ["5", "0", "0"]
    assert lines["users"][:3] == ["4", "0", "0"]
    assert "Copyeditor" in output  # a group with no counterpart is reported


def test_invalid_export_is_refused_with_line_numbers_and_nothing_imported(
    journal, export
):
    issues_path, _users = export("3.5")
    text = issues_path.read_text().replace(
        "<issue_identification>", "<issue_identificatio>", 1
    )
    issues_path.write_text(
        text.replace("</issue_identification>", "</issue_identificatio>", 1)
    )
    with pytest.raises(CommandError) as caught:
        run(issues_path)
    message = str(caught.value)
    assert "nothing was imported" in message
    assert "Line " in message and "issue_identificatio" in message
    assert not Issue.objects.filter(journal=journal).exists()
    assert not OjsRecord.objects.exists()


def test_malformed_xml_is_refused_with_its_line(journal, tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<issues xmlns="http://pkp.sfu.ca">\n<issue>\n</issues>'
    )
    with pytest.raises(CommandError, match="Line 4"):
        run(path)


def test_dry_run_reports_and_writes_nothing(journal, export):
    issues_path, users_path = export("3.3")
    output = run(issues_path, users_path, dry_run=True)
    assert "Dry run" in output
    assert "would create" in output
    assert not Article.objects.exists()
    assert not Issue.objects.exists()
    assert not OjsRecord.objects.exists()
    assert not journal.roles.exists()
