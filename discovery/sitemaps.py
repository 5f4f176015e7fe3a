"""sitemap.xml (an index of per-kind sitemaps) and robots.txt."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from journal.models import Journal
from publishing.models import Article, Issue, IssueState
from publishing.selectors import PUBLIC_STATUSES


class HomeSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        # With a single journal the platform home only redirects to it.
        if Journal.objects.filter(is_active=True).count() > 1:
            return ["journal:home"]
        return []

    def location(self, item):
        return reverse(item)


class JournalSitemap(Sitemap):
    """Each active journal's home, about and archive pages."""

    changefreq = "weekly"
    pages = ("publishing:journal_home", "publishing:about", "publishing:archive")

    def items(self):
        slugs = Journal.objects.filter(is_active=True).order_by("pk")
        return [
            (slug, page)
            for slug in slugs.values_list("slug", flat=True)
            for page in self.pages
        ]

    def location(self, item):
        slug, page = item
        return reverse(page, args=[slug])

    def priority(self, item):
        return 0.8 if item[1] == "publishing:journal_home" else 0.5


class IssueSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return (
            Issue.objects.filter(state=IssueState.PUBLISHED, journal__is_active=True)
            .select_related("journal")
            .only("pk", "updated_at", "journal__slug")
            .order_by("pk")
        )

    def location(self, item):
        return reverse("publishing:issue", args=[item.journal.slug, item.pk])

    def lastmod(self, item):
        return item.updated_at


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7
    limit = 10_000

    def items(self):
        return (
            Article.objects.filter(status__in=PUBLIC_STATUSES, journal__is_active=True)
            .only("pk", "datestamp")
            .order_by("pk")
        )

    def location(self, item):
        return reverse("publishing:article", args=[item.pk])

    def lastmod(self, item):
        return item.datestamp


SITEMAPS = {
    "home": HomeSitemap,
    "journals": JournalSitemap,
    "issues": IssueSitemap,
    "articles": ArticleSitemap,
}


def _non_empty_sitemaps() -> dict:
    """The sitemaps with at least one page: the sitemaps.org schema has no
    empty urlset or sitemapindex, and search engines reject them."""
    return {name: cls for name, cls in SITEMAPS.items() if cls().paginator.count}


@require_safe
def sitemap_index(request):
    sitemaps = _non_empty_sitemaps()
    if not sitemaps:
        raise Http404("No public pages yet.")
    return sitemap_views.index(
        request, sitemaps=sitemaps, sitemap_url_name="discovery:sitemap_section"
    )


@require_safe
def sitemap_section(request, section):
    """One section's sitemap; an empty one is not found (nor listed)."""
    return sitemap_views.sitemap(
        request, sitemaps=_non_empty_sitemaps(), section=section
    )


# Areas behind a sign-in, and result pages that are endless for a crawler.
ROBOTS_DISALLOW = (
    "/accounts/",
    "/account/",
    "/admin/",
    "/dashboard/",
    "/profile/",
    "/submissions/",
    "/reviews/",
    "/editorial/",
    "/production/",
    "/i18n/",
    "/search/",
    "/j/*/editorial/",
    "/j/*/production/",
    "/j/*/submit/",
    "/j/*/search/",
)


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in ROBOTS_DISALLOW]
    lines += [
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('discovery:sitemap'))}",
    ]
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )
