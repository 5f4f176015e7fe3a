"""Who may move a submission: permission callables for the workflow's transitions.

Each takes (submission, user) as django-fsm calls them.
"""

from journal.selectors import user_is_editor, user_is_production_editor


def is_submitter(submission, user) -> bool:
    return user.is_authenticated and submission.submitter_id == user.pk


def is_editor(submission, user) -> bool:
    if not user.is_authenticated:
        return False
    if submission.editor_id == user.pk:
        return True
    return user_is_editor(user, submission.journal, submission.section)


def is_production_editor(submission, user) -> bool:
    return user.is_authenticated and (
        user_is_production_editor(user, submission.journal)
        or is_editor(submission, user)
    )


def is_submitter_or_editor(submission, user) -> bool:
    return is_submitter(submission, user) or is_editor(submission, user)


def is_submitter_or_production_editor(submission, user) -> bool:
    return is_submitter(submission, user) or is_production_editor(submission, user)
