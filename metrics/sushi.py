"""COUNTER Release 5 SUSHI: request parsing, access, and the Platform (PR)
and Title (TR) master reports as JSON-ready dicts.

Access: while no active `SushiCredential` exists the API is open and reports
the usage of every journal to "The World" (open-access content has no
subscribing institution). Once credentials exist, a request must carry a
matching `customer_id` and `requestor_id`, and `api_key` when the credential
has one; a credential tied to a journal sees only that journal.
"""

import calendar
import hmac
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from urllib.parse import urlparse

from django.conf import settings
from django.db.models import Q, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from journal.selectors import journals_active
from metrics.models import Metric, SearchMonthly, SushiCredential, UsageMonthly

from .queries import FIRST_YEAR, LAST_YEAR, MonthRange, add_months

RELEASE = "5"
METRICS = [m.value for m in Metric]
# Searches run on the platform; a Platform report metric only.
SEARCHES_PLATFORM = "Searches_Platform"
PLATFORM_METRICS = [SEARCHES_PLATFORM, *METRICS]

MESSAGES = {
    1030: "Insufficient Information to Process Request",
    2000: "Requestor Not Authorized to Access Service",
    2010: "Requestor is Not Authorized to Access Usage for Institution",
    2020: "APIKey Invalid",
    3000: "Report Not Supported",
    3020: "Invalid Date Arguments",
    3030: "No Usage Available for Requested Dates",
    3031: "Usage Not Ready for Requested Dates",
    3040: "Partial Data Returned",
    3050: "Parameter Not Recognized in this Context",
    3060: "Invalid ReportFilter Value",
    3062: "Invalid ReportAttribute Value",
}

VIEW_PARAMS = {
    "customer_id",
    "requestor_id",
    "api_key",
    "platform",
    "begin_date",
    "end_date",
}
COMMON_PARAMS = VIEW_PARAMS | {
    "metric_type",
    "data_type",
    "access_method",
    "attributes_to_show",
    "granularity",
}
REPORTS = {
    "PR": {
        "name": "Platform Master Report",
        "description": "Usage summarised at the platform level.",
        "params": COMMON_PARAMS,
        "attributes": ["Data_Type", "Access_Method"],
        "metrics": PLATFORM_METRICS,
    },
    "PR_P1": {
        "name": "Platform Usage",
        "description": "Searches and requests on the platform (standard view).",
        "master": "PR",
        "params": VIEW_PARAMS,
        "metrics": [
            SEARCHES_PLATFORM,
            Metric.TOTAL_ITEM_REQUESTS.value,
            Metric.UNIQUE_ITEM_REQUESTS.value,
        ],
        "filters": {"Access_Method": "Regular"},
    },
    "TR": {
        "name": "Title Master Report",
        "description": "Usage of each journal on the platform.",
        "params": COMMON_PARAMS | {"yop", "section_type", "access_type", "item_id"},
        "attributes": [
            "Data_Type",
            "Section_Type",
            "YOP",
            "Access_Type",
            "Access_Method",
        ],
        "metrics": METRICS,
    },
    "TR_J1": {
        "name": "Journal Requests (Excluding OA_Gold)",
        "description": "Requests of controlled (not Gold open access) journal "
        "content (standard view); empty on a fully open-access platform.",
        "master": "TR",
        "params": VIEW_PARAMS,
        "metrics": [
            Metric.TOTAL_ITEM_REQUESTS.value,
            Metric.UNIQUE_ITEM_REQUESTS.value,
        ],
        "filters": {
            "Data_Type": "Journal",
            "Access_Type": "Controlled",
            "Access_Method": "Regular",
        },
    },
    "TR_J3": {
        "name": "Journal Usage by Access Type",
        "description": "Investigations and requests of each journal by access "
        "type (standard view).",
        "master": "TR",
        "params": VIEW_PARAMS,
        "metrics": METRICS,
        "attributes": ["Access_Type"],
        "filters": {"Data_Type": "Journal", "Access_Method": "Regular"},
    },
    "TR_J4": {
        "name": "Journal Requests by YOP (Excluding OA_Gold)",
        "description": "Requests of controlled journal content by year of "
        "publication (standard view); empty on a fully open-access platform.",
        "master": "TR",
        "params": VIEW_PARAMS | {"yop"},
        "metrics": [
            Metric.TOTAL_ITEM_REQUESTS.value,
            Metric.UNIQUE_ITEM_REQUESTS.value,
        ],
        "attributes": ["YOP"],
        "filters": {
            "Data_Type": "Journal",
            "Access_Type": "Controlled",
            "Access_Method": "Regular",
        },
    },
}
# Everything on the platform is one kind of content, read the one way.
FIXED_ATTRIBUTES = {
    "Data_Type": "Journal",
    "Section_Type": "Article",
    "Access_Type": "OA_Gold",
    "Access_Method": "Regular",
}


