"""Editorial decisions: the letter, the record and the submission's next state."""

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from journal.emails import email_render
from journal.errors import DomainError
from submissions.models import State, Submission
from submissions.services import (
    email_queue,
    submission_check_transition,
    submission_transition,
)

from ..models import (
    DECISION_TRANSITION,
    AssignmentState,
    Decision,
    DecisionKind,
    ReviewRound,
)
from .assignments import latest_round
from .common import assignment_transition, check_editor, reviewers_hidden_from_author


@dataclass(frozen=True)
class ReportForAuthor:
    label: str
    comments: str
    recommendation: str


def reports_for_author(submission: Submission, round: ReviewRound | None) -> list:
    """The reviewers' comments to the author as approved (by an editor, or
    automatically where the journal allows it), named as the round's review
    method allows. A report not yet approved is left out; the others keep
    their numbers."""
    if round is None:
        return []
    hide = reviewers_hidden_from_author(submission, round)
    assignments = (
        round.assignments.filter(state=AssignmentState.SUBMITTED)
        .select_related("reviewer", "review")
        .order_by("invited_at", "pk")
    )
    reports = []
    for index, assignment in enumerate(assignments, start=1):
        review = assignment.review
        if not review.comments_approved:
            continue
        label = (
            _("Reviewer %(n)s") % {"n": index}
            if hide
            else assignment.reviewer.full_name
        )
        reports.append(
            ReportForAuthor(
                label=str(label),
                comments=review.comments_for_author,
                recommendation=review.get_recommendation_display(),
            )
        )
    return reports


def reports_awaiting_approval(round: ReviewRound | None) -> list[str]:
    """Labels ("Reviewer 2") of a round's submitted reports whose comments to
    the author no editor has approved yet."""
    if round is None:
        return []
    assignments = (
        round.assignments.filter(state=AssignmentState.SUBMITTED)
        .select_related("review")
        .order_by("invited_at", "pk")
    )
    return [
        str(_("Reviewer %(n)s") % {"n": index})
        for index, assignment in enumerate(assignments, start=1)
        if not assignment.review.comments_approved
    ]


def reviewer_identity_terms(round: ReviewRound) -> list[str]:
    """What could name a round's reviewers: names, family names, emails, ORCID
    iDs and affiliations."""
    from ..anonymity.checks import MIN_FAMILY_NAME, unique_terms

    terms: list[str] = []
    for assignment in round.assignments.select_related("reviewer"):
        person = assignment.reviewer
        terms += [person.full_name, person.email, person.orcid, person.affiliation]
        if len(person.family_name or "") >= MIN_FAMILY_NAME:
            terms.append(person.family_name)
    return unique_terms(terms)


def reports_for_reviewers(submission: Submission, round: ReviewRound | None) -> list:
    """Earlier reports as the next round's reviewers see them.

    Unless review is open, reviewers are numbered and whatever in the comments
    could name them (names, emails, ORCID iDs, affiliations) is removed.
    """
    if round is None:
        return []
    reports = reports_for_author(submission, round)
    if not reviewers_hidden_from_author(submission, round):
        return reports
    from ..anonymity.leaks import redact

    terms = reviewer_identity_terms(round)
    removed = "[" + str(_("removed")) + "]"
    return [
        ReportForAuthor(
            label=r.label,
            comments=redact(r.comments, terms, removed),
            recommendation=r.recommendation,
        )
        for r in reports
    ]


def author_language(submission: Submission) -> str:
    preferred = getattr(submission.submitter, "preferred_language", "") or ""
    if preferred in submission.journal.language_list:
        return preferred
    return submission.language or submission.journal.primary_language


def _decision_round(submission: Submission) -> ReviewRound | None:
    if submission.state != State.UNDER_REVIEW:
        return None
    current = latest_round(submission)
    return current


