"""Import an OJS Native XML export into a journal, issue by issue.

`ojs_import(...)` checks the whole export against every OJS version's schema
first and imports nothing from an export none accepts. Then it reads the
export as a stream: the users (if given), then each issue in its own
transaction. Every imported row is keyed on its OJS id (`OjsRecord`), so a
second run changes nothing and a later export adds what is new and updates
what changed. A failure stops the import at that issue: the issues before it
are complete, nothing of the failing one is kept.
"""

import copy
import hashlib
import logging
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from journal.errors import DomainError
from journal.models import Journal, Section, User
from journal.queue import task_enqueue_on_commit
from journal.validators import validate_orcid
from journal.workflow import Refusals, run_transition
from production.jats import ArticleBuilder, article_data, serialise, validate_jats
from production.render.svg import SvgConversionError, svg_to_png
from publishing.covers import CoverRefused, cover_check
from publishing.imports import importing
from publishing.models import (
    Article,
    ArticleAccess,
    ArticleStatus,
    ArticleVersion,
    Galley,
    GalleyKind,
    Issue,
    IssueState,
    Volume,
)
from submissions.models import Contributor, State, Submission

from ..models import ImportedArticle, OjsRecord, OjsSource, RecordKind
from ..native.reader import OjsArticle, OjsIssue, OjsPublication, iter_issues
from ..native.schemas import check_export
from .locales import language_of, localise, pick, plain_text

logger = logging.getLogger(__name__)

KINDS = ("sections", "issues", "articles", "galleys", "files", "users")


