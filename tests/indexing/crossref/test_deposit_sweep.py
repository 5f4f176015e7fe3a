"""The beat sends again the deposits a lost worker left unsent, and gives up on
them, with a reason the editor sees, after a few tries."""

import datetime as dt

from django.utils import timezone

from indexing.doi.services import crossref_deposit_create, crossref_deposit_send
from indexing.models import CrossrefDeposit, DepositStatus
from indexing.tasks import DEPOSIT_MAX_RETRIES, crossref_deposits_sweep_task
from journal.leases import lease_release, lease_take
from tests.factories import editor_of


def _unsent(issue, *, minutes_ago: int, attempts: int = 0) -> CrossrefDeposit:
    """A deposit made long ago whose send task never ran (its worker died)."""
    deposit = crossref_deposit_create(actor=editor_of(issue.journal), issue=issue)
    CrossrefDeposit.objects.filter(pk=deposit.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
        attempts=attempts,
    )
    return deposit


def test_a_deposit_left_unsent_is_sent_by_the_beat(issue, crossref_server, settings):
    settings.CROSSREF_DEPOSIT_STUCK_MINUTES = 60
    stuck = _unsent(issue, minutes_ago=61)

    assert crossref_deposits_sweep_task.delay().get() == [stuck.pk]

    stuck.refresh_from_db()
    assert len(crossref_server.requests) == 1
    assert stuck.status == DepositStatus.SUBMITTED


def test_a_recent_deposit_is_left_to_its_own_task(issue, crossref_server, settings):
    settings.CROSSREF_DEPOSIT_STUCK_MINUTES = 60
    _unsent(issue, minutes_ago=30)

    assert crossref_deposits_sweep_task.delay().get() == []
    assert crossref_server.requests == []


def test_a_deposit_that_never_gets_sent_fails_with_a_reason(
    issue, crossref_server, settings
):
    settings.CROSSREF_DEPOSIT_STUCK_MINUTES = 60
    stuck = _unsent(issue, minutes_ago=600, attempts=DEPOSIT_MAX_RETRIES + 3)

    assert crossref_deposits_sweep_task.delay().get() == []

    stuck.refresh_from_db()
    assert crossref_server.requests == []
    assert stuck.status == DepositStatus.FAILED
    assert "could not be sent to Crossref after 7 attempts" in stuck.response
    assert {item.status for item in stuck.items.all()} == {DepositStatus.FAILED}


def test_two_beats_send_a_stuck_deposit_once(issue, crossref_server, settings):
    settings.CROSSREF_DEPOSIT_STUCK_MINUTES = 60
    stuck = _unsent(issue, minutes_ago=61)

    assert crossref_deposits_sweep_task.delay().get() == [stuck.pk]
    # A second beat, started by mistake, ticks a minute later.
    assert crossref_deposits_sweep_task.delay().get() is None

    assert len(crossref_server.requests) == 1


def test_a_deposit_another_process_is_sending_is_not_sent_again(issue, crossref_server):
    deposit = _unsent(issue, minutes_ago=61)
    other = lease_take(f"crossref-deposit:{deposit.pk}", seconds=600)

    crossref_deposit_send(deposit_id=deposit.pk)
    assert crossref_server.requests == []

    lease_release(f"crossref-deposit:{deposit.pk}", other)
    crossref_deposit_send(deposit_id=deposit.pk)
    crossref_deposit_send(deposit_id=deposit.pk)
    assert len(crossref_server.requests) == 1
