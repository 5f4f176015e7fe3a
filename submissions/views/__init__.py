"""Pages of the submissions app, by who uses them."""

from .author import detail, my_submissions, withdraw  # noqa: F401
from .contributors import (  # noqa: F401
    author_add_me,
    author_delete,
    author_edit,
    author_move,
    reviewer_delete,
)
from .editor import (  # noqa: F401
    assign_editor,
    dashboard,
    desk_reject,
    editor_detail,
    editor_withdraw,
)
from .files import file_download  # noqa: F401
from .wizard import file_delete, file_upload, start, step, submit  # noqa: F401
