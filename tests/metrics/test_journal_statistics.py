import datetime as dt

import pytest
from django.urls import reverse

from submissions.models import State, Submission, SubmissionEvent
from tests.factories import ContributorFactory, JournalFactory, SubmissionFactory
from tests.publishing.factories import PublishedArticleFactory, with_authors

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2025, 1, 10, 9, 0, tzinfo=dt.UTC)


def _days(n):
    return T0 + dt.timedelta(days=n)


def _decided(journal, state, *, first_decision_day, accepted=False):
    submission = SubmissionFactory(journal=journal, state=state)
    Submission.objects.filter(pk=submission.pk).update(
        submitted_at=T0,
        decided_at=_days(first_decision_day + 30),
        accepted_at=_days(first_decision_day + 30) if accepted else None,
    )
    SubmissionEvent.objects.create(
        submission=submission,
        transition="decide",
        from_state=State.UNDER_REVIEW,
        to_state=State.REVISIONS_REQUESTED if accepted else state,
        created_at=_days(first_decision_day),
    )
    return submission


def _published(journal, *, year, days_to_publish, authors=()):
    article = PublishedArticleFactory(
        submission__journal=journal,
        published_at=dt.datetime(year, 6, 1, tzinfo=dt.UTC),
    )
    Submission.objects.filter(pk=article.submission_id).update(
        submitted_at=article.published_at - dt.timedelta(days=days_to_publish),
        accepted_at=article.published_at - dt.timedelta(days=10),
    )
    if authors:
        article.submission.authors.all().delete()
        for i, (email, country) in enumerate(authors):
            ContributorFactory(
                submission=article.submission, email=email, country=country, order=i
            )
    return article


def test_public_statistics_show_the_journal_in_numbers(client):
    journal = JournalFactory()
    _published(
        journal,
        year=2024,
        days_to_publish=100,
        authors=[("a@x.org", "KZ"), ("b@x.org", "UZ")],
    )
    _published(
        journal,
        year=2025,
        days_to_publish=200,
        authors=[("A@x.org", "KZ"), ("c@x.org", "GE")],
    )
    _published(journal, year=2025, days_to_publish=300, authors=[("d@x.org", "KZ")])
    _decided(journal, State.REJECTED, first_decision_day=10)
    _decided(journal, State.DESK_REJECTED, first_decision_day=2)
    _decided(journal, State.ACCEPTED, first_decision_day=40, accepted=True)
    # Other journals and unfinished work do not count.
    _published(JournalFactory(), year=2025, days_to_publish=5)
    SubmissionFactory(journal=journal, state=State.UNDER_REVIEW)

    response = client.get(reverse("stats:journal", args=[journal.slug]))
    assert response.status_code == 200
    stats = response.context["stats"]
    assert stats.articles == 3
    assert stats.authors == 4  # a@x.org wrote twice, with different case
    assert stats.countries[0][:1] == ("KZ",) and stats.countries[0][2] == 2
    assert {code: n for code, _name, n in stats.countries} == {
        "KZ": 2,
        "UZ": 1,
        "GE": 1,
    }
    assert stats.per_year == [(2024, 1), (2025, 2)]
    # Accepted: the three published and one accepted; rejected: two.
    assert (stats.accepted, stats.rejected) == (4, 2)
    assert stats.acceptance_rate == pytest.approx(66.7)
    # First decisions from the workflow log: 2, 10 and 40 days.
    assert stats.median_days_to_first_decision == 10.0
    assert stats.median_days_to_publication == 200.0
    page = response.content.decode()
    assert 'data-stat="acceptance">66.7%<' in page
    assert "Kazakhstan" in page
    assert "<svg" in page


def test_an_empty_journal_shows_dashes_not_errors(client):
    journal = JournalFactory()
    response = client.get(reverse("stats:journal", args=[journal.slug]))
    assert response.status_code == 200
    assert response.context["stats"].acceptance_rate is None
    assert 'data-stat="articles">0<' in response.content.decode()


def test_inactive_journals_have_no_statistics_page(client):
    journal = JournalFactory(is_active=False)
    assert client.get(reverse("stats:journal", args=[journal.slug])).status_code == 404


def _journal_with(articles: int):
    journal = JournalFactory()
    for i in range(articles):
        article = _published(journal, year=2020 + i % 5, days_to_publish=50 + i)
        with_authors(article, 2, country=["KZ", "AM", "AZ"][i % 3])
        _decided(journal, State.REJECTED, first_decision_day=i % 20)
    return journal


def test_public_statistics_queries_do_not_grow_with_articles(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n in (5, 50):
        journal = _journal_with(n)
        with CaptureQueriesContext(connection) as captured:
            assert (
                client.get(reverse("stats:journal", args=[journal.slug])).status_code
                == 200
            )
        counts.append(len(captured))
    assert counts[0] == counts[1]
    assert counts[0] <= 10
