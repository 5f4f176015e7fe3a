"""Back issues for the demo and for benchmarks: many published articles, fast.

Rows are written with bulk_create in batches, straight into the final state
(the migration of a journal's back catalogue, not the editorial workflow): a
published Submission with its Contributors and an Article in an issue of the
volume for its year. No galleys are made.
"""

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from journal.models import Journal, Section
from journal.validators import orcid_check_digit
from publishing.models import Article, ArticleStatus, Issue, IssueState, Volume
from submissions.models import Contributor, State, Submission

from .countries import COUNTRIES, Country
from .names import email_local_part, person
from .topics import metadata

FIRST_YEAR = 2014
# (month, day) on which each of the year's issues appears.
ISSUE_DATES = [(6, 30), (12, 20)]
TARGET_PER_ISSUE = 8
SECTION_WEIGHTS = {
    "research-articles": 60,
    "case-studies": 20,
    "practitioner-notes": 12,
    "book-reviews": 8,
}
PAGES = {
    "research-articles": (14, 28),
    "case-studies": (10, 20),
    "practitioner-notes": (4, 9),
    "book-reviews": (2, 4),
}
AUTHOR_COUNTS = ([1, 2, 3, 4], [35, 35, 20, 10])
# Countries whose authors often write in Russian.
RUSSIAN_WRITING = {"KZ", "BY", "RU", "KG", "UZ", "TJ", "AZ", "AM", "MD", "UA"}
AFFILIATIONS = [
    "Academy of Public Administration, {capital}",
    "Civil Service Agency, {capital}",
    "Institute of Public Policy and Administration, {capital}",
    "Ministry of Finance, {capital}",
    "Department of Public Administration, National University, {capital}",
]
INTERNATIONAL = [
    "United Nations Development Programme, Istanbul Regional Hub",
    "OECD, Directorate for Public Governance, Paris",
    "World Bank, Governance Global Practice, Washington, DC",
]


@dataclass
class _Slot:
    issue: Issue
    date: datetime
    count: int
    next_order: int
    next_page: int


def _issue_dates(journal: Journal, now: datetime) -> list[tuple[int, int, datetime]]:
    """(year, issue number, publication time) of every past issue, newest first."""
    dates = []
    for year in range(FIRST_YEAR, now.year + 1):
        for number, (month, day) in enumerate(ISSUE_DATES, start=1):
            when = datetime.combine(date(year, month, day), time(10), tzinfo=journal.tz)
            if when <= now:
                dates.append((year, number, when))
    return sorted(dates, key=lambda d: d[2], reverse=True)


def _plan(journal: Journal, count: int, now: datetime) -> list[_Slot]:
    """Spread `count` articles over the newest issues, about 8 per issue."""
    dates = _issue_dates(journal, now)
    wanted = max(1, min(len(dates), math.ceil(count / TARGET_PER_ISSUE)))
    chosen = dates[:wanted]
    base, extra = divmod(count, len(chosen))
    slots = []
    for index, (year, number, when) in enumerate(chosen):
        volume, _ = Volume.objects.get_or_create(
            journal=journal, number=year - FIRST_YEAR + 1, defaults={"year": year}
        )
        issue, _ = Issue.objects.get_or_create(
            journal=journal,
            volume=volume,
            number=str(number),
            defaults={
                "year": year,
                "state": IssueState.PUBLISHED,
                "published_at": when,
                "doi": _doi(journal, f"{year}.{number}"),
            },
        )
        used = Article.objects.filter(issue=issue).aggregate(
            order=Max("order"), page=Max("last_page")
        )
        slots.append(
            _Slot(
                issue=issue,
                date=when,
                count=base + (1 if index < extra else 0),
                next_order=(used["order"] or 0) + 1,
                next_page=_int(used["page"]) + 1,
            )
        )
    return [s for s in slots if s.count]


def _int(value) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def _doi(journal: Journal, suffix: str) -> str:
    if not journal.doi_prefix:
        return ""
    return f"{journal.doi_prefix}/{journal.abbreviation.lower()}.{suffix}"


def _orcid(rng: random.Random) -> str:
    base = f"0000000{rng.randint(1, 3)}{rng.randint(0, 99_999_999):08d}"[:15]
    digits = base + orcid_check_digit(base)
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


def _countries(rng: random.Random, how_many: int) -> list[Country]:
    weights = [c.weight for c in COUNTRIES]
    first = rng.choices(COUNTRIES, weights)[0]
    others = [
        first if rng.random() < 0.6 else rng.choices(COUNTRIES, weights)[0]
        for _ in range(how_many - 1)
    ]
    return [first, *others]


