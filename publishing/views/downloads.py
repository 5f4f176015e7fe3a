"""Galley downloads for anyone, through the storage API (streamed, or a
redirect to a presigned URL when the storage is S3 and that is switched on)."""

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_safe

from journal import user_content

from .. import hooks, selectors
from ..jats_links import jats_without_unsafe_links
from ..models import Galley, GalleyKind
from .common import not_modified, set_validators
from .reader import article_or_404, article_parts

KINDS = {"pdf": GalleyKind.PDF, "html": GalleyKind.HTML, "jats": GalleyKind.JATS}


def _is_s3(storage) -> bool:
    return storage.__class__.__module__.startswith("storages.backends.s3")


def _filename(article, galley) -> str:
    ext = galley.file.name.rsplit(".", 1)[-1] if "." in galley.file.name else "bin"
    if galley.kind == GalleyKind.SUPPLEMENTARY:
        return f"{article.journal.slug}-{article.pk}-supplementary-{galley.pk}.{ext}"
    return f"{article.journal.slug}-{article.pk}-v{galley.version}.{ext}"


def _serve(request, article, galley):
    storage = galley.file.storage
    filename = _filename(article, galley)
    link = article_parts(article)[
        "jats_link" if galley.kind == GalleyKind.JATS else "galley_link"
    ]
    # Only PDFs leave for the storage's own address: anything a browser could
    # run is served from here, with the headers that keep it inert.
    presign = galley.content_type == "application/pdf"
    if settings.STORAGE_PRESIGNED_DOWNLOADS and _is_s3(storage) and presign:
        url = storage.url(
            galley.file.name,
            parameters={
                "ResponseContentDisposition": f'inline; filename="{filename}"',
                "ResponseContentType": galley.content_type,
            },
            expire=600,
        )
        response = HttpResponseRedirect(url)
    else:
        # A galley never changes: a new version is a new galley.
        etag = f'"{galley.sha256 or galley.pk}-{galley.size}"'
        unchanged = not_modified(request, etag=etag, last_modified=galley.created_at)
        if unchanged is not None:
            unchanged["Link"] = link
            return set_validators(unchanged, etag=etag, last_modified=galley.created_at)
        try:
            handle = galley.file.open("rb")
        except (OSError, FileNotFoundError):
            raise Http404 from None
        response = FileResponse(
            handle,
            content_type=galley.content_type or "application/octet-stream",
            as_attachment=galley.kind == GalleyKind.SUPPLEMENTARY,
            filename=filename,
        )
        user_content.protect(response, content_type=galley.content_type)
        set_validators(response, etag=etag, last_modified=galley.created_at)
    response["Link"] = link
    hooks.article_viewed(request=request, article=article, galley=galley)
    return response


@require_safe
def article_download(request, article_id, galley_id):
    article = article_or_404(article_id)
    try:
        galley = selectors.galley_public(article, galley_id=galley_id)
    except Galley.DoesNotExist:
        raise Http404 from None
    return _serve(request, article, galley)


@require_safe
def article_download_kind(request, article_id, kind):
    article = article_or_404(article_id)
    if kind not in KINDS:
        raise Http404
    try:
        galley = selectors.galley_public(article, kind=KINDS[kind])
    except Galley.DoesNotExist:
        if kind == "jats" and article.jats_xml:
            response = HttpResponse(
                jats_without_unsafe_links(article.jats_xml),
                content_type="application/xml; charset=utf-8",
            )
            response["Content-Disposition"] = (
                f'inline; filename="{article.journal.slug}-{article.pk}.xml"'
            )
            response["Link"] = article_parts(article)["jats_link"]
            return user_content.protect(response, content_type="application/xml")
        raise Http404 from None
    return _serve(request, article, galley)
