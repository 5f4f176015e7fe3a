"""Work done once across processes: leases in the shared database, refused to a
second holder even while the cache is down."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from journal.leases import lease_release, lease_take, leased
from journal.models import Lease
from submissions.models import OutboxEmail
from submissions.services.outbox_send import outbox_send
from submissions.tasks import outbox_send_stale_task

pytestmark = pytest.mark.django_db


def test_a_held_lease_is_refused_to_everyone_else_until_it_is_released():
    holder = lease_take("digest", seconds=60)
    assert holder
    assert lease_take("digest", seconds=60) is None
    assert lease_take("another", seconds=60)

    lease_release("digest", holder)
    assert lease_take("digest", seconds=60)


def test_an_expired_lease_goes_to_the_next_taker_and_the_old_holder_cannot_free_it():
    first = lease_take("sweep", seconds=60)
    # Its holder died; the lease ran out.
    Lease.objects.filter(name="sweep").update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    second = lease_take("sweep", seconds=60)
    assert second and second != first

    lease_release("sweep", first)  # too late: it is no longer the holder's
    assert lease_take("sweep", seconds=60) is None


def test_leased_block_frees_the_lease_afterwards_even_on_error():
    with pytest.raises(RuntimeError), leased("render", seconds=60) as mine:
        assert mine
        with leased("render", seconds=60) as again:
            assert not again
        raise RuntimeError
    with leased("render", seconds=60) as mine:
        assert mine


@pytest.mark.django_db(transaction=True)
def test_of_many_processes_taking_one_lease_at_the_same_moment_exactly_one_gets_it():
    if connection.vendor == "sqlite" and "memory" in str(
        connection.settings_dict["NAME"]
    ):
        pytest.skip("threads cannot share an in-memory SQLite database")
    start = threading.Barrier(6)
    holders = []

    def take():
        start.wait()
        try:
            holders.append(lease_take("deposit:7", seconds=60))
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(holders) == 6
    assert len([h for h in holders if h]) == 1


@pytest.fixture
def stale_email(settings):
    from tests.factories import SubmissionFactory

    settings.OUTBOX_STALE_MINUTES = 10
    submission = SubmissionFactory()

    def make(to: str) -> OutboxEmail:
        email = OutboxEmail.objects.create(
            submission=submission,
            journal=submission.journal,
            key="test",
            to_email=to,
            subject="Your submission",
            body_text="Received.",
        )
        OutboxEmail.objects.filter(pk=email.pk).update(
            created_at=email.created_at.replace(year=email.created_at.year - 1)
        )
        return email

    return make


def test_two_beats_run_the_outbox_sweep_once_and_send_each_email_once(
    stale_email, mailoutbox
):
    stale_email("author@example.org")

    assert outbox_send_stale_task.apply().get() == 1
    # A second beat, started by mistake, ticks within the same interval.
    stale_email("editor@example.org")
    assert outbox_send_stale_task.apply().get() is None

    assert [m.to for m in mailoutbox] == [["author@example.org"]]


def test_the_beat_lock_holds_while_the_cache_is_down(stale_email, mailoutbox, settings):
    # An unreachable Redis: the cache answers `add` as stored to everyone.
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.ForgivingRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    stale_email("author@example.org")
    assert outbox_send_stale_task.apply().get() == 1
    assert outbox_send_stale_task.apply().get() is None
    assert len(mailoutbox) == 1


def test_an_email_another_process_is_sending_is_not_sent_again(stale_email, mailoutbox):
    email = stale_email("author@example.org")
    other = lease_take(f"outbox-email:{email.pk}", seconds=60)

    assert outbox_send(email_id=email.pk) == OutboxEmail.Status.QUEUED
    assert mailoutbox == []

    lease_release(f"outbox-email:{email.pk}", other)
    assert outbox_send(email_id=email.pk) == OutboxEmail.Status.SENT
    assert outbox_send(email_id=email.pk) == OutboxEmail.Status.SENT
    assert len(mailoutbox) == 1
