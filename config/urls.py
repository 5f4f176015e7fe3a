from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("journal.account_urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("indexing.oai.urls")),
    path("", include("production.urls")),
    path("", include("discovery.urls")),
    path("", include("publishing.urls")),
    path("", include("metrics.urls")),
    path("", include("reviews.urls")),
    path("", include("reviews.editor_tools_urls")),
    path("", include("submissions.urls")),
    path("", include("journal.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
