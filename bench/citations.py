"""How long How to cite takes per article: APA 7th and Chicago author-date
rendered by citeproc-py, styles parsed once per process.

    .venv/bin/python bench/citations.py [rounds]
"""

import datetime as dt
import os
import statistics
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
django.setup()

from publishing.citations.data import Author, CitationData  # noqa: E402
from publishing.citations.styles import (  # noqa: E402
    DEFAULT_STYLES,
    _render,
    csl_item,
    format_citation,
)

DATA = CitationData(
    key="1",
    title="Meritocracy in civil service recruitment: evidence from Kazakhstan",
    authors=[
        Author("Aigerim", "Nurlanova-Smith"),
        Author("Айгуль Маратовна", "Сейткалиева"),
        Author("Jean-Paul", "Dupont"),
    ],
    journal="International Journal of Civil Service Reform and Practice",
    volume="5",
    issue="2",
    published=dt.date(2026, 3, 1),
    first_page="101",
    last_page="120",
    doi="10.99999/jpa.2026.1",
)


def main(rounds: int) -> None:
    started = time.perf_counter()
    for style in DEFAULT_STYLES:
        format_citation(DATA, style)
    print(f"first render, styles parsed: {time.perf_counter() - started:.3f} s")
    item = csl_item(DATA)
    for label, render in (
        ("engine (citeproc-py)", lambda style: _render(item, style)),
        ("format_citation, cached", lambda style: format_citation(DATA, style)),
    ):
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            for style in DEFAULT_STYLES:
                render(style)
            times.append(time.perf_counter() - started)
        print(
            f"{label}, both styles, {rounds} rounds: median "
            f"{statistics.median(times) * 1000:.1f} ms, min {min(times) * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
