"""Publishing pages: readers' pages, downloads, exports and the editors' issues."""

from .downloads import article_download, article_download_kind  # noqa: F401
from .editor import (  # noqa: F401
    article_manage,
    article_new_version,
    article_publish_now,
    article_retract,
    issue_assign,
    issue_create,
    issue_deposit,
    issue_detail_editor,
    issue_edit,
    issue_list_editor,
    issue_move,
    issue_pagination,
    issue_publish_now,
    issue_remove,
    issue_schedule,
    issue_unschedule,
    publishing_settings_edit,
    volume_create,
    volume_edit,
)
from .exports import article_cite, issue_doaj  # noqa: F401
from .reader import (  # noqa: F401
    archive,
    article,
    article_version,
    issue,
    journal_about,
    journal_home,
    update_policy,
)
