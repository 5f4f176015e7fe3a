"""Editors' tools (anonymity check, reviewer finder, queues) and the digest
choice. The URL namespace stays `reviews_extra`: pages and tests reverse it."""

from django.urls import path

from .views import editor_tools as views

app_name = "reviews_extra"

urlpatterns = [
    path(
        "editorial/submissions/<int:pk>/anonymity/",
        views.anonymity_check,
        name="anonymity_check",
    ),
    path(
        "editorial/submissions/<int:pk>/anonymity/clear/",
        views.anonymity_clear,
        name="anonymity_clear",
    ),
    path(
        "editorial/submissions/<int:pk>/anonymity/upload/",
        views.reviewer_file_add,
        name="reviewer_file_add",
    ),
    path(
        "editorial/submissions/<int:pk>/anonymity/share/",
        views.reviewer_file_share_view,
        name="reviewer_file_share",
    ),
    path(
        "editorial/submissions/<int:pk>/reviewer-finder/",
        views.finder,
        name="finder",
    ),
    path(
        "editorial/journals/<slug:journal_slug>/decision-queue/",
        views.decision_queue,
        name="decision_queue",
    ),
    path(
        "editorial/journals/<slug:journal_slug>/queues/",
        views.editor_queues,
        name="editor_queues",
    ),
    path("account/notifications/", views.notifications, name="notifications"),
]
