"""The site's account and journal URLs, with stand-ins for the pages the
dashboard links to, so its cards can be tested apart from those pages."""

from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path


def stand_in(request, *args, **kwargs):
    return HttpResponse("stand-in")


submissions = (
    [
        path("submissions/", stand_in, name="mine"),
        path("j/<slug:slug>/submit/", stand_in, name="start"),
        path("j/<slug:slug>/editorial/", stand_in, name="editor_dashboard"),
    ],
    "submissions",
)
reviews = ([path("reviews/", stand_in, name="queue")], "reviews")
publishing = (
    [
        path("j/<slug:slug>/", stand_in, name="journal_home"),
        path("j/<slug:slug>/production/", stand_in, name="production_dashboard"),
    ],
    "publishing",
)

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("journal.account_urls")),
    path("accounts/", include("allauth.urls")),
    path("", include(submissions)),
    path("", include(reviews)),
    path("", include(publishing)),
    path("", include("journal.urls")),
]