def exception(code: int, data: str = "", severity: str = "Error") -> dict:
    out = {"Code": code, "Severity": severity, "Message": MESSAGES[code]}
    if data:
        out["Data"] = data
    return out


class SushiError(Exception):
    """A request that gets no report: the view answers with the Exception."""

    def __init__(self, code: int, data: str = "", status: int = 400):
        super().__init__(MESSAGES[code])
        self.code, self.data, self.status = code, data, status

    def as_json(self) -> dict:
        return exception(self.code, self.data)


def platform_name() -> str:
    return getattr(settings, "COUNTER_PLATFORM", "") or (
        urlparse(settings.SITE_URL).hostname or "journal"
    )


@dataclass
class Access:
    customer_id: str
    institution_name: str
    journals: list
    # False for a credential tied to one journal: searches on the platform's
    # own search page are then not its usage.
    platform_wide: bool = True


def sushi_access(params) -> Access:
    """Who is asking and which journals they may see; raises SushiError."""
    customer_id = (params.get("customer_id") or "").strip()
    requestor_id = (params.get("requestor_id") or "").strip()
    credentials = SushiCredential.objects.filter(is_active=True)
    if not credentials.exists():
        return Access(
            customer_id=customer_id or "anonymous",
            institution_name="The World",
            journals=list(journals_active()),
        )
    if not customer_id:
        raise SushiError(1030, "customer_id is required", status=400)
    if not requestor_id:
        raise SushiError(2000, "requestor_id is required", status=401)
    credential = (
        credentials.filter(requestor_id=requestor_id).select_related("journal").first()
    )
    if credential is None:
        raise SushiError(2000, status=401)
    if credential.customer_id != customer_id:
        raise SushiError(2010, status=403)
    if credential.api_key and not hmac.compare_digest(
        credential.api_key.encode(), (params.get("api_key") or "").encode()
    ):
        raise SushiError(2020, status=401)
    journals = (
        [credential.journal] if credential.journal_id else list(journals_active())
    )
    return Access(
        customer_id=customer_id,
        institution_name=credential.name,
        journals=journals,
        platform_wide=not credential.journal_id,
    )


def _parse_date(text: str, *, end: bool) -> date | None:
    for fmt in ("%Y-%m", "%Y-%m-%d"):
        try:
            parsed = datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
        if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
            return None
        if end:
            return parsed.replace(day=calendar.monthrange(parsed.year, parsed.month)[1])
        return parsed.replace(day=1)
    return None


@dataclass
class SushiRequest:
    report_id: str
    access: Access
    period: MonthRange
    metrics: list[str]
    attributes: list[str]
    totals: bool
    warnings: list[dict] = field(default_factory=list)
    filters: list[dict] = field(default_factory=list)


def sushi_request(params, *, report_id: str, access: Access) -> SushiRequest:
    """Validate a report request; raises SushiError for what gets no report
    and records warnings (unknown parameters, bad filter values) otherwise."""
    spec = REPORTS[report_id]
    warnings = []
    unknown = sorted(set(params) - spec["params"])
    if unknown:
        warnings.append(exception(3050, ", ".join(unknown), "Warning"))
    begin_text, end_text = params.get("begin_date"), params.get("end_date")
    if not begin_text or not end_text:
        raise SushiError(1030, "begin_date and end_date are required (yyyy-mm)")
    begin = _parse_date(begin_text, end=False)
    end = _parse_date(end_text, end=True)
    if begin is None or end is None or begin > end:
        raise SushiError(3020, f"begin_date={begin_text}, end_date={end_text}")
    this_month = timezone.now().astimezone(UTC).date().replace(day=1)
    if begin > this_month:
        raise SushiError(3031, f"Usage is available up to {this_month:%Y-%m}")
    end_month = end.replace(day=1)
    if end_month > this_month:
        warnings.append(
            exception(3031, f"Usage is available up to {this_month:%Y-%m}", "Warning")
        )
        end_month = this_month
    if end_month == this_month:
        warnings.append(
            exception(3040, f"{this_month:%Y-%m} is not complete yet", "Warning")
        )
    filters = [
        {"Name": "Begin_Date", "Value": begin.isoformat()},
        {"Name": "End_Date", "Value": end.isoformat()},
    ]
    if "master" in spec:
        # A standard view: its metrics, filters and attributes are fixed.
        metrics = list(spec["metrics"])
        filters.append({"Name": "Metric_Type", "Value": "|".join(metrics)})
        filters += [{"Name": k, "Value": v} for k, v in spec["filters"].items()]
        attributes = list(spec.get("attributes", []))
        granularity = "Month"
    else:
        metrics, attributes, granularity = _master_choices(
            params, spec, filters, warnings
        )
    return SushiRequest(
        report_id=report_id,
        access=access,
        period=MonthRange(start=begin, end=max(end_month, begin)),
        metrics=metrics,
        attributes=attributes,
        totals=granularity == "Totals",
        warnings=warnings,
        filters=filters,
    )


