import csv
import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse

from journal.models import Role
from metrics.models import Metric
from tests.factories import JournalFactory, RoleFactory, UserFactory, editor_of
from tests.publishing.factories import PublishedArticleFactory, published_issue

from .builders import monthly

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 5, 15, 10, 0, tzinfo=dt.UTC)
MAR, APR = dt.date(2026, 3, 1), dt.date(2026, 4, 1)
TII, TIR = Metric.TOTAL_ITEM_INVESTIGATIONS.value, Metric.TOTAL_ITEM_REQUESTS.value
UIR = Metric.UNIQUE_ITEM_REQUESTS.value


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def _url(journal, name="stats:usage", *args):
    return reverse(name, args=[journal.slug, *args])


def _csv(response):
    text = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    return list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))


@pytest.fixture
def journal_with_usage():
    journal = JournalFactory()
    issue, (first, second) = published_issue(journal, articles=2)
    loose = PublishedArticleFactory(submission__journal=journal)
    monthly(first, MAR, {TII: 10})
    monthly(first, MAR, {TII: 4, TIR: 4}, kind="pdf")
    monthly(first, APR, {TII: 3, TIR: 3}, kind="html")
    monthly(first, MAR, {UIR: 3})
    monthly(second, APR, {TII: 6})
    monthly(loose, APR, {TII: 2, TIR: 2}, kind="pdf")
    # Another journal's usage never shows here.
    monthly(PublishedArticleFactory(), APR, {TII: 99, TIR: 99}, kind="pdf")
    return journal, issue, first, second, loose


def test_editor_sees_usage_per_month_article_and_issue(client, journal_with_usage):
    journal, issue, first, second, loose = journal_with_usage
    client.force_login(editor_of(journal))
    response = client.get(_url(journal))
    assert response.status_code == 200
    page = response.content.decode()
    ctx = response.context
    assert ctx["total"].requests == 4 + 3 + 2
    assert ctx["total"].page_views == 16
    months = {row.key: row for row in ctx["by_month"]}
    assert len(months) == 12  # the last twelve months by default
    assert months[MAR].requests == 4 and months[APR].requests == 5
    articles = {row.key: row for row in ctx["by_article"]}
    assert articles[first.pk].requests == 7
    assert articles[first.pk].requests_by_kind == {"pdf": 4, "html": 3}
    assert articles[second.pk].page_views == 6
    assert [row.key for row in ctx["by_article"]][0] == first.pk
    issues = {row.key: row for row in ctx["by_issue"]}
    assert issues[issue.pk].requests == 7
    assert issues[None].requests == 2
    assert "<svg" in page and "<rect" in page
    assert 'data-total="requests">9<' in page


def test_a_period_can_be_chosen(client, journal_with_usage):
    journal = journal_with_usage[0]
    client.force_login(editor_of(journal))
    response = client.get(_url(journal), {"from": "2026-04", "to": "2026-04"})
    assert [row.key for row in response.context["by_month"]] == [APR]
    assert response.context["total"].requests == 5


def test_a_bad_period_falls_back_with_a_message(client, journal_with_usage):
    journal = journal_with_usage[0]
    client.force_login(editor_of(journal))
    response = client.get(_url(journal), {"from": "2026-09", "to": "2026-01"})
    assert response.status_code == 200
    assert len(response.context["by_month"]) == 12
    assert "comes after" in response.content.decode()


def test_usage_exports_as_csv(client, journal_with_usage):
    journal, issue, first, *_ = journal_with_usage
    client.force_login(editor_of(journal))
    query = {"from": "2026-03", "to": "2026-04"}
    by_month = client.get(_url(journal, "stats:usage_export", "month"), query)
    assert by_month["Content-Type"].startswith("text/csv")
    rows = _csv(by_month)
    assert rows[0][:6] == [
        "Month",
        "Page_Views",
        "Total_Item_Investigations",
        "Total_Item_Requests",
        "Unique_Item_Investigations",
        "Unique_Item_Requests",
    ]
    assert rows[1][0] == "2026-03" and rows[1][3] == "4"
    assert rows[2][0] == "2026-04" and rows[2][3] == "5"
    by_article = _csv(client.get(_url(journal, "stats:usage_export", "article"), query))
    first_row = next(r for r in by_article if r[0] == str(first.pk))
    assert first_row[1] == first.doi
    assert first_row[2] == first.submission.display_title
    header = by_article[0]
    assert first_row[header.index("Requests_pdf")] == "4"
    assert first_row[header.index("Requests_html")] == "3"
    by_issue = _csv(client.get(_url(journal, "stats:usage_export", "issue"), query))
    assert [r[0] for r in by_issue[1:]] == [str(issue.pk), ""]
    assert client.get(_url(journal, "stats:usage_export", "nothing")).status_code == 404


def test_a_title_that_looks_like_a_formula_is_escaped_in_csv(client):
    journal = JournalFactory()
    article = PublishedArticleFactory(
        submission__journal=journal, submission__title={"en": "=HYPERLINK(1)"}
    )
    monthly(article, APR, {TII: 1, TIR: 1}, kind="pdf")
    client.force_login(editor_of(journal))
    rows = _csv(client.get(_url(journal, "stats:usage_export", "article")))
    assert rows[1][2] == "'=HYPERLINK(1)"


@pytest.mark.parametrize("role", [Role.AUTHOR, Role.REVIEWER, Role.PRODUCTION_EDITOR])
def test_other_roles_cannot_see_usage_statistics(client, role):
    journal = JournalFactory()
    user = UserFactory()
    RoleFactory(journal=journal, user=user, role=role)
    client.force_login(user)
    assert client.get(_url(journal)).status_code == 404
    assert client.get(_url(journal, "stats:usage_export", "month")).status_code == 404


def test_editors_of_another_journal_cannot_see_usage_statistics(client):
    journal = JournalFactory()
    client.force_login(editor_of(JournalFactory()))
    assert client.get(_url(journal)).status_code == 404


def test_managers_see_usage_statistics_and_visitors_must_sign_in(client):
    journal = JournalFactory()
    response = client.get(_url(journal))
    assert response.status_code == 302 and "/accounts/" in response["Location"]
    client.force_login(editor_of(journal, role=Role.MANAGER))
    assert client.get(_url(journal)).status_code == 200


def _journal_with(articles: int):
    journal = JournalFactory()
    issue, items = published_issue(journal, articles=articles)
    for article in items:
        monthly(article, APR, {TII: 2, TIR: 1, UIR: 1}, kind="pdf")
        monthly(article, MAR, {TII: 1})
    return journal


def _queries_for(client, journal, url_name, *args) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(editor_of(journal))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(_url(journal, url_name, *args)).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url_name,args",
    [("stats:usage", ()), ("stats:usage_export", ("article",))],
)
def test_usage_pages_run_the_same_queries_for_5_and_50_articles(
    client, django_assert_max_num_queries, url_name, args
):
    few = _queries_for(client, _journal_with(5), url_name, *args)
    many = _queries_for(client, _journal_with(50), url_name, *args)
    assert few == many
    journal = _journal_with(3)
    client.force_login(editor_of(journal))
    with django_assert_max_num_queries(12):
        client.get(_url(journal, url_name, *args))
