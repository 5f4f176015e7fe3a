"""Who reaches which submission page and file: 404 for others, login for strangers."""

import pytest
from django.urls import reverse

from journal.models import Role
from submissions.models import State
from tests.factories import (
    SubmissionFactory,
    SubmissionFileFactory,
    UserFactory,
    editor_of,
)

pytestmark = pytest.mark.django_db


def author_pages(submission):
    file = submission.files.first()
    return [
        reverse("submissions:detail", args=[submission.pk]),
        reverse("submissions:withdraw", args=[submission.pk]),
        reverse("submissions:step", args=[submission.pk, "metadata"]),
        reverse("submissions:step", args=[submission.pk, "review"]),
        reverse("submissions:file_download", args=[submission.pk, file.pk]),
    ]


@pytest.mark.parametrize("state", [State.DRAFT, State.SUBMITTED])
def test_author_cannot_see_another_authors_submission_or_files(client, state):
    submission = SubmissionFactory(state=state)
    client.force_login(UserFactory())
    for url in author_pages(submission):
        assert client.get(url).status_code == 404, url


def test_author_cannot_change_another_authors_draft(client):
    submission = SubmissionFactory()
    contributor = submission.authors.get()
    client.force_login(UserFactory())
    posts = [
        reverse("submissions:submit", args=[submission.pk]),
        reverse("submissions:author_delete", args=[submission.pk, contributor.pk]),
        reverse(
            "submissions:file_delete", args=[submission.pk, submission.files.get().pk]
        ),
        reverse("submissions:withdraw", args=[submission.pk]),
    ]
    for url in posts:
        assert client.post(url).status_code == 404, url
    submission.refresh_from_db()
    assert submission.state == State.DRAFT and submission.authors.count() == 1


def test_anonymous_visitor_is_sent_to_sign_in(client):
    submission = SubmissionFactory(state=State.SUBMITTED)
    urls = author_pages(submission) + [
        reverse("submissions:mine"),
        reverse("submissions:editor_detail", args=[submission.pk]),
        reverse("submissions:editor_dashboard", args=[submission.journal.slug]),
        reverse("submissions:start", args=[submission.journal.slug]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("account_login")), url


def test_author_cannot_open_editor_pages(client):
    submission = SubmissionFactory(state=State.SUBMITTED)
    client.force_login(submission.submitter)
    assert (
        client.get(
            reverse("submissions:editor_detail", args=[submission.pk])
        ).status_code
        == 404
    )
    dashboard = reverse("submissions:editor_dashboard", args=[submission.journal.slug])
    assert client.get(dashboard).status_code == 404


def test_editor_of_another_journal_cannot_open_submission_or_its_files(client):
    submission = SubmissionFactory(state=State.SUBMITTED)
    stranger = editor_of(SubmissionFactory().journal)
    client.force_login(stranger)
    file = submission.files.get()
    assert (
        client.get(
            reverse("submissions:editor_detail", args=[submission.pk])
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("submissions:file_download", args=[submission.pk, file.pk])
        ).status_code
        == 404
    )


def test_editor_cannot_see_a_draft(client):
    submission = SubmissionFactory()
    client.force_login(editor_of(submission.journal))
    assert (
        client.get(
            reverse("submissions:editor_detail", args=[submission.pk])
        ).status_code
        == 404
    )


def test_file_of_another_submission_is_not_found_through_mine(client):
    mine = SubmissionFactory()
    other = SubmissionFactory()
    client.force_login(mine.submitter)
    url = reverse("submissions:file_download", args=[mine.pk, other.files.get().pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("who", ["author", "editor", "section-editor"])
def test_author_and_editors_download_the_file_with_its_original_name(client, who):
    submission = SubmissionFactory(state=State.SUBMITTED, with_manuscript=False)
    record = SubmissionFileFactory(
        submission=submission, original_name="Sadykova – merit.docx"
    )
    if who == "author":
        client.force_login(submission.submitter)
    else:
        role = Role.EDITOR if who == "editor" else Role.SECTION_EDITOR
        client.force_login(editor_of(submission.journal, role=role))
    response = client.get(
        reverse("submissions:file_download", args=[submission.pk, record.pk])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "merit.docx" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"PK\x03\x04 stub"
