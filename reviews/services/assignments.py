"""Review rounds and invitations: opening a round, inviting, answering, cancelling."""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from journal.errors import ActionNotAllowed, DomainError
from journal.local_time import local_datetime_text
from journal.models import ReviewMethod, Role
from journal.models import User as UserModel
from journal.services import role_grant
from submissions.models import State, Submission
from submissions.services import submission_history_note, submission_transition

from ..anonymity.checks import reviewer_copy_require, reviewer_copy_status
from ..models import (
    AssignmentState,
    ReviewAssignment,
    ReviewRound,
    ReviewSettings,
)
from ..tokens import (
    LinkError,
    invitation_token,
    invitation_token_check_age,
    invitation_token_read,
)
from .common import (
    assignment_transition,
    check_editor,
    notify_editors,
    notify_person,
)

User = get_user_model()


def latest_round(submission: Submission) -> ReviewRound | None:
    return submission.review_rounds.order_by("-number").first()


def round_open(
    *,
    submission: Submission,
    actor,
    reinvite_previous: bool = True,
    stale_copy_confirmed: bool = False,
    review_method: str = "",
    method_reason: str = "",
) -> ReviewRound:
    """Open the next review round and move the submission under review.

    From "submitted" or "resubmitted" this runs the send_to_review transition.
    The round runs under the section's review method unless `review_method`
    names another, which needs `method_reason` (DomainError with code
    "method_reason" without one); the choice and the reason go into the
    submission's history, and every later anonymity rule follows the round's
    method. With `reinvite_previous`, reviewers who submitted a report in the
    previous round are invited again with the journal's default due date.
    Raises DomainError when the submission is in no state to be reviewed; with
    code "reviewer_copy_stale" when the round is double-anonymous, the
    manuscript is newer than the reviewer's copy and the editor has not
    confirmed (`stale_copy_confirmed`) that reviewers should get the older copy
    anyway.
    """
    check_editor(submission, actor)
    policy = submission.review_method
    method = review_method or policy
    if method not in ReviewMethod.values:
        raise DomainError(_("Choose a review method."), code="method")
    method_reason = method_reason.strip()
    if method != policy and not method_reason:
        raise DomainError(
            _(
                "The section reviews “%(policy)s”. Say why this round should be "
                "“%(method)s” instead; the reason is kept in the submission's "
                "history."
            )
            % {
                "policy": ReviewMethod(policy).label,
                "method": ReviewMethod(method).label,
            },
            code="method_reason",
        )
    previous = latest_round(submission)
    copy = reviewer_copy_status(submission, method)
    if previous is not None and copy.stale and not stale_copy_confirmed:
        raise DomainError(
            _(
                "The manuscript has a newer version than the reviewer's copy "
                "(uploaded %(manuscript)s; reviewer's copy %(copy)s). Reviewers of "
                "this round would read the older text. Upload an anonymised copy "
                "of the new version, or confirm that they should have the older "
                "one."
            )
            % {
                "manuscript": local_datetime_text(
                    copy.manuscript.uploaded_at,  # type: ignore[union-attr]
                    submission.journal,
                ),
                "copy": local_datetime_text(
                    copy.file.uploaded_at,  # type: ignore[union-attr]
                    submission.journal,
                ),
            },
            code="reviewer_copy_stale",
        )
    if submission.state == State.UNDER_REVIEW:
        if previous is not None and not previous.decisions.exists():
            raise DomainError(_("A review round is already open."))
    elif submission.state not in (State.SUBMITTED, State.RESUBMITTED):
        raise DomainError(
            _("A review round can be opened only for a new or resubmitted manuscript.")
        )
    with transaction.atomic():
        if submission.state != State.UNDER_REVIEW:
            submission_transition(
                submission=submission, actor=actor, name="send_to_review"
            )
        number = (previous.number if previous else 0) + 1
        try:
            with transaction.atomic():
                new_round = ReviewRound.objects.create(
                    submission=submission,
                    number=number,
                    created_by=actor,
                    review_method=method,
                    method_reason=method_reason if method != policy else "",
                )
        except IntegrityError as exc:
            raise DomainError(
                _("Another editor opened this round meanwhile. Reload the page.")
            ) from exc
        if method != policy:
            submission_history_note(
                submission=submission,
                actor=actor,
                what="review_method",
                note=_(
                    "Round %(n)s sent out as “%(method)s” review instead of the "
                    "section's “%(policy)s”. Reason: %(reason)s"
                )
                % {
                    "n": number,
                    "method": ReviewMethod(method).label,
                    "policy": ReviewMethod(policy).label,
                    "reason": method_reason,
                },
            )
        if previous is not None and reinvite_previous:
            done = previous.assignments.filter(
                state=AssignmentState.SUBMITTED
            ).select_related("reviewer")
            for old in done:
                review_invite(
                    round=new_round,
                    actor=actor,
                    reviewer=old.reviewer,
                    message=_(
                        "Thank you for your review of the previous version. The "
                        "authors have revised the manuscript and replied to the "
                        "reviewers; we would be grateful for your view of the "
                        "revision."
                    ),
                )
    return new_round


