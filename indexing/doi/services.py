"""Crossref deposits: build and validate per item, send, record each DOI's fate."""

import datetime as dt
import logging
import urllib.error
import urllib.parse
import urllib.request
import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from indexing.models import CrossrefDeposit, CrossrefDepositItem, DepositStatus
from journal.errors import DomainError
from journal.leases import leased
from journal.queue import task_enqueue_on_commit
from journal.rules import check_perm
from journal.workflow import run_transition
from publishing.models import Article, ArticleStatus, Issue

from . import crossref
from .data import batch_data

logger = logging.getLogger(__name__)


def _public_articles(issue):
    return list(
        issue.articles.filter(
            status__in=[ArticleStatus.PUBLISHED, ArticleStatus.RETRACTED]
        )
        .exclude(doi="")
        .select_related("submission", "journal")
        .prefetch_related("submission__authors")
        .order_by("order", "pk")
    )


def crossref_deposit_create(
    *, actor, issue: Issue | None = None, article: Article | None = None
) -> CrossrefDeposit:
    """Build the deposit for a published issue (with its published articles) or
    one article; validate each DOI's record on its own. Invalid records are
    marked failed with the validator's message and left out; the rest are
    pending until sent. Raises DomainError if nothing can be deposited."""
    if issue is None and article is None:
        raise ValueError("an issue or an article")
    journal = issue.journal if issue is not None else article.journal  # type: ignore[union-attr]
    if actor is not None:
        check_perm(
            actor,
            "issues.deposit",
            journal,
            _("Only the journal's editors and production editors may do this."),
        )
    if not crossref.schema_available():
        raise DomainError(
            _("The Crossref schema is not installed; the deposit cannot be checked.")
        )
    if issue is not None:
        articles = _public_articles(issue)
        if not issue.published_at:
            raise DomainError(_("Publish the issue before depositing it."))
    else:
        assert article is not None
        if not article.is_public or not article.doi:
            raise DomainError(_("Only a published article with a DOI is deposited."))
        issue = (
            article.issue
            if article.issue is not None and article.issue.published_at
            else None
        )
        articles = [article]
    data = batch_data(journal=journal, issue=issue, articles=articles)
    by_key = {f"article:{a.pk}": a for a in articles}
    outcomes = []
    for key, doi, document in crossref.item_batches(data):
        errors = crossref.batch_validate(document)
        outcomes.append((key, doi, errors))
    valid_keys = {key for key, _doi, errors in outcomes if not errors}
    valid_articles = [a for a in data.articles if a.key in valid_keys]
    issue_ok = data.issue is not None and data.issue.key in valid_keys
    document = None
    if valid_articles or issue_ok:
        document = crossref.batch_build(
            data, articles=valid_articles, issue_doi=issue_ok
        )
        errors = crossref.batch_validate(document)
        if errors:  # every part was valid alone; this would be a builder bug
            raise DomainError("; ".join(errors))
    with transaction.atomic():
        deposit = CrossrefDeposit.objects.create(
            journal=journal,
            issue=issue,
            batch_id=data.batch_id,
            file_name=f"{data.batch_id}.xml",
            status=DepositStatus.PENDING
            if document is not None
            else DepositStatus.FAILED,
            xml=crossref.batch_serialise(document).decode()
            if document is not None
            else "",
            created_by=actor,
        )
        CrossrefDepositItem.objects.bulk_create(
            CrossrefDepositItem(
                deposit=deposit,
                article=by_key.get(key),
                issue=issue if key.startswith("issue:") else None,
                doi=doi,
                status=DepositStatus.FAILED if errors else DepositStatus.PENDING,
                message="\n".join(errors),
            )
            for key, doi, errors in outcomes
        )
    return deposit


def crossref_deposit_start(
    *, actor, issue: Issue | None = None, article: Article | None = None
) -> CrossrefDeposit:
    """Build the deposit (see `crossref_deposit_create`) and, if any record in
    it is valid, send it to Crossref after commit. Raises what
    `crossref_deposit_create` raises."""
    deposit = crossref_deposit_create(actor=actor, issue=issue, article=article)
    if deposit.xml:
        task_enqueue_on_commit("indexing.crossref_deposit_send", deposit_id=deposit.pk)
    return deposit


class DepositError(Exception):
    """The deposit could not be delivered (network error or HTTP error)."""


def _multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    for name, (filename, content, content_type) in files.items():
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
            ).encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _file_name(deposit: CrossrefDeposit) -> str:
    return deposit.file_name or f"{deposit.batch_id}.xml"


