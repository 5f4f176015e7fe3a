"""Crossref's result for a sent deposit, read later from its submission log."""

import datetime as dt
import socket
import urllib.parse

import pytest
from django.urls import reverse
from django.utils import timezone

from indexing.doi.services import (
    crossref_deposit_check_result,
    crossref_deposit_create,
)
from indexing.models import CrossrefDeposit, DepositStatus
from indexing.tasks import (
    crossref_deposit_check_result_task,
    crossref_deposit_send_task,
    crossref_results_check_task,
)
from tests.factories import editor_of

pytestmark = pytest.mark.django_db

QUEUED = b"""<?xml version="1.0" encoding="UTF-8"?>
<doi_batch_diagnostic status="queued" sp="cr-test">
  <submission_id>0</submission_id>
  <batch_id>x</batch_id>
</doi_batch_diagnostic>"""

COMPLETED = b"""<?xml version="1.0" encoding="UTF-8"?>
<doi_batch_diagnostic status="completed" sp="cr-test">
  <submission_id>1411</submission_id>
  <record_diagnostic status="Success"><doi>10.99999/jpa.5.2</doi>
    <msg>Successfully added</msg></record_diagnostic>
  <record_diagnostic status="Warning"><doi>10.99999/JPA.2026.1</doi>
    <msg>Added with conflict</msg></record_diagnostic>
  <record_diagnostic status="Failure"><doi>10.99999/jpa.2026.2</doi>
    <msg>Record not processed because submitted version is less or equal to
previously submitted version</msg></record_diagnostic>
  <batch_data><record_count>3</record_count><success_count>1</success_count>
    <warning_count>1</warning_count><failure_count>1</failure_count></batch_data>
</doi_batch_diagnostic>"""

ALL_FAILED = b"""<doi_batch_diagnostic status="completed">
  <record_diagnostic status="Failure"><doi>10.99999/jpa.5.2</doi>
    <msg>Bad issue</msg></record_diagnostic>
  <record_diagnostic status="Failure"><doi>10.99999/jpa.2026.1</doi>
    <msg>Bad article</msg></record_diagnostic>
</doi_batch_diagnostic>"""


def _sent(issue, crossref_server, *, minutes_ago=10):
    """A deposit accepted by Crossref for processing, sent a while ago."""
    deposit = crossref_deposit_create(actor=editor_of(issue.journal), issue=issue)
    crossref_deposit_send_task.delay(deposit.pk)
    CrossrefDeposit.objects.filter(pk=deposit.pk).update(
        submitted_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )
    deposit.refresh_from_db()
    assert deposit.status == DepositStatus.SUBMITTED
    crossref_server.requests.clear()
    return deposit


def _items(deposit):
    return {i.doi: (i.status, i.message) for i in deposit.items.all()}


def test_the_result_is_asked_for_with_the_deposits_credentials_and_file_name(
    issue,
    crossref_server,
):
    deposit = _sent(issue, crossref_server)
    crossref_server.body = QUEUED
    crossref_deposit_check_result(deposit_id=deposit.pk)

    assert len(crossref_server.requests) == 1
    url = urllib.parse.urlsplit(crossref_server.requests[0]["path"])
    assert url.path == "/servlet/submissionDownload"
    assert urllib.parse.parse_qs(url.query) == {
        "usr": ["hub/depositor"],
        "pwd": ["s3cret"],
        "file_name": [f"{deposit.batch_id}.xml"],
        "type": ["result"],
    }
    assert deposit.file_name == f"{deposit.batch_id}.xml"


def test_a_queued_batch_is_left_submitted_and_its_check_time_kept(
    issue,
    crossref_server,
):
    deposit = _sent(issue, crossref_server)
    before = _items(deposit)
    crossref_server.body = QUEUED

    crossref_deposit_check_result_task.delay(deposit.pk)

    deposit.refresh_from_db()
    assert deposit.status == DepositStatus.SUBMITTED
    assert deposit.result_checked_at is not None
    assert _items(deposit) == before


def test_a_completed_batch_marks_each_doi_registered_or_failed_with_crossrefs_message(
    client,
    issue,
    crossref_server,
):
    deposit = _sent(issue, crossref_server)
    crossref_server.body = COMPLETED

    crossref_deposit_check_result_task.delay(deposit.pk)

    deposit.refresh_from_db()
    items = _items(deposit)
    assert items["10.99999/jpa.5.2"] == (DepositStatus.SUCCESS, "Successfully added")
    assert items["10.99999/jpa.2026.1"] == (
        DepositStatus.SUCCESS,
        "Added with conflict",
    )
    status, message = items["10.99999/jpa.2026.2"]
    assert status == DepositStatus.FAILED
    assert "less or equal" in message
    assert deposit.status == DepositStatus.SUCCESS
    assert deposit.result_checked_at is not None

    client.force_login(editor_of(issue.journal))
    html = client.get(
        reverse("publishing:editor_issue", args=[issue.journal.slug, issue.pk])
    ).content.decode()
    assert "less or equal" in html
    assert "Submitted, awaiting Crossref" not in html


