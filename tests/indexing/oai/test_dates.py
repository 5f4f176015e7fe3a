"""Selective harvesting by from and until: inclusive, at both granularities."""

import pytest

from .conftest import error_codes
from .factories import PublishedArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dated(db):
    """Three records: late on 1 March, in the middle of 2 March, early on 3 March."""
    journal = PublishedArticleFactory(datestamp="2024-03-01T23:59:59.700Z").journal
    PublishedArticleFactory(journal=journal, datestamp="2024-03-02T12:00:00.250Z")
    PublishedArticleFactory(journal=journal, datestamp="2024-03-03T00:00:00Z")
    return ["2024-03-01T23:59:59Z", "2024-03-02T12:00:00Z", "2024-03-03T00:00:00Z"]


def datestamps(oai, **bounds):
    doc = oai({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", **bounds})
    if error_codes(doc):
        return error_codes(doc)
    return [e.text for e in doc.iterfind(".//{*}header/{*}datestamp")]


@pytest.mark.parametrize(
    ("bounds", "expected"),
    [
        ({"from": "2024-03-02"}, [1, 2]),
        ({"until": "2024-03-02"}, [0, 1]),
        ({"from": "2024-03-02", "until": "2024-03-02"}, [1]),
        ({"from": "2024-03-01", "until": "2024-03-01"}, [0]),
        ({"from": "2024-03-03", "until": "2024-03-03"}, [2]),
    ],
    ids=["from-day", "until-day", "single-day", "first-day", "last-day"],
)
def test_day_granularity_includes_whole_days(oai, dated, bounds, expected):
    assert datestamps(oai, **bounds) == [dated[i] for i in expected]


@pytest.mark.parametrize(
    ("bounds", "expected"),
    [
        ({"from": "2024-03-01T23:59:59Z"}, [0, 1, 2]),
        ({"from": "2024-03-02T00:00:00Z"}, [1, 2]),
        ({"until": "2024-03-01T23:59:59Z"}, [0]),
        ({"until": "2024-03-01T23:59:58Z"}, "noRecordsMatch"),
        ({"from": "2024-03-02T12:00:00Z", "until": "2024-03-02T12:00:00Z"}, [1]),
        (
            {"from": "2024-03-02T12:00:01Z", "until": "2024-03-02T23:59:59Z"},
            "noRecordsMatch",
        ),
        ({"until": "2024-03-03T00:00:00Z"}, [0, 1, 2]),
        ({"from": "2024-03-03T00:00:00Z"}, [2]),
        ({"from": "2024-03-03T00:00:01Z"}, "noRecordsMatch"),
    ],
)
def test_seconds_granularity_is_inclusive_at_both_ends(oai, dated, bounds, expected):
    found = datestamps(oai, **bounds)
    if expected == "noRecordsMatch":
        assert found == ["noRecordsMatch"]
    else:
        assert found == [dated[i] for i in expected]


def test_until_before_the_earliest_datestamp_matches_nothing(oai, dated):
    assert datestamps(oai, until="2000-01-01") == ["noRecordsMatch"]


@pytest.mark.parametrize(
    "bounds",
    [
        {"from": "2024-03-01", "until": "2024-03-02T00:00:00Z"},
        {"from": "2024-03-01T00:00:00Z", "until": "2024-03-02"},
        {"from": "2024-02-30"},
        {"from": "2024-3-1"},
        {"until": "2024-03-01T24:00:00Z"},
        {"until": "2024-03-01T12:00:00"},
        {"from": "2024-03-01T12:00:00+01:00"},
        {"from": "2024-03-01T12:00Z"},
        {"from": "0000-01-01"},
        {"from": "２０２４-03-01"},
        {"from": "yesterday"},
        {"from": "2024-03-03", "until": "2024-03-02"},
        {"from": "2024-03-02T00:00:01Z", "until": "2024-03-02T00:00:00Z"},
    ],
)
def test_bad_or_mixed_dates_are_bad_arguments(oai, dated, bounds):
    assert datestamps(oai, **bounds) == ["badArgument"]


def test_the_far_future_is_a_valid_bound(oai, dated):
    assert datestamps(oai, until="9999-12-31") == dated
    assert datestamps(oai, **{"from": "9999-12-31T23:59:59Z"}) == ["noRecordsMatch"]
