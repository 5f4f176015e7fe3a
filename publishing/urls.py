from django.urls import path

from . import views

app_name = "publishing"

editorial = "j/<slug:slug>/editorial/"

urlpatterns = [
    # Readers
    path("j/<slug:slug>/", views.journal_home, name="journal_home"),
    path("j/<slug:slug>/about/", views.journal_about, name="about"),
    path(
        "j/<slug:slug>/policies/updates/",
        views.update_policy,
        name="update_policy",
    ),
    path("j/<slug:slug>/issues/", views.archive, name="archive"),
    path("j/<slug:slug>/issues/<int:issue_id>/", views.issue, name="issue"),
    path(
        "j/<slug:slug>/issues/<int:issue_id>/doaj.xml",
        views.issue_doaj,
        name="issue_doaj",
    ),
    path("article/<int:article_id>/", views.article, name="article"),
    path(
        "article/<int:article_id>/v/<int:number>/",
        views.article_version,
        name="article_version",
    ),
    path(
        "article/<int:article_id>/download/<int:galley_id>/",
        views.article_download,
        name="article_download",
    ),
    path(
        "article/<int:article_id>/download/<slug:kind>/",
        views.article_download_kind,
        name="article_download_kind",
    ),
    path(
        "article/<int:article_id>/cite/<slug:fmt>/",
        views.article_cite,
        name="article_cite",
    ),
    # Editors
    path(editorial + "issues/", views.issue_list_editor, name="editor_issues"),
    path(editorial + "issues/new/", views.issue_create, name="editor_issue_new"),
    path(
        editorial + "issues/<int:issue_id>/",
        views.issue_detail_editor,
        name="editor_issue",
    ),
    path(
        editorial + "issues/<int:issue_id>/edit/",
        views.issue_edit,
        name="editor_issue_edit",
    ),
    path(
        editorial + "issues/<int:issue_id>/assign/",
        views.issue_assign,
        name="editor_issue_assign",
    ),
    path(
        editorial + "issues/<int:issue_id>/articles/<int:article_id>/remove/",
        views.issue_remove,
        name="editor_issue_remove",
    ),
    path(
        editorial
        + "issues/<int:issue_id>/articles/<int:article_id>/move/<str:direction>/",
        views.issue_move,
        name="editor_issue_move",
    ),
    path(
        editorial + "issues/<int:issue_id>/articles/<int:article_id>/pages/",
        views.issue_pagination,
        name="editor_issue_pages",
    ),
    path(
        editorial + "issues/<int:issue_id>/schedule/",
        views.issue_schedule,
        name="editor_issue_schedule",
    ),
    path(
        editorial + "issues/<int:issue_id>/unschedule/",
        views.issue_unschedule,
        name="editor_issue_unschedule",
    ),
    path(
        editorial + "issues/<int:issue_id>/publish/",
        views.issue_publish_now,
        name="editor_issue_publish",
    ),
    path(
        editorial + "issues/<int:issue_id>/deposit/",
        views.issue_deposit,
        name="editor_issue_deposit",
    ),
    path(editorial + "volumes/new/", views.volume_create, name="editor_volume_new"),
    path(
        editorial + "volumes/<int:volume_id>/edit/",
        views.volume_edit,
        name="editor_volume_edit",
    ),
    path(
        editorial + "articles/<int:article_id>/",
        views.article_manage,
        name="editor_article",
    ),
    path(
        editorial + "articles/<int:article_id>/publish/",
        views.article_publish_now,
        name="editor_article_publish",
    ),
    path(
        editorial + "articles/<int:article_id>/new-version/",
        views.article_new_version,
        name="editor_article_version",
    ),
    path(
        editorial + "articles/<int:article_id>/retract/",
        views.article_retract,
        name="editor_article_retract",
    ),
    path(
        editorial + "publishing-settings/",
        views.publishing_settings_edit,
        name="editor_publishing_settings",
    ),
]
