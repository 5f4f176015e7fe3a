import logging
from pathlib import Path

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from publishing.views.common import not_modified, set_validators

from . import ratelimit
from .protocol import OaiError, parse_request
from .responses import HANDLERS, error_document, get_record_validators

CONTENT_TYPE = "text/xml; charset=utf-8"

logger = logging.getLogger(__name__)


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def endpoint(request):
    """The OAI-PMH 2.0 endpoint: every verb, by GET or form-encoded POST."""
    wait = ratelimit.retry_after(request)
    if wait is not None:
        response = HttpResponse(
            _("Too many requests; retry after %(s)d seconds.") % {"s": wait},
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(wait)
        return response
    params = request.POST if request.method == "POST" else request.GET
    oai_request = None
    validators = None
    try:
        oai_request = parse_request(params)
        if oai_request.verb == "GetRecord" and request.method != "POST":
            # A harvester that holds the record revalidates it (ETag,
            # Last-Modified from the record's datestamp).
            validators = get_record_validators(oai_request)
            if validators is not None:
                unchanged = not_modified(
                    request, etag=validators[0], last_modified=validators[1]
                )
                if unchanged is not None:
                    return _revalidated(unchanged, validators)
        document = HANDLERS[oai_request.verb](oai_request)
    except OaiError as error:
        validators = None
        if not error.echo and oai_request is not None:
            error.echo = oai_request.echo()
        document = error_document(error)
    response = StreamingHttpResponse(document.chunks(), content_type=CONTENT_TYPE)
    if validators is not None:
        return _revalidated(response, validators)
    response["Cache-Control"] = "no-store"
    return response


def _revalidated(response, validators):
    etag, modified = validators
    set_validators(response, etag=etag, last_modified=modified)
    response["Cache-Control"] = "no-cache"
    return response


SCHEMAS_DIR = Path(__file__).resolve().parent / "schemas"
SERVED_SCHEMAS = frozenset(p.name for p in SCHEMAS_DIR.glob("*.xsd"))


@require_safe
@cache_control(max_age=86400, public=True)
def schema(request, name: str):
    """A schema a metadata format of this repository declares (see metadata.py)."""
    if name not in SERVED_SCHEMAS:
        raise Http404(name)
    return HttpResponse(
        (SCHEMAS_DIR / name).read_bytes(), content_type="application/xml"
    )
