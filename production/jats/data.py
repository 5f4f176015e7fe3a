"""A plain snapshot of everything the JATS front matter needs, read in one place.

The builder works over these dataclasses and never touches the database, so it
is easy to test and its output depends only on what the selector read.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from journal.models import Licence
from publishing.models import Article, ArticleAccess

from ..references import ParsedReference, article_references


@dataclass(frozen=True)
class JournalData:
    title: str
    abbreviation: str
    issn_print: str = ""
    issn_online: str = ""
    publisher: str = ""
    publisher_place: str = ""


@dataclass(frozen=True)
class ContributorData:
    given_name: str
    family_name: str
    email: str = ""
    affiliation: str = ""
    country_code: str = ""
    country_name: str = ""
    orcid: str = ""
    orcid_authenticated: bool = False
    ror: str = ""
    is_corresponding: bool = False

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p)


@dataclass(frozen=True)
class ArticleData:
    journal: JournalData
    language: str
    article_type: str = "research-article"
    section: str = ""
    doi: str = ""
    titles: dict[str, str] = field(default_factory=dict)
    subtitles: dict[str, str] = field(default_factory=dict)
    abstracts: dict[str, str] = field(default_factory=dict)
    keywords: dict[str, list[str]] = field(default_factory=dict)
    subjects: dict[str, list[str]] = field(default_factory=dict)
    contributors: list[ContributorData] = field(default_factory=list)
    published: dt.date | None = None
    received: dt.date | None = None
    revised: dt.date | None = None
    accepted: dt.date | None = None
    volume: str = ""
    issue: str = ""
    year: int | None = None
    first_page: str = ""
    last_page: str = ""
    elocation_id: str = ""
    licence_label: str = ""
    licence_url: str = ""
    funding: str = ""
    references: list[ParsedReference] = field(default_factory=list)
    # Where figures live, relative to the JATS document's own address, so a
    # graphic's xlink:href resolves wherever the XML is downloaded from.
    media_base: str = ""
    # As the article states them; otherwise the authors, in the year published.
    stated_copyright_holder: str = ""
    stated_copyright_year: int | None = None
    open_access: bool = True  # False: free to read, rights reserved

    @property
    def title(self) -> str:
        return self.titles.get(self.language) or next(
            (t for t in self.titles.values() if t), ""
        )

    @property
    def abstract(self) -> str:
        return self.abstracts.get(self.language, "")

    @property
    def other_languages(self) -> list[str]:
        return [lang for lang in self.titles if lang != self.language]

    @property
    def subtitle(self) -> str:
        return self.subtitles.get(self.language, "")

    @property
    def copyright_year(self) -> int:
        return (
            self.stated_copyright_year or (self.published or timezone.now().date()).year
        )

    @property
    def copyright_holder(self) -> str:
        return self.stated_copyright_holder or "The Author(s)"

    @property
    def pages(self) -> str:
        if self.first_page and self.last_page and self.first_page != self.last_page:
            return f"{self.first_page}–{self.last_page}"
        return self.first_page


def _local_date(value, tz) -> dt.date | None:
    return timezone.localtime(value, tz).date() if value else None


def article_data(article) -> ArticleData:
    """Read an article's metadata for the JATS front matter (a few queries)."""

    article = (
        Article.objects.select_related(
            "journal", "section", "issue__volume", "submission"
        )
        .prefetch_related("submission__authors")
        .get(pk=article.pk)
    )
    submission = article.submission
    journal = article.journal
    tz = journal.tz
    contributors = [
        ContributorData(
            given_name=c.given_name,
            family_name=c.family_name,
            email=c.email,
            affiliation=c.affiliation,
            country_code=c.country.code or "",
            country_name=str(c.country.name) if c.country else "",
            orcid=c.orcid,
            orcid_authenticated=c.orcid_authenticated,
            ror=c.ror,
            is_corresponding=c.is_corresponding,
        )
        for c in submission.authors.all()
    ]
    issue = article.issue
    published = _local_date(article.published_at, tz)
    return ArticleData(
        journal=JournalData(
            title=journal.title,
            abbreviation=journal.abbreviation,
            issn_print=journal.issn_print,
            issn_online=journal.issn_online,
            publisher=journal.publisher,
            publisher_place=journal.publisher_place,
        ),
        language=submission.language,
        article_type=(article.section.article_type if article.section else "")
        or "research-article",
        section=article.section.title if article.section else "",
        doi=article.doi,
        titles={k: v for k, v in submission.title.items() if v},
        subtitles={k: v for k, v in (submission.subtitle or {}).items() if v},
        abstracts={k: v for k, v in submission.abstract.items() if v},
        keywords={k: list(v) for k, v in submission.keywords.items() if v},
        subjects={k: list(v) for k, v in (submission.subjects or {}).items() if v},
        contributors=contributors,
        published=published,
        received=_local_date(submission.submitted_at, tz),
        revised=_local_date(submission.resubmitted_at, tz),
        accepted=_local_date(submission.accepted_at, tz),
        volume=str(issue.volume.number) if issue and issue.volume_id else "",
        issue=issue.number if issue else "",
        year=(issue.year if issue else None) or (published.year if published else None),
        first_page=article.first_page,
        last_page=article.last_page,
        elocation_id=article.elocation_id,
        licence_label=Licence(journal.default_licence).label
        if journal.default_licence in Licence.values
        else journal.default_licence,
        licence_url=journal.licence_url,
        funding=submission.funding.strip(),
        references=article_references(article),
        media_base=media_base(article),
        stated_copyright_holder=article.copyright_holder_in(submission.language),
        stated_copyright_year=article.copyright_year,
        open_access=article.access_status != ArticleAccess.FREE,
    )


def media_base(article) -> str:
    """The figures' folder relative to the JATS download (both JATS addresses,
    by kind and by galley, sit at the same depth)."""
    jats = reverse("publishing:article_download_kind", args=[article.pk, "jats"])
    media = reverse("production:media", args=[article.pk, "name"]).rsplit("/", 1)[0]
    depth = jats.rstrip("/").count("/")
    return "../" * depth + media.lstrip("/") + "/"
