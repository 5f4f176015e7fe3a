"""Who may run peer review (django-rules).

`reviews.manage` (object: a Submission) covers everything on the editor's
review page: inviting and cancelling reviewers, reading reports with their
confidential comments and the reviewers' names, the annotated files, rating
and deciding. Production editors are not in it: they see what production
needs, never the review. `reviews.queues` (object: a Journal) opens the review
and decision queues, which list only the submissions a person edits.
"""

import rules

from journal.rules import is_chief_editor, is_section_editor
from submissions.rules import is_submission_editor

rules.add_perm("reviews.manage", is_submission_editor)
rules.add_perm("reviews.queues", is_chief_editor | is_section_editor)
