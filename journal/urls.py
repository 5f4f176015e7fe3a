from django.urls import path

from . import views

app_name = "journal"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("profile/", views.profile, name="profile"),
    path(
        "j/<slug:slug>/editorial/settings/security/",
        views.journal_security,
        name="security",
    ),
]