def default_due(journal) -> datetime.date:
    settings_row = ReviewSettings.for_journal(journal)
    local_today = timezone.localdate(timezone.now(), journal.tz)
    return local_today + datetime.timedelta(days=settings_row.default_review_days)


def _end_of_day(journal, day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(23, 59), tzinfo=journal.tz)


def reviewer_for_email(
    *, email: str, given_name: str = "", family_name: str = ""
) -> "UserModel":
    """The account with this email, or a new one without a password.

    The new reviewer sets a password from the invitation link.
    """
    email = User.objects.normalize_email(email.strip()).lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, given_name=given_name, family_name=family_name)
        user.set_unusable_password()
        user.save()
    return user


def review_invite(
    *,
    round: ReviewRound,
    actor,
    reviewer,
    due: datetime.date | None = None,
    message: str = "",
) -> ReviewAssignment:
    """Invite a reviewer to a round and email them the signed links.

    Raises DomainError if the round is closed, the reviewer is an author of the
    submission or already invited to this round.
    """
    submission = round.submission
    check_editor(submission, actor)
    if submission.state != State.UNDER_REVIEW:
        raise DomainError(_("Reviewers can be invited only while under review."))
    if round.decisions.exists():
        raise DomainError(_("This round is closed: a decision has been taken."))
    if (
        reviewer.pk == submission.submitter_id
        or submission.authors.filter(email__iexact=reviewer.email).exists()
    ):
        raise DomainError(_("An author of the submission cannot review it."))
    reviewer_copy_require(submission)
    if (
        round.assignments.filter(reviewer=reviewer)
        .exclude(state=AssignmentState.CANCELLED)
        .exists()
    ):
        raise DomainError(
            _("%(name)s is already invited to this round.")
            % {"name": reviewer.full_name or reviewer.email}
        )
    journal = submission.journal
    due = due or default_due(journal)
    if due <= timezone.localdate(timezone.now(), journal.tz):
        raise DomainError(_("The due date must be in the future."))
    try:
        with transaction.atomic():
            assignment = ReviewAssignment.objects.create(
                round=round,
                submission=submission,
                reviewer=reviewer,
                invited_by=actor,
                due_at=_end_of_day(journal, due),
                message=message.strip(),
            )
            role_grant(journal=journal, user=reviewer, role=Role.REVIEWER)
    except IntegrityError as exc:
        raise DomainError(_("This person is already invited to this round.")) from exc
    _send_invitation(assignment)
    return assignment


def _send_invitation(assignment: ReviewAssignment) -> None:
    submission = assignment.submission
    settings_row = ReviewSettings.for_journal(submission.journal)
    notify_person(
        person=assignment.reviewer,
        submission=submission,
        key="review_invitation",
        context={
            "assignment": assignment,
            "token": invitation_token(assignment),
            "round": assignment.round,
            "expiry_days": settings_row.invitation_expiry_days,
            "new_account": not assignment.reviewer.has_usable_password(),
        },
    )


