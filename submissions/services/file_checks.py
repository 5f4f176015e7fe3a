"""Checks run on a file as soon as it is uploaded.

Higher apps register theirs in AppConfig.ready() (review anonymity searches the
files reviewers receive for the authors' names). Each returns what it found,
[{"term": ..., "snippet": ...}], so the person uploading sees it at once.
"""

from collections.abc import Callable

from ..models import SubmissionFile

UPLOAD_CHECKS: list[Callable[[SubmissionFile], list[dict]]] = []


def register_upload_check(check: Callable[[SubmissionFile], list[dict]]) -> None:
    if check not in UPLOAD_CHECKS:
        UPLOAD_CHECKS.append(check)


def upload_checks_run(*, file: SubmissionFile) -> list[dict]:
    findings: list[dict] = []
    for check in UPLOAD_CHECKS:
        findings += check(file)
    return findings
