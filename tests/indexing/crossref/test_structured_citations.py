"""Crossref gets each reference in parts (DOI, journal, first author, volume,
first page, year) beside the text as written, and ROR ids of affiliations."""

import pytest

from indexing.doi import crossref
from indexing.doi.services import crossref_deposit_create
from production.models import ReferenceCorrection
from tests.factories import editor_of

pytestmark = pytest.mark.django_db

CR = {"cr": crossref.CR}
KNOX = (
    "Knox, C., & Janenova, S. (2018). Public councils in Kazakhstan. Central Asian "
    "Survey, 37(2), 305–321. https://doi.org/10.1080/02634937.2017.1410467"
)


def test_deposit_carries_structured_citations_corrections_and_ror_ids(issue):
    article = issue.articles.order_by("order").first()
    submission = article.submission
    submission.references = KNOX + "\nSmith, J. (2020). Merit. Public Admin Review."
    submission.save(update_fields=["references"])
    author = submission.authors.first()
    author.ror = "https://ror.org/052bx8q98"
    author.save(update_fields=["ror"])
    # Corrected in production, before publication.
    ReferenceCorrection.objects.create(
        article=article,
        position=2,
        text="Smith, J. (2020). Merit. Public Admin Review.",
        fields={
            "publication_type": "journal", "authors": ["Smith, J."], "year": "2020",
            "title": "Merit", "source": "Public Administration Review",
            "volume": "80", "first_page": "11", "doi": "10.1111/puar.13000",
        },
    )  # fmt: skip

    deposit = crossref_deposit_create(actor=editor_of(issue.journal), issue=issue)
    root = crossref.etree.fromstring(deposit.xml.encode())

    assert crossref.batch_validate(root) == []
    first = root.find("cr:body/cr:journal/cr:journal_article", CR)
    knox, smith = first.findall("cr:citation_list/cr:citation", CR)
    parts = {etree_local(el): el.text for el in knox}
    assert parts == {
        "doi": "10.1080/02634937.2017.1410467",
        "author": "Knox",
        "cYear": "2018",
        "volume": "37",
        "issue": "2",
        "first_page": "305",
        "journal_title": "Central Asian Survey",
        "article_title": "Public councils in Kazakhstan",
        "unstructured_citation": KNOX,
    }
    assert smith.findtext("cr:doi", namespaces=CR) == "10.1111/puar.13000"
    assert smith.findtext("cr:journal_title", namespaces=CR) == (
        "Public Administration Review"
    )
    institution = first.find(
        "cr:contributors/cr:person_name/cr:affiliations/cr:institution", CR
    )
    assert institution.findtext("cr:institution_id", namespaces=CR) == (
        "https://ror.org/052bx8q98"
    )
    assert institution.find("cr:institution_id", CR).get("type") == "ror"


def etree_local(el) -> str:
    return crossref.etree.QName(el).localname
