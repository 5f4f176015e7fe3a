import datetime as dt
import ipaddress

import pytest
import time_machine
from django.db.models import Sum

from metrics.models import Metric, UsageEvent, UsageMonthly, UsageSalt
from metrics.services import usage_aggregate
from tests.publishing.factories import (
    GalleyFactory,
    PublishedArticleFactory,
    html_galley,
)

from .builders import BROWSER, OTHER_BROWSER, download, view_article

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2026, 3, 10, 12, 0, 0, tzinfo=dt.UTC)
IP = "203.0.113.7"


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the after-commit enqueue (eager Celery) of each request."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


def _total(metric, kind=None):
    rows = UsageMonthly.objects.filter(metric=metric)
    if kind is not None:
        rows = rows.filter(galley_kind=kind)
    return rows.aggregate(n=Sum("count"))["n"] or 0


def test_two_views_within_30_seconds_count_once(client, commit):
    article = PublishedArticleFactory()
    with time_machine.travel(NOON, tick=False):
        assert commit(view_article, client, article).status_code == 200
    with time_machine.travel(NOON + dt.timedelta(seconds=29), tick=False):
        commit(view_article, client, article)
    assert UsageEvent.objects.count() == 1
    # COUNTER keeps the later click of a double click.
    assert UsageEvent.objects.get().occurred_at == NOON + dt.timedelta(seconds=29)


def test_two_views_31_seconds_apart_count_twice(client, commit):
    article = PublishedArticleFactory()
    with time_machine.travel(NOON, tick=False):
        commit(view_article, client, article)
    with time_machine.travel(NOON + dt.timedelta(seconds=31), tick=False):
        commit(view_article, client, article)
    assert UsageEvent.objects.count() == 2


def test_a_chain_of_quick_clicks_counts_once(client, commit):
    article = PublishedArticleFactory()
    for seconds in (0, 20, 40, 60):
        with time_machine.travel(NOON + dt.timedelta(seconds=seconds), tick=False):
            commit(view_article, client, article)
    assert UsageEvent.objects.count() == 1


def test_double_click_filter_is_per_reader_and_per_file(client, commit):
    article = PublishedArticleFactory()
    pdf = GalleyFactory(article=article)
    html = html_galley(article)
    with time_machine.travel(NOON, tick=False):
        commit(view_article, client, article)
        commit(view_article, client, article, agent=OTHER_BROWSER)
        commit(view_article, client, article, ip="198.51.100.1")
        commit(download, client, pdf)
        commit(download, client, html)
        commit(download, client, pdf)
    assert UsageEvent.objects.filter(galley_kind="").count() == 3
    assert UsageEvent.objects.filter(galley_kind="pdf").count() == 1
    assert UsageEvent.objects.filter(galley_kind="html").count() == 1


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "python-requests/2.31.0",
        "curl/8.4.0",
        "",
    ],
)
def test_robots_and_scripts_are_not_counted(client, commit, agent):
    article = PublishedArticleFactory()
    pdf = GalleyFactory(article=article)
    with time_machine.travel(NOON, tick=False):
        assert commit(view_article, client, article, agent=agent).status_code == 200
        assert commit(download, client, pdf, agent=agent).status_code == 200
    assert not UsageEvent.objects.exists()


def test_no_raw_ip_or_user_agent_is_stored(client, commit):
    article = PublishedArticleFactory()
    pdf = GalleyFactory(article=article)
    with time_machine.travel(NOON, tick=False):
        commit(view_article, client, article)
        commit(download, client, pdf)
    rows = list(UsageEvent.objects.values())
    assert len(rows) == 2
    for row in rows:
        for value in row.values():
            text = str(value)
            assert IP not in text
            assert "Mozilla" not in text
            for token in text.split():
                try:
                    ipaddress.ip_address(token)
                except ValueError:
                    continue
                pytest.fail(f"an IP address is stored: {token}")
        assert len(row["visitor"]) == 64 and len(row["session"]) == 64


def test_hashes_change_with_the_daily_salt(client, commit):
    article = PublishedArticleFactory()
    with time_machine.travel(NOON, tick=False):
        commit(view_article, client, article)
    with time_machine.travel(NOON + dt.timedelta(days=1), tick=False):
        commit(view_article, client, article)
    first, second = UsageEvent.objects.order_by("occurred_at")
    assert first.visitor != second.visitor


