"""Absolute links to the reader pages, for exports, citations and metadata."""

from django.conf import settings
from django.urls import reverse


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def article_url(article) -> str:
    return site_url(reverse("publishing:article", args=[article.pk]))


def issue_url(issue) -> str:
    return site_url(reverse("publishing:issue", args=[issue.journal.slug, issue.pk]))
