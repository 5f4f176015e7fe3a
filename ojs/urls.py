"""Old OJS addresses (with and without index.php) and the import pages."""

from django.urls import path, re_path

from . import redirects, views

app_name = "ojs"

OLD = r"^(?:index\.php/)?(?P<journal_path>[\w.-]+)/"

urlpatterns = [
    path(
        "j/<slug:slug>/editorial/settings/ojs-import/",
        views.import_start,
        name="import_start",
    ),
    path(
        "j/<slug:slug>/editorial/settings/ojs-import/<int:import_id>/",
        views.import_detail,
        name="import_detail",
    ),
    path(
        "j/<slug:slug>/editorial/settings/ojs-import/<int:import_id>/confirm/",
        views.import_confirm,
        name="import_confirm",
    ),
    re_path(
        OLD + r"article/view/(?P<article_ref>[\w.-]+)/?$",
        redirects.article_view,
        name="old_article",
    ),
    re_path(
        OLD + r"article/view/(?P<article_ref>[\w.-]+)/(?P<galley_ref>[\w.-]+)/?$",
        redirects.article_view,
        name="old_article_galley",
    ),
    re_path(
        OLD + r"article/download/(?P<article_ref>[\w.-]+)/(?P<galley_ref>[\w.-]+)"
        r"(?:/(?P<file_ref>[\w.-]+))?/?$",
        redirects.article_download,
        name="old_download",
    ),
    re_path(
        OLD + r"issue/view/(?P<issue_ref>[\w.-]+)(?:/(?P<rest>[\w.-]+))?/?$",
        redirects.issue_view,
        name="old_issue",
    ),
    re_path(
        OLD + r"issue/archive(?:/(?P<page>\d+))?/?$",
        redirects.issue_archive,
        name="old_archive",
    ),
    re_path(OLD + r"oai/?$", redirects.oai, name="old_oai"),
    re_path(
        r"^index\.php/(?P<journal_path>[\w.-]+)/?$",
        redirects.journal_home,
        name="old_home",
    ),
]