def invitation_by_token(token: str) -> ReviewAssignment:
    """The invitation a link opens, if the link is genuine, fresh and unused.

    Raises LinkError with the HTTP status to answer (400 altered, 410 expired,
    used or answered, 404 unknown).
    """
    payload = invitation_token_read(token)
    assignment = (
        ReviewAssignment.objects.select_related(
            "reviewer", "round", "submission__journal", "submission__section"
        )
        .filter(pk=payload.assignment_id)
        .first()
    )
    if assignment is None:
        raise LinkError(_("This invitation no longer exists."), status=404)
    settings_row = ReviewSettings.for_journal(assignment.submission.journal)
    invitation_token_check_age(token, max_age_days=settings_row.invitation_expiry_days)
    if payload.nonce != assignment.token_nonce:
        raise LinkError(
            _("This link has already been used. Sign in to see your reviews."),
            status=410,
        )
    if assignment.state != AssignmentState.INVITED:
        raise LinkError(
            _("You have already answered this invitation (%(state)s).")
            % {"state": AssignmentState(assignment.state).label},
            status=410,
        )
    return assignment


def assignment_decline(
    *,
    assignment: ReviewAssignment,
    actor=None,
    reason: str = "",
    suggested_alternative: str = "",
) -> ReviewAssignment:
    """Decline an invitation (from the signed link, so `actor` may be anonymous)."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        if actor.pk != assignment.reviewer_id:
            raise ActionNotAllowed(_("This invitation is addressed to someone else."))
    assignment.decline_reason = reason.strip()
    assignment.suggested_alternative = suggested_alternative.strip()
    assignment.rotate_nonce()
    with transaction.atomic():
        assignment_transition(
            assignment=assignment, actor=assignment.reviewer, name="decline"
        )
        notify_editors(
            submission=assignment.submission,
            key="review_declined",
            context={"assignment": assignment},
        )
    return assignment


def assignment_accept(
    *,
    assignment: ReviewAssignment,
    actor,
    competing_interests: str = "",
    has_conflict: bool = False,
) -> ReviewAssignment:
    """The reviewer accepts and declares competing interests.

    A declared conflict is recorded and emailed to the editors, who decide.
    """
    if actor.pk != assignment.reviewer_id:
        raise ActionNotAllowed(_("This invitation is addressed to someone else."))
    assignment.competing_interests = competing_interests.strip()
    assignment.has_conflict = bool(has_conflict)
    assignment.rotate_nonce()
    with transaction.atomic():
        assignment_transition(assignment=assignment, actor=actor, name="accept")
        notify_editors(
            submission=assignment.submission,
            key="review_accepted",
            context={"assignment": assignment},
        )
    return assignment


def assignment_cancel(
    *, assignment: ReviewAssignment, actor, note: str = ""
) -> ReviewAssignment:
    check_editor(assignment.submission, actor)
    notify = assignment.state in (AssignmentState.INVITED, AssignmentState.ACCEPTED)
    assignment.rotate_nonce()
    with transaction.atomic():
        assignment_transition(
            assignment=assignment, actor=actor, name="cancel", note=note
        )
        if notify:
            notify_person(
                person=assignment.reviewer,
                submission=assignment.submission,
                key="review_cancelled",
                context={"assignment": assignment},
            )
    return assignment


def assignment_rate(*, assignment: ReviewAssignment, actor, rating: int) -> None:
    """The editor's private 1-5 rating of a submitted review."""
    check_editor(assignment.submission, actor)
    if assignment.state != AssignmentState.SUBMITTED:
        raise DomainError(_("Only a submitted review can be rated."))
    if not 1 <= int(rating) <= 5:
        raise DomainError(_("Choose a rating from 1 to 5."))
    assignment.editor_rating = int(rating)
    assignment.rated_by = actor
    assignment.save(update_fields=["editor_rating", "rated_by"])


def reviewer_claim_account(
    *,
    assignment: ReviewAssignment,
    given_name: str,
    family_name: str,
    password: str,
):
    """A new reviewer, invited by email, sets a name and password from the link.

    Only for accounts that never had a password: the link must not become a way
    into an existing account. The email is verified by the link itself.
    """
    user = assignment.reviewer
    if user.has_usable_password():
        raise ActionNotAllowed(_("This account already has a password; sign in."))

    with transaction.atomic():
        user.given_name = given_name.strip() or user.given_name
        user.family_name = family_name.strip() or user.family_name
        user.set_password(password)
        user.save()
        EmailAddress.objects.update_or_create(
            user=user,
            email=user.email,
            defaults={"verified": True, "primary": True},
        )
        assignment.rotate_nonce()
        assignment.save(update_fields=["token_nonce"])
    return user
