"""The publishing side's permissions live beside the code they guard
(production/rules.py, issues/rules.py, stats/rules.py); django-rules discovers
this module, which loads them."""

from .issues import rules as issues_rules  # noqa: F401
from .production import rules as production_rules  # noqa: F401
from .stats import rules as stats_rules  # noqa: F401
