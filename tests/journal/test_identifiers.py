import pytest
from django.core.exceptions import ValidationError

from journal.validators import normalise_orcid, validate_issn, validate_orcid


@pytest.mark.parametrize(
    "orcid", ["0000-0002-1825-0097", "0000-0001-5109-3700", "0000-0002-1694-233X"]
)
def test_orcid_with_a_correct_check_digit_is_accepted(orcid):
    validate_orcid(orcid)


def test_orcid_with_a_wrong_check_digit_is_refused_with_a_checksum_message():
    with pytest.raises(ValidationError) as exc:
        validate_orcid("0000-0002-1825-0098")
    assert exc.value.code == "orcid_checksum"
    assert "check digit" in exc.value.messages[0]


@pytest.mark.parametrize("orcid", ["0000-0002-1825", "abcd-0002-1825-0097", "x"])
def test_orcid_in_the_wrong_shape_is_refused_with_an_example(orcid):
    with pytest.raises(ValidationError) as exc:
        validate_orcid(orcid)
    assert exc.value.code == "orcid_format"
    assert "0000-0002-1825-0097" in exc.value.messages[0]


@pytest.mark.parametrize(
    "pasted",
    [
        "https://orcid.org/0000-0002-1825-0097",
        "http://orcid.org/0000-0002-1825-0097/",
        "https://www.orcid.org/0000-0002-1825-0097",
        "orcid.org/0000-0002-1825-0097",
        " 0000 0002 1825 0097 ",
        "0000000218250097",
    ],
)
def test_pasted_orcid_urls_and_spacing_become_the_bare_id(pasted):
    assert normalise_orcid(pasted) == "0000-0002-1825-0097"


def test_lower_case_x_check_character_is_upper_cased():
    assert normalise_orcid("0000-0002-1694-233x") == "0000-0002-1694-233X"
    validate_orcid("0000-0002-1694-233x")


@pytest.mark.parametrize("issn", ["2049-3630", "0317-8471", "2434-561X", "2226-6348"])
def test_issn_with_a_correct_check_digit_is_accepted(issn):
    validate_issn(issn)


def test_issn_with_a_wrong_check_digit_is_refused():
    with pytest.raises(ValidationError) as exc:
        validate_issn("2049-3631")
    assert exc.value.code == "issn_checksum"


@pytest.mark.parametrize("issn", ["20493630", "2049-363", "ISSN 2049-3630"])
def test_issn_in_the_wrong_shape_is_refused(issn):
    with pytest.raises(ValidationError) as exc:
        validate_issn(issn)
    assert exc.value.code == "issn_format"


@pytest.mark.django_db
def test_journal_with_a_bad_issn_fails_validation():
    from tests.factories import JournalFactory

    journal = JournalFactory.build(issn_online="2049-3631", slug="bad-issn")
    with pytest.raises(ValidationError) as exc:
        journal.full_clean()
    assert "issn_online" in exc.value.message_dict
