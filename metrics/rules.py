"""Who may read a journal's usage statistics and editorial reports
(django-rules; object: a Journal)."""

import rules

from journal.rules import is_chief_editor

rules.add_perm("stats.usage", is_chief_editor)
rules.add_perm("stats.reports", is_chief_editor)
