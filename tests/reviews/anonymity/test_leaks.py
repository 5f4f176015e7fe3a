from reviews.anonymity import find_identity_leaks
from reviews.anonymity.leaks import text_leaks
from submissions.filetypes import DOCX, ODT, PDF
from tests.factories import docx_bytes

from .documents import AUTHOR, odt_with_identity, pdf_with_identity

NEEDLES = [
    "Aigerim Nurlanovna",
    "aigerim@ministry.example.kz",
    "Astana Civil Service Academy",
]


def test_docx_text_naming_the_author_is_found_whatever_the_case():
    data = docx_bytes(
        "Introduction\nAs AIGERIM  NURLANOVNA argued before, merit matters."
    )
    assert find_identity_leaks(data, DOCX, NEEDLES) == ["Aigerim Nurlanovna"]


def test_docx_comments_and_emails_are_searched_too():
    data = docx_bytes("Write to aigerim@ministry.example.kz for the data.")
    assert find_identity_leaks(data, DOCX, NEEDLES) == ["aigerim@ministry.example.kz"]


def test_a_clean_docx_has_no_hits():
    data = docx_bytes("Merit-based recruitment in the ministries of the region.")
    assert find_identity_leaks(data, DOCX, NEEDLES) == []


def test_a_name_inside_a_longer_word_is_not_a_hit():
    assert text_leaks("The Petrovsky reform", ["Petrov"]) == []
    assert text_leaks("As Petrov (2020) showed", ["Petrov"]) == ["Petrov"]


def test_cyrillic_names_are_matched_case_insensitively():
    assert text_leaks("Как показал ПЕТРОВ, реформа…", ["Петров"]) == ["Петров"]
    assert text_leaks("Петровский район", ["Петров"]) == []


def test_odt_text_is_searched():
    data = odt_with_identity(body=f"Acknowledgements: thanks to {AUTHOR}.")
    assert find_identity_leaks(data, ODT, NEEDLES) == ["Aigerim Nurlanovna"]
    assert (
        find_identity_leaks(odt_with_identity(), ODT, ["Astana Civil Service Academy"])
        == []
    )


def test_pdf_page_text_is_searched():
    data = pdf_with_identity("Astana Civil Service Academy, 2024")
    assert find_identity_leaks(data, PDF, NEEDLES) == ["Astana Civil Service Academy"]
    assert find_identity_leaks(pdf_with_identity("Merit"), PDF, NEEDLES) == []