def _pick(asked: str, allowed: list[str]) -> tuple[list[str], list[str]]:
    """(allowed values asked for, in the report's order; values not allowed).
    COUNTER's enumerated values are matched without regard to case."""
    wanted = [a for a in asked.split("|") if a.strip()]
    by_lower = {a.lower(): a for a in allowed}
    bad = [a for a in wanted if a.strip().lower() not in by_lower]
    chosen = {
        by_lower[a.strip().lower()] for a in wanted if a.strip().lower() in by_lower
    }
    return [a for a in allowed if a in chosen], bad


def _master_choices(params, spec, filters, warnings):
    """Metrics, attributes and granularity a master report was asked for."""
    metrics = list(spec["metrics"])
    if params.get("metric_type"):
        metrics, bad = _pick(params["metric_type"], spec["metrics"])
        if bad:
            warnings.append(exception(3060, "metric_type: " + "|".join(bad), "Warning"))
        filters.append({"Name": "Metric_Type", "Value": "|".join(metrics)})
    attributes = []
    if params.get("attributes_to_show"):
        attributes, bad = _pick(params["attributes_to_show"], spec["attributes"])
        if bad:
            warnings.append(
                exception(3062, "attributes_to_show: " + "|".join(bad), "Warning")
            )
    asked = params.get("granularity", "Month")
    granularity = {"month": "Month", "totals": "Totals"}.get(asked.strip().lower())
    if granularity is None:
        warnings.append(exception(3062, f"granularity: {asked}", "Warning"))
        granularity = "Month"
    return metrics, attributes, granularity


def _excludes_gold_open_access(req: SushiRequest) -> bool:
    """Everything here is OA_Gold: a view limited to Controlled content is empty."""
    return any(
        f["Name"] == "Access_Type" and "OA_Gold" not in f["Value"].split("|")
        for f in req.filters
    )


def _header(req: SushiRequest, exceptions: list[dict]) -> dict:
    platform = platform_name()
    header = {
        "Created": timezone.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "Created_By": platform,
        "Customer_ID": req.access.customer_id,
        "Report_ID": req.report_id,
        "Release": RELEASE,
        "Report_Name": REPORTS[req.report_id]["name"],
        "Institution_Name": req.access.institution_name,
        "Institution_ID": [
            {"Type": "Proprietary", "Value": f"{platform}:{req.access.customer_id}"}
        ],
        "Report_Filters": req.filters,
    }
    attributes = []
    if req.attributes:
        attributes.append(
            {"Name": "Attributes_To_Show", "Value": "|".join(req.attributes)}
        )
    if req.totals:
        attributes.append({"Name": "Granularity", "Value": "Totals"})
    if attributes:
        header["Report_Attributes"] = attributes
    if exceptions:
        header["Exceptions"] = exceptions
    return header


def _month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def _performance(req: SushiRequest, counts: dict) -> list[dict]:
    """counts: {(month, metric): n} -> Performance, zero periods left out."""
    if req.totals:
        merged: dict = {}
        for (_, metric), n in counts.items():
            merged[metric] = merged.get(metric, 0) + n
        periods = [(req.period.start, _month_end(req.period.end), merged)]
    else:
        periods = [
            (
                month,
                _month_end(month),
                {m: counts.get((month, m), 0) for m in req.metrics},
            )
            for month in req.period.months
        ]
    out = []
    for begin, end, values in periods:
        instances = [
            {"Metric_Type": m, "Count": values[m]} for m in req.metrics if values.get(m)
        ]
        if instances:
            out.append(
                {
                    "Period": {
                        "Begin_Date": begin.isoformat(),
                        "End_Date": end.isoformat(),
                    },
                    "Instance": instances,
                }
            )
    return out


def _usage(req: SushiRequest):
    return UsageMonthly.objects.filter(
        article__journal__in=req.access.journals,
        month__gte=req.period.start,
        month__lte=req.period.end,
        metric__in=[m for m in req.metrics if m in METRICS],
    ).order_by()


def _fixed_attributes(req: SushiRequest) -> dict:
    return {a: FIXED_ATTRIBUTES[a] for a in req.attributes if a in FIXED_ATTRIBUTES}


