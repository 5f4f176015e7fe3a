from django.urls import path

from . import board_views, views

app_name = "journal"

editorial = "j/<slug:slug>/editorial/"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("profile/", views.profile, name="profile"),
    path("j/<slug:slug>/board/", board_views.board, name="board"),
    path(editorial + "journal/", board_views.journal_settings, name="settings"),
    path(editorial + "board/", board_views.board_manage, name="board_manage"),
    path(
        editorial + "board/<int:pk>/",
        board_views.board_member_edit,
        name="board_member_edit",
    ),
    path(
        editorial + "board/<int:pk>/remove/",
        board_views.board_member_delete,
        name="board_member_remove",
    ),
    path(
        editorial + "board/<int:pk>/move/<str:direction>/",
        board_views.board_member_reorder,
        name="board_member_move",
    ),
]
