"""Who may do what with a submission (django-rules; the object is a Submission).

The workflow's transitions name these permissions (`submissions.permissions.rule`),
the services check them, the views look submissions up with them
(`submissions.selectors.submission_for`) and the templates show a button only
when `{% has_perm %}` passes.
"""

from __future__ import annotations

from typing import Any

import rules

from journal.rules import (
    is_chief_editor,
    is_editor_here,
    is_production_editor,
)


@rules.predicate
def is_submitter(user: Any, submission: Any) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and submission is not None
        and submission.submitter_id == user.pk
    )


@rules.predicate
def is_handling_editor(user: Any, submission: Any) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and submission is not None
        and submission.editor_id == user.pk
    )


# Editors of this manuscript: the handling editor, journal-wide editors, or the
# section editor of its section.
is_submission_editor = is_handling_editor | is_editor_here
# Production: its journal's production editors and the manuscript's editors.
is_submission_production = is_submission_editor | is_production_editor

rules.add_perm("submissions.view", is_submitter | is_submission_production)
rules.add_perm("submissions.view_office", is_submission_editor)
rules.add_perm("submissions.submit", is_submitter)
rules.add_perm("submissions.resubmit", is_submitter)
rules.add_perm("submissions.decide", is_submission_editor)
rules.add_perm("submissions.assign_editor", is_editor_here)
rules.add_perm("submissions.withdraw", is_submitter | is_submission_editor)
rules.add_perm("production.run", is_submission_production)
# Proofs: the author approves; production staff may approve on the author's
# behalf, with a reason that goes into the log.
rules.add_perm("production.approve_proofs", is_submitter | is_submission_production)


# Files that belong to the review: the author's response to the reviewers is
# read by the author and the manuscript's editors, not by production.
REVIEW_FILE_KINDS = frozenset({"response"})


@rules.predicate
def is_file_reader(user: Any, file: Any) -> bool:
    submission = file.submission
    if file.kind in REVIEW_FILE_KINDS:
        return is_submitter(user, submission) or is_submission_editor(user, submission)
    return is_submitter(user, submission) or is_submission_production(user, submission)


# The object is a SubmissionFile.
rules.add_perm("submissions.file_download", is_file_reader)


@rules.predicate
def is_publishing_on_schedule(user: Any, submission: Any) -> bool:
    """The issue service marks a submission it publishes because an issue this
    person scheduled (`issues.schedule`) has come due."""
    return getattr(submission, "publishing_on_schedule_by", None) == getattr(
        user, "pk", False
    )


# Putting a manuscript online: editors and managers; production staff only
# when an issue they scheduled comes due.
rules.add_perm("submissions.publish", is_chief_editor | is_publishing_on_schedule)
