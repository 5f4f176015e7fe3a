"""RSS and Atom feeds of a journal's and a section's latest articles."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from publishing.models import ArticleStatus
from tests.factories import JournalFactory, SectionFactory
from tests.publishing.factories import PublishedArticleFactory, with_authors

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def parse(response):
    assert response.status_code == 200
    return etree.fromstring(response.content, PARSER)


def article(journal, title, *, section=None, days_ago=0, **kwargs):
    extra = {"submission__section": section} if section else {}
    return PublishedArticleFactory(
        submission__journal=journal,
        submission__title={"en": title},
        submission__abstract={"en": f"Abstract of {title} & more."},
        published_at=timezone.now() - timedelta(days=days_ago),
        **extra,
        **kwargs,
    )


def test_rss_feed_lists_latest_published_articles_newest_first(client):
    journal = JournalFactory(title="Civil Service Reform")
    old = article(journal, "Older study", days_ago=5)
    new = article(journal, "Newer study", days_ago=1)
    with_authors(new, 2)
    article(journal, "Unpublished", status=ArticleStatus.IN_PRODUCTION)
    article(JournalFactory(), "Another journal's article")

    root = parse(client.get(reverse("discovery:feed_rss", args=[journal.slug])))

    assert root.tag == "rss"
    channel = root.find("channel")
    assert channel.findtext("title") == "Civil Service Reform"
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["Newer study", "Older study"]
    first = items[0]
    assert first.findtext("link") == (
        "http://testserver" + reverse("publishing:article", args=[new.pk])
    )
    assert first.findtext("description") == "Abstract of Newer study & more."
    assert first.findtext("guid") == f"https://doi.org/{new.doi}"
    assert [c.text for c in first.findall("category")] == ["meritocracy", "recruitment"]
    assert old.doi in items[1].findtext("guid")


def test_atom_feed_is_valid_atom_with_authors_and_dates(client):
    journal = JournalFactory()
    item = article(journal, "Atom study")
    authors = with_authors(item, 2)

    root = parse(client.get(reverse("discovery:feed_atom", args=[journal.slug])))

    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    entry = entries[0]
    assert entry.findtext(f"{ATOM}title") == "Atom study"
    assert entry.findtext(f"{ATOM}published")
    assert entry.findtext(f"{ATOM}updated")
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == ", ".join(
        a.full_name for a in authors
    )
    link = entry.find(f"{ATOM}link")
    assert link.get("href").endswith(reverse("publishing:article", args=[item.pk]))


def test_section_feeds_list_only_that_sections_articles(client):
    journal = JournalFactory()
    notes = SectionFactory(journal=journal, title="Practice notes")
    research = SectionFactory(journal=journal, title="Research")
    article(journal, "A practice note", section=notes)
    article(journal, "A research article", section=research)

    for name in ("section_feed_rss", "section_feed_atom"):
        url = reverse(f"discovery:{name}", args=[journal.slug, notes.pk])
        root = parse(client.get(url))
        titles = [t.text for t in root.iter("title", f"{ATOM}title")]
        assert "A practice note" in titles
        assert "A research article" not in titles


def test_feed_of_a_section_of_another_journal_is_not_found(client):
    journal = JournalFactory()
    foreign = SectionFactory(journal=JournalFactory())
    url = reverse("discovery:section_feed_rss", args=[journal.slug, foreign.pk])
    assert client.get(url).status_code == 404


def test_feed_of_an_inactive_journal_is_not_found(client):
    journal = JournalFactory(is_active=False)
    assert (
        client.get(reverse("discovery:feed_rss", args=[journal.slug])).status_code
        == 404
    )


def test_retracted_articles_are_labelled_in_feeds(client):
    journal = JournalFactory()
    article(journal, "Flawed study", status=ArticleStatus.RETRACTED)
    root = parse(client.get(reverse("discovery:feed_rss", args=[journal.slug])))
    assert root.findtext("channel/item/title") == "Retracted: Flawed study"


def test_feed_markup_in_titles_is_escaped_text(client):
    journal = JournalFactory()
    article(journal, "<script>alert(1)</script> Budgets")
    root = parse(client.get(reverse("discovery:feed_rss", args=[journal.slug])))
    assert root.findtext("channel/item/title") == "<script>alert(1)</script> Budgets"
    assert root.find("channel/item/title/script") is None


@pytest.mark.parametrize("count", [2, 12])
def test_feed_queries_do_not_grow_with_articles(
    client, django_assert_max_num_queries, count
):
    journal = JournalFactory()
    for i in range(count):
        with_authors(article(journal, f"Study {i}"), 2)
    with django_assert_max_num_queries(5):
        root = parse(client.get(reverse("discovery:feed_atom", args=[journal.slug])))
    assert len(root.findall(f"{ATOM}entry")) == count
