"""What a citation needs, as plain data, built once from an article."""

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Author:
    given: str
    family: str
    orcid: str = ""
    affiliation: str = ""

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given, self.family) if p)


@dataclass
class CitationData:
    key: str
    title: str
    authors: list[Author]
    journal: str
    journal_abbrev: str = ""
    volume: str = ""
    issue: str = ""
    published: dt.date | None = None
    first_page: str = ""
    last_page: str = ""
    article_number: str = ""
    doi: str = ""
    url: str = ""
    issn: str = ""
    publisher: str = ""
    language: str = "en"
    abstract: str = ""
    keywords: list[str] = field(default_factory=list)
    issns: list[str] = field(default_factory=list)

    @property
    def year(self) -> str:
        return str(self.published.year) if self.published else ""

    @property
    def pages(self) -> str:
        if self.first_page and self.last_page and self.first_page != self.last_page:
            return f"{self.first_page}–{self.last_page}"
        return self.first_page

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def link(self) -> str:
        return self.doi_url or self.url
