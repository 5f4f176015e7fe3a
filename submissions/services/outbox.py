"""Notifications: rendered from templates, kept in the outbox, sent after commit."""

from collections.abc import Callable

from django.conf import settings
from django.db import transaction

from journal.emails import email_render

from ..models import OutboxEmail

# Checks run just before an email leaves; each returns a reason to stop it, or "".
# Higher apps (review anonymity) register theirs in AppConfig.ready().
SEND_CHECKS: list[Callable[[OutboxEmail], str]] = []


def register_send_check(check: Callable[[OutboxEmail], str]) -> None:
    if check not in SEND_CHECKS:
        SEND_CHECKS.append(check)


def email_queue(
    *,
    key: str,
    journal,
    to_email: str,
    context: dict,
    recipient=None,
    submission=None,
    language: str | None = None,
) -> OutboxEmail:
    """Render an email in the recipient's language, keep it, and send it after commit."""
    language = (
        language
        or getattr(recipient, "preferred_language", None)
        or (journal.primary_language if journal else settings.LANGUAGE_CODE)
    )
    context = {
        "recipient": recipient,
        "submission": submission,
        "site_url": settings.SITE_URL,
        **context,
    }
    rendered = email_render(key, journal=journal, language=language, context=context)
    email = OutboxEmail.objects.create(
        submission=submission,
        journal=journal,
        key=key,
        recipient=recipient,
        to_email=to_email,
        subject=rendered.subject,
        body_text=rendered.text,
        body_html=rendered.html,
    )
    from ..tasks import send_outbox_email

    pk = email.pk
    transaction.on_commit(lambda: send_outbox_email.delay(pk), robust=True)
    return email
