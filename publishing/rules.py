"""The publishing side's permissions live beside the code they guard
(issues/rules.py here; production/rules.py and metrics/rules.py in their
apps); django-rules discovers `<app>.rules`, and this module loads the issues'."""

from .issues import rules as issues_rules  # noqa: F401