def decision_letter_draft(
    *, submission: Submission, actor, kind: str
) -> tuple[str, str]:
    """The letter the editor starts from: the journal's template for this decision
    in the author's language, with the reviewers' comments to the author."""
    check_editor(submission, actor)
    if kind not in DecisionKind.values:
        raise DomainError(_("Unknown decision."))
    submission_check_transition(
        submission=submission,
        actor=actor,
        name=DECISION_TRANSITION[DecisionKind(kind)],
    )
    round = latest_round(submission) if kind != DecisionKind.DESK_REJECT else None
    rendered = email_render(
        "decision_" + kind.replace("-", "_"),
        journal=submission.journal,
        language=author_language(submission),
        context={
            "site_url": settings.SITE_URL,
            "submission": submission,
            "recipient": submission.submitter,
            "editor": actor,
            "reports": reports_for_author(submission, round),
            "round": round,
        },
    )
    return rendered.subject, rendered.text


def decision_make(
    *,
    submission: Submission,
    actor,
    kind: str,
    letter_subject: str,
    letter_body: str,
    seen_decisions: int | None = None,
) -> Decision:
    """Record a decision, move the submission and send the letter to the author.

    `seen_decisions` is how many decisions the editor saw when writing; if
    another editor decided meanwhile, DomainError tells this one so and nothing
    is recorded. Raises DomainError/ActionNotAllowed if the submission's state
    or the editor's role does not allow the decision.
    """
    check_editor(submission, actor)
    if kind not in DecisionKind.values:
        raise DomainError(_("Unknown decision."))
    if not letter_subject.strip() or not letter_body.strip():
        raise DomainError(_("The letter needs a subject and a text."))
    already = _("Another editor has already recorded a decision on this submission.")
    number = (
        seen_decisions if seen_decisions is not None else submission.decisions.count()
    ) + 1
    round = _decision_round(submission) if kind != DecisionKind.DESK_REJECT else None
    try:
        with transaction.atomic():
            decision = Decision.objects.create(
                submission=submission,
                round=round,
                number=number,
                editor=actor,
                kind=kind,
                language=author_language(submission),
                letter_subject=letter_subject.strip(),
                letter_body=letter_body.strip(),
            )
            submission_transition(
                submission=submission,
                actor=actor,
                name=DECISION_TRANSITION[DecisionKind(kind)],
                note=str(DecisionKind(kind).label),
            )
            if round is not None:
                _close_open_assignments(round, actor)
            decision.letter_email = email_queue(
                key="decision_letter",
                journal=submission.journal,
                to_email=submission.submitter.email,
                recipient=submission.submitter,
                submission=submission,
                language=decision.language,
                context={"decision": decision},
            )
            decision.save(update_fields=["letter_email"])
    except IntegrityError as exc:
        raise DomainError(already, code="concurrent") from exc
    except DomainError as exc:
        overtaken = exc.code == "concurrent" or (
            exc.code == "wrong_state"
            and Decision.objects.filter(
                submission=submission, number__gte=number
            ).exists()
        )
        if overtaken:
            raise DomainError(already, code="concurrent") from exc
        raise
    return decision


def _close_open_assignments(round: ReviewRound, actor) -> None:
    """Invitations still open when the round is decided are cancelled quietly."""

    for assignment in round.assignments.filter(
        state__in=[AssignmentState.INVITED, AssignmentState.ACCEPTED]
    ):
        assignment.rotate_nonce()
        assignment_transition(
            assignment=assignment,
            actor=actor,
            name="cancel",
            note=str(_("Closed by the editor's decision.")),
        )


def decision_letter_resend(
    *, decision: Decision, actor, letter_subject: str, letter_body: str
) -> Decision:
    """Send a held decision letter again with the editor's corrected wording.

    The decision keeps the new wording (what the author is shown is what was
    sent). Returns the decision; `letter_held` is true again if the new
    wording was held too. Raises ActionNotAllowed/DomainError as
    outbox_email_resend does, and DomainError if the letter was not held.
    """
    from submissions.services import outbox_email_resend

    check_editor(decision.submission, actor)
    if not decision.letter_held:
        raise DomainError(_("This letter was not held; there is nothing to resend."))
    with transaction.atomic():
        email = outbox_email_resend(
            email=decision.letter_email,  # type: ignore[arg-type]
            actor=actor,
            subject=letter_subject,
            body_text=letter_body,
        )
        decision.letter_subject = letter_subject.strip()
        decision.letter_body = letter_body.strip()
        decision.letter_email = email
        decision.save(update_fields=["letter_subject", "letter_body", "letter_email"])
    return decision
