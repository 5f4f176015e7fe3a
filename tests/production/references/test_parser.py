"""The reference parser finds the parts a reader sees, and every DOI."""

import pytest

from production.references import find_doi, parse_reference
from tests.production.references.samples import SAMPLES


@pytest.mark.parametrize(
    ("text", "expected"), SAMPLES, ids=[s[0][:30] for s in SAMPLES]
)
def test_reference_parts_are_found(text, expected):
    parsed = parse_reference(text).as_dict()
    assert {part: parsed[part] for part in expected} == expected


@pytest.mark.parametrize(
    "text",
    [
        "See https://doi.org/10.1000/xyz(123)abc.",
        "See http://dx.doi.org/10.1000/xyz(123)abc",
        "doi:10.1000/xyz(123)abc;",
        "DOI: 10.1000/xyz(123)abc",
        "(10.1000/xyz(123)abc)",
        "https://doi.org/10.1000%2Fxyz(123)abc",
    ],
)
def test_every_form_of_a_doi_is_detected(text):
    assert find_doi(text) == "10.1000/xyz(123)abc"


@pytest.mark.parametrize("text", ["", "   ", "???", "(", "1. ", "x" * 5000])
def test_what_cannot_be_read_leaves_parts_empty(text):
    parsed = parse_reference(text)
    assert (parsed.doi, parsed.year, parsed.authors) == ("", "", [])
