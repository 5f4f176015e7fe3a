"""Usage statistics, journal statistics, editorial reports and COUNTER SUSHI."""

from django.urls import path, re_path

from metrics import views

app_name = "stats"

editorial = "j/<slug:slug>/editorial/"

urlpatterns = [
    path("j/<slug:slug>/statistics/", views.journal_public_statistics, name="journal"),
    path(editorial + "statistics/", views.usage_statistics, name="usage"),
    path(
        editorial + "statistics/export/<slug:by>.csv",
        views.usage_export,
        name="usage_export",
    ),
    path(editorial + "reports/", views.editorial_reports, name="reports"),
    path(
        editorial + "reports/export/<slug:report>.csv",
        views.editorial_report_export,
        name="report_export",
    ),
    # COUNTER R5 SUSHI paths have no trailing slash; accept one anyway.
    re_path(r"^sushi/r5/status/?$", views.sushi_status, name="sushi_status"),
    re_path(r"^sushi/r5/reports/?$", views.sushi_reports, name="sushi_reports"),
    re_path(
        r"^sushi/r5/reports/(?P<report>[A-Za-z]{2,3})/?$",
        views.sushi_report,
        name="sushi_report",
    ),
]
