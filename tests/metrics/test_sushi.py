import datetime as dt

import pytest
import time_machine

from metrics.models import Metric, SushiCredential
from tests.factories import JournalFactory
from tests.publishing.factories import PublishedArticleFactory

from .builders import monthly

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 5, 15, 10, 0, tzinfo=dt.UTC)
JAN, FEB, MAR = dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 3, 1)
TII, TIR = Metric.TOTAL_ITEM_INVESTIGATIONS.value, Metric.TOTAL_ITEM_REQUESTS.value
UII, UIR = Metric.UNIQUE_ITEM_INVESTIGATIONS.value, Metric.UNIQUE_ITEM_REQUESTS.value


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def usage():
    journal = JournalFactory(issn_online="2789-1234", publisher="Hub Press")
    other = JournalFactory(title="Another Journal")
    a = PublishedArticleFactory(
        submission__journal=journal,
        published_at=dt.datetime(2025, 6, 1, tzinfo=dt.UTC),
    )
    b = PublishedArticleFactory(
        submission__journal=journal,
        published_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
    )
    c = PublishedArticleFactory(submission__journal=other)
    monthly(a, JAN, {TII: 4, UII: 3})
    monthly(a, JAN, {TII: 2, TIR: 2}, kind="pdf")
    monthly(a, JAN, {UIR: 2})
    monthly(b, FEB, {TII: 5, UII: 4})
    monthly(b, FEB, {TII: 1, TIR: 1}, kind="html")
    monthly(b, FEB, {UIR: 1})
    monthly(c, JAN, {TII: 7, UII: 7})
    return {"journal": journal, "other": other}


def _instances(performance):
    return {
        (p["Period"]["Begin_Date"], i["Metric_Type"]): i["Count"]
        for p in performance
        for i in p["Instance"]
    }


def test_status_says_the_service_is_active(client):
    response = client.get("/sushi/r5/status")
    assert response.status_code == 200
    body = response.json()
    assert isinstance(body, list) and body[0]["Service_Active"] is True


def test_reports_lists_pr_and_tr(client):
    body = client.get("/sushi/r5/reports").json()
    assert {r["Report_ID"] for r in body} == {"PR", "TR"}
    assert all(r["Release"] == "5" for r in body)
    assert {r["Path"] for r in body} == {"/sushi/r5/reports/pr", "/sushi/r5/reports/tr"}


def test_platform_report_sums_every_journal_per_month(client, usage):
    response = client.get(
        "/sushi/r5/reports/pr",
        {"begin_date": "2026-01", "end_date": "2026-03", "customer_id": "lib-1"},
    )
    assert response.status_code == 200
    body = response.json()
    header = body["Report_Header"]
    assert header["Report_ID"] == "PR"
    assert header["Release"] == "5"
    assert header["Report_Name"] == "Platform Master Report"
    assert header["Customer_ID"] == "lib-1"
    assert header["Institution_Name"] == "The World"
    assert {"Name": "Begin_Date", "Value": "2026-01-01"} in header["Report_Filters"]
    assert {"Name": "End_Date", "Value": "2026-03-31"} in header["Report_Filters"]
    assert "Exceptions" not in header
    [item] = body["Report_Items"]
    assert item["Platform"] == "testserver"
    counts = _instances(item["Performance"])
    assert counts == {
        ("2026-01-01", TII): 4 + 2 + 7,
        ("2026-01-01", TIR): 2,
        ("2026-01-01", UII): 3 + 7,
        ("2026-01-01", UIR): 2,
        ("2026-02-01", TII): 6,
        ("2026-02-01", TIR): 1,
        ("2026-02-01", UII): 4,
        ("2026-02-01", UIR): 1,
    }
    # March had no usage: its period is left out.
    periods = [p["Period"] for p in item["Performance"]]
    assert periods == [
        {"Begin_Date": "2026-01-01", "End_Date": "2026-01-31"},
        {"Begin_Date": "2026-02-01", "End_Date": "2026-02-28"},
    ]


def test_title_report_has_one_item_per_journal(client, usage):
    body = client.get(
        "/sushi/r5/reports/tr", {"begin_date": "2026-01", "end_date": "2026-02"}
    ).json()
    assert body["Report_Header"]["Report_Name"] == "Title Master Report"
    items = {item["Title"]: item for item in body["Report_Items"]}
    assert set(items) == {usage["journal"].title, "Another Journal"}
    mine = items[usage["journal"].title]
    assert {"Type": "Online_ISSN", "Value": "2789-1234"} in mine["Item_ID"]
    assert {
        "Type": "Proprietary",
        "Value": f"testserver:{usage['journal'].slug}",
    } in mine["Item_ID"]
    assert mine["Publisher"] == "Hub Press"
    assert mine["Platform"] == "testserver"
    counts = _instances(mine["Performance"])
    assert counts[("2026-01-01", TII)] == 6
    assert counts[("2026-02-01", TIR)] == 1
    assert sum(v for (_, m), v in counts.items() if m == TIR) == 3


