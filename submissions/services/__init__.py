"""Use cases of the submissions app. Import from here."""

from .drafts import (  # noqa: F401
    contributor_add_submitter,
    contributor_delete,
    contributor_move,
    contributor_save,
    reviewer_preference_add,
    reviewer_preference_delete,
    submission_create,
    submission_file_delete,
    submission_file_upload,
    submission_update_declarations,
    submission_update_metadata,
    submission_update_start,
)
from .file_checks import register_upload_check, upload_checks_run  # noqa: F401
from .guards import submission_check_unchanged  # noqa: F401
from .outbox import email_queue, outbox_email_resend, register_send_check  # noqa: F401
from .workflow import (  # noqa: F401
    available_transitions,
    submission_assign_editor,
    submission_check_transition,
    submission_desk_reject,
    submission_history_note,
    submission_submit,
    submission_transition,
    submission_withdraw,
)
