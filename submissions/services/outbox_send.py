import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from journal.leases import leased

from ..models import OutboxEmail
from .outbox import SEND_CHECKS

logger = logging.getLogger(__name__)


# Longer than an SMTP exchange takes; a worker lost while sending frees the
# email for the beat sweep after this.
SEND_LEASE_SECONDS = 300


def outbox_send(*, email_id: int) -> str:
    """Send one queued email unless a send check stops it. Returns the final
    status; "queued" when another process is sending it right now (its task
    and the beat sweep, or a redelivered task), so it never goes out twice."""
    with leased(f"outbox-email:{email_id}", seconds=SEND_LEASE_SECONDS) as mine:
        if not mine:
            return OutboxEmail.Status.QUEUED
        return _send(email_id)


def _send(email_id: int) -> str:
    email = OutboxEmail.objects.select_related("submission", "journal").get(pk=email_id)
    if email.status != OutboxEmail.Status.QUEUED:
        return email.status
    for check in SEND_CHECKS:
        reason = check(email)
        if reason:
            email.status = OutboxEmail.Status.BLOCKED
            email.error = reason
            email.save(update_fields=["status", "error"])
            return email.status
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to_email],
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    message.send()
    email.status = OutboxEmail.Status.SENT
    email.sent_at = timezone.now()
    email.save(update_fields=["status", "sent_at"])
    return email.status


def outbox_send_stale(*, now=None) -> int:
    """Beat: send the emails still queued OUTBOX_STALE_MINUTES after they were
    written, whose send task was lost (the broker was down at commit, or a
    worker died). Returns how many were sent; an email whose sending fails
    stays queued for the next sweep."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(minutes=settings.OUTBOX_STALE_MINUTES)
    stale = OutboxEmail.objects.filter(
        status=OutboxEmail.Status.QUEUED, created_at__lt=cutoff
    ).values_list("pk", flat=True)
    sent = 0
    for email_id in list(stale):
        try:
            status = outbox_send(email_id=email_id)
        except OSError:
            logger.warning("queued email %s not sent; trying again later", email_id)
            continue
        sent += status == OutboxEmail.Status.SENT
    return sent
