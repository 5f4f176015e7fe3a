from django.urls import path

from . import settings_views, views

app_name = "journal"

editorial = "j/<slug:slug>/editorial/"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("profile/", views.profile, name="profile"),
    path("j/<slug:slug>/board/", settings_views.board, name="board"),
    path(editorial + "journal/", settings_views.journal_settings, name="settings"),
    path(editorial + "journal/calls/", settings_views.calls_manage, name="calls"),
    path(editorial + "journal/calls/new/", settings_views.call_edit, name="call_new"),
    path(
        editorial + "journal/calls/<int:pk>/",
        settings_views.call_edit,
        name="call_edit",
    ),
    path(
        editorial + "journal/sections/", settings_views.sections_manage, name="sections"
    ),
    path(
        editorial + "journal/sections/<int:pk>/",
        settings_views.section_edit,
        name="section_edit",
    ),
    path(editorial + "board/", settings_views.board_manage, name="board_manage"),
    path(
        editorial + "board/<int:pk>/",
        settings_views.board_member_edit,
        name="board_member_edit",
    ),
    path(
        editorial + "board/<int:pk>/remove/",
        settings_views.board_member_delete,
        name="board_member_remove",
    ),
    path(
        editorial + "board/<int:pk>/move/<str:direction>/",
        settings_views.board_member_reorder,
        name="board_member_move",
    ),
    path(
        "j/<slug:slug>/editorial/settings/security/",
        views.journal_security,
        name="security",
    ),
]
