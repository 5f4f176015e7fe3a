import logging

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import ratelimit
from .protocol import OaiError, parse_request
from .responses import HANDLERS, error_document

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
    try:
        oai_request = parse_request(params)
        document = HANDLERS[oai_request.verb](oai_request)
    except OaiError as error:
        if not error.echo and oai_request is not None:
            error.echo = oai_request.echo()
        document = error_document(error)
    response = StreamingHttpResponse(document.chunks(), content_type=CONTENT_TYPE)
    response["Cache-Control"] = "no-store"
    return response
