from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from journal import views as journal_views

# The admin signs in through the site's own sign-in (allauth), so throttling
# and two-factor authentication apply there too; its own form is never shown.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    # The language switch also keeps the choice on a signed-in person's account.
    path("i18n/setlang/", journal_views.set_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", journal_views.favicon, name="favicon"),
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
    # Last: old OJS addresses must never shadow a page of this site.
    path("", include("ojs.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
