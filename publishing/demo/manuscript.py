"""A realistic manuscript as a real DOCX file, built with python-docx."""

import io
import random

# fmt: off
BODY = [
    ("Introduction", [
        "Civil service reform in the region has moved from adopting new laws to making them work in everyday management. This paper looks at one part of that shift: {topic}.",
        "The question matters to practitioners because reforms that look similar on paper produce very different results once ministries and local administrations apply them.",
    ]),
    ("Data and method", [
        "The study combines a review of legal acts and internal guidance with administrative data and semi-structured interviews. Interviewees are referred to by role only.",
        "Table 1 summarises the main indicators used in the analysis for the period covered.",
    ]),
    ("Findings", [
        "Three patterns stand out. First, results depended on whether managers were given the authority and the data to act. Second, training had lasting effects only when linked to career decisions. Third, reforms that were evaluated openly were more likely to survive changes of leadership.",
        "The evidence also shows variation between central and local bodies, discussed below with examples.",
    ]),
    ("Conclusion and recommendations", [
        "The findings suggest practical steps for civil service agencies: publish the indicators, link them to management decisions, and review them with the staff concerned.",
    ]),
]
# fmt: on


def manuscript_docx(
    *, title: str, abstract: str, abstract_ru: str, keywords: list[str], topic: str,
    author_name: str = "", seed: int = 0, revised: bool = False,
) -> bytes:  # fmt: skip
    """A manuscript with a heading, paragraphs, a table and a Russian abstract.

    The text names no author (double-anonymous review); the file's properties
    carry the author's name, as a word processor would, for the anonymity
    checks to find and remove.
    """
    import docx

    rng = random.Random(seed)
    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = author_name
    document.core_properties.last_modified_by = author_name
    document.add_heading(title, level=0)
    if revised:
        note = document.add_paragraph().add_run(
            "Revised version. Changes made in response to the reviewers are "
            "listed in the response letter."
        )
        note.italic = True
    document.add_heading("Abstract", level=2)
    document.add_paragraph(abstract)
    document.add_paragraph("Keywords: " + "; ".join(keywords))
    document.add_heading("Аннотация", level=2)
    document.add_paragraph(abstract_ru or abstract)
    for heading, paragraphs in BODY:
        document.add_heading(heading, level=1)
        for text in paragraphs:
            document.add_paragraph(text.format(topic=topic))
        if heading == "Data and method":
            _indicator_table(document, rng)
    document.add_heading("References", level=1)
    for ref in (
        "OECD. (2019). Recommendation of the Council on Public Service Leadership "
        "and Capability. OECD Publishing.",
        "UNDP. (2015). From Old Public Administration to the New Public Service. "
        "UNDP Global Centre for Public Service Excellence.",
    ):
        document.add_paragraph(ref)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _indicator_table(document, rng: random.Random) -> None:
    years = [2019, 2020, 2021, 2022, 2023]
    rows = [
        ("Vacancies filled by competition, %", 55, 90),
        ("Staff turnover in the first three years, %", 12, 35),
        ("Civil servants trained during the year, %", 20, 70),
    ]
    document.add_paragraph("Table 1. Main indicators, 2019–2023")
    table = document.add_table(rows=1 + len(rows), cols=1 + len(years))
    table.style = "Table Grid"
    header = table.rows[0].cells
    header[0].text = "Indicator"
    for i, year in enumerate(years, start=1):
        header[i].text = str(year)
    for r, (label, low, high) in enumerate(rows, start=1):
        cells = table.rows[r].cells
        cells[0].text = label
        for i in range(len(years)):
            cells[i + 1].text = f"{rng.uniform(low, high):.1f}"
