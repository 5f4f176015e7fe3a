"""Notifications leave through a real Celery worker on Redis, not in-process."""

import time
from email import policy
from email.parser import BytesParser

import pytest

from journal.models import Role
from submissions.models import OutboxEmail, State
from submissions.services import submission_submit
from tests.factories import RoleFactory, SubmissionFactory

pytestmark = [pytest.mark.services]

WAIT_SECONDS = 60
# The file backend writes each message followed by a line of 79 dashes.
SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def _messages(mail_dir) -> list:
    parser = BytesParser(policy=policy.default)
    found = []
    for path in sorted(mail_dir.glob("*.log")):
        for chunk in path.read_bytes().split(SEPARATOR):
            if chunk.strip():
                found.append(parser.parsebytes(chunk.lstrip(b"\n")))
    return found


def _wait_for(condition, worker, what: str):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        if worker.process.poll() is not None:
            pytest.fail(
                f"the worker exited while waiting for {what}:\n{worker.output()}"
            )
        time.sleep(0.25)
    pytest.fail(f"no {what} within {WAIT_SECONDS}s; worker log:\n{worker.output()}")


def test_submitting_sends_the_authors_receipt_through_the_worker(celery_worker):
    draft = SubmissionFactory()
    editor = RoleFactory(journal=draft.journal, role=Role.EDITOR).user
    author = draft.submitter

    # Outside any transaction, so the on-commit hook enqueues on the real broker.
    submission_submit(submission=draft, actor=author)

    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED
    queued = OutboxEmail.objects.filter(submission=draft)
    assert queued.count() == 2

    _wait_for(
        lambda: not queued.exclude(status=OutboxEmail.Status.SENT).exists(),
        celery_worker,
        "outbox emails marked sent",
    )
    _wait_for(
        lambda: len(_messages(celery_worker.mail_dir)) >= 2,
        celery_worker,
        "email files",
    )

    receipt = queued.get(to_email=author.email)
    assert receipt.sent_at is not None
    messages = {str(m["To"]): m for m in _messages(celery_worker.mail_dir)}
    assert set(messages) == {author.email, editor.email}
    assert str(messages[author.email]["Subject"]) == receipt.subject
    assert draft.display_title in receipt.subject
