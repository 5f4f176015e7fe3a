from celery import shared_task

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
