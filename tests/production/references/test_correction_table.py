"""The production editor reads each reference's parts in a table and corrects
them; a correction wins over the parser in JATS and is kept with who made it."""

import pytest
from django.urls import reverse
from lxml import etree

from production.jats import build_article_jats
from production.models import ReferenceCorrection
from production.references import article_references
from submissions.models import State
from tests.production.factories import ArticleFactory

pytestmark = pytest.mark.django_db

REFERENCES = "\n".join(
    [
        "Weber, M. (1922). Economy and Society. Tübingen: Mohr.",
        "Knox, C. (2018). Councils. Central Asian Survey, 37(2), 305–321.",
        "OECD. (2019). Public Service Leadership. Paris: OECD.",
    ]
)


@pytest.fixture
def article(db):
    return ArticleFactory(submission__references=REFERENCES)


def _post(client, article, position, **values):
    data = {
        "publication_type": "journal", "authors": "Knox, C.\nJanenova, S.",
        "year": "2018", "title": "Councils", "source": "Central Asian Survey",
        "volume": "37", "issue": "2", "first_page": "305", "last_page": "321",
        "doi": "https://doi.org/10.1080/02634937.2017.1410467",
    } | values  # fmt: skip
    return client.post(
        reverse("production:reference_save", args=[article.submission_id, position]),
        {f"r{position}-{k}": v for k, v in data.items()},
    )


def test_production_editor_corrects_a_reference_and_jats_follows(
    client, article, django_assert_max_num_queries
):
    client.force_login(article.production_editor)
    url = reverse("production:references", args=[article.submission_id])
    with django_assert_max_num_queries(12):
        page = client.get(url)
    assert page.status_code == 200
    assert "Central Asian Survey" in page.content.decode()
    assert page.content.decode().count("No DOI found.") == 3

    response = _post(client, article, 2)

    assert response.status_code == 302
    correction = ReferenceCorrection.objects.get(article=article)
    assert correction.corrected_by == article.production_editor
    page = client.get(url).content.decode()
    assert "Corrected by" in page and "DOI 10.1080/02634937.2017.1410467" in page
    root = etree.fromstring(build_article_jats(article))
    cite = root.find("back/ref-list/ref[@id='ref-2']//element-citation")
    assert cite.findtext("pub-id") == "10.1080/02634937.2017.1410467"
    assert [n.text for n in cite.iter("surname")] == ["Knox", "Janenova"]
    # The text as written stays beside the parts.
    assert (
        root.find("back/ref-list/ref[@id='ref-2']//mixed-citation").text
        == (REFERENCES.splitlines()[1])
    )


def test_a_wrong_doi_is_refused_with_a_reason_and_nothing_saved(client, article):
    client.force_login(article.production_editor)

    response = _post(client, article, 2, doi="not a doi")

    assert response.status_code == 400
    assert "is not a DOI" in response.content.decode()
    assert not ReferenceCorrection.objects.exists()


def test_an_edited_reference_is_parsed_afresh(article):
    ReferenceCorrection.objects.create(
        article=article, position=1, text="Something else", fields={"doi": "10.1/x"}
    )
    assert article_references(article)[0].doi == ""


def test_the_author_cannot_open_or_correct_the_references(client, article):
    client.force_login(article.submission.submitter)
    url = reverse("production:references", args=[article.submission_id])

    assert client.get(url).status_code == 404
    assert _post(client, article, 1).status_code == 404
    assert not ReferenceCorrection.objects.exists()


def test_references_are_not_corrected_after_production(client, article):
    type(article.submission).objects.filter(pk=article.submission_id).update(
        state=State.PUBLISHED
    )
    client.force_login(article.production_editor)

    page = client.get(reverse("production:references", args=[article.submission_id]))
    response = _post(client, article, 1)

    assert "Save reference" not in page.content.decode()
    assert response.status_code == 400
    assert not ReferenceCorrection.objects.exists()
