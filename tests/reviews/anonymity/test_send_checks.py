import pytest
from django.core import mail

from journal.models import EmailTemplate, ReviewMethod
from submissions.models import OutboxEmail
from submissions.services import email_queue
from tests.factories import (
    ContributorFactory,
    JournalFactory,
    ReviewAssignmentFactory,
    SubmissionFactory,
    UserFactory,
    editor_of,
)

pytestmark = pytest.mark.django_db

NAMING_AUTHOR = "About the manuscript by {{ submission.authors.first.full_name }}."
NAMING_REVIEWER = "Your reviewer was {{ reviewer.full_name }}."
CLEAN = "Thank you for your help with “{{ submission.display_title }}”."


def _setup(method=ReviewMethod.DOUBLE_ANONYMOUS):
    journal = JournalFactory(review_method=method)
    editor = editor_of(journal)
    author = UserFactory(given_name="Aigerim", family_name="Nurlanovna")
    submission = SubmissionFactory(
        journal=journal, submitter=author, state="under-review", with_author=False
    )
    ContributorFactory(
        submission=submission,
        user=author,
        given_name="Aigerim",
        family_name="Nurlanovna",
        email=author.email,
    )
    reviewer = UserFactory(given_name="Timur", family_name="Bekov")
    ReviewAssignmentFactory(round__submission=submission, reviewer=reviewer)
    return journal, editor, author, submission, reviewer


def _send(journal, submission, to, body, capture, **context):
    EmailTemplate.objects.update_or_create(
        journal=journal,
        key="submission_received",
        language="en",
        defaults={"subject": "A note", "body": body},
    )
    with capture(execute=True):
        email = email_queue(
            key="submission_received",
            journal=journal,
            to_email=to.email,
            recipient=to,
            submission=submission,
            context=context,
        )
    email.refresh_from_db()
    return email


def test_email_to_a_reviewer_naming_an_author_is_stopped_and_editor_told(
    django_capture_on_commit_callbacks,
):
    journal, editor, _author, submission, reviewer = _setup()

    email = _send(
        journal, submission, reviewer, NAMING_AUTHOR, django_capture_on_commit_callbacks
    )

    assert email.status == OutboxEmail.Status.BLOCKED
    assert "Nurlanovna" in email.error
    assert reviewer.email not in [m.to[0] for m in mail.outbox]
    notices = [m for m in mail.outbox if m.to == [editor.email]]
    assert len(notices) == 1
    assert reviewer.email in notices[0].body
    assert OutboxEmail.objects.get(key="reminder_anonymity_blocked").status == "sent"


def test_clean_email_to_a_reviewer_is_sent(django_capture_on_commit_callbacks):
    journal, _editor, _author, submission, reviewer = _setup()

    email = _send(
        journal, submission, reviewer, CLEAN, django_capture_on_commit_callbacks
    )

    assert email.status == OutboxEmail.Status.SENT
    assert [m.to for m in mail.outbox] == [[reviewer.email]]


def test_single_anonymous_review_lets_reviewers_see_author_names(
    django_capture_on_commit_callbacks,
):
    journal, _editor, _author, submission, reviewer = _setup(
        ReviewMethod.SINGLE_ANONYMOUS
    )

    email = _send(
        journal, submission, reviewer, NAMING_AUTHOR, django_capture_on_commit_callbacks
    )

    assert email.status == OutboxEmail.Status.SENT


@pytest.mark.parametrize(
    "method", [ReviewMethod.DOUBLE_ANONYMOUS, ReviewMethod.SINGLE_ANONYMOUS]
)
def test_email_to_an_author_naming_a_reviewer_is_stopped(
    method, django_capture_on_commit_callbacks
):
    journal, editor, author, submission, reviewer = _setup(method)

    email = _send(
        journal,
        submission,
        author,
        NAMING_REVIEWER,
        django_capture_on_commit_callbacks,
        reviewer=reviewer,
    )

    assert email.status == OutboxEmail.Status.BLOCKED
    assert "Bekov" in email.error
    assert [m.to for m in mail.outbox] == [[editor.email]]


def test_open_review_stops_nothing(django_capture_on_commit_callbacks):
    journal, _editor, author, submission, reviewer = _setup(ReviewMethod.OPEN)

    email = _send(
        journal,
        submission,
        author,
        NAMING_REVIEWER,
        django_capture_on_commit_callbacks,
        reviewer=reviewer,
    )

    assert email.status == OutboxEmail.Status.SENT


def test_email_to_an_editor_may_name_everyone(django_capture_on_commit_callbacks):
    journal, editor, _author, submission, reviewer = _setup()

    email = _send(
        journal,
        submission,
        editor,
        NAMING_AUTHOR + NAMING_REVIEWER,
        django_capture_on_commit_callbacks,
        reviewer=reviewer,
    )

    assert email.status == OutboxEmail.Status.SENT


def test_blocked_notice_goes_to_the_handling_editor_only(
    django_capture_on_commit_callbacks,
):
    journal, _editor, _author, submission, reviewer = _setup()
    handling = editor_of(journal)
    submission.editor = handling
    submission.save(update_fields=["editor"])

    _send(
        journal, submission, reviewer, NAMING_AUTHOR, django_capture_on_commit_callbacks
    )

    assert [m.to for m in mail.outbox] == [[handling.email]]
