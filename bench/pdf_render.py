"""PDF rendering benchmark: a 10-page article with figures, rendered N times.

Builds a real DOCX (headings, paragraphs, a table, PNG figures), converts it
once to JATS with pandoc, renders the HTML parts once, then times only the
WeasyPrint step, N times each way, interleaved so that the machine's load falls
on all three alike:

- production: tagged PDF/UA-1 + PDF/A-3u with the JATS embedded, rendered in
  the bounded fork of the warm child (`production.render.pdf.render_pdf`);
- in-process, tagged: the same PDF rendered in this process from the same
  prepared job, which shows what the child process costs;
- in-process, untagged: the renderer as it was (page template, then an
  untagged PDF in this process), for comparison.

Prints the medians, the spread, the page count, the time of the first render
(which starts the warm child) and the load average. No database is needed.

    .venv/bin/python bench/pdf_render.py [-n 10] [--sections 14]
"""

import argparse
import datetime as dt
import io
import os
import pickle
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10, help="renders to time")
    parser.add_argument("--sections", type=int, default=6, help="findings sections")
    parser.add_argument("--figures", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from pypdf import PdfReader
    from weasyprint import HTML

    from production.jats import (
        ArticleBuilder,
        ArticleData,
        ContributorData,
        JournalData,
    )
    from production.jats.body import convert_document
    from production.render import pdf_writer
    from production.render.html import jats_to_html
    from production.render.pdf import _RENDERER, media_pdf_url, pdf_html
    from production.render.pdf import render_pdf as render
    from production.render.pdf_writer import EmbeddedFile, PdfJob
    from production.render.xmp import article_xmp
    from tests.production.factories import RU_ABSTRACT, manuscript_docx

    docx = manuscript_docx(paragraphs=6, figures=args.figures, sections=args.sections)
    with tempfile.NamedTemporaryFile(suffix=".docx") as fh:
        fh.write(docx)
        fh.flush()
        converted = convert_document(fh.name, "docx")
    data = ArticleData(
        journal=JournalData(
            title="International Journal of Civil Service Reform and Practice",
            abbreviation="IJCSRP",
            issn_online="2226-6348",
            publisher="Astana Civil Service Hub",
            publisher_place="Astana",
        ),
        language="en",
        section="Research Articles",
        doi="10.99999/ijcsrp.2025.1.1",
        titles={
            "en": "Merit-based recruitment in the civil service",
            "ru": "Меритократический найм на государственную службу",
        },
        abstracts={"en": "We compare merit-based recruitment. " * 8, "ru": RU_ABSTRACT},
        keywords={"en": ["meritocracy", "recruitment"], "ru": ["меритократия"]},
        contributors=[
            ContributorData(
                "Aigerim",
                "Seitova",
                "a@example.org",
                "Academy of Public Administration",
                "KZ",
                "Kazakhstan",
                "0000-0002-1825-0097",
                True,
            ),
            ContributorData(
                "Giorgi", "Beridze", "", "Tbilisi State University", "GE", "Georgia"
            ),
        ],  # fmt: skip
        published=dt.date(2025, 3, 1),
        received=dt.date(2024, 9, 1),
        accepted=dt.date(2025, 1, 15),
        volume="10",
        issue="1",
        first_page="1",
        last_page="10",
        licence_label="CC BY 4.0",
        licence_url="https://creativecommons.org/licenses/by/4.0/",
        references=[
            f"Author {i}. (2020). A reference title {i}. Journal." for i in range(30)
        ],
    )
    xml = ArticleBuilder(data).build(converted.body, converted.back)
    from lxml import etree

    parts = jats_to_html(etree.tostring(xml), media_pdf_url)

    def load(name):
        return converted.media.get(name)

    jats = etree.tostring(xml, encoding="utf-8")
    print(f"load average (1 min) at the start: {os.getloadavg()[0]:.2f}")
    start = time.perf_counter()
    pdf = render(parts, load_media=load, licence_label="CC BY 4.0", jats=jats)
    first = time.perf_counter() - start
    pages = len(PdfReader(io.BytesIO(pdf)).pages)

    job = pickle.dumps(
        PdfJob(
            html=pdf_html(parts, licence_label="CC BY 4.0"),
            media={media_pdf_url(n): m for n, m in converted.media.items()},
            files=[EmbeddedFile("article.xml", jats, "JATS")],
            xmp=article_xmp(parts, licence_label="CC BY 4.0"),
        )
    )
    fetcher = pdf_writer._fetcher(job_media := pickle.loads(job).media)

    def untagged():
        # The renderer as it was: the page, then WeasyPrint in this process
        # with a fresh font configuration, untagged.
        html = pdf_html(parts, licence_label="CC BY 4.0")
        HTML(string=html, url_fetcher=fetcher).write_pdf(optimize_images=False)

    ways = {
        "production: tagged PDF/A-3u + UA-1, bounded child": lambda: render(
            parts, load_media=load, licence_label="CC BY 4.0", jats=jats
        ),
        "in-process: tagged PDF/A-3u + UA-1": lambda: pdf_writer.render(job),
        "in-process: untagged, as before": untagged,
    }
    for way in ways.values():
        way()  # warm-up
    times: dict[str, list[float]] = {name: [] for name in ways}
    cpu: dict[str, list[float]] = {name: [] for name in ways}
    child_rss = []
    for _ in range(args.n):
        for name, way in ways.items():
            start, cpu_start = time.perf_counter(), time.process_time()
            way()
            times[name].append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - cpu_start)
            if name.startswith("production"):
                # This process builds the page; the forked child renders it.
                cpu[name][-1] += _RENDERER.last_usage["cpu_seconds"]
                child_rss.append(_RENDERER.last_usage["max_rss_kb"] / 1024)
    assert job_media

    print(
        f"pages: {pages}, figures: {args.figures}, pdf size: {len(pdf) / 1024:.0f} KiB"
    )
    print(f"first render, starting the warm child: {first:.3f} s")
    print(f"renders: {args.n} each way, interleaved")
    for name, values in times.items():
        print(
            f"{name}: median {statistics.median(values):.3f} s "
            f"(min {min(values):.3f}, max {max(values):.3f}); "
            f"median CPU time {statistics.median(cpu[name]):.3f} s"
        )
    print(f"peak RSS of the render child: {max(child_rss):.0f} MiB")
    print(f"load average (1 min) at the end: {os.getloadavg()[0]:.2f}")
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process (ru_maxrss): {maxrss_mb:.0f} MiB")


if __name__ == "__main__":
    main()