class ExportRefused(DomainError):
    """The export is not one any supported OJS version writes."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


class IssueFailed(Exception):
    pass


@dataclass
class ImportReport:
    dry_run: bool = False
    version: str = ""
    users_version: str = ""
    counts: dict[str, Counter] = field(
        default_factory=lambda: {kind: Counter() for kind in KINDS}
    )
    warnings: list[str] = field(default_factory=list)
    failed: str = ""

    def add(self, kind: str, outcome: str, n: int = 1) -> None:
        self.counts[kind][outcome] += n

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def rows(self) -> list[tuple[str, int, int, int]]:
        """(what, created, updated, unchanged) per kind."""
        return [
            (kind, c["created"], c["updated"], c["unchanged"] + c["skipped"])
            for kind, c in self.counts.items()
        ]

    def as_dict(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "version": self.version,
            "users_version": self.users_version,
            "counts": {k: dict(v) for k, v in self.counts.items()},
            "warnings": self.warnings,
            "failed": self.failed,
        }


class _DryRunRollback(Exception):
    pass


def _aware(day: date | None, journal: Journal) -> datetime | None:
    if day is None:
        return None
    return datetime.combine(day, time(12, 0), tzinfo=journal.tz)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def galley_kind(mime: str, extension: str, genre: str) -> str:
    mime, extension = (mime or "").lower(), (extension or "").lower()
    if mime == "application/pdf" or extension == "pdf":
        return GalleyKind.PDF
    if mime in ("text/html", "application/xhtml+xml") or extension in ("html", "htm"):
        return GalleyKind.HTML
    if mime in ("application/xml", "text/xml") or extension == "xml":
        return GalleyKind.JATS
    return GalleyKind.SUPPLEMENTARY


CONTENT_TYPES = {
    GalleyKind.PDF: "application/pdf",
    GalleyKind.HTML: "text/html",
    GalleyKind.JATS: "application/xml",
}


class _Import:
    """State of one run: the journal, its languages, what is already mapped."""

    def __init__(self, *, journal, report, dry_run, base_dir, actor):
        self.journal = journal
        self.languages = journal.language_list
        self.report = report
        self.dry_run = dry_run
        self.base_dir = base_dir
        self.actor = actor
        self.stored: list[str] = []
        # The mapping rows one issue needs, loaded when it starts (memory stays
        # flat however many issues the export holds); sections are few: all.
        self.records: dict[str, dict[str, OjsRecord]] = {}
        for record in OjsRecord.objects.filter(
            journal=journal, kind=RecordKind.SECTION
        ):
            self.records.setdefault(record.kind, {})[record.ojs_id] = record
        self.sections: dict[str, Section] = {}
        self.touched: dict[tuple[str, str], OjsRecord | None] = {}
        self._office: User | None = None

    # --- the mapping table -------------------------------------------------
    def load_for(self, issue: OjsIssue) -> None:
        """Replace the per-issue mapping rows with this issue's (one query)."""
        wanted = {
            RecordKind.ISSUE: {issue.id},
            RecordKind.ARTICLE: set(),
            RecordKind.GALLEY: set(),
            RecordKind.FILE: set(),
        }
        for art in issue.articles:
            wanted[RecordKind.ARTICLE].add(art.id)
            wanted[RecordKind.FILE].update(art.files)
            for pub in art.publications:
                wanted[RecordKind.GALLEY].update(g.id for g in pub.galleys)
        query = Q()
        for kind, ids in wanted.items():
            self.records[kind] = {}
            query |= Q(kind=kind, ojs_id__in=ids)
        for record in OjsRecord.objects.filter(query, journal=self.journal):
            self.records[record.kind][record.ojs_id] = record

    def record(self, kind: str, ojs_id: str) -> OjsRecord | None:
        return self.records.get(kind, {}).get(ojs_id)

    def remember(self, kind, ojs_id, obj_id, fingerprint="", parent="", data=None):
        record = self.record(kind, ojs_id)
        key = (kind, ojs_id)
        if key not in self.touched:
            self.touched[key] = copy.copy(record) if record else None
        if record is None:
            record = OjsRecord(journal=self.journal, kind=kind, ojs_id=ojs_id)
        record.object_id = obj_id
        record.fingerprint = fingerprint
        record.parent_ojs_id = parent
        record.data = data or {}
        record.save()
        self.records.setdefault(kind, {})[ojs_id] = record
        return record

    def keep_pending(self) -> None:
        """The issue committed: what it remembered stays."""
        self.touched = {}

    def forget_pending(self) -> None:
        """The issue was rolled back: so is what it remembered."""
        for (kind, ojs_id), previous in self.touched.items():
            if previous is None:
                self.records.get(kind, {}).pop(ojs_id, None)
            else:
                self.records[kind][ojs_id] = previous
        self.touched = {}
        self.sections = {}
        self._office = None

    # --- languages ------------------------------------------------------------
    def loc(self, values: dict) -> dict:
        return localise(values, self.languages)

    def lang(self, locale: str) -> str:
        return language_of(locale, self.languages)

    # --- files ----------------------------------------------------------------
    def file_bytes(self, content, what: str) -> bytes:
        if content.error:
            raise IssueFailed(
                _("%(what)s: %(error)s") % {"what": what, "error": content.error}
            )
        data = content.data
        if data is None:
            data = self._fetch(content.href, what)
        if content.declared_size is not None and content.declared_size != len(data):
            raise IssueFailed(
                _("%(what)s: the export declares %(declared)s bytes, %(found)s found")
                % {"what": what, "declared": content.declared_size, "found": len(data)}
            )
        return data

    def _fetch(self, href: str, what: str) -> bytes:
        if href.startswith(("http://", "https://")):
            try:
                with urllib.request.urlopen(href, timeout=60) as response:  # noqa: S310
                    return response.read()
            except OSError as exc:
                raise IssueFailed(
                    _("%(what)s: could not fetch %(href)s (%(error)s)")
                    % {"what": what, "href": href, "error": exc}
                ) from exc
        if self.base_dir is None:
            raise IssueFailed(
                _("%(what)s refers to a file (%(href)s) but no folder was given")
                % {"what": what, "href": href}
            )
        path = (self.base_dir / href.removeprefix("file://")).resolve()
        if not path.is_relative_to(self.base_dir.resolve()) or not path.is_file():
            raise IssueFailed(
                _("%(what)s: %(href)s is not a file beside the export")
                % {"what": what, "href": href}
            )
        return path.read_bytes()

    def store(self, field_file, name: str, data: bytes) -> str:
        """Save through the storage API and check the stored bytes' SHA-256."""
        digest = _sha256(data)
        field_file.save(name, ContentFile(data), save=False)
        self.stored.append(field_file.name)
        with field_file.storage.open(field_file.name, "rb") as stored:
            check = hashlib.sha256()
            for chunk in iter(lambda: stored.read(1 << 16), b""):
                check.update(chunk)
        if check.hexdigest() != digest:
            raise IssueFailed(
                _("%(name)s: the stored file's SHA-256 differs from the export's")
                % {"name": name}
            )
        return digest

    def discard_stored(self) -> None:
        for name in self.stored:
            try:
                default_storage.delete(name)
            except OSError:
                logger.warning("Could not delete %s after a failed issue", name)
        self.stored = []

    # --- the account that owns imported submissions ----------------------------
    def office(self) -> User:
        if self._office is None:
            email = f"ojs-import@{self.journal.slug}.invalid"
            user, created = User.objects.get_or_create(
                email=email,
                defaults={"given_name": "Editorial", "family_name": "Office"},
            )
            if created:
                user.set_unusable_password()
                user.is_active = False
                user.save(update_fields=["password", "is_active"])
            self._office = user
        return self._office


