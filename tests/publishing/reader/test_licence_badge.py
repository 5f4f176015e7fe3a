"""The licence shows as a Creative Commons badge, a local icon beside the
licence's name linked to its deed, on the article page and the issue's table
of contents; no page loads anything from creativecommons.org."""

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from journal.models import Licence
from publishing.licences import licence_badge
from tests.factories import JournalFactory
from tests.publishing.factories import published_issue


@pytest.mark.parametrize(
    ("url", "name", "icon"),
    [
        ("https://creativecommons.org/licenses/by/4.0/", "CC BY 4.0", "by"),
        (
            "http://creativecommons.org/licenses/by-nc-nd/4.0/legalcode",
            "CC BY-NC-ND 4.0",
            "by-nc-nd",
        ),
        ("https://creativecommons.org/licenses/by-sa/3.0", "CC BY-SA 3.0", "by-sa"),
        ("https://creativecommons.org/publicdomain/zero/1.0/", "CC0 1.0", "zero"),
    ],
)
def test_creative_commons_urls_give_their_name_and_a_local_icon(url, name, icon):
    badge = licence_badge(url)
    assert (badge.name, badge.icon) == (name, f"img/cc/{icon}.svg")
    assert finders.find(badge.icon)


def test_other_licences_have_no_badge():
    assert licence_badge("https://example.org/licence") is None


@pytest.mark.django_db
def test_article_page_and_table_of_contents_show_the_badge(client):
    journal = JournalFactory(default_licence=Licence.CC_BY_NC_4)
    issue, articles = published_issue(journal, articles=1)
    for url in (
        reverse("publishing:article", args=[articles[0].pk]),
        reverse("publishing:issue", args=[journal.slug, issue.pk]),
    ):
        page = client.get(url).text
        assert '<a class="licence-badge' in page, url
        assert (
            'href="https://creativecommons.org/licenses/by-nc/4.0/" rel="license"'
            in page
        )
        assert "/static/img/cc/by-nc.svg" in page
        assert "CC BY-NC 4.0</span></a>" in page
        assert 'src="https://creativecommons.org' not in page
        assert 'src="https://licensebuttons' not in page