def crossref_deposit_post(*, deposit: CrossrefDeposit) -> bytes:
    """POST the batch as Crossref's deposit API expects (multipart form) and
    return the answer's body. Raises DepositError with the reason."""
    body, content_type = _multipart(
        {
            "operation": "doMDUpload",
            "login_id": settings.CROSSREF_USERNAME,
            "login_passwd": settings.CROSSREF_PASSWORD,
        },
        {
            "fname": (
                _file_name(deposit),
                deposit.xml.encode("utf-8"),
                "application/xml",
            )
        },
    )
    request = urllib.request.Request(
        settings.CROSSREF_DEPOSIT_URL,
        data=body,
        headers={"Content-Type": content_type},
        method="POST",
    )
    return _fetch(request)


def _fetch(request: urllib.request.Request) -> bytes:
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read()[:2000].decode("utf-8", "replace")
        raise DepositError(f"HTTP {exc.code}: {detail}".strip()) from exc
    except (urllib.error.URLError, OSError) as exc:
        raise DepositError(str(exc)) from exc


def crossref_deposit_record_response(*, deposit: CrossrefDeposit, body: bytes) -> None:
    """Apply Crossref's answer. A per-DOI diagnostic sets each item's outcome;
    otherwise the batch was accepted for processing and its items are submitted.
    An item already deposited successfully is never set back."""
    text = body.decode("utf-8", "replace")[:5000]
    outcome = crossref.diagnostic_parse(body)
    now = timezone.now()
    with transaction.atomic():
        items = list(
            deposit.items.select_for_update(of=("self",)).exclude(
                status=DepositStatus.FAILED
            )
        )
        for item in items:
            if item.status == DepositStatus.SUCCESS:
                continue
            if outcome:
                status, message = outcome.get(
                    item.doi.lower(),
                    ("failed", _("Crossref's answer did not mention this DOI.")),
                )
                item.status = status
                item.message = message
            else:
                item.status = DepositStatus.SUBMITTED
                item.message = text
            item.save(update_fields=["status", "message", "updated_at"])
        deposit.response = text
        run_transition(
            deposit,
            "record_answer",
            actor=None,
            kwargs={"outcome": _status_from_items(deposit), "when": now},
        )


def _status_from_items(deposit: CrossrefDeposit) -> str:
    statuses = set(deposit.items.values_list("status", flat=True))
    if DepositStatus.SUCCESS in statuses:
        return DepositStatus.SUCCESS
    if DepositStatus.SUBMITTED in statuses:
        return DepositStatus.SUBMITTED
    return DepositStatus.FAILED


def crossref_deposit_record_failure(*, deposit: CrossrefDeposit, message: str) -> None:
    """Sending failed for good: its pending items fail with the reason;
    items that succeeded before keep their success."""
    with transaction.atomic():
        deposit.items.filter(
            status__in=[DepositStatus.PENDING, DepositStatus.SUBMITTED]
        ).update(
            status=DepositStatus.FAILED, message=message, updated_at=timezone.now()
        )
        outcome = (
            DepositStatus.SUCCESS
            if deposit.items.filter(status=DepositStatus.SUCCESS).exists()
            else DepositStatus.FAILED
        )
        deposit.response = message
        run_transition(
            deposit, "give_up", actor=None, note=message, kwargs={"outcome": outcome}
        )


def crossref_deposits_sweep(*, max_sends: int, now=None) -> list[int]:
    """Beat: deposits still waiting to be sent CROSSREF_DEPOSIT_STUCK_MINUTES
    after they were made, their task lost with a worker or the broker.

    Returns the ids to send again. A deposit already tried `max_sends` times
    fails with a message the editors see on the issue, and is not returned.
    """
    now = now or timezone.now()
    cutoff = now - dt.timedelta(minutes=settings.CROSSREF_DEPOSIT_STUCK_MINUTES)
    resend = []
    stuck = CrossrefDeposit.objects.filter(
        status=DepositStatus.PENDING, created_at__lt=cutoff
    ).exclude(xml="")
    for deposit in stuck:
        if deposit.attempts >= max_sends:
            crossref_deposit_record_failure(
                deposit=deposit,
                message=_(
                    "The deposit could not be sent to Crossref after %(n)s "
                    "attempts. Send it again from the issue page."
                )
                % {"n": deposit.attempts},
            )
        else:
            resend.append(deposit.pk)
    return resend


# Longer than one POST to Crossref may take (its timeout is a minute).
DEPOSIT_LEASE_SECONDS = 600


def crossref_deposit_send(*, deposit_id: int) -> CrossrefDeposit:
    """Send one deposit and record the answer. Raises DepositError for the caller
    (the task) to retry. While another process is sending the same deposit
    (a redelivered task, or the beat sweep's), returns it unsent."""
    with leased(
        f"crossref-deposit:{deposit_id}", seconds=DEPOSIT_LEASE_SECONDS
    ) as mine:
        # Read after taking the lease: a holder that just finished has
        # recorded Crossref's answer, and another holder is sending it now.
        deposit = CrossrefDeposit.objects.get(pk=deposit_id)
        if not mine:
            return deposit
        if deposit.status in (DepositStatus.SUCCESS, DepositStatus.SUBMITTED):
            return deposit
        if not deposit.xml:
            return deposit
        CrossrefDeposit.objects.filter(pk=deposit.pk).update(
            attempts=deposit.attempts + 1
        )
        body = crossref_deposit_post(deposit=deposit)
        crossref_deposit_record_response(deposit=deposit, body=body)
        return deposit


