"""What share of references the parser reads: DOI, year, title, source and
kind, over the demo journal's references and the hand-checked sample set
(tests/production/references/samples.py), and how often the sample set's
expected parts are found exactly.

    .venv/bin/python bench/reference_parsing.py
"""

import os
import sys

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
django.setup()

from demo.manuscript import REFERENCES  # noqa: E402
from demo.submissions import COMPLETE, SUBMISSIONS  # noqa: E402
from production.references import find_doi, parse_reference  # noqa: E402
from tests.production.references.samples import HELD_OUT, SAMPLES  # noqa: E402


def shares(label: str, texts: list[str]) -> None:
    parsed = [parse_reference(t) for t in texts]
    n = len(parsed)
    with_doi = [t for t in texts if find_doi(t)]

    def pct(count: int, total: int = n) -> str:
        return f"{count}/{total} ({100 * count / total:.0f}%)" if total else "—"

    print(f"| {label} | {n} "
          f"| {pct(sum(bool(p.year) for p in parsed))} "
          f"| {pct(sum(bool(p.title) for p in parsed))} "
          f"| {pct(sum(bool(p.source or p.publisher) for p in parsed))} "
          f"| {pct(sum(bool(p.authors) for p in parsed))} "
          f"| {pct(sum(p.publication_type == 'journal' for p in parsed))} "
          f"| {pct(sum(bool(p.doi) for p in parsed if find_doi(p.text)), len(with_doi))} |")  # fmt: skip


def main() -> None:
    demo = list(REFERENCES)
    for spec in SUBMISSIONS + COMPLETE:
        demo.extend(spec.get("references", []))
    unique = list(dict.fromkeys(demo))
    print("| set | references | year | title | source or publisher | authors "
          "| journal kind | DOI found / DOIs present |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    shares("demo journal (distinct)", unique)
    shares("sample set (tuned on)", [text for text, _ in SAMPLES])
    shares("held-out set", [text for text, _ in HELD_OUT])
    print()
    for label, samples in (("Sample set", SAMPLES), ("Held-out set", HELD_OUT)):
        parts = exact = 0
        for text, expected in samples:
            got = parse_reference(text).as_dict()
            parts += len(expected)
            exact += sum(got[k] == v for k, v in expected.items())
        print(f"{label}: {exact}/{parts} expected parts found exactly.")


if __name__ == "__main__":
    main()
