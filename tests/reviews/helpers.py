"""Small helpers the review tests share (reading links out of sent emails)."""

import re

from django.core import mail

LINK = re.compile(r"http://testserver(/reviews/invitation/[^/\s]+/)")


def invitation_path(to_email: str) -> str:
    """The invitation link from the last email sent to this address."""
    for message in reversed(mail.outbox):
        if to_email in message.to:
            found = LINK.search(message.body)
            if found:
                return found.group(1)
    raise AssertionError(f"no invitation emailed to {to_email}")


def sent_to(to_email: str) -> list:
    return [m for m in mail.outbox if to_email in m.to]
