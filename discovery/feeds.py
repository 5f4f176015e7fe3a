"""RSS 2.0 and Atom feeds of a journal's latest articles, whole or per section."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from publishing import selectors
from publishing.models import ArticleStatus
from publishing.views.common import journal_or_404

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    """Newest first; `section_id` in the URL narrows it to one section."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, slug, section_id=None):
        journal = journal_or_404(slug)
        section = None
        if section_id is not None:
            section = journal.sections.filter(pk=section_id).first()
            if section is None:
                raise Http404
        return journal, section

    def title(self, obj):
        journal, section = obj
        return f"{journal.title}: {section.title}" if section else journal.title

    def link(self, obj):
        return reverse("publishing:journal_home", args=[obj[0].slug])

    def description(self, obj):
        journal, section = obj
        if section:
            return _("Latest articles in %(section)s of %(journal)s") % {
                "section": section.title,
                "journal": journal.title,
            }
        return _("Latest articles of %(journal)s") % {"journal": journal.title}

    def feed_copyright(self, obj):
        return obj[0].get_default_licence_display()

    def items(self, obj):
        journal, section = obj
        qs = selectors.articles_public(journal).filter(published_at__isnull=False)
        if section is not None:
            qs = qs.filter(section=section)
        return list(
            selectors.articles_for_listing(qs.order_by("-published_at", "-pk"))[
                :FEED_SIZE
            ]
        )

    def item_title(self, item):
        title = item.submission.display_title
        if item.status == ArticleStatus.RETRACTED:
            return _("Retracted: %(title)s") % {"title": title}
        return title

    def item_description(self, item):
        submission = item.submission
        return submission.abstract_in(submission.language) or next(
            (a for a in submission.abstract.values() if a), ""
        )

    def item_link(self, item):
        return reverse("publishing:article", args=[item.pk])

    def item_guid(self, item):
        return f"https://doi.org/{item.doi}" if item.doi else None

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.datestamp

    def item_author_name(self, item):
        return ", ".join(a.full_name for a in item.submission.authors.all()) or None

    def item_categories(self, item):
        return item.submission.keywords_in(item.submission.language)


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
