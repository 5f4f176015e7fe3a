"""The journal's home page shows the numbers of the statistics page, from the
same queries, so the two never disagree."""

import pytest
from django.urls import reverse
from django.utils import timezone

from metrics.models import Metric, UsageMonthly
from tests.factories import JournalFactory, SubmissionFactory
from tests.publishing.factories import published_issue, with_authors

pytestmark = pytest.mark.django_db


def test_home_counts_agree_with_the_statistics_page(client):
    journal = JournalFactory()
    _issue, articles = published_issue(journal, articles=3)
    with_authors(articles[0], 2, country="KZ")
    with_authors(articles[1], 1, country="BY")
    with_authors(articles[2], 1, country="")
    SubmissionFactory(journal=journal)  # a draft: not counted
    UsageMonthly.objects.create(
        article=articles[0],
        galley_kind="pdf",
        month=timezone.now().date().replace(day=1),
        metric=Metric.TOTAL_ITEM_REQUESTS,
        count=7,
    )

    home = client.get(reverse("publishing:journal_home", args=[journal.slug]))
    stats = client.get(reverse("stats:journal", args=[journal.slug]))

    counts = home.context["counts"]
    assert counts == stats.context["stats"].counts
    assert (counts.articles, counts.authors, counts.countries, counts.downloads) == (
        3,
        4,
        2,
        7,
    )
    assert 'data-count="articles">3 articles<' in home.text
    assert 'data-stat="downloads">7<' in stats.text
