from django.urls import path

from . import views

app_name = "publishing"

urlpatterns = [
    path("j/<slug:slug>/", views.journal_home, name="journal_home"),
]