def test_checking_again_after_the_result_changes_nothing(
    issue,
    crossref_server,
):
    deposit = _sent(issue, crossref_server)
    crossref_server.body = COMPLETED
    crossref_deposit_check_result(deposit_id=deposit.pk)
    after = _items(deposit)

    crossref_server.body = ALL_FAILED
    crossref_deposit_check_result(deposit_id=deposit.pk)

    assert _items(deposit) == after
    assert len(crossref_server.requests) == 1  # not asked again


def test_a_batch_whose_every_doi_failed_is_a_failed_deposit(
    issue,
    crossref_server,
):
    deposit = _sent(issue, crossref_server)
    crossref_server.body = ALL_FAILED

    crossref_deposit_check_result(deposit_id=deposit.pk)

    deposit.refresh_from_db()
    assert deposit.status == DepositStatus.FAILED
    items = _items(deposit)
    assert items["10.99999/jpa.5.2"] == (DepositStatus.FAILED, "Bad issue")
    # A DOI the result does not mention was not registered.
    status, message = items["10.99999/jpa.2026.2"]
    assert status == DepositStatus.FAILED
    assert "did not mention" in message


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("failure", ["refused", "http-500", "not-xml"])
def test_a_network_error_or_unreadable_answer_leaves_the_deposit_as_it_was(
    issue,
    crossref_server,
    settings,
    failure,
    caplog,
):
    deposit = _sent(issue, crossref_server)
    before = _items(deposit)
    if failure == "refused":
        settings.CROSSREF_RESULT_URL = (
            f"http://127.0.0.1:{_closed_port()}/servlet/submissionDownload"
        )
    elif failure == "http-500":
        crossref_server.status = 500
        crossref_server.body = b"Internal error"
    else:
        crossref_server.body = b"<html><body>Login failed</body></html>"

    crossref_deposit_check_result_task.delay(deposit.pk)

    deposit.refresh_from_db()
    assert deposit.status == DepositStatus.SUBMITTED
    assert deposit.result_checked_at is None
    assert _items(deposit) == before
    assert f"Crossref result for deposit {deposit.pk}" in caplog.text
    assert "s3cret" not in caplog.text


def test_the_beat_checks_only_submitted_deposits_sent_long_enough_ago(
    issue,
    crossref_server,
):
    old = _sent(issue, crossref_server, minutes_ago=10)
    _sent(issue, crossref_server, minutes_ago=1)  # too recent
    pending = crossref_deposit_create(actor=editor_of(issue.journal), issue=issue)
    CrossrefDeposit.objects.filter(pk=pending.pk).update(
        submitted_at=timezone.now() - dt.timedelta(hours=1)
    )
    done = _sent(issue, crossref_server, minutes_ago=20)
    crossref_server.body = COMPLETED
    crossref_deposit_check_result(deposit_id=done.pk)
    crossref_server.requests.clear()
    crossref_server.body = QUEUED

    assert crossref_results_check_task.delay().get() == [old.pk]

    assert len(crossref_server.requests) == 1
    assert old.file_name in crossref_server.requests[0]["path"]


def test_a_batch_without_a_result_is_given_up_after_the_limit_and_the_editor_sees_why(
    client,
    issue,
    crossref_server,
    settings,
):
    settings.CROSSREF_RESULT_GIVE_UP_HOURS = 72
    waiting = _sent(issue, crossref_server, minutes_ago=71 * 60)
    expired = _sent(issue, crossref_server, minutes_ago=73 * 60)
    crossref_server.body = QUEUED

    crossref_results_check_task.delay()

    waiting.refresh_from_db()
    expired.refresh_from_db()
    assert waiting.status == DepositStatus.SUBMITTED
    assert expired.status == DepositStatus.FAILED
    for status, message in _items(expired).values():
        assert status == DepositStatus.FAILED
        assert "no result for this deposit within 72 hours" in message

    client.force_login(editor_of(issue.journal))
    html = client.get(
        reverse("publishing:editor_issue", args=[issue.journal.slug, issue.pk])
    ).content.decode()
    assert "no result for this deposit within 72 hours" in html