def crossref_result_fetch(*, deposit: CrossrefDeposit) -> bytes:
    """GET the batch's result from Crossref's submission log, with the deposit's
    credentials and the name the batch was uploaded under. Raises DepositError."""
    base = settings.CROSSREF_RESULT_URL or urllib.parse.urljoin(
        settings.CROSSREF_DEPOSIT_URL, "submissionDownload"
    )
    query = urllib.parse.urlencode(
        {
            "usr": settings.CROSSREF_USERNAME,
            "pwd": settings.CROSSREF_PASSWORD,
            "file_name": _file_name(deposit),
            "type": "result",
        }
    )
    return _fetch(urllib.request.Request(f"{base}?{query}", method="GET"))


def crossref_deposits_awaiting_result(*, now: dt.datetime | None = None) -> list[int]:
    """Ids of the deposits sent long enough ago whose result is not in yet."""
    now = now or timezone.now()
    sent_before = now - dt.timedelta(minutes=settings.CROSSREF_RESULT_WAIT_MINUTES)
    return list(
        CrossrefDeposit.objects.filter(
            status=DepositStatus.SUBMITTED, submitted_at__lte=sent_before
        )
        .order_by("submitted_at", "pk")
        .values_list("pk", flat=True)
    )


def crossref_deposit_check_result(
    *, deposit_id: int, now: dt.datetime | None = None
) -> CrossrefDeposit:
    """Read a submitted deposit's result from Crossref and record it: each
    submitted item becomes a success (Crossref's Success or Warning, its
    message kept) or a failure with Crossref's message. A batch still queued
    only has its check time recorded. A network error or an answer that is not
    a diagnostic changes nothing and is logged. A batch with no result
    CROSSREF_RESULT_GIVE_UP_HOURS after it was sent is given up: its items
    fail with a message saying so. Does nothing to a deposit not submitted,
    so it can be run again safely."""
    now = now or timezone.now()
    deposit = CrossrefDeposit.objects.get(pk=deposit_id)
    if deposit.status != DepositStatus.SUBMITTED:
        return deposit
    try:
        body = crossref_result_fetch(deposit=deposit)
    except DepositError as exc:
        logger.warning("Crossref result for deposit %s not read: %s", deposit.pk, exc)
    else:
        diagnostic = crossref.diagnostic_read(body)
        if diagnostic is None:
            logger.warning(
                "Crossref result for deposit %s is not a diagnostic: %r",
                deposit.pk,
                body[:500],
            )
        elif diagnostic.completed:
            _record_result(deposit, diagnostic, body, now)
            return deposit
        else:
            CrossrefDeposit.objects.filter(pk=deposit.pk).update(result_checked_at=now)
            deposit.result_checked_at = now
    return _give_up_if_too_old(deposit, now)


def _record_result(deposit, diagnostic, body: bytes, now) -> None:
    with transaction.atomic():
        locked = CrossrefDeposit.objects.select_for_update().get(pk=deposit.pk)
        if locked.status != DepositStatus.SUBMITTED:  # recorded meanwhile
            return
        items = deposit.items.select_for_update(of=("self",)).filter(
            status=DepositStatus.SUBMITTED
        )
        for item in items:
            item.status, item.message = diagnostic.outcomes.get(
                item.doi.lower(),
                (
                    DepositStatus.FAILED,
                    _("Crossref's result did not mention this DOI."),
                ),
            )
            item.save(update_fields=["status", "message", "updated_at"])
        deposit.response = body.decode("utf-8", "replace")[:5000]
        run_transition(
            deposit,
            "record_result",
            actor=None,
            kwargs={"outcome": _status_from_items(deposit), "when": now},
        )


def _give_up_if_too_old(deposit: CrossrefDeposit, now) -> CrossrefDeposit:
    hours = settings.CROSSREF_RESULT_GIVE_UP_HOURS
    sent = deposit.submitted_at or deposit.created_at
    if sent > now - dt.timedelta(hours=hours):
        return deposit
    message = _(
        "Crossref gave no result for this deposit within %(hours)d hours. "
        "Check the submission log at Crossref, or deposit again."
    ) % {"hours": hours}
    logger.warning("Crossref deposit %s given up: no result", deposit.pk)
    crossref_deposit_record_failure(deposit=deposit, message=message)
    return deposit
