"""Statistics pages: the editors' usage page, the public journal statistics,
the managers' editorial reports, their CSV exports, and the SUSHI API."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from journal.selectors import journal_for
from publishing.views.common import journal_or_404

from . import editorial, sushi
from .charts import bar_chart, share_bars
from .csv import csv_response
from .journal import journal_statistics
from .queries import (
    REQUEST_KINDS as KINDS,
)
from .queries import (
    MonthRange,
    add_months,
    parse_month,
    usage_by_article,
    usage_by_issue,
    usage_by_month,
    usage_total,
)

MAX_MONTHS = 60


def _period(request) -> MonthRange:
    default = sushi.default_period()
    start = (
        parse_month(request.GET.get("from", "")) if request.GET.get("from") else None
    )
    end = parse_month(request.GET.get("to", "")) if request.GET.get("to") else None
    if (request.GET.get("from") and start is None) or (
        request.GET.get("to") and end is None
    ):
        messages.error(request, _("Give months as YYYY-MM."))
    start, end = start or default.start, end or default.end
    if start > end:
        messages.error(request, _("The first month comes after the last one."))
        return default
    if start < add_months(end, -(MAX_MONTHS - 1)):
        messages.error(request, _("Choose at most %(n)s months.") % {"n": MAX_MONTHS})
        start = add_months(end, -(MAX_MONTHS - 1))
    return MonthRange(start=start, end=end)


def _usage_context(journal, period):
    by_month = usage_by_month(journal, period)
    by_article = usage_by_article(journal, period)
    by_issue = usage_by_issue(journal, period)
    chart = bar_chart(
        labels=[f"{row.key:%Y-%m}" for row in by_month],
        series=[
            (_("Investigations"), [row.investigations for row in by_month]),
            (_("Requests (downloads)"), [row.requests for row in by_month]),
        ],
        title=_("Investigations and requests per month"),
    )
    return {
        "journal": journal,
        "period": period,
        "by_month": by_month,
        "by_article": by_article,
        "by_issue": by_issue,
        "total": usage_total(by_month),
        "month_chart": chart,
        "top_articles": share_bars([(r.label, r.requests) for r in by_article[:10]]),
        "issue_bars": share_bars(
            [(r.label or _("Published outside an issue"), r.requests) for r in by_issue]
        ),
        "kinds": KINDS,
    }


@login_required
@require_safe
def usage_statistics(request, slug):
    journal = journal_for(request.user, slug, "stats.usage")
    period = _period(request)
    context = _usage_context(journal, period)
    context["query"] = f"from={period.start:%Y-%m}&to={period.end:%Y-%m}"
    return render(request, "metrics/usage.html", context)


METRIC_HEADER = [
    "Total_Item_Investigations",
    "Total_Item_Requests",
    "Unique_Item_Investigations",
    "Unique_Item_Requests",
]


def _metric_cells(row) -> list:
    return [
        row.investigations,
        row.requests,
        row.unique_investigations,
        row.unique_requests,
    ]


@login_required
@require_safe
def usage_export(request, slug, by):
    journal = journal_for(request.user, slug, "stats.usage")
    period = _period(request)
    name = f"{journal.slug}-usage-{by}-{period.start:%Y-%m}-{period.end:%Y-%m}.csv"
    kinds = [f"Requests_{k}" for k in KINDS]
    if by == "month":
        rows = usage_by_month(journal, period)
        return csv_response(
            name,
            ["Month", "Page_Views", *METRIC_HEADER, *kinds],
            (
                [f"{r.key:%Y-%m}", r.page_views, *_metric_cells(r)]
                + r.requests_per_kind
                for r in rows
            ),
        )
    if by == "article":
        rows = usage_by_article(journal, period)
        return csv_response(
            name,
            ["Article_ID", "DOI", "Title", "Page_Views", *METRIC_HEADER, *kinds],
            (
                [r.key, r.extra["article"].doi, r.label, r.page_views]
                + _metric_cells(r)
                + r.requests_per_kind
                for r in rows
            ),
        )
    if by == "issue":
        rows = usage_by_issue(journal, period)
        return csv_response(
            name,
            ["Issue_ID", "Issue", "Page_Views", *METRIC_HEADER],
            ([r.key or "", r.label, r.page_views, *_metric_cells(r)] for r in rows),
        )
    raise Http404


@require_safe
def journal_public_statistics(request, slug):
    journal = journal_or_404(slug)
    stats = journal_statistics(journal)
    chart = bar_chart(
        labels=[str(year) for year, _n in stats.per_year],
        series=[(_("Articles"), [n for _y, n in stats.per_year])],
        title=_("Articles published per year"),
        height=220,
    )
    return render(
        request,
        "metrics/journal.html",
        {
            "journal": journal,
            "stats": stats,
            "year_chart": chart,
            "country_bars": share_bars([(name, n) for _c, name, n in stats.countries]),
        },
    )


def _reports_context(journal):
    by_state = editorial.submissions_by_state_and_section(journal)
    turnaround = editorial.reviewer_turnaround(journal)
    overdue = editorial.overdue_reviews(journal)
    state_chart = bar_chart(
        labels=[str(s.label) for s in by_state.states],
        series=[(_("Submissions"), by_state.totals)],
        title=_("Submissions by state"),
        height=240,
    )
    return {
        "journal": journal,
        "by_state": by_state,
        "state_chart": state_chart,
        "section_bars": share_bars(
            [(t or _("No section"), n) for t, _v, n in by_state.rows]
        ),
        "turnaround": turnaround,
        "overdue": overdue,
        "now": timezone.now(),
    }


@login_required
@require_safe
def editorial_reports(request, slug):
    journal = journal_for(request.user, slug, "stats.reports")
    return render(request, "metrics/reports.html", _reports_context(journal))


def _days(value) -> str:
    return "" if value is None else f"{value:.1f}"


@login_required
@require_safe
def editorial_report_export(request, slug, report):
    journal = journal_for(request.user, slug, "stats.reports")
    name = f"{journal.slug}-{report}-{timezone.now():%Y-%m-%d}.csv"
    if report == "submissions":
        data = editorial.submissions_by_state_and_section(journal)
        return csv_response(
            name,
            ["Section", *[s.value for s in data.states], "Total"],
            [
                *([title, *values, total] for title, values, total in data.rows),
                ["Total", *data.totals, data.total],
            ],
        )
    if report == "reviewers":
        data = editorial.reviewer_turnaround(journal)
        return csv_response(
            name,
            [
                "Reviewer",
                "Email",
                "Invited",
                "Accepted",
                "Declined",
                "Completed",
                "Overdue",
                "Median_Days_To_Respond",
                "Median_Days_To_Review",
            ],
            (
                [
                    p.name,
                    p.email,
                    p.invited,
                    p.accepted,
                    p.declined,
                    p.completed,
                    p.overdue,
                    _days(p.median_response_days),
                    _days(p.median_review_days),
                ]
                for p in data["reviewers"]
            ),
        )
    if report == "overdue":
        return csv_response(
            name,
            [
                "Submission_ID",
                "Title",
                "Reviewer",
                "State",
                "Invited",
                "Due",
                "Days_Overdue",
            ],
            (
                [
                    o.submission_id,
                    o.title,
                    o.reviewer,
                    o.state,
                    journal.local_time(o.invited_at).date().isoformat(),
                    journal.local_time(o.due_at).date().isoformat(),
                    o.days_overdue,
                ]
                for o in editorial.overdue_reviews(journal)
            ),
        )
    raise Http404


# --- SUSHI --------------------------------------------------------------------


def _json(data, status=200) -> JsonResponse:
    response = JsonResponse(
        data, safe=False, status=status, json_dumps_params={"ensure_ascii": False}
    )
    # Harvesters run in other origins (e.g. a library's ERM in a browser).
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def sushi_status(request):
    return _json(sushi.sushi_status())


@require_safe
def sushi_reports(request):
    try:
        sushi.sushi_access(request.GET)
    except sushi.SushiError as error:
        return _json(error.as_json(), status=error.status)
    base = reverse("stats:sushi_reports").rstrip("/") + "/"
    return _json(sushi.sushi_reports(base))


BUILDERS = {"PR": sushi.platform_report, "TR": sushi.title_report}


@require_safe
def sushi_members(request):
    try:
        access = sushi.sushi_access(request.GET)
    except sushi.SushiError as error:
        return _json(error.as_json(), status=error.status)
    return _json(sushi.sushi_members(access))


def sushi_not_found(request, rest=""):
    """Any other path of the API: a COUNTER Exception in JSON, never a page."""
    return _json(sushi.SushiError(3000, request.path).as_json(), status=404)


@require_safe
def sushi_report(request, report):
    report_id = report.upper()
    spec = sushi.REPORTS.get(report_id)
    if spec is None:
        return _json(sushi.SushiError(3000, report).as_json(), status=404)
    builder = BUILDERS[spec.get("master", report_id)]
    try:
        access = sushi.sushi_access(request.GET)
        req = sushi.sushi_request(request.GET, report_id=report_id, access=access)
    except sushi.SushiError as error:
        return _json(error.as_json(), status=error.status)
    return _json(builder(req))
