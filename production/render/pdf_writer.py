"""WeasyPrint's side of the PDF galley, run in a bounded child process.

This module is what the renderer's warm child imports (see
`journal.bounded_process.WarmProcess`), so it imports WeasyPrint, pikepdf and
the standard library only, never Django. `render(payload)` takes a pickled
`PdfJob` from the worker and returns the PDF: tagged (PDF/UA-1) and archival
(PDF/A-3u), with the article's JATS embedded as its source and the worker's
XMP descriptions added to WeasyPrint's own.
"""

import io
import pickle
from dataclasses import dataclass, field
from xml.etree import ElementTree

# The variant that writes the pdfaid identification, the output intent and the
# associated files; tagging is asked for on top, and the XMP says PDF/UA-1.
PDF_VARIANT = "pdf/a-3u"
XMP_NAMESPACES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "prism": "http://prismstandard.org/namespaces/basic/3.0/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}


@dataclass
class EmbeddedFile:
    name: str
    data: bytes
    description: str
    # ISO 32000-2 7.11.3: Source, Data, Alternative, Supplement, Unspecified.
    relationship: str = "Source"


@dataclass
class PdfJob:
    html: str
    # Every URL the document may load, with its bytes and type; nothing else
    # is fetched.
    media: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    files: list[EmbeddedFile] = field(default_factory=list)
    # An rdf:RDF whose rdf:Description children are added to the XMP packet.
    xmp: bytes = b""


def _weasyprint():
    import weasyprint
    from weasyprint.pdf.metadata import DocumentMetadata
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    for prefix, uri in XMP_NAMESPACES.items():
        ElementTree.register_namespace(prefix, uri)
    return weasyprint, DocumentMetadata, URLFetcher, URLFetcherResponse


def _fetcher(media: dict[str, tuple[bytes, str]]):
    _, _, URLFetcher, URLFetcherResponse = _weasyprint()

    class MediaFetcher(URLFetcher):
        def __init__(self):
            super().__init__(fail_on_errors=False)

        def fetch(self, url, headers=None):
            found = media.get(url)
            if found is None:
                raise ValueError(f"refused to fetch {url}")
            data, content_type = found
            return URLFetcherResponse(
                url, body=data, headers={"Content-Type": content_type}
            )

    return MediaFetcher()


def _metadata_with(metadata, xmp: bytes):
    """WeasyPrint's metadata, writing `xmp`'s descriptions into the one packet."""
    _, DocumentMetadata, _, _ = _weasyprint()

    class ArticleMetadata(DocumentMetadata):
        def generate_rdf_metadata(self, variant, version, conformance):
            rdf = ElementTree.fromstring(
                super().generate_rdf_metadata(variant, version, conformance)
            )
            if xmp:
                rdf.extend(ElementTree.fromstring(xmp))
            return ElementTree.tostring(rdf, encoding="utf-8")

    extended = ArticleMetadata()
    extended.__dict__.update(metadata.__dict__)
    return extended


_fonts = None


def _font_config():
    """One font configuration for every render: loaded in the warm child, each
    forked render finds the fonts ready (and its changes die with the fork)."""
    global _fonts
    if _fonts is None:
        from weasyprint.text.fonts import FontConfiguration

        _fonts = FontConfiguration()
    return _fonts


def render(payload: bytes) -> bytes:
    job: PdfJob = pickle.loads(payload)  # noqa: S301 - written by our worker
    weasyprint, *_ = _weasyprint()
    document = weasyprint.HTML(string=job.html, url_fetcher=_fetcher(job.media))
    rendered = document.render(font_config=_font_config())
    rendered.metadata = _metadata_with(rendered.metadata, job.xmp)
    attachments = [
        weasyprint.Attachment(
            string=f.data,
            name=f.name,
            description=f.description,
            relationship=f.relationship,
        )
        for f in job.files
    ]
    return _running_heads_as_artifacts(
        rendered.write_pdf(
            pdf_variant=PDF_VARIANT,
            pdf_tags=True,
            attachments=attachments,
            optimize_images=False,
        )
    )


def _running_heads_as_artifacts(data: bytes) -> bytes:
    """Mark the running heads and feet as pagination artifacts.

    WeasyPrint tags the text of page margins but leaves it out of the
    structure tree; PDF/UA wants repeated page furniture marked as artifacts,
    so that a screen reader does not read the journal's name on every page.
    """
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is None:
            return data
        in_tree = set()
        stack = [tree]
        while stack:
            kids = stack.pop().get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    in_tree.add(kid.objgen)
                    stack.append(kid)
        nums = tree.ParentTree.Nums
        changed = False
        for i in range(0, len(nums), 2):
            entries = nums[i + 1]
            if not isinstance(entries, pikepdf.Array):
                continue  # an annotation's parent, not a page's content
            loose = {
                mcid
                for mcid, element in enumerate(entries)
                if isinstance(element, pikepdf.Dictionary)
                and element.objgen not in in_tree
            }
            if not loose:
                continue
            page = pdf.pages[int(nums[i])]
            content = []
            for operands, operator in pikepdf.parse_content_stream(page):
                if (
                    operator == pikepdf.Operator("BDC")
                    and len(operands) == 2
                    and isinstance(operands[1], pikepdf.Dictionary)
                    and operands[1].get("/MCID") in loose
                ):
                    operands = [
                        pikepdf.Name.Artifact,
                        pikepdf.Dictionary(Type=pikepdf.Name.Pagination),
                    ]
                content.append((operands, operator))
            page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(content))
            for mcid in loose:
                entries[mcid] = None
            changed = True
        if not changed:
            return data
        out = io.BytesIO()
        pdf.save(out, compress_streams=True)
        return out.getvalue()