def test_aggregation_folds_events_into_months_and_forgets_them(client, commit):
    article = PublishedArticleFactory()
    pdf = GalleyFactory(article=article)
    with time_machine.travel(NOON, tick=False):
        commit(view_article, client, article)
        commit(download, client, pdf)
        commit(view_article, client, article, agent=OTHER_BROWSER)
    with time_machine.travel(NOON + dt.timedelta(hours=1, minutes=5), tick=False):
        assert usage_aggregate() == 3
    assert not UsageEvent.objects.exists()
    assert _total(Metric.TOTAL_ITEM_INVESTIGATIONS, kind="") == 2
    # A download is a request and an investigation of the article.
    assert _total(Metric.TOTAL_ITEM_INVESTIGATIONS, kind="pdf") == 1
    assert _total(Metric.TOTAL_ITEM_REQUESTS) == 1
    # Sessions: this browser (page + PDF) and the other one.
    assert _total(Metric.UNIQUE_ITEM_INVESTIGATIONS) == 2
    assert _total(Metric.UNIQUE_ITEM_REQUESTS) == 1
    assert set(UsageMonthly.objects.values_list("month", flat=True)) == {
        dt.date(2026, 3, 1)
    }
    with time_machine.travel(NOON + dt.timedelta(days=1, hours=1), tick=False):
        usage_aggregate()
    assert not UsageSalt.objects.exists()


def test_unique_requests_count_a_session_once_across_formats(client, commit):
    article = PublishedArticleFactory()
    pdf = GalleyFactory(article=article)
    html = html_galley(article)
    with time_machine.travel(NOON, tick=False):
        commit(download, client, pdf)
        commit(download, client, html)
    with time_machine.travel(NOON + dt.timedelta(hours=2), tick=False):
        commit(download, client, pdf)
    with time_machine.travel(NOON + dt.timedelta(hours=3), tick=False):
        usage_aggregate()
    assert _total(Metric.TOTAL_ITEM_REQUESTS) == 3
    # Two clock hours are two COUNTER sessions.
    assert _total(Metric.UNIQUE_ITEM_REQUESTS) == 2


def test_aggregation_leaves_the_current_hour_and_adds_to_earlier_runs(client, commit):
    article = PublishedArticleFactory()
    with time_machine.travel(NOON, tick=False):
        commit(view_article, client, article)
    with time_machine.travel(NOON + dt.timedelta(minutes=70), tick=False):
        commit(view_article, client, article)
        usage_aggregate()
    assert UsageEvent.objects.count() == 1
    with time_machine.travel(NOON + dt.timedelta(hours=3), tick=False):
        usage_aggregate()
    assert _total(Metric.TOTAL_ITEM_INVESTIGATIONS) == 2
    assert (
        UsageMonthly.objects.filter(metric=Metric.TOTAL_ITEM_INVESTIGATIONS).count()
        == 1
    )


def test_the_article_page_shows_views_and_downloads(client, commit):
    article = PublishedArticleFactory()
    pdf = GalleyFactory(article=article)
    with time_machine.travel(NOON, tick=False):
        commit(view_article, client, article)
        commit(download, client, pdf)
    with time_machine.travel(NOON + dt.timedelta(hours=2), tick=False):
        usage_aggregate()
        commit(view_article, client, article, agent=OTHER_BROWSER)
    # The shown figures are cached for a minute.
    with time_machine.travel(NOON + dt.timedelta(hours=2, minutes=2), tick=False):
        response = commit(view_article, client, article, ip="198.51.100.9")
    page = response.content.decode()
    # One view folded into the monthly table and one pending; the current
    # view is counted after its response.
    assert 'data-usage="views">2<' in page
    assert 'data-usage="downloads">1<' in page


def test_a_broken_queue_does_not_break_the_article_page(client, commit, monkeypatch):
    from metrics import tasks

    def fail(**kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.usage_event_record_task, "delay", fail)
    article = PublishedArticleFactory()
    assert commit(view_article, client, article).status_code == 200
    assert not UsageEvent.objects.exists()


def test_unpublished_articles_are_not_counted(client, commit):
    from tests.publishing.factories import ArticleFactory

    article = ArticleFactory()
    assert commit(view_article, client, article).status_code == 404
    assert not UsageEvent.objects.exists()


def test_the_browser_agent_used_in_tests_is_not_a_robot():
    from metrics.counting import is_robot

    assert not is_robot(BROWSER)
    assert not is_robot(OTHER_BROWSER)