def ojs_import(
    *,
    journal: Journal,
    issues_path: str | Path,
    users_path: str | Path | None = None,
    actor: User | None = None,
    ojs_path: str | None = None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import an OJS export into `journal`; returns the report.

    Raises ExportRefused (nothing imported) if no OJS version's schema accepts
    a file. A failing issue does not raise: the report's `failed` names it and
    why, and the issues before it stay imported. `progress(n)` is called with
    the number of articles just handled. `actor=None` is the system (commands).
    """
    from .users import import_users

    report = ImportReport(dry_run=dry_run)
    issues_path = Path(issues_path)
    checks = [check_export(str(issues_path), "issues")]
    if users_path:
        checks.append(check_export(str(users_path), "users"))
    refused = [e for c in checks for e in c.errors]
    if refused:
        raise ExportRefused(refused)
    report.version = checks[0].version
    if users_path:
        report.users_version = checks[1].version

    if not dry_run:
        source, _created = OjsSource.objects.get_or_create(
            journal=journal, defaults={"ojs_path": ojs_path or journal.slug}
        )
        changed = []
        if ojs_path and source.ojs_path != ojs_path:
            source.ojs_path = ojs_path
            changed.append("ojs_path")
        source.ojs_version = report.version
        source.imported_at = timezone.now()
        source.save(update_fields=[*changed, "ojs_version", "imported_at"])

    run = _Import(
        journal=journal,
        report=report,
        dry_run=dry_run,
        base_dir=issues_path.parent,
        actor=actor,
    )
    if users_path:
        import_users(
            journal=journal, path=str(users_path), report=report, dry_run=dry_run
        )

    with importing("OJS"):
        _import_issues(run, issues_path, progress)
    return report


def _import_issues(run: _Import, issues_path: Path, progress) -> None:
    report = run.report
    for issue in iter_issues(str(issues_path)):
        try:
            with transaction.atomic():
                _import_issue(run, issue)
                if run.dry_run:
                    raise _DryRunRollback
        except _DryRunRollback:
            run.forget_pending()
        except Exception as exc:  # noqa: BLE001 - reported, the run stops here
            run.discard_stored()
            run.forget_pending()
            report.failed = _(
                "Issue %(label)s (OJS id %(id)s, line %(line)s) was not imported: "
                "%(error)s"
            ) % {
                "label": issue.label,
                "id": issue.id or "-",
                "line": issue.line,
                "error": exc,
            }
            logger.warning("OJS import stopped: %s", report.failed, exc_info=True)
            break
        else:
            run.stored = []
            run.keep_pending()
        if progress:
            progress(len(issue.articles))


def _after_issue(article_ids: list[int]) -> None:
    """Once the issue commits, build its articles' OAI-PMH records in the
    background, so the first harvest after the move runs at the warm speed."""
    task_enqueue_on_commit("ojs.build_oai_records", article_ids=article_ids)


# --- issues -------------------------------------------------------------------


def _import_issue(run: _Import, issue: OjsIssue) -> None:
    run.load_for(issue)
    issue_obj = _issue_row(run, issue) if issue.id else None
    article_ids = []
    for order, article in enumerate(issue.articles, start=1):
        article_id = _import_article(
            run, article, issue_obj, order, subscription=issue.access_status == 2
        )
        if article_id is not None:
            article_ids.append(article_id)
    if article_ids and not run.dry_run:
        _after_issue(article_ids)


def _issue_row(run: _Import, issue: OjsIssue) -> Issue:
    journal = run.journal
    for section in issue.sections:
        _section(run, section)
    record = run.record(RecordKind.ISSUE, issue.id)
    if record and record.fingerprint == issue.fingerprint:
        run.report.add("issues", "unchanged")
        return Issue.objects.get(pk=record.object_id)
    primary = journal.primary_language
    titles = run.loc(issue.title)
    descriptions = {k: plain_text(v) for k, v in run.loc(issue.description).items()}
    volume = None
    year = issue.year or (issue.date_published.year if issue.date_published else None)
    year = year or timezone.now().year
    if issue.volume is not None:
        volume, _created = Volume.objects.get_or_create(
            journal=journal, number=issue.volume, defaults={"year": year}
        )
    row = Issue.objects.get(pk=record.object_id) if record else Issue(journal=journal)
    row.volume = volume
    row.number = issue.number[:20]
    row.year = year
    row.title = pick(titles, primary)[:300]
    row.title_translations = _others(titles, row.title, 300)
    row.description = pick(descriptions, primary)
    row.description_translations = _others(descriptions, row.description)
    published_at = _aware(issue.date_published, journal) or timezone.now()
    if issue.published and row.state == IssueState.PUBLISHED:
        row.published_at = published_at
    elif row.state == IssueState.PUBLISHED:
        run.report.warn(
            _(
                "Issue %(label)s is no longer published in OJS; it stays published "
                "here (published work is corrected, not taken down)."
            )
            % {"label": issue.label}
        )
    row.doi = issue.doi[:200]
    if issue.access_status == 2:
        run.report.warn(
            _(
                "Issue %(label)s was for subscribers in OJS; here its articles are "
                "free to read."
            )
            % {"label": issue.label}
        )
    cover = next((c for c in issue.covers if c.content.data or c.content.href), None)
    if cover is not None and not run.dry_run:
        data = run.file_bytes(cover.content, cover.name or "cover")
        data, name = _cover_image(data, cover.name or "cover.png")
        run.store(row.cover_image, name, data)
        row.cover_alt = cover.alt[:300]
    if issue.published and row.state == IssueState.DRAFT:
        _enter_published(run, row, when=published_at)
    else:
        row.save()
    run.remember(
        RecordKind.ISSUE,
        issue.id,
        row.pk,
        issue.fingerprint,
        data={"title": titles, "description": descriptions, "current": issue.current},
    )
    run.report.add("issues", "updated" if record else "created")
    if issue.current:
        later = (
            Issue.objects.filter(
                journal=journal,
                state=IssueState.PUBLISHED,
                published_at__gt=row.published_at,
            ).exclude(pk=row.pk)
            if row.published_at
            else Issue.objects.none()
        )
        if later.exists():
            run.report.warn(
                _(
                    "OJS's current issue was %(label)s; here the latest published issue "
                    "is shown as current."
                )
                % {"label": issue.label}
            )
    return row


def _others(texts: dict[str, str], kept: str, limit: int | None = None) -> dict:
    """The texts of the other languages, beside the one stored in the field."""
    return {
        lang: text[:limit] if limit else text
        for lang, text in texts.items()
        if text and text != kept
    }


def _enter_published(run: _Import, row: Issue | Article, *, when: datetime) -> None:
    """Save `row` (new, or as yet unpublished) as published, through its
    `import_published` transition, logged as imported from OJS."""
    run_transition(
        row,
        "import_published",
        actor=run.actor,
        note=_("imported from OJS"),
        kwargs={"when": when},
        check_permission=True,
        refusals=Refusals(
            permission=_("Only an import may bring in published records."),
            conditions={"import_running": lambda row: _("No import is running.")},
        ),
    )


def _cover_image(data: bytes, name: str) -> tuple[bytes, str]:
    """The cover as the site stores covers: an SVG drawn as PNG (bounded), and
    every cover checked as an issue's upload is (publishing.covers)."""
    if name.lower().endswith(".svg") or data.lstrip()[:5].lower() in (
        b"<svg ",
        b"<?xml",
    ):
        try:
            data = svg_to_png(data)
        except SvgConversionError as exc:
            raise IssueFailed(
                _("%(name)s could not be drawn as an image") % {"name": name}
            ) from exc
        name = name.rsplit(".", 1)[0] + ".png"
    try:
        cover_check(data, name=name)
    except CoverRefused as exc:
        raise IssueFailed(str(exc)) from exc
    return data, name


def _section(run: _Import, section) -> Section | None:
    if section.ref in run.sections:
        return run.sections[section.ref]
    journal = run.journal
    titles = run.loc(section.title)
    abbrevs = run.loc(section.abbrev)
    title = pick(titles, journal.primary_language)[:200] or section.ref
    record = run.record(RecordKind.SECTION, section.ref)
    row = Section.objects.filter(pk=record.object_id).first() if record else None
    outcome = "unchanged"
    if row is None:
        row = Section.objects.filter(journal=journal, title__iexact=title).first()
        if row is None:
            row = Section(journal=journal, title=title, slug=_free_slug(journal, title))
            outcome = "created"
    translations = {k: v for k, v in titles.items() if k != journal.primary_language}
    if outcome == "created" or row.title_translations != {
        **row.title_translations,
        **translations,
    }:
        row.title_translations = {**row.title_translations, **translations}
        if section.policy and not row.policy:
            row.policy = plain_text(
                pick(run.loc(section.policy), journal.primary_language)
            )
        row.save()
        outcome = "created" if outcome == "created" else "updated"
    if not record or record.object_id != row.pk or record.data.get("abbrev") != abbrevs:
        run.remember(
            RecordKind.SECTION,
            section.ref,
            row.pk,
            data={"abbrev": abbrevs, "title": titles},
        )
    run.report.add("sections", outcome)
    run.sections[section.ref] = row
    return row


def _free_slug(journal: Journal, title: str) -> str:
    base = slugify(title)[:40] or "section"
    slug, n = base, 2
    while Section.objects.filter(journal=journal, slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _section_for_ref(run: _Import, ref: str) -> Section | None:
    if ref in run.sections:
        return run.sections[ref]
    record = run.record(RecordKind.SECTION, ref)
    if record:
        row = Section.objects.filter(pk=record.object_id).first()
        run.sections[ref] = row
        return row
    return None


# --- articles -----------------------------------------------------------------


def _import_article(
    run: _Import,
    art: OjsArticle,
    issue: Issue | None,
    order: int,
    *,
    subscription: bool = False,
):
    report = run.report
    published = art.published()
    if not published:
        report.add("articles", "skipped")
        report.warn(
            _("Article %(id)s (line %(line)s) has no published version; skipped.")
            % {"id": art.id, "line": art.line}
        )
        return
    record = run.record(RecordKind.ARTICLE, art.id)
    if record and record.fingerprint == art.fingerprint:
        report.add("articles", "unchanged")
        n_galleys = sum(len(p.galleys) for p in published)
        report.add("galleys", "unchanged", n_galleys)
        report.add("files", "unchanged", len(art.files))
        return
    journal = run.journal
    current = published[-1]
    language = run.lang(art.locale or current.locale)
    section = _section_for_ref(run, current.section_ref)
    titles = _titles(run, current)
    fields = {
        "section": section,
        "language": language,
        "title": titles,
        "subtitle": {k: plain_text(v) for k, v in run.loc(current.subtitle).items()},
        "abstract": {k: plain_text(v) for k, v in run.loc(current.abstract).items()},
        "keywords": run.loc(current.keywords),
        "subjects": run.loc(current.subjects),
        "references": "\n".join(current.citations),
        "submitted_at": _aware(art.date_submitted, journal),
        "published_at": _aware(current.date_published, journal),
    }
    now = timezone.now()
    if record:
        article = Article.objects.select_related("submission").get(pk=record.object_id)
        submission = article.submission
        Submission.objects.filter(pk=submission.pk).update(**fields)
        submission.refresh_from_db()
    else:
        submission = Submission.objects.create(
            journal=journal,
            submitter=run.office(),
            state=State.PUBLISHED,
            decl_original=True,
            decl_ethics=True,
            decl_licence=True,
            state_changed_at=fields["published_at"] or now,
            **fields,
        )
        article = Article(submission=submission, journal=journal)
    first, last = _pages(current.pages)
    article.section = section
    article.issue = issue
    article.order = order
    article.first_page, article.last_page = first, last
    article.doi = current.doi[:200]
    article.copyright_holder = run.loc(current.copyright_holder)
    article.copyright_year = current.copyright_year
    # OJS: the article open whatever its issue (1), or as its issue (0).
    article.access_status = (
        ArticleAccess.FREE
        if subscription and current.access_status != 1
        else ArticleAccess.OPEN
    )
    article.published_at = fields["published_at"] or (
        issue.published_at if issue else now
    )
    article.version = len(published)
    article.datestamp = now
    if article.status == ArticleStatus.IN_PRODUCTION:
        _enter_published(run, article, when=article.published_at)
    else:
        # Published (or since retracted) here: the record's later life stays.
        article.save()
    new = record is None
    _contributors(run, submission, current, new=new)
    galleys = _galleys(run, art, article, published, new=new)
    _versions(run, article, published, galleys, new=new)
    extra = {
        "ojs_id": art.id,
        "licence_url": current.licence_url[:500],
        "publications": [
            {
                "id": p.id,
                "version": list(p.version),
                "doi": p.doi,
                "date_published": p.date_published.isoformat()
                if p.date_published
                else "",
            }
            for p in published
        ],
    }
    if new:
        ImportedArticle.objects.create(article=article, **extra)
    else:
        ImportedArticle.objects.update_or_create(article=article, defaults=extra)
    if not run.dry_run:
        _store_jats(run, article)
    run.remember(RecordKind.ARTICLE, art.id, article.pk, art.fingerprint)
    report.add("articles", "updated" if record else "created")
    return article.pk


def _titles(run: _Import, pub: OjsPublication) -> dict:
    titles = run.loc(pub.title)
    prefixes = run.loc(pub.prefix)
    return {
        lang: f"{prefixes[lang]} {title}".strip() if prefixes.get(lang) else title
        for lang, title in titles.items()
    }


def _pages(pages: str) -> tuple[str, str]:
    pages = pages.replace("–", "-").replace("—", "-").strip()
    if not pages:
        return "", ""
    first, _sep, last = pages.partition("-")
    return first.strip()[:20], (last.strip() or first.strip())[:20]


def _contributors(
    run: _Import, submission: Submission, pub: OjsPublication, *, new: bool
) -> None:
    if not new:
        submission.authors.all().delete()
    language = submission.language
    emails = {a.email.lower() for a in pub.authors if a.email}
    accounts = {u.email: u for u in User.objects.filter(email__in=emails)}
    rows = []
    for position, author in enumerate(pub.authors, start=1):
        given, family = run.loc(author.given), run.loc(author.family)
        translations = {
            lang: {"given": given.get(lang, ""), "family": family.get(lang, "")}
            for lang in sorted(set(given) | set(family))
            if lang != language
        }
        orcid = author.orcid
        if orcid:
            try:
                validate_orcid(orcid)
            except ValidationError:
                run.report.warn(
                    _("ORCID %(orcid)s of %(name)s is not valid; left out.")
                    % {"orcid": orcid, "name": pick(family, language)}
                )
                orcid = ""
        country = author.country if len(author.country) == 2 else ""
        rows.append(
            Contributor(
                submission=submission,
                user=accounts.get(author.email.lower()),
                given_name=pick(given, language)[:150],
                family_name=pick(family, language)[:150],
                name_translations=translations,
                email=author.email[:254],
                affiliation=pick(run.loc(author.affiliation), language)[:300],
                country=country,
                orcid=orcid,
                is_corresponding=author.primary_contact
                or (
                    bool(pub.primary_contact_id) and author.id == pub.primary_contact_id
                ),
                order=position,
            )
        )
    Contributor.objects.bulk_create(rows)


def _galleys(
    run, art: OjsArticle, article: Article, published, *, new: bool
) -> dict[str, list[int]]:
    """Store every publication's galleys; returns galley pks per publication id."""
    by_publication: dict[str, list[int]] = {}
    seen_files: set[str] = set()
    kept: set[int] = set()
    current = published[-1]
    for number, pub in enumerate(published, start=1):
        ids = by_publication.setdefault(pub.id, [])
        for galley in sorted(pub.galleys, key=lambda g: g.seq):
            what = _("Galley %(id)s of article %(article)s") % {
                "id": galley.id,
                "article": art.id,
            }
            ojs_file = art.files.get(galley.file_id)
            if ojs_file is None:
                run.report.warn(
                    _("%(what)s points to %(url)s outside OJS; not imported.")
                    % {"what": what, "url": galley.remote_url or "-"}
                )
                run.report.add("galleys", "skipped")
                continue
            data = run.file_bytes(ojs_file.content, what)
            digest = _sha256(data)
            kind = galley_kind(
                ojs_file.content.mime_type, ojs_file.extension, ojs_file.genre
            )
            record = run.record(RecordKind.GALLEY, galley.id)
            row = Galley.objects.filter(pk=record.object_id).first() if record else None
            outcome = "unchanged"
            if row is None:
                row = Galley(article=article, kind=kind)
                outcome = "created"
            if row.sha256 != digest:
                if not run.dry_run:
                    run.store(row.file, ojs_file.name, data)
                row.sha256 = digest
                row.size = len(data)
                outcome = "created" if outcome == "created" else "updated"
            row.kind = kind
            row.label = (galley.label or kind.upper())[:100]
            row.content_type = (
                ojs_file.content.mime_type
                or CONTENT_TYPES.get(kind)
                or "application/octet-stream"
            )[:120]
            row.version = number
            row.is_current = pub is current
            row.uploaded = True
            row.save()  # in a dry run, rolled back with the issue
            ids.append(row.pk)
            kept.add(row.pk)
            run.remember(RecordKind.GALLEY, galley.id, row.pk, digest, parent=art.id)
            if ojs_file.id not in seen_files:
                run.remember(
                    RecordKind.FILE, ojs_file.id, row.pk, digest, parent=galley.id
                )
                seen_files.add(ojs_file.id)
                run.report.add("files", outcome)
            run.report.add("galleys", outcome)
    if new:
        return by_publication
    stale = Galley.objects.filter(article=article).exclude(pk__in=kept)
    for row in stale:
        if row.file:
            row.file.delete(save=False)
    stale.delete()
    return by_publication


def _versions(
    run, article: Article, published, galleys: dict[str, list[int]], *, new: bool
) -> None:
    """Earlier OJS publications become the article's frozen versions."""
    if not new:
        ArticleVersion.objects.filter(article=article).delete()
    language = article.submission.language
    for number, (pub, after) in enumerate(
        zip(published, published[1:], strict=False), start=1
    ):
        first, last = _pages(pub.pages)
        version = ArticleVersion.objects.create(
            article=article,
            number=number,
            reason=_("Version %(n)s as published in OJS.") % {"n": number},
            metadata={
                "title": _titles(run, pub),
                "abstract": {
                    k: plain_text(v) for k, v in run.loc(pub.abstract).items()
                },
                "keywords": run.loc(pub.keywords),
                "authors": [
                    {
                        "given_name": pick(run.loc(a.given), language),
                        "family_name": pick(run.loc(a.family), language),
                        "affiliation": pick(run.loc(a.affiliation), language),
                        "orcid": a.orcid,
                    }
                    for a in pub.authors
                ],
                "doi": pub.doi,
                "first_page": first,
                "last_page": last,
                "elocation_id": "",
            },
            published_at=_aware(pub.date_published, run.journal),
            superseded_at=_aware(after.date_published, run.journal) or timezone.now(),
        )
        version.galleys.set(galleys.get(pub.id, []))


def _store_jats(run: _Import, article: Article) -> None:
    """JATS front matter from the imported metadata (no body: the typeset PDF
    is the full text), with OJS's licence."""
    from dataclasses import replace

    data = article_data(article)
    extra = ImportedArticle.objects.filter(article=article).first()
    if extra and extra.licence_url:
        data = replace(data, licence_url=extra.licence_url)
    element = ArticleBuilder(data).build(body=None, back=None)
    xml = serialise(element)
    problems = validate_jats(xml)
    if problems:
        run.report.warn(
            _("JATS for article %(id)s not stored: %(error)s")
            % {"id": article.pk, "error": problems[0]}
        )
        return
    Article.objects.filter(pk=article.pk).update(jats_xml=xml.decode("utf-8"))
