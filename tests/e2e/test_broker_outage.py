"""The broker (Redis) is down while an author submits: the submission and every
email are kept, and the emails leave once the broker is back."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from journal.models import ReviewMethod, Role
from submissions.models import OutboxEmail, State, Submission
from submissions.tasks import outbox_send_stale_task
from tests.factories import RoleFactory, SubmissionFactory

pytestmark = [pytest.mark.services]


def test_submitting_while_the_broker_is_down_succeeds_and_loses_no_email(
    transactional_db, broker_on, client, mailoutbox, settings
):
    settings.OUTBOX_STALE_MINUTES = 10
    # Single-anonymous, so the manuscript alone completes the submission (a
    # double-anonymous section also asks for the reviewer's copy).
    draft = SubmissionFactory(
        journal__review_method=ReviewMethod.SINGLE_ANONYMOUS,
        section__review_method="",
    )
    RoleFactory(journal=draft.journal, role=Role.EDITOR)
    client.force_login(draft.submitter)
    submitted_before = Submission.objects.filter(state=State.SUBMITTED).count()

    broker_on.stop()
    response = client.post(reverse("submissions:submit", args=[draft.pk]))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED
    assert Submission.objects.filter(state=State.SUBMITTED).count() == (
        submitted_before + 1
    )
    # The author's receipt and the editor's notice: both written, neither sent.
    emails = OutboxEmail.objects.filter(submission=draft)
    assert emails.count() == 2
    assert set(emails.values_list("status", flat=True)) == {OutboxEmail.Status.QUEUED}
    assert mailoutbox == []

    broker_on.start()
    # The beat's next sweep, once the emails have waited long enough.
    later = timezone.now() + dt.timedelta(minutes=11)
    from submissions.services.outbox_send import outbox_send_stale

    assert outbox_send_stale(now=later) == 2

    assert set(emails.values_list("status", flat=True)) == {OutboxEmail.Status.SENT}
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        emails.values_list("to_email", flat=True)
    )
    # Sent once: a second sweep finds nothing left.
    assert outbox_send_stale_task.apply().get() == 0
    assert len(mailoutbox) == 2
