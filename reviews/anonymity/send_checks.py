"""Stop an email that would tell a reviewer who the authors are, or the reverse.

Registered with submissions.services.register_send_check in ReviewsConfig.ready().
Double-anonymous review hides the authors from reviewers; single- and
double-anonymous review both hide the reviewers from the authors. Names (in
every script given), family names, emails, ORCID iDs and affiliations count.
"""

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from journal.models import ReviewMethod
from journal.selectors import editors_of
from submissions.models import OutboxEmail
from submissions.services import email_queue

from ..methods import review_method_of
from ..models import ReviewAssignment
from .checks import MIN_FAMILY_NAME, author_identity_terms
from .leaks import text_leaks

NOTICE_KEY = "reminder_anonymity_blocked"
# Emails the check never looks at: the notice to editors quotes what it found.
EXEMPT_KEYS = {NOTICE_KEY}


def _person_terms(name: str, family: str, email: str) -> list[str]:
    terms = [name, email]
    if len(family or "") >= MIN_FAMILY_NAME:
        terms.append(family)
    return [t for t in terms if t]


def _email_text(email: OutboxEmail) -> str:
    return "\n".join(
        (email.subject, email.body_text, strip_tags(email.body_html or ""))
    )


def anonymity_send_check(email: OutboxEmail) -> str:
    """A reason to stop the email, or "" to let it go."""
    if email.submission_id is None or email.key in EXEMPT_KEYS:
        return ""
    submission = email.submission
    method = review_method_of(submission)
    if method == ReviewMethod.OPEN:
        return ""
    to = (email.to_email or "").strip().lower()
    assignments = list(
        ReviewAssignment.objects.filter(submission=submission).select_related(
            "reviewer"
        )
    )
    reviewers = {a.reviewer.pk: a.reviewer for a in assignments}
    authors = list(submission.authors.all())
    author_emails = {a.email.lower() for a in authors} | {
        submission.submitter.email.lower()
    }
    author_users = {a.user_id for a in authors if a.user_id} | {submission.submitter_id}
    is_author = to in author_emails or email.recipient_id in author_users
    is_reviewer = email.recipient_id in reviewers or any(
        r.email.lower() == to for r in reviewers.values()
    )
    if is_author == is_reviewer:
        # Editors and others; or someone both, whom no rule can protect.
        return ""
    text = _email_text(email)
    if is_reviewer and method == ReviewMethod.DOUBLE_ANONYMOUS:
        found = text_leaks(text, author_identity_terms(submission))
        if found:
            return _block(
                email,
                _(
                    "Stopped: this email to a reviewer names the authors (%(terms)s), "
                    "and the review is double-anonymous."
                )
                % {"terms": ", ".join(found)},
            )
    if is_author:
        # An author's own institution in a letter to them names no reviewer,
        # even when a reviewer shares it.
        own = {(a.affiliation or "").strip().casefold() for a in authors}
        own.add((submission.submitter.affiliation or "").strip().casefold())
        terms: list[str] = []
        for person in reviewers.values():
            terms += _person_terms(person.full_name, person.family_name, person.email)
            terms.append(person.orcid)
            if person.affiliation and person.affiliation.strip().casefold() not in own:
                terms.append(person.affiliation)
        found = text_leaks(text, [t for t in terms if t])
        if found:
            return _block(
                email,
                _(
                    "Stopped: this email to an author names the reviewers "
                    "(%(terms)s), whom the review method keeps anonymous."
                )
                % {"terms": ", ".join(found)},
            )
    return ""


def _block(email: OutboxEmail, reason: str) -> str:
    anonymity_block_notify(email=email, reason=reason)
    return reason


def anonymity_block_notify(*, email: OutboxEmail, reason: str) -> None:
    """Tell the handling editor (or the journal's editors) that an email was stopped."""

    submission = email.submission
    editors = (
        [submission.editor]
        if submission.editor_id
        else editors_of(submission.journal, submission.section)
    )
    for editor in editors:
        email_queue(
            key=NOTICE_KEY,
            journal=submission.journal,
            to_email=editor.email,
            recipient=editor,
            submission=submission,
            context={"blocked": email, "reason": reason},
        )
