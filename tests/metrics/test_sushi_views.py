"""COUNTER R5 standard views, /members, Searches_Platform, JSON exceptions on
every path of the API, and values matched without regard to case."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from metrics.models import Metric, SearchMonthly, SushiCredential
from tests.factories import JournalFactory
from tests.publishing.factories import PublishedArticleFactory

from .builders import BROWSER, monthly

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 5, 15, 10, 0, tzinfo=dt.UTC)
JAN, FEB = dt.date(2026, 1, 1), dt.date(2026, 2, 1)
TII, TIR = Metric.TOTAL_ITEM_INVESTIGATIONS.value, Metric.TOTAL_ITEM_REQUESTS.value
UII, UIR = Metric.UNIQUE_ITEM_INVESTIGATIONS.value, Metric.UNIQUE_ITEM_REQUESTS.value
PERIOD = {"begin_date": "2026-01", "end_date": "2026-02"}


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def usage():
    journal = JournalFactory(issn_online="2789-1234")
    article = PublishedArticleFactory(
        submission__journal=journal,
        published_at=dt.datetime(2025, 6, 1, tzinfo=dt.UTC),
    )
    monthly(article, JAN, {TII: 4, UII: 3})
    monthly(article, JAN, {TII: 2, TIR: 2}, kind="pdf")
    monthly(article, JAN, {UIR: 2})
    SearchMonthly.objects.create(journal=journal, month=JAN, count=5)
    SearchMonthly.objects.create(journal=None, month=FEB, count=2)
    return journal


def _instances(item):
    return {
        (p["Period"]["Begin_Date"], i["Metric_Type"]): i["Count"]
        for p in item["Performance"]
        for i in p["Instance"]
    }


def test_pr_p1_reports_searches_and_requests(client, usage):
    body = client.get("/sushi/r5/reports/pr_p1", PERIOD).json()

    header = body["Report_Header"]
    assert (header["Report_ID"], header["Report_Name"]) == ("PR_P1", "Platform Usage")
    filters = {f["Name"]: f["Value"] for f in header["Report_Filters"]}
    assert filters["Access_Method"] == "Regular"
    [item] = body["Report_Items"]
    assert _instances(item) == {
        ("2026-01-01", "Searches_Platform"): 5,
        ("2026-01-01", TIR): 2,
        ("2026-01-01", UIR): 2,
        ("2026-02-01", "Searches_Platform"): 2,
    }


def test_tr_j3_shows_each_journal_by_access_type(client, usage):
    body = client.get("/sushi/r5/reports/TR_J3", PERIOD).json()

    [item] = body["Report_Items"]
    assert item["Access_Type"] == "OA_Gold"
    assert _instances(item)[("2026-01-01", TII)] == 6


@pytest.mark.parametrize("view", ["tr_j1", "tr_j4"])
def test_views_of_controlled_content_are_empty_on_an_open_access_platform(
    client, usage, view
):
    response = client.get(f"/sushi/r5/reports/{view}", PERIOD)

    assert response.status_code == 200
    body = response.json()
    assert body["Report_Items"] == []
    assert [e["Code"] for e in body["Report_Header"]["Exceptions"]] == [3030]


def test_a_journal_credential_sees_its_journal_searches_only(client, usage):
    SushiCredential.objects.create(
        name="Library", customer_id="c1", requestor_id="r1", journal=usage
    )
    body = client.get(
        "/sushi/r5/reports/pr",
        {**PERIOD, "customer_id": "c1", "requestor_id": "r1"},
    ).json()
    searches = {
        k: v for k, v in _instances(body["Report_Items"][0]).items() if "Search" in k[1]
    }
    assert searches == {("2026-01-01", "Searches_Platform"): 5}


def test_members_lists_the_customer(client, usage):
    SushiCredential.objects.create(name="Library", customer_id="c1", requestor_id="r1")

    response = client.get(
        "/sushi/r5/members", {"customer_id": "c1", "requestor_id": "r1"}
    )
    assert response.status_code == 200
    [member] = response.json()
    assert (member["Customer_ID"], member["Name"]) == ("c1", "Library")
    refused = client.get("/sushi/r5/members", {"customer_id": "c1"})
    assert refused.status_code == 401
    assert refused["Content-Type"] == "application/json"
    assert refused.json()["Code"] == 2000


@pytest.mark.parametrize(
    "path", ["/sushi/r5/reports/xx_y9", "/sushi/r5/nothing", "/sushi/r5/reports/a/b"]
)
def test_unknown_paths_answer_a_counter_exception_in_json(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["Code"] == 3000


def test_enumerated_values_are_matched_without_regard_to_case(client, usage):
    body = client.get(
        "/sushi/r5/reports/pr",
        {
            **PERIOD,
            "granularity": "totals",
            "metric_type": "total_item_requests|SEARCHES_PLATFORM",
        },
    ).json()

    assert "Exceptions" not in body["Report_Header"]
    [item] = body["Report_Items"]
    [period] = item["Performance"]
    assert period["Period"] == {"Begin_Date": "2026-01-01", "End_Date": "2026-02-28"}
    assert {i["Metric_Type"]: i["Count"] for i in period["Instance"]} == {
        "Searches_Platform": 7,
        TIR: 2,
    }


def test_a_readers_search_is_counted_once_and_a_robots_not(
    client, django_capture_on_commit_callbacks
):
    journal = JournalFactory()
    url = reverse("discovery:journal_search", args=[journal.slug])
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url, {"q": "merit"}, HTTP_USER_AGENT=BROWSER)
        client.get(url, {"q": "merit", "page": "2"}, HTTP_USER_AGENT=BROWSER)
        client.get(url, {"q": "merit"}, HTTP_USER_AGENT="Googlebot/2.1")
        client.get(url, HTTP_USER_AGENT=BROWSER)  # the empty form: no search
        client.get("/search/", {"q": "merit"}, HTTP_USER_AGENT=BROWSER)

    counts = {
        (row.journal_id, row.month): row.count for row in SearchMonthly.objects.all()
    }
    assert counts == {
        (journal.pk, NOW.date().replace(day=1)): 1,
        (None, NOW.date().replace(day=1)): 1,
    }
