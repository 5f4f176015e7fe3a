import pytest
from django.urls import reverse

from journal.errors import DomainError
from publishing.issues import services
from publishing.models import ArticleStatus
from tests.factories import editor_of
from tests.publishing.factories import GalleyFactory, PublishedArticleFactory

pytestmark = pytest.mark.django_db


def test_a_new_version_keeps_the_old_one_reachable_with_its_files(client):
    article = PublishedArticleFactory()
    editor = editor_of(article.journal)
    old_pdf = GalleyFactory(article=article, file__data=b"%PDF old")
    stamp = article.datestamp

    services.article_new_version(
        article=article, actor=editor, reason="Table 2 had a wrong total."
    )
    # Production replaces the PDF of the new version.
    old_pdf.is_current = False
    old_pdf.save()
    new_pdf = GalleyFactory(article=article, version=2, file__data=b"%PDF new")
    article.refresh_from_db()
    assert article.version == 2
    assert article.datestamp > stamp

    page = client.get(reverse("publishing:article", args=[article.pk])).content.decode()
    assert "Table 2 had a wrong total." in page
    assert reverse("publishing:article_version", args=[article.pk, 1]) in page
    assert reverse("publishing:article_download", args=[article.pk, new_pdf.pk]) in page

    old = client.get(reverse("publishing:article_version", args=[article.pk, 1]))
    assert old.status_code == 200
    html = old.content.decode()
    assert "superseded" in html
    assert "Table 2 had a wrong total." in html
    old_url = reverse("publishing:article_download", args=[article.pk, old_pdf.pk])
    assert old_url in html
    assert b"".join(client.get(old_url).streaming_content) == b"%PDF old"


def test_a_new_version_needs_a_reason():
    article = PublishedArticleFactory()
    with pytest.raises(DomainError):
        services.article_new_version(
            article=article, actor=editor_of(article.journal), reason="  "
        )
    article.refresh_from_db()
    assert article.version == 1


def test_an_unknown_version_is_not_found(client):
    article = PublishedArticleFactory()
    url = reverse("publishing:article_version", args=[article.pk, 7])
    assert client.get(url).status_code == 404


def test_a_retracted_article_stays_with_a_prominent_notice(client):
    article = PublishedArticleFactory()
    editor = editor_of(article.journal)
    stamp = article.datestamp
    services.article_retract(
        article=article, actor=editor, notice="The data were fabricated."
    )
    article.refresh_from_db()
    assert article.status == ArticleStatus.RETRACTED
    assert article.datestamp > stamp
    response = client.get(reverse("publishing:article", args=[article.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "This article has been retracted" in html
    assert html.index("The data were fabricated.") < html.index("<h1")


def test_editor_retracts_through_the_page(client):
    article = PublishedArticleFactory()
    client.force_login(editor_of(article.journal))
    url = reverse(
        "publishing:editor_article_retract", args=[article.journal.slug, article.pk]
    )
    client.post(url, {"notice": "Duplicate publication."})
    article.refresh_from_db()
    assert article.retraction_notice == "Duplicate publication."


def test_retraction_without_a_notice_is_refused(client):
    article = PublishedArticleFactory()
    client.force_login(editor_of(article.journal))
    url = reverse(
        "publishing:editor_article_retract", args=[article.journal.slug, article.pk]
    )
    response = client.post(url, {"notice": ""}, follow=True)
    assert "Write the retraction notice." in response.content.decode()
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
