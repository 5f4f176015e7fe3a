"""From a reader's request to a usage event, without keeping personal data.

`usage_record` runs in the reader's request: it drops robots and machines
(the COUNTER-Robots list, shipped by the `counter-robots` package), turns the
IP address, user agent and session into salted hashes, and hands only those
hashes to a Celery task after the response's transaction commits. The raw
address never reaches the broker or the database.
"""

import hashlib
import hmac
import logging
import secrets
from datetime import UTC, date, datetime

import counter_robots
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from journal.queue import task_enqueue_on_commit
from metrics.models import UsageAction, UsageSalt

logger = logging.getLogger(__name__)

SALT_CACHE_SECONDS = 3600
MAX_USER_AGENT = 1000


def is_robot(user_agent: str) -> bool:
    """True for robots, crawlers and scripted clients, as COUNTER defines them
    (an empty user agent counts as a robot)."""
    return counter_robots.is_robot_or_machine(user_agent[:MAX_USER_AGENT])


def usage_salt(day: date) -> str:
    """The secret for hashes made on `day` (UTC), created on first use."""
    key = f"usage-salt:{day.isoformat()}"
    value = cache.get(key)
    if value:
        return value
    salt = UsageSalt.objects.filter(day=day).values_list("value", flat=True).first()
    if salt is None:
        try:
            with transaction.atomic():
                salt = UsageSalt.objects.create(
                    day=day, value=secrets.token_hex(32)
                ).value
        except IntegrityError:
            salt = UsageSalt.objects.get(day=day).value
    cache.set(key, salt, SALT_CACHE_SECONDS)
    return salt


def forget_salts(days: list[date]) -> None:
    """Drop cached salts of days whose rows are being deleted."""
    cache.delete_many([f"usage-salt:{day.isoformat()}" for day in days])


def _digest(salt: str, *parts: str) -> str:
    message = "\x1f".join(parts).encode("utf-8", "replace")
    return hmac.new(salt.encode(), message, hashlib.sha256).hexdigest()


def usage_hashes(
    *, ip: str, user_agent: str, session_key: str, when: datetime
) -> tuple[str, str]:
    """(visitor, session) hashes for a hit at `when`.

    The visitor hash (user agent + IP) is the double-click key. The session
    hash follows COUNTER: the session cookie if there is one, else user agent
    + IP, within the same clock hour.
    """
    utc = when.astimezone(UTC)
    salt = usage_salt(utc.date())
    agent = user_agent[:MAX_USER_AGENT]
    visitor = _digest(salt, "visitor", ip, agent)
    basis = f"cookie:{session_key}" if session_key else f"agent:{ip}\x1f{agent}"
    session = _digest(salt, "session", basis, utc.strftime("%Y-%m-%dT%H"))
    return visitor, session


def _client_ip(request) -> str:
    # The proxy in front of the application sets REMOTE_ADDR; headers a
    # client can forge are not trusted here.
    return request.META.get("REMOTE_ADDR", "") or ""


def usage_record(*, request, article, galley=None) -> bool:
    """Count a view of an article's page, or a download of `galley`.

    Never raises: counting must not break a reader's page. Returns whether a
    hit was queued (False for robots and on failure).
    """
    if request.method == "HEAD":
        return False  # a link checker asking whether it is there; nothing read
    try:
        user_agent = request.META.get("HTTP_USER_AGENT", "") or ""
        if is_robot(user_agent):
            return False
        now = timezone.now()
        session = getattr(request, "session", None)
        visitor, session_hash = usage_hashes(
            ip=_client_ip(request),
            user_agent=user_agent,
            session_key=(session.session_key or "") if session is not None else "",
            when=now,
        )
        payload = {
            "article_id": article.pk,
            "galley_kind": galley.kind if galley is not None else "",
            "action": UsageAction.REQUEST
            if galley is not None
            else UsageAction.INVESTIGATION,
            "visitor": visitor,
            "session": session_hash,
            "occurred_at": now.isoformat(),
        }
        task_enqueue_on_commit(
            "metrics.usage_event_record", log_failure=True, **payload
        )
        return True
    except Exception:
        logger.exception("Usage of article %s was not counted", article.pk)
        return False


def search_record(*, request, journal=None) -> bool:
    """Count a search run by a person (COUNTER Searches_Platform): not a robot's,
    and not a further page of results. Never raises; returns whether counted."""
    try:
        if request.GET.get("page") not in (None, "", "1"):
            return False
        if is_robot(request.META.get("HTTP_USER_AGENT", "") or ""):
            return False
        month = timezone.now().astimezone(UTC).date().replace(day=1)
        task_enqueue_on_commit(
            "metrics.search_count",
            log_failure=True,
            journal_id=journal.pk if journal is not None else None,
            month=month.isoformat(),
        )
        return True
    except Exception:
        logger.exception("A search was not counted")
        return False
