"""PDF rendering benchmark: a 10-page article with figures, rendered N times.

Builds a real DOCX (headings, paragraphs, a table, PNG figures), converts it
once to JATS with pandoc, renders the HTML parts once, then times only the
WeasyPrint step N times and prints the median, the spread, the page count and
the peak memory. No database is needed.

    .venv/bin/python bench/pdf_render.py [-n 10] [--sections 6]
"""

import argparse
import datetime as dt
import io
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
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

    from production.jats import (
        ArticleBuilder,
        ArticleData,
        ContributorData,
        JournalData,
    )
    from production.jats.body import convert_document
    from production.render.html import jats_to_html
    from production.render.pdf import media_pdf_url, render_pdf
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

    pdf = render_pdf(parts, load_media=load, licence_label="CC BY 4.0")  # warm-up
    pages = len(PdfReader(io.BytesIO(pdf)).pages)

    times, cpu_times = [], []
    for _ in range(args.n):
        start, cpu_start = time.perf_counter(), time.process_time()
        render_pdf(parts, load_media=load, licence_label="CC BY 4.0")
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu_start)
    # tracemalloc slows Python several times over, so it gets a run of its own.
    tracemalloc.start()
    render_pdf(parts, load_media=load, licence_label="CC BY 4.0")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(
        f"pages: {pages}, figures: {args.figures}, pdf size: {len(pdf) / 1024:.0f} KiB"
    )
    print(f"renders: {args.n}")
    print(f"median: {statistics.median(times):.3f} s")
    print(f"min/max: {min(times):.3f} / {max(times):.3f} s")
    # CPU time is what one render costs when it has a core to itself; wall time
    # also counts waiting for a core on a busy machine.
    print(f"median CPU time: {statistics.median(cpu_times):.3f} s")
    print(f"load average (1 min) at the end: {os.getloadavg()[0]:.2f}")
    print(f"peak Python heap in one render (tracemalloc): {peak / 1048576:.1f} MiB")
    print(f"peak process RSS (ru_maxrss): {maxrss_mb:.0f} MiB")


if __name__ == "__main__":
    main()
