"""Headers for responses that carry bytes people uploaded or that were made
from them (figures, galleys, manuscripts, reviewers' files).

Such bytes are never trusted to be what their type says: the browser must not
sniff another type, must not run any script in them and must not let them
submit forms or frame the site. Each response says whether it is shown in the
browser (`inline`) or saved (`attachment`).
"""

from django.http import HttpResponseBase

# Nothing may load or run; `sandbox` also gives a document a unique origin, so
# even an SVG or HTML that slips through cannot reach the site's cookies.
STRICT = (
    "default-src 'none'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'; sandbox"
)
# The HTML galley is a self-contained page: its own <style> and the article's
# figures (served by this site) and nothing else. No script of any kind.
HTML_GALLEY = (
    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)
# Browsers show a PDF with their own viewer, which a sandbox would block.
PDF = (
    "default-src 'none'; object-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'self'"
)

# Types a browser shows without running anything in them.
INLINE_SAFE_TYPES = {
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "application/pdf",
    "application/xml",
    "text/xml",
    "text/html",
}


def policy_for(content_type: str) -> str:
    major = (content_type or "").split(";", 1)[0].strip().lower()
    if major == "text/html":
        return HTML_GALLEY
    if major == "application/pdf":
        return PDF
    return STRICT


def shown_inline(content_type: str) -> bool:
    """Whether bytes of this type may be shown in the browser at all."""
    major = (content_type or "").split(";", 1)[0].strip().lower()
    return major in INLINE_SAFE_TYPES


def protect(
    response: HttpResponseBase, *, content_type: str, policy: str | None = None
) -> HttpResponseBase:
    """Add the policy, `nosniff`, and turn an `inline` disposition into an
    `attachment` for any type that is not safe to show (SVG, HTML other than a
    galley's is decided by the caller through `policy`)."""
    response["Content-Security-Policy"] = policy or policy_for(content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cross-Origin-Opener-Policy"] = "same-origin"
    disposition = response.get("Content-Disposition", "")
    if not shown_inline(content_type):
        if disposition.startswith("inline"):
            disposition = "attachment" + disposition[len("inline") :]
        elif not disposition:
            disposition = "attachment"
        response["Content-Disposition"] = disposition
    elif not disposition:
        response["Content-Disposition"] = "inline"
    return response


# --- links --------------------------------------------------------------------
SAFE_SCHEMES = {"http", "https", "mailto", "ftp", "doi", "urn"}
_INVISIBLE = dict.fromkeys(range(0x21), None)  # browsers drop these in a URL
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "background", "poster")


def is_safe_url(value: str) -> bool:
    """False for `javascript:`, `vbscript:`, `data:` and any other scheme that
    is not a plain web, mail or identifier link; relative links are safe."""
    compact = (value or "").translate(_INVISIBLE).lower()
    scheme, sep, _rest = compact.partition(":")
    if not sep or "/" in scheme or "?" in scheme or "#" in scheme:
        return True  # no scheme: a relative link or a fragment
    return scheme in SAFE_SCHEMES


def html_without_unsafe_links(html: str) -> str:
    """The HTML with every link, image or form address of an unsafe scheme
    removed; returned unchanged when there is none."""
    from lxml import html as lxml_html

    if not html.strip():
        return html
    doc = lxml_html.document_fromstring(html)
    changed = False
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in URL_ATTRIBUTES:
            value = el.get(attr)
            if value is not None and not is_safe_url(value):
                del el.attrib[attr]
                changed = True
    if not changed:
        return html
    return lxml_html.tostring(doc, encoding="unicode", doctype="<!doctype html>")
