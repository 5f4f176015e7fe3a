"""Celery tasks of indexing (Crossref deposits): thin wrappers that load rows
and call services."""

import logging

from celery import shared_task
from django.contrib.auth import get_user_model

from journal.errors import DomainError
from journal.leases import once_per_beat
from publishing.models import Article, Issue

from .doi.services import (
    DepositError,
    crossref_deposit_check_result,
    crossref_deposit_record_failure,
    crossref_deposit_send,
    crossref_deposit_start,
    crossref_deposits_awaiting_result,
)
from .models import CrossrefDeposit

logger = logging.getLogger(__name__)

DEPOSIT_MAX_RETRIES = 4


@shared_task(
    bind=True,
    name="indexing.crossref_deposit_send",
    max_retries=DEPOSIT_MAX_RETRIES,
    default_retry_delay=60,
)
def crossref_deposit_send_task(self, deposit_id: int) -> None:
    try:
        crossref_deposit_send(deposit_id=deposit_id)
    except DepositError as exc:
        if self.request.retries >= self.max_retries:
            crossref_deposit_record_failure(
                deposit=CrossrefDeposit.objects.get(pk=deposit_id), message=str(exc)
            )
            logger.warning("Crossref deposit %s failed: %s", deposit_id, exc)
            return
        raise self.retry(exc=exc, countdown=60 * 2**self.request.retries) from exc


@shared_task(name="indexing.crossref_deposits_sweep")
@once_per_beat("indexing.crossref_deposits_sweep")
def crossref_deposits_sweep_task() -> list[int]:
    """Beat: send again the deposits a lost worker left unsent; after the
    task's own tries and two more, they fail."""
    from indexing.doi.services import crossref_deposits_sweep

    deposit_ids = crossref_deposits_sweep(max_sends=DEPOSIT_MAX_RETRIES + 3)
    for deposit_id in deposit_ids:
        crossref_deposit_send_task.delay(deposit_id)
    return deposit_ids


@shared_task(name="indexing.crossref_deposit_check_result")
def crossref_deposit_check_result_task(deposit_id: int) -> None:
    """Read and record one sent deposit's result. The beat runs it again until
    the result is in, so it never retries or raises by itself."""
    try:
        crossref_deposit_check_result(deposit_id=deposit_id)
    except Exception:
        logger.exception("Crossref result of deposit %s not checked", deposit_id)


@shared_task(name="indexing.crossref_results_check")
@once_per_beat("indexing.crossref_results_check")
def crossref_results_check_task() -> list[int]:
    """Beat: check the result of every deposit sent a while ago and still
    awaiting one."""
    deposit_ids = crossref_deposits_awaiting_result()
    for deposit_id in deposit_ids:
        crossref_deposit_check_result_task.delay(deposit_id)
    return deposit_ids


@shared_task(name="indexing.crossref_deposit_create_and_send")
def crossref_deposit_create_and_send(
    *, issue_id=None, article_id=None, actor_id=None
) -> int | None:
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    try:
        deposit = crossref_deposit_start(
            actor=actor,
            issue=Issue.objects.get(pk=issue_id) if issue_id else None,
            article=Article.objects.get(pk=article_id) if article_id else None,
        )
    except DomainError as exc:
        logger.warning("Crossref deposit not created: %s", exc)
        return None
    return deposit.pk
