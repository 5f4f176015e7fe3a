"""Ways in for readers and machines: search, feeds, sitemaps, robots.txt."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from .feeds import LatestArticlesAtomFeed, LatestArticlesFeed
from .search import views as search_views
from .sitemaps import SITEMAPS, robots_txt

app_name = "discovery"

urlpatterns = [
    path("search/", search_views.search, name="search"),
    path("j/<slug:slug>/search/", search_views.search, name="journal_search"),
    path("j/<slug:slug>/feed/rss/", LatestArticlesFeed(), name="feed_rss"),
    path("j/<slug:slug>/feed/atom/", LatestArticlesAtomFeed(), name="feed_atom"),
    path(
        "j/<slug:slug>/sections/<int:section_id>/feed/rss/",
        LatestArticlesFeed(),
        name="section_feed_rss",
    ),
    path(
        "j/<slug:slug>/sections/<int:section_id>/feed/atom/",
        LatestArticlesAtomFeed(),
        name="section_feed_atom",
    ),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "discovery:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", robots_txt, name="robots"),
]
