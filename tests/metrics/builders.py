"""Helpers to read a hit through the reader's pages and to place usage rows."""

from datetime import date

from django.urls import reverse

from metrics.models import UsageMonthly

BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0 Safari/537.36"
)
OTHER_BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Firefox/121.0"


def view_article(client, article, *, agent=BROWSER, ip="203.0.113.7"):
    return client.get(
        reverse("publishing:article", args=[article.pk]),
        HTTP_USER_AGENT=agent,
        REMOTE_ADDR=ip,
    )


def download(client, galley, *, agent=BROWSER, ip="203.0.113.7"):
    response = client.get(
        reverse("publishing:article_download", args=[galley.article_id, galley.pk]),
        HTTP_USER_AGENT=agent,
        REMOTE_ADDR=ip,
    )
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return response


def monthly(article, month: date, counts: dict, kind: str = ""):
    """Place monthly rows: counts = {metric: n}."""
    return [
        UsageMonthly.objects.create(
            article=article, galley_kind=kind, month=month, metric=metric, count=n
        )
        for metric, n in counts.items()
    ]
