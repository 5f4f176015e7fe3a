"""Where a manuscript stands, in words: the current step, who it waits on and
what comes next. The submission pages (editor's and author's) show it at the
top, so nobody has to work out the workflow from the state's name."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import State


@dataclass(frozen=True)
class Step:
    label: Promise
    waiting_on: Promise
    next_for_editor: Promise
    next_for_author: Promise
    # Where the editor's next action is done (a URL name taking the submission
    # id), with the permission that page checks; empty when it is on this page.
    url_name: str = ""
    perm: str = ""
    url_by_journal: bool = False  # the URL takes the journal's slug, not the id


NOBODY = _("Nobody: this manuscript is closed.")

STEPS: dict[str, Step] = {
    State.DRAFT: Step(
        _("Draft"),
        _("The author, who has not submitted yet."),
        _("Nothing until the author submits."),
        _("Complete the draft and submit it."),
    ),
    State.SUBMITTED: Step(
        _("Screening"),
        _("The editors: the manuscript waits for a first reading."),
        _("Send it to peer review (you then invite reviewers) or decline it."),
        _("Nothing: the editors are reading your manuscript."),
    ),
    State.UNDER_REVIEW: Step(
        _("Peer review"),
        _("The reviewers, then the editor's decision."),
        _("Invite reviewers, follow their reports and decide."),
        _("Nothing: your manuscript is with the reviewers."),
        "reviews:manage",
        "reviews.manage",
    ),
    State.REVISIONS_REQUESTED: Step(
        _("Revision"),
        _("The author, who is revising the manuscript."),
        _("Nothing until the author resubmits."),
        _("Read the decision, revise the manuscript and resubmit it."),
    ),
    State.RESUBMITTED: Step(
        _("Revised manuscript received"),
        _("The editors: the revision waits for a reading."),
        _("Open the next review round or decide."),
        _("Nothing: the editors are reading your revision."),
        "reviews:manage",
        "reviews.manage",
    ),
    State.ACCEPTED: Step(
        _("Accepted"),
        _("Production, which has not started yet."),
        _("Start production."),
        _("Nothing: production starts soon."),
        "production:detail",
        "production.run",
    ),
    State.IN_PRODUCTION: Step(
        _("Production"),
        _("Production (copyediting, galleys), then the author's proofs."),
        _("Follow copyediting and proofs on the production page."),
        _("Answer copyediting queries and approve your proofs when asked."),
        "production:detail",
        "production.run",
    ),
    State.READY_FOR_PUBLICATION: Step(
        _("Ready for publication"),
        _("The editors: it waits for an issue to be published."),
        _("Put it in an issue and publish the issue (or publish it now)."),
        _("Nothing: your article will be published with its issue."),
        "publishing:editor_issues",
        "issues.prepare",
        url_by_journal=True,
    ),
    State.PUBLISHED: Step(
        _("Published"), NOBODY, _("Nothing."), _("Nothing: it is published.")
    ),
    State.REJECTED: Step(_("Declined"), NOBODY, _("Nothing."), _("Nothing.")),
    State.DESK_REJECTED: Step(
        _("Declined without review"), NOBODY, _("Nothing."), _("Nothing.")
    ),
    State.WITHDRAWN: Step(_("Withdrawn"), NOBODY, _("Nothing."), _("Nothing.")),
}


def step_of(state: str) -> Step:
    return STEPS[state]


def next_action_url(submission, user) -> str:
    """Where this person does the next step, if elsewhere and theirs to do."""
    from django.urls import reverse

    step = STEPS[submission.state]
    if not step.url_name:
        return ""
    target = submission.journal if step.url_by_journal else submission
    if not user.has_perm(step.perm, target):
        return ""
    arg = submission.journal.slug if step.url_by_journal else submission.pk
    return reverse(step.url_name, args=[arg])
