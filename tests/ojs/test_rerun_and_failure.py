"""Safe to run twice, safe to fail."""

import io

import pytest
from django.core.management import CommandError, call_command

from journal.models import Section
from ojs.models import OjsRecord
from ojs.services import importer
from publishing.models import Article, ArticleVersion, Galley, Issue
from submissions.models import Contributor

from .native_builder import IssueSpec, issues_xml, sample_article, sample_journal

pytestmark = pytest.mark.django_db


def run(issues, users=None, **options) -> str:
    out = io.StringIO()
    args = [str(issues)] + ([str(users)] if users else [])
    call_command(
        "import_ojs", *args, journal="pa", no_progress=True, stdout=out, **options
    )
    return out.getvalue()


def _state():
    return {
        "issues": list(Issue.objects.order_by("pk").values_list("pk", "updated_at")),
        "articles": list(Article.objects.order_by("pk").values_list("pk", "datestamp")),
        "galleys": list(
            Galley.objects.order_by("pk").values_list("pk", "file", "sha256")
        ),
        "contributors": list(Contributor.objects.order_by("pk").values_list("pk")),
        "versions": list(ArticleVersion.objects.order_by("pk").values_list("pk")),
        "sections": list(Section.objects.order_by("pk").values_list("pk")),
        "records": OjsRecord.objects.count(),
    }


def test_second_run_changes_nothing(journal, export):
    issues, users = export("3.5")
    run(issues, users)
    before = _state()
    output = run(issues, users)
    assert _state() == before
    rows = {line.split()[0]: line.split()[1:4] for line in output.splitlines() if line}
    assert rows["articles"] == ["0", "0", "5"]
    assert rows["issues"] == ["0", "0", "3"]
    assert rows["users"] == ["0", "0", "4"]


def test_later_export_adds_what_is_new_and_updates_what_changed(
    journal, export, tmp_path
):
    issues, _users = export("3.4")
    run(issues)
    untouched = Article.objects.get(ojs_metadata__ojs_id="4").datestamp

    later = sample_journal("3.4", referenced_dir=issues.parent)
    later[0].articles[1].publications[0].title["en"] = "A corrected title"
    new_issue = later[2]
    later.append(
        IssueSpec(
            id=14,
            volume=2,
            number="2",
            year=2022,
            title={"en": "Audit"},
            description={},
            date_published="2022-12-20",
            sections=new_issue.sections,
            articles=[sample_article(6, "2022-12-20")],
        )
    )
    path = issues.parent / "later.xml"
    path.write_bytes(issues_xml("3.4", later))
    output = run(path)
    rows = {line.split()[0]: line.split()[1:4] for line in output.splitlines() if line}
    assert rows["articles"] == ["1", "1", "4"]
    assert rows["issues"] == ["1", "0", "3"]
    changed = Article.objects.get(ojs_metadata__ojs_id="2")
    assert changed.submission.title["en"] == "A corrected title"
    assert Article.objects.get(ojs_metadata__ojs_id="4").datestamp == untouched
    assert Article.objects.count() == 6


def test_failure_in_the_third_issue_leaves_the_first_two_complete(
    journal, export, monkeypatch
):
    issues, _users = export("3.3")
    real = importer._import_article

    def failing(run_, art, issue, order, **kwargs):
        if art.id == "5":
            raise RuntimeError("disk full")
        return real(run_, art, issue, order, **kwargs)

    monkeypatch.setattr(importer, "_import_article", failing)
    with pytest.raises(CommandError) as caught:
        run(issues)
    message = str(caught.value)
    assert "Vol. 2 No. 1 (2022)" in message and "OJS id 13" in message
    assert "disk full" in message
    assert sorted(Issue.objects.values_list("number", "year")) == [
        ("1", 2021),
        ("2", 2021),
    ]
    assert Article.objects.count() == 4
    assert not OjsRecord.objects.filter(kind="issue", ojs_id="13").exists()
    assert Galley.objects.filter(article__ojs_metadata__ojs_id="1").count() == 4

    # Once the cause is gone, running again completes the import.
    monkeypatch.setattr(importer, "_import_article", real)
    run(issues)
    assert Article.objects.count() == 5
    assert Issue.objects.count() == 3
