from celery import shared_task

from journal.leases import once_per_beat

from .services.outbox_send import outbox_send


@shared_task(
    bind=True,
    name="submissions.send_outbox_email",
    max_retries=5,
    default_retry_delay=60,
)
def send_outbox_email(self, email_id: int) -> str:
    try:
        return outbox_send(email_id=email_id)
    except OSError as exc:  # SMTP down or refused: try again later.
        raise self.retry(exc=exc) from exc


@shared_task(name="submissions.outbox_send_stale")
@once_per_beat("submissions.outbox_send_stale")
def outbox_send_stale_task() -> int:
    """Beat: send emails whose own task never ran (broker down, worker lost)."""
    from .services.outbox_send import outbox_send_stale

    return outbox_send_stale()
