"""Use cases of peer review. Import from here."""

from .approvals import review_comments_approve  # noqa: F401
from .assignments import (  # noqa: F401
    assignment_accept,
    assignment_cancel,
    assignment_decline,
    assignment_rate,
    default_due,
    invitation_by_token,
    latest_round,
    review_invite,
    reviewer_claim_account,
    reviewer_for_email,
    round_open,
)
from .decisions import (  # noqa: F401
    author_language,
    decision_letter_draft,
    decision_letter_resend,
    decision_make,
    reports_awaiting_approval,
    reports_for_author,
    reports_for_reviewers,
)
from .reviewer_files import (  # noqa: F401
    EDITOR_UPLOAD_KINDS,
    held_file_waits,
    reviewer_file_clear,
    reviewer_file_share,
    reviewer_file_upload,
    reviewer_file_wait,
    reviewer_file_waits_resolve,
    reviewer_response_file,
    shared_files,
)
from .reviewing import (  # noqa: F401
    review_form_for,
    review_get_or_start,
    review_missing,
    review_save_draft,
    review_submit,
)
from .revisions import revision_resubmit  # noqa: F401
