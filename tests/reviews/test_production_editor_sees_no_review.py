"""Production editors see what production needs and nothing confidential from
review: no reports, no confidential comments, no reviewers' names, no annotated
files (reviews.manage in reviews/rules.py leaves them out)."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from journal.models import Role
from publishing.models import Article, ArticleStatus
from submissions.models import State, Submission
from tests.factories import RoleFactory, UserFactory
from tests.reviews.factories import ReviewFactory, RoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed():
    """A submission with one submitted review carrying confidential comments and
    an annotated file, and the journal's production editor."""
    reviewer = UserFactory(given_name="Rustam", family_name="Confidentialov")
    round_ = RoundFactory()
    review = ReviewFactory(
        assignment__round=round_,
        assignment__reviewer=reviewer,
        comments_to_editor="Between us: the data look fabricated.",
    )
    review.annotated_file.save("notes.pdf", ContentFile(b"%PDF-1.4 notes"))
    review.annotated_extension = "pdf"
    review.save()
    submission = round_.submission
    production = RoleFactory(
        journal=submission.journal, role=Role.PRODUCTION_EDITOR
    ).user
    return submission, review, production


def test_production_editor_cannot_open_any_review_page(client, reviewed):
    submission, review, production = reviewed
    client.force_login(production)

    for url in [
        reverse("reviews:manage", args=[submission.pk]),
        reverse("reviews:editor_annotated", args=[review.assignment_id]),
        reverse("submissions:editor_detail", args=[submission.pk]),
        reverse("reviews_extra:finder", args=[submission.pk]),
        reverse("reviews_extra:anonymity_check", args=[submission.pk]),
        reverse("reviews_extra:editor_queues", args=[submission.journal.slug]),
    ]:
        assert client.get(url).status_code == 404, url

    response = client.post(
        reverse("reviews:invite", args=[submission.pk]),
        {"email": "someone@example.org", "given_name": "Some", "due": "2099-05-01"},
    )
    assert response.status_code == 404


def test_production_page_shows_nothing_from_the_review(client, reviewed):
    submission, review, production = reviewed
    Submission.objects.filter(pk=submission.pk).update(state=State.IN_PRODUCTION)
    Article.objects.create(
        submission=submission,
        journal=submission.journal,
        section=submission.section,
        status=ArticleStatus.IN_PRODUCTION,
    )
    client.force_login(production)

    response = client.get(reverse("production:detail", args=[submission.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "fabricated" not in page
    assert "Confidentialov" not in page
    assert reverse("reviews:manage", args=[submission.pk]) not in page
    assert reverse("reviews:editor_annotated", args=[review.assignment_id]) not in page


def test_the_editor_still_reads_the_review(client, reviewed):
    submission, review, _production = reviewed
    editor = RoleFactory(journal=submission.journal, role=Role.EDITOR).user
    client.force_login(editor)

    page = client.get(reverse("reviews:manage", args=[submission.pk]))

    assert page.status_code == 200
    assert "fabricated" in page.content.decode()


def test_response_to_reviewers_is_for_the_author_and_editors_not_production(
    client, reviewed
):
    from submissions.models import FileKind
    from tests.factories import SubmissionFileFactory

    submission, _review, production = reviewed
    response_letter = SubmissionFileFactory(
        submission=submission, kind=FileKind.RESPONSE
    )
    manuscript = submission.files.get(kind=FileKind.MANUSCRIPT)
    editor = RoleFactory(journal=submission.journal, role=Role.EDITOR).user

    def status(user, file):
        client.force_login(user)
        url = reverse("submissions:file_download", args=[submission.pk, file.pk])
        return client.get(url).status_code

    assert status(production, response_letter) == 404
    assert status(production, manuscript) == 200
    assert status(editor, response_letter) == 200
    assert status(submission.submitter, response_letter) == 200
