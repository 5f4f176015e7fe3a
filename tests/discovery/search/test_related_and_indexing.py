"""Related articles on the article page, and how articles enter the index."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from discovery.models import RelatedArticle, SearchDocument
from discovery.search.services import related_compute, search_refresh_article
from discovery.search.tasks import search_reindex_task
from publishing.models import ArticleStatus
from tests.factories import JournalFactory
from tests.publishing.factories import PublishedArticleFactory, html_galley

from .builders import indexed_article

pytestmark = pytest.mark.django_db


def test_article_page_lists_articles_sharing_keywords_and_words(client):
    journal = JournalFactory()
    article = indexed_article(
        journal=journal,
        title={"en": "Merit recruitment in ministries"},
        keywords={"en": ["meritocracy", "recruitment"]},
    )
    close = indexed_article(
        journal=journal,
        title={"en": "Meritocracy and recruitment examinations"},
        keywords={"en": ["meritocracy", "recruitment", "examinations"]},
    )
    loose = indexed_article(
        journal=journal,
        title={"en": "Recruitment portals"},
        keywords={"en": ["e-government"]},
    )
    indexed_article(
        journal=journal,
        title={"en": "Budget transparency"},
        keywords={"en": ["budgets"]},
    )
    related_compute(article_id=article.pk)

    response = client.get(reverse("publishing:article", args=[article.pk]))

    links = response.context["related_links"]
    assert [link.related for link in links] == [close, loose]
    html = response.content.decode()
    assert "Related articles" in html
    assert reverse("publishing:article", args=[close.pk]) in html


def test_related_list_is_read_in_one_query(django_assert_num_queries):
    from discovery.search.selectors import related_articles

    article = indexed_article(
        title={"en": "Civil servant ethics"}, keywords={"en": ["ethics"]}
    )
    for i in range(4):
        indexed_article(title={"en": f"Ethics codes {i}"}, keywords={"en": ["ethics"]})
    related_compute(article_id=article.pk)
    with django_assert_num_queries(1):
        links = related_articles(article)
        titles = [link.related.submission.display_title for link in links]
    assert len(titles) == 4


def test_article_without_related_articles_shows_no_section(client):
    article = indexed_article(title={"en": "Entirely unique topic"}, related=True)
    response = client.get(reverse("publishing:article", args=[article.pk]))
    assert "Related articles" not in response.content.decode()


def test_related_articles_never_include_unpublished_ones(client):
    article = indexed_article(
        title={"en": "Performance appraisal"}, keywords={"en": ["appraisal"]}
    )
    other = indexed_article(
        title={"en": "Appraisal interviews"}, keywords={"en": ["appraisal"]}
    )
    related_compute(article_id=article.pk)
    other.status = ArticleStatus.WITHDRAWN
    other.save(update_fields=["status"])
    response = client.get(reverse("publishing:article", args=[article.pk]))
    assert response.context["related_links"] == []


def test_refreshing_a_new_article_adds_it_to_its_neighbours_lists():
    older = indexed_article(
        title={"en": "Digital public services"}, keywords={"en": ["digitalisation"]}
    )
    related_compute(article_id=older.pk)
    assert not RelatedArticle.objects.filter(article=older).exists()
    newer = indexed_article(
        title={"en": "Digitalisation of public services"},
        keywords={"en": ["digitalisation"]},
    )
    search_refresh_article(article=newer)
    assert list(
        RelatedArticle.objects.filter(article=older).values_list("related", flat=True)
    ) == [newer.pk]


def test_publishing_an_article_indexes_it_after_commit(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = PublishedArticleFactory(
            submission__title={"en": "Anticorruption commissions"}
        )
        html_galley(article, html="<p>Asset declarations were studied.</p>")
    document = SearchDocument.objects.get(pk=article.pk)
    assert "Asset declarations" in document.body
    response = client.get(reverse("discovery:search"), {"q": "declarations"})
    assert [h.article for h in response.context["results"].hits] == [article]


def test_reindex_command_rebuilds_the_index_and_drops_stale_documents(client):
    kept = PublishedArticleFactory(submission__title={"en": "Rotation of officials"})
    html_galley(kept, html="<p>Senior posts change every <b>four</b> years.</p>")
    gone = indexed_article(title={"en": "Rotation withdrawn"})
    gone.status = ArticleStatus.WITHDRAWN
    gone.save(update_fields=["status"])
    assert not SearchDocument.objects.filter(pk=kept.pk).exists()

    out = io.StringIO()
    call_command("search_reindex", stdout=out)
    assert "Indexed 1 articles" in out.getvalue()

    assert list(SearchDocument.objects.values_list("pk", flat=True)) == [kept.pk]
    for words in (
        "rotation",
        "senior posts",
        kept.submission.authors.get().family_name,
    ):
        response = client.get(reverse("discovery:search"), {"q": words})
        assert [h.article for h in response.context["results"].hits] == [kept]


def test_reindex_task_returns_the_number_indexed():
    PublishedArticleFactory.create_batch(2)
    PublishedArticleFactory(status=ArticleStatus.IN_PRODUCTION, published_at=None)
    assert search_reindex_task.delay().get() == 2


def test_recomputed_related_list_shows_at_once_despite_the_cache(client):
    article = indexed_article(
        title={"en": "Job evaluation"}, keywords={"en": ["grading"]}
    )
    url = reverse("publishing:article", args=[article.pk])
    assert client.get(url).context["related_links"] == []
    other = indexed_article(
        title={"en": "Grading systems"}, keywords={"en": ["grading"]}
    )
    related_compute(article_id=article.pk)
    assert [link.related for link in client.get(url).context["related_links"]] == [
        other
    ]
