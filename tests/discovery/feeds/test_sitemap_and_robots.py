"""sitemap.xml lists every public page; robots.txt points to it."""

from urllib.parse import urlparse

import pytest
from django.urls import reverse
from lxml import etree

from publishing.models import ArticleStatus, IssueState
from tests.factories import JournalFactory
from tests.publishing.factories import (
    IssueFactory,
    PublishedArticleFactory,
    published_issue,
)

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.content, PARSER)


def all_sitemap_paths(client) -> set[str]:
    index = fetch(client, "/sitemap.xml")
    assert index.tag == f"{SM}sitemapindex"
    paths = set()
    for loc in index.iter(f"{SM}loc"):
        url = urlparse(loc.text)
        urlset = fetch(client, f"{url.path}?{url.query}" if url.query else url.path)
        assert urlset.tag == f"{SM}urlset"
        paths |= {urlparse(u.text).path for u in urlset.iter(f"{SM}loc")}
    return paths


def test_sitemap_lists_every_public_page(client):
    journal = JournalFactory()
    issue, articles = published_issue(journal, articles=2)
    continuous = PublishedArticleFactory(submission__journal=journal)
    retracted = PublishedArticleFactory(
        submission__journal=journal, status=ArticleStatus.RETRACTED
    )

    paths = all_sitemap_paths(client)

    expected = {
        reverse("publishing:journal_home", args=[journal.slug]),
        reverse("publishing:about", args=[journal.slug]),
        reverse("publishing:archive", args=[journal.slug]),
        reverse("publishing:issue", args=[journal.slug, issue.pk]),
        *(
            reverse("publishing:article", args=[a.pk])
            for a in [*articles, continuous, retracted]
        ),
    }
    assert expected <= paths
    for path in expected:
        assert client.get(path).status_code == 200, path


def test_platform_home_is_listed_only_when_it_lists_several_journals(client):
    JournalFactory()
    assert reverse("journal:home") not in all_sitemap_paths(client)
    JournalFactory()
    assert reverse("journal:home") in all_sitemap_paths(client)


def test_sitemap_leaves_out_unpublished_and_inactive_content(client):
    journal = JournalFactory()
    draft_issue = IssueFactory(journal=journal, state=IssueState.DRAFT)
    in_production = PublishedArticleFactory(
        submission__journal=journal, status=ArticleStatus.IN_PRODUCTION
    )
    dormant = JournalFactory(is_active=False)
    dormant_article = PublishedArticleFactory(submission__journal=dormant)

    paths = all_sitemap_paths(client)

    assert reverse("publishing:issue", args=[journal.slug, draft_issue.pk]) not in paths
    assert reverse("publishing:article", args=[in_production.pk]) not in paths
    assert reverse("publishing:article", args=[dormant_article.pk]) not in paths
    assert reverse("publishing:journal_home", args=[dormant.slug]) not in paths


def test_article_entries_carry_their_last_change(client):
    article = PublishedArticleFactory()
    urlset = fetch(client, reverse("discovery:sitemap_section", args=["articles"]))
    (entry,) = urlset.findall(f"{SM}url")
    assert entry.findtext(f"{SM}lastmod") == article.datestamp.date().isoformat()


def test_robots_txt_points_to_sitemap_and_keeps_crawlers_out_of_private_areas(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    disallowed = {
        line.split(": ", 1)[1] for line in lines if line.startswith("Disallow")
    }
    assert {
        "/accounts/",
        "/admin/",
        "/editorial/",
        "/j/*/editorial/",
        "/submissions/",
    } <= disallowed
    # Public pages stay open.
    assert not any(path in {"/", "/j/", "/article/", "/oai"} for path in disallowed)
