"""Managers import from the site: upload, dry-run report, confirm, progress,
an email when done."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from journal.models import Role
from ojs.models import ImportStatus, OjsImport
from publishing.models import Article
from tests.factories import RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(journal):
    user = UserFactory(email="manager@pa.example.org")
    RoleFactory(journal=journal, user=user, role=Role.MANAGER)
    return user


def _upload(client, export, version="3.5", django_capture=None):
    issues, users = export(version)
    # A web upload carries embedded files only: drop the referenced one.
    text = issues.read_bytes()
    return client.post(
        "/j/pa/editorial/settings/ojs-import/",
        {
            "issues_file": SimpleUploadedFile("issues.xml", text, "text/xml"),
            "users_file": SimpleUploadedFile(
                "users.xml", users.read_bytes(), "text/xml"
            ),
            "ojs_path": "pubadmin",
        },
    )


def test_manager_uploads_sees_the_dry_run_confirms_and_gets_an_email(
    client, journal, manager, export, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, export)
    job = OjsImport.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/ojs-import/{job.pk}/")
    job.refresh_from_db()
    assert job.version == "3.5"
    page = client.get(response["Location"]).content.decode()
    assert "What the import would do" in page
    assert "Would create" in page
    assert not Article.objects.exists()
    # The referenced PDF is not in a web upload: the dry run says which issue stops.
    assert "Vol. 1 No. 2" in page

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/j/pa/editorial/settings/ojs-import/{job.pk}/confirm/")
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert job.progress_done == 2  # the first issue's two articles
    assert Article.objects.count() == 2
    assert [m.to for m in mail.outbox] == [["manager@pa.example.org"]]
    assert "stopped" in mail.outbox[0].subject
    page = client.get(f"/j/pa/editorial/settings/ojs-import/{job.pk}/").content.decode()
    assert "What was imported" in page


def test_a_complete_export_is_imported_from_the_site(
    client, journal, manager, export, django_capture_on_commit_callbacks
):
    from tests.ojs.native_builder import issues_xml, sample_journal

    client.force_login(manager)
    issues = issues_xml("3.4", sample_journal("3.4"))  # every file embedded
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/j/pa/editorial/settings/ojs-import/",
            {"issues_file": SimpleUploadedFile("issues.xml", issues, "text/xml")},
        )
    job = OjsImport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/j/pa/editorial/settings/ojs-import/{job.pk}/confirm/")
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert (job.progress_done, job.progress_total) == (5, 5)
    assert Article.objects.count() == 5
    assert "finished" in mail.outbox[-1].subject
    assert job.report["counts"]["articles"]["created"] == 5


def test_invalid_upload_is_refused_with_line_numbers(
    client, journal, manager, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/j/pa/editorial/settings/ojs-import/",
            {"issues_file": SimpleUploadedFile("x.xml", b"<issues><oops>", "text/xml")},
        )
    page = client.get(response["Location"]).content.decode()
    assert "nothing was imported" in page
    assert "Line " in page
    assert OjsImport.objects.get().status == ImportStatus.REFUSED


def test_only_managers_see_the_import_pages(client, journal):
    editor = UserFactory()
    RoleFactory(journal=journal, user=editor, role=Role.EDITOR)
    client.force_login(editor)
    assert client.get("/j/pa/editorial/settings/ojs-import/").status_code == 404


def test_managers_find_the_import_from_the_issues_page(client, journal, manager):
    import_url = "/j/pa/editorial/settings/ojs-import/"
    client.force_login(manager)
    page = client.get("/j/pa/editorial/issues/")
    assert page.status_code == 200
    assert f'href="{import_url}"' in page.text
    assert client.get(import_url).status_code == 200

    editor = UserFactory()
    RoleFactory(journal=journal, user=editor, role=Role.EDITOR)
    client.force_login(editor)
    page = client.get("/j/pa/editorial/issues/")
    assert page.status_code == 200
    assert import_url not in page.text
