from django.urls import path

from . import views

app_name = "submissions"

draft = "submissions/<int:pk>/edit/"
office = "editorial/submissions/<int:pk>/"

urlpatterns = [
    path("j/<slug:slug>/submit/", views.start, name="start"),
    path("j/<slug:slug>/editorial/", views.dashboard, name="editor_dashboard"),
    path("submissions/", views.my_submissions, name="mine"),
    path("submissions/<int:pk>/", views.detail, name="detail"),
    path("submissions/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path(
        "submissions/<int:pk>/files/<int:file_pk>/download/",
        views.file_download,
        name="file_download",
    ),
    path(f"{draft}authors/add-me/", views.author_add_me, name="author_add_me"),
    path(
        f"{draft}authors/<int:contributor_pk>/", views.author_edit, name="author_edit"
    ),
    path(
        f"{draft}authors/<int:contributor_pk>/delete/",
        views.author_delete,
        name="author_delete",
    ),
    path(
        f"{draft}authors/<int:contributor_pk>/move/<direction>/",
        views.author_move,
        name="author_move",
    ),
    path(f"{draft}files/upload/", views.file_upload, name="file_upload"),
    path(f"{draft}files/<int:file_pk>/delete/", views.file_delete, name="file_delete"),
    path(
        f"{draft}reviewers/<int:preference_pk>/delete/",
        views.reviewer_delete,
        name="reviewer_delete",
    ),
    path(f"{draft}submit/", views.submit, name="submit"),
    path(f"{draft}<slug:step>/", views.step, name="step"),
    path(office, views.editor_detail, name="editor_detail"),
    path(f"{office}desk-reject/", views.desk_reject, name="desk_reject"),
    path(f"{office}withdraw/", views.editor_withdraw, name="editor_withdraw"),
    path(f"{office}assign-editor/", views.assign_editor, name="assign_editor"),
]