def _report(req: SushiRequest, items: list[dict]) -> dict:
    exceptions = list(req.warnings)
    if not items:
        exceptions.append(exception(3030, severity="Error"))
    return {"Report_Header": _header(req, exceptions), "Report_Items": items}


def _searches(req: SushiRequest) -> dict:
    """{(month, Searches_Platform): n} for the journals the requestor may see
    (and the platform's own search page when it sees the whole platform)."""
    if SEARCHES_PLATFORM not in req.metrics:
        return {}
    where = Q(journal__in=req.access.journals)
    if req.access.platform_wide:
        where |= Q(journal__isnull=True)
    rows = (
        SearchMonthly.objects.filter(
            where, month__gte=req.period.start, month__lte=req.period.end
        )
        .order_by()
        .values("month")
        .annotate(n=Sum("count"))
    )
    return {(row["month"], SEARCHES_PLATFORM): row["n"] for row in rows}


def platform_report(req: SushiRequest) -> dict:
    """PR and PR_P1: the platform's usage per month (2 queries)."""
    counts = {
        (row["month"], row["metric"]): row["n"]
        for row in _usage(req).values("month", "metric").annotate(n=Sum("count"))
    }
    counts.update(_searches(req))
    performance = _performance(req, counts)
    items = []
    if performance:
        items.append(
            {"Platform": platform_name(), **_fixed_attributes(req)}
            | {"Performance": performance}
        )
    return _report(req, items)


def _title_ids(journal, platform: str) -> list[dict]:
    ids = []
    if journal.issn_online:
        ids.append({"Type": "Online_ISSN", "Value": journal.issn_online})
    if journal.issn_print:
        ids.append({"Type": "Print_ISSN", "Value": journal.issn_print})
    ids.append({"Type": "Proprietary", "Value": f"{platform}:{journal.slug}"})
    return ids


def title_report(req: SushiRequest) -> dict:
    """TR and its views: each journal's usage per month, split by year of
    publication when YOP is among the attributes to show (1 query)."""
    if _excludes_gold_open_access(req):
        return _report(req, [])
    platform = platform_name()
    by_yop = "YOP" in req.attributes
    keys = ["article__journal", "month", "metric"]
    rows = _usage(req)
    if by_yop:
        rows = rows.annotate(yop=ExtractYear("article__published_at", tzinfo=UTC))
        keys.append("yop")
    grouped: dict = {}
    for row in rows.values(*keys).annotate(n=Sum("count")):
        item_key = (row["article__journal"], row.get("yop") if by_yop else None)
        grouped.setdefault(item_key, {})[(row["month"], row["metric"])] = row["n"]
    journals = {j.pk: j for j in req.access.journals}
    items = []
    for (journal_id, yop), counts in sorted(
        grouped.items(),
        key=lambda kv: (journals[kv[0][0]].title, -(kv[0][1] or 0)),
    ):
        performance = _performance(req, counts)
        if not performance:
            continue
        journal = journals[journal_id]
        item = {
            "Title": journal.title,
            "Item_ID": _title_ids(journal, platform),
            "Platform": platform,
            "Publisher": journal.publisher,
        }
        for attribute in req.attributes:
            if attribute == "YOP":
                # COUNTER: 0001 for an unknown year of publication.
                item["YOP"] = f"{yop:04d}" if yop else "0001"
            else:
                item[attribute] = FIXED_ATTRIBUTES[attribute]
        item["Performance"] = performance
        items.append(item)
    return _report(req, items)


def sushi_status() -> list[dict]:
    return [
        {
            "Description": f"COUNTER R5 SUSHI service of {platform_name()}",
            "Service_Active": True,
            "Registry_URL": "",
            "Note": "Usage is aggregated every hour.",
            "Alerts": [],
        }
    ]


def sushi_reports(base_path: str) -> list[dict]:
    return [
        {
            "Report_Name": spec["name"],
            "Report_ID": report_id,
            "Release": RELEASE,
            "Report_Description": spec["description"],
            "Path": f"{base_path}{report_id.lower()}",
        }
        for report_id, spec in REPORTS.items()
    ]


def sushi_members(access: Access) -> list[dict]:
    """/members: the customer itself (no consortium has members here)."""
    platform = platform_name()
    return [
        {
            "Customer_ID": access.customer_id,
            "Requestor_ID": "",
            "Name": access.institution_name,
            "Notes": "",
            "Institution_ID": [
                {"Type": "Proprietary", "Value": f"{platform}:{access.customer_id}"}
            ],
        }
    ]


def default_period() -> MonthRange:
    this_month = timezone.now().astimezone(UTC).date().replace(day=1)
    return MonthRange(start=add_months(this_month, -11), end=this_month)
