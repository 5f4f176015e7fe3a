"""Work that one process must do alone, on any number of machines.

A lease is a row in the shared database (journal.models.Lease), so it holds
while the cache is down: the cache would answer `add` as stored then, and two
holders would each believe they had it. Taking one is a single conditional
UPDATE (an expired lease) or INSERT (a new one); PostgreSQL re-checks the
condition of a concurrent UPDATE once the first commits, SQLite runs one
writer at a time, and the primary key refuses a second INSERT, so exactly one
caller wins on both. Expiry is measured by each machine's clock, which NTP
keeps within far less than the shortest lease (most of a minute).

    with leased(f"outbox-email:{pk}", seconds=300) as mine:
        if mine:
            ...  # send it

Beat tasks use `once_per_beat`: each run holds its lease for most of the
schedule's interval, so a second beat started by mistake, or a run delivered
twice, finds it taken and does nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Lease

logger = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])

# A beat run keeps its lease for this share of the schedule's interval: the
# next tick of the same beat finds it expired, a second beat's ticks do not.
BEAT_SHARE = 0.9
# Interval assumed for a task the beat schedule does not list as a number.
DEFAULT_BEAT_SECONDS = 60.0


def lease_take(name: str, *, seconds: float) -> str | None:
    """Take the lease `name` for `seconds` if nobody holds it. Returns the
    holder's token (for `lease_release`), or None when it is held."""
    holder = uuid.uuid4().hex
    now = timezone.now()
    until = now + dt.timedelta(seconds=seconds)
    renewed = Lease.objects.filter(name=name, expires_at__lte=now).update(
        holder=holder, expires_at=until
    )
    if renewed:
        return holder
    try:
        with transaction.atomic():
            Lease.objects.create(name=name, holder=holder, expires_at=until)
    except IntegrityError:
        return None
    return holder


def lease_release(name: str, holder: str) -> None:
    """Give the lease back, unless it expired and someone else took it."""
    Lease.objects.filter(name=name, holder=holder).delete()


@contextmanager
def leased(name: str, *, seconds: float) -> Iterator[bool]:
    """Hold the lease `name` for the block if it is free; yields whether this
    caller holds it. Released at the end of the block."""
    holder = lease_take(name, seconds=seconds)
    try:
        yield holder is not None
    finally:
        if holder is not None:
            lease_release(name, holder)


def beat_interval(task_name: str) -> float:
    """Seconds between the beat's runs of `task_name` (its shortest interval
    in CELERY_BEAT_SCHEDULE)."""
    found = []
    for entry in getattr(settings, "CELERY_BEAT_SCHEDULE", {}).values():
        if entry.get("task") != task_name:
            continue
        schedule = entry.get("schedule")
        if isinstance(schedule, dt.timedelta):
            found.append(schedule.total_seconds())
        elif isinstance(schedule, int | float):
            found.append(float(schedule))
    return min(found, default=DEFAULT_BEAT_SECONDS)


def once_per_beat(task_name: str) -> Callable[[F], F]:
    """Run the decorated beat task at most once per beat interval across all
    processes. A run that raises gives its turn back, so the next tick tries
    again; a skipped run returns None."""

    def decorate(function: F) -> F:
        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> Any:
            name = f"beat:{task_name}"
            holder = lease_take(name, seconds=beat_interval(task_name) * BEAT_SHARE)
            if holder is None:
                logger.info("%s already ran this interval; skipped", task_name)
                return None
            try:
                return function(*args, **kwargs)
            except BaseException:
                lease_release(name, holder)
                raise

        return run  # type: ignore[return-value]

    return decorate