def articles_bulk_create(
    *,
    journal: Journal,
    submitter,
    count: int,
    seed: int | None = None,
    batch_size: int = 1000,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Add `count` published articles to the journal's back issues; returns count.

    `submitter` is the account that owns the imported submissions (the
    editorial office). Each batch is one transaction.
    """
    if count <= 0:
        return 0
    rng = random.Random(seed)
    now = timezone.now()
    sections = {s.slug: s for s in Section.objects.filter(journal=journal)}
    slugs = [slug for slug in SECTION_WEIGHTS if slug in sections]
    weights = [SECTION_WEIGHTS[slug] for slug in slugs]
    plan = [slot for slot in _plan(journal, count, now) for _ in range(slot.count)]
    done = 0
    for start in range(0, len(plan), batch_size):
        slots = plan[start : start + batch_size]
        with transaction.atomic():
            _write_batch(journal, submitter, slots, sections, slugs, weights, rng)
        done += len(slots)
        if progress:
            progress(done)
    return done


def _write_batch(journal, submitter, slots, sections, slugs, weights, rng):
    submissions, people, placements = [], [], []
    for slot in slots:
        slug = rng.choices(slugs, weights)[0] if slugs else None
        authors = 1 if slug == "book-reviews" else rng.choices(*AUTHOR_COUNTS)[0]
        countries = _countries(rng, authors)
        meta = metadata(rng, countries, book_review=slug == "book-reviews")
        published = slot.date - timedelta(
            days=rng.randint(0, 45), minutes=rng.randint(0, 600)
        )
        accepted = published - timedelta(days=rng.randint(30, 90))
        language = (
            "ru"
            if countries[0].code in RUSSIAN_WRITING and rng.random() < 0.3
            else "en"
        )
        submissions.append(
            Submission(
                journal=journal,
                section=sections.get(slug),
                submitter=submitter,
                state=State.PUBLISHED,
                language=language,
                title=meta.title,
                abstract=meta.abstract,
                keywords=meta.keywords,
                decl_original=True,
                decl_ethics=True,
                decl_licence=True,
                decl_competing_interests="None",
                submitted_at=accepted - timedelta(days=rng.randint(60, 300)),
                accepted_at=accepted,
                decided_at=accepted,
                published_at=published,
                state_changed_at=published,
            )
        )
        people.append(countries)
        lo, hi = PAGES.get(slug, (8, 20))
        length = rng.randint(lo, hi)
        placements.append(
            (slot, slug, published, slot.next_order, slot.next_page, length)
        )
        slot.next_order += 1
        slot.next_page += length
    Submission.objects.bulk_create(submissions)
    pks = [s.pk for s in submissions]
    # auto_now_add ignores the value given; a back-catalogue row dates from its
    # submission.
    Submission.objects.filter(pk__in=pks).update(created_at=F("submitted_at"))

    contributors, articles = [], []
    for submission, countries, placement in zip(
        submissions, people, placements, strict=True
    ):
        slot, slug, published, order, first_page, length = placement
        for position, country in enumerate(countries, start=1):
            who = person(country.code, rng)
            affiliation = (
                rng.choice(INTERNATIONAL)
                if rng.random() < 0.04
                else rng.choice(AFFILIATIONS).format(capital=country.capital)
            )
            contributors.append(
                Contributor(
                    submission=submission,
                    given_name=who.given,
                    family_name=who.family,
                    name_translations=who.translations,
                    email=f"{email_local_part(who)}@example.org",
                    affiliation=affiliation,
                    country=country.code,
                    orcid=_orcid(rng) if rng.random() < 0.4 else "",
                    is_corresponding=position == 1,
                    order=position,
                )
            )
        issue = slot.issue
        articles.append(
            Article(
                submission=submission,
                journal=journal,
                section=sections.get(slug),
                issue=issue,
                order=order,
                status=ArticleStatus.PUBLISHED,
                first_page=str(first_page),
                last_page=str(first_page + length - 1),
                doi=_doi(journal, f"{issue.year}.{issue.number}.{order:03d}"),
                published_at=published,
                datestamp=published,
                version=1,
            )
        )
    Contributor.objects.bulk_create(contributors, batch_size=2000)
    Article.objects.bulk_create(articles, batch_size=2000)
    Article.objects.filter(submission_id__in=pks).update(created_at=F("published_at"))
