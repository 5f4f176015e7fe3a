"""Who may prepare, schedule and publish issues and manage published articles
(django-rules).

Production editors prepare issues (volumes, contents, order, pages, covers)
and schedule them; editors and managers publish, change the publishing
settings and the DOI patterns. An article's later life (new versions,
retraction) belongs to its editors: journal-wide editors, or the section
editor of its section.
"""

import rules

from journal.rules import (
    is_chief_editor,
    is_editor_here,
    is_production_editor,
    is_production_staff,
    is_section_editor,
)

from ..imports import is_import_run

# Object: a Journal (or anything with .journal).
rules.add_perm("issues.prepare", is_production_staff)
rules.add_perm("issues.schedule", is_production_staff)
rules.add_perm("issues.publish", is_chief_editor)
rules.add_perm("issues.settings", is_chief_editor)
rules.add_perm("issues.deposit", is_production_staff)
# Object: a Journal. Opens the article pages; what a person may do there is
# decided per article below.
rules.add_perm(
    "articles.list", is_chief_editor | is_section_editor | is_production_editor
)
# Object: an Article (it has .journal and .section).
rules.add_perm("articles.view_manage", is_editor_here | is_production_staff)
rules.add_perm("articles.revise", is_editor_here)
rules.add_perm("articles.retract", is_editor_here)
# Object: an Issue or Article. Its `import_published` transition, run only
# inside an import (publishing/imports.py).
rules.add_perm("publishing.import", is_import_run)
