"""Notifications: rendered from templates, kept in the outbox, sent after commit."""

from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

from journal.emails import email_render
from journal.errors import ActionNotAllowed, DomainError
from journal.queue import task_enqueue_on_commit

from ..models import OutboxEmail
from ..permissions import allowed

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
    return _hold_or_send(email)


def _hold_or_send(email: OutboxEmail) -> OutboxEmail:
    # The checks run now as well as just before sending, so the person who
    # caused the email learns at once that it was held, and why. They run again
    # at send time because the facts they check (who reviews) can change.
    for check in SEND_CHECKS:
        reason = check(email)
        if reason:
            email.status = OutboxEmail.Status.BLOCKED
            email.error = reason
            email.save(update_fields=["status", "error"])
            return email
    task_enqueue_on_commit("submissions.send_outbox_email", email_id=email.pk)
    return email


def outbox_email_resend(
    *, email: OutboxEmail, actor, subject: str, body_text: str
) -> OutboxEmail:
    """Send a held email again with the editor's corrected wording.

    A new outbox row is made (the held one stays, with its reason) and checked
    like any other; the returned row is BLOCKED again if the new wording still
    gives someone away. Raises ActionNotAllowed for anyone but the
    submission's editors, DomainError if the email was not held or the text is
    empty.
    """
    submission = email.submission
    if submission is None or not allowed(actor, "submissions.view_office", submission):
        raise ActionNotAllowed(_("Only the editors of this submission can do this."))
    if email.status != OutboxEmail.Status.BLOCKED:
        raise DomainError(_("Only an email that was held can be sent again."))
    if not subject.strip() or not body_text.strip():
        raise DomainError(_("The email needs a subject and a text."))
    with transaction.atomic():
        again = OutboxEmail.objects.create(
            submission=submission,
            journal=email.journal,
            key=email.key,
            recipient=email.recipient,
            to_email=email.to_email,
            subject=" ".join(subject.split()),
            body_text=body_text.strip() + "\n",
            body_html=linebreaks(escape(body_text.strip())),
        )
        email.error = (
            email.error
            + "\n"
            + _("Edited and sent again by %(name)s.") % {"name": actor.full_name}
        ).strip()
        email.save(update_fields=["error"])
        return _hold_or_send(again)
