"""A realistic manuscript as a real DOCX file, built with python-docx."""

import io
import random

# fmt: off
BODY = [
    ("Introduction", [
        "Civil service reform in the region has moved from adopting new laws to making them work in everyday management. This paper looks at one part of that shift: {topic}.",
        "The question matters to practitioners because reforms that look similar on paper produce very different results once ministries and local administrations apply them (OECD, 2019; Meyer-Sahling et al., 2018).",
    ]),
    ("Data and method", [
        "The study combines a review of legal acts and internal guidance with administrative data and semi-structured interviews. Interviewees are referred to by role only.",
        "Table 1 summarises the main indicators used in the analysis for the period covered.",
    ]),
    ("Findings", [
        "Three patterns stand out. First, results depended on whether managers were given the authority and the data to act. Second, training had lasting effects only when linked to career decisions. Third, reforms that were evaluated openly were more likely to survive changes of leadership.",
        "The evidence also shows variation between central and local bodies, discussed below with examples. Figure 1 shows how many civil servants were trained each year.",
    ]),
    ("Conclusion and recommendations", [
        "The findings suggest practical steps for civil service agencies: publish the indicators, link them to management decisions, and review them with the staff concerned.",
    ]),
]
# fmt: on

REFERENCES = [
    "OECD. (2019). Recommendation of the Council on Public Service Leadership and Capability. OECD Publishing.",
    "UNDP. (2015). From Old Public Administration to the New Public Service. UNDP Global Centre for Public Service Excellence.",
    "Knox, C., & Janenova, S. (2018). Public councils in Kazakhstan: A case of emerging participatory democracy in Central Asia? Central Asian Survey, 37(2), 305–321.",
    "World Bank. (2019). Innovating Bureaucracy for a More Capable Government. World Bank.",
    "Meyer-Sahling, J.-H., Mikkelsen, K. S., & Schuster, C. (2018). Civil service management and corruption: What we know and what we don't. Public Administration, 96(2), 276–285.",
]
FIGURE_YEARS = (2019, 2020, 2021, 2022, 2023)


def manuscript_docx(
    *, title: str, abstract: str, abstract_ru: str, keywords: list[str], topic: str,
    author_name: str = "", seed: int = 0, revised: bool = False,
    references: list[str] | None = None, copyedited: bool = False,
) -> bytes:  # fmt: skip
    """A manuscript with headings, paragraphs, a table, a figure with its caption,
    a Russian abstract and a references list.

    The text names no author (double-anonymous review); the file's properties
    carry the author's name, as a word processor would, for the anonymity
    checks to find and remove. The `copyedited` version is the body only, as
    production converts it: title, abstracts, keywords and references come from
    the submission's metadata.
    """
    import docx
    from docx.shared import Inches

    rng = random.Random(seed)
    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = author_name
    document.core_properties.last_modified_by = author_name
    if not copyedited:
        _front(document, title, abstract, abstract_ru, keywords, revised)
    for heading, paragraphs in BODY:
        document.add_heading(heading, level=1)
        for text in paragraphs:
            document.add_paragraph(text.format(topic=topic))
        if heading == "Data and method":
            _indicator_table(document, rng)
        elif heading == "Findings":
            trained = [rng.randint(900, 2600) for _ in FIGURE_YEARS]
            document.add_picture(io.BytesIO(bar_chart_png(trained)), width=Inches(5))
            document.add_paragraph(
                f"Figure 1. Civil servants trained per year, "
                f"{FIGURE_YEARS[0]}–{FIGURE_YEARS[-1]}."
            )
    if not copyedited:
        document.add_heading("References", level=1)
        for ref in references or REFERENCES[:2]:
            document.add_paragraph(ref, style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _front(document, title, abstract, abstract_ru, keywords, revised) -> None:
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


def bar_chart_png(values: list[int], *, width: int = 720, height: int = 400) -> bytes:
    """A bar chart of civil servants trained per year, drawn with Pillow."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.load_default(size=16)
    except TypeError:  # Pillow without FreeType: the fixed bitmap font
        font = ImageFont.load_default()
    left, right, top, bottom = 70, width - 20, 50, height - 50
    draw.text((left, 15), "Civil servants trained per year", fill="black", font=font)
    draw.line([left, top, left, bottom], fill="black", width=2)
    draw.line([left, bottom, right, bottom], fill="black", width=2)
    ceiling = max(values) * 1.15
    for tick in range(0, int(ceiling) + 1, 500):
        y = bottom - (bottom - top) * tick / ceiling
        draw.line([left - 5, y, right, y], fill="#dddddd")
        draw.text((10, y - 8), str(tick), fill="black", font=font)
    slot = (right - left) / len(values)
    for i, (year, value) in enumerate(zip(FIGURE_YEARS, values, strict=True)):
        x0 = left + slot * i + slot * 0.2
        x1 = left + slot * (i + 1) - slot * 0.2
        y = bottom - (bottom - top) * value / ceiling
        draw.rectangle([x0, y, x1, bottom - 1], fill="#1f4e79")
        draw.text((x0, y - 20), str(value), fill="black", font=font)
        draw.text((x0 + 8, bottom + 8), str(year), fill="black", font=font)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
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
