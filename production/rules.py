"""Who may open production (django-rules; object: a Journal).

Per manuscript, production is `production.run` and proofs
`production.approve_proofs` (submissions/rules.py, beside the transitions).
"""

import rules

from journal.rules import is_production_staff

rules.add_perm("production.view", is_production_staff)