def test_title_report_splits_by_year_of_publication_on_request(client, usage):
    body = client.get(
        "/sushi/r5/reports/tr",
        {
            "begin_date": "2026-01",
            "end_date": "2026-02",
            "attributes_to_show": "YOP|Access_Type|Data_Type",
        },
    ).json()
    assert {
        "Name": "Attributes_To_Show",
        "Value": "Data_Type|YOP|Access_Type",
    } in body["Report_Header"]["Report_Attributes"]
    by_yop = {
        i["YOP"]: i for i in body["Report_Items"] if i["Publisher"] == "Hub Press"
    }
    assert set(by_yop) == {"2025", "2026"}
    assert by_yop["2025"]["Access_Type"] == "OA_Gold"
    assert by_yop["2025"]["Data_Type"] == "Journal"
    assert _instances(by_yop["2025"]["Performance"])[("2026-01-01", TIR)] == 2
    assert _instances(by_yop["2026"]["Performance"])[("2026-02-01", TIR)] == 1


def test_metric_type_and_totals_granularity(client, usage):
    body = client.get(
        "/sushi/r5/reports/pr",
        {
            "begin_date": "2026-01",
            "end_date": "2026-02",
            "metric_type": "Total_Item_Requests",
            "granularity": "Totals",
        },
    ).json()
    [item] = body["Report_Items"]
    assert item["Performance"] == [
        {
            "Period": {"Begin_Date": "2026-01-01", "End_Date": "2026-02-28"},
            "Instance": [{"Metric_Type": "Total_Item_Requests", "Count": 3}],
        }
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"begin_date": "2026-13", "end_date": "2026-02"},
        {"begin_date": "last year", "end_date": "2026-02"},
        {"begin_date": "2026-03", "end_date": "2026-01"},
    ],
)
def test_bad_dates_get_exception_3020(client, usage, params):
    response = client.get("/sushi/r5/reports/pr", params)
    assert response.status_code == 400
    body = response.json()
    assert body["Code"] == 3020
    assert body["Message"] == "Invalid Date Arguments"
    assert body["Severity"] == "Error"


def test_missing_dates_get_exception_1030(client, usage):
    response = client.get("/sushi/r5/reports/tr", {"begin_date": "2026-01"})
    assert response.status_code == 400
    assert response.json()["Code"] == 1030


def test_unknown_report_gets_exception_3000(client):
    response = client.get("/sushi/r5/reports/dr", {"begin_date": "2026-01"})
    assert response.status_code == 404
    assert response.json()["Code"] == 3000


def test_no_usage_and_unknown_parameters_are_reported_in_the_header(client, usage):
    body = client.get(
        "/sushi/r5/reports/pr",
        {"begin_date": "2024-01", "end_date": "2024-02", "colour": "blue"},
    ).json()
    codes = {e["Code"] for e in body["Report_Header"]["Exceptions"]}
    assert codes == {3030, 3050}
    assert body["Report_Items"] == []


def test_a_future_end_date_is_clamped_with_a_warning(client, usage):
    body = client.get(
        "/sushi/r5/reports/pr", {"begin_date": "2026-01", "end_date": "2027-12"}
    ).json()
    codes = {e["Code"] for e in body["Report_Header"]["Exceptions"]}
    assert {3031, 3040} <= codes
    assert body["Report_Items"]


def test_once_credentials_exist_requests_must_present_them(client, usage):
    SushiCredential.objects.create(
        name="National Library",
        customer_id="natlib",
        requestor_id="harvester-1",
        api_key="s3cret",
        journal=usage["journal"],
    )
    dates = {"begin_date": "2026-01", "end_date": "2026-02"}
    anonymous = client.get("/sushi/r5/reports/tr", dates)
    assert anonymous.status_code == 400
    assert anonymous.json()["Code"] == 1030
    unknown = client.get(
        "/sushi/r5/reports/tr",
        dates | {"customer_id": "natlib", "requestor_id": "someone"},
    )
    assert unknown.status_code == 401 and unknown.json()["Code"] == 2000
    wrong_key = client.get(
        "/sushi/r5/reports/tr",
        dates
        | {"customer_id": "natlib", "requestor_id": "harvester-1", "api_key": "x"},
    )
    assert wrong_key.status_code == 401 and wrong_key.json()["Code"] == 2020
    good = client.get(
        "/sushi/r5/reports/tr",
        dates
        | {
            "customer_id": "natlib",
            "requestor_id": "harvester-1",
            "api_key": "s3cret",
        },
    )
    assert good.status_code == 200
    body = good.json()
    assert body["Report_Header"]["Institution_Name"] == "National Library"
    # The credential is limited to one journal.
    assert [i["Title"] for i in body["Report_Items"]] == [usage["journal"].title]
