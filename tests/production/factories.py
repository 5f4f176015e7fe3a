"""Factories for production tests: a real DOCX manuscript and an article in
production with complete metadata."""

import io
from pathlib import Path

import factory
from django.conf import settings
from django.utils import timezone

from journal.models import Role
from publishing.models import Article, ArticleStatus
from submissions.models import FileKind, State
from tests.factories import (
    ContributorFactory,
    RoleFactory,
    SubmissionFactory,
    SubmissionFileFactory,
)
from tests.schemas import schema_missing

RU_ABSTRACT = (
    "Статья исследует меритократический найм на государственную службу "
    "в странах Центральной Азии."
)


def require_jats_schema() -> None:
    from production.jats.schema import schema_path

    if not schema_path().is_file():
        schema_missing(
            f"JATS 1.3 XSD not found at {schema_path()} (settings.SCHEMAS_DIR); "
            "these tests need ../shared/schemas"
        )


def figure_png(width: int = 320, height: int = 160) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([10, 10, width - 10, height - 10], outline="navy", width=4)
    draw.line([10, height - 10, width - 10, 10], fill="darkred", width=3)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def manuscript_docx(paragraphs: int = 3, figures: int = 1, sections: int = 1) -> bytes:
    """A real DOCX: headings, paragraphs, a table and embedded PNG figures."""
    import docx
    from docx.shared import Inches

    document = docx.Document()
    document.add_heading("Introduction", level=1)
    text = (
        "Merit-based recruitment has become a central reform in the civil services "
        "of Central Asia and the Caucasus. This paper compares the designs of "
        "entrance examinations and probation periods across six countries."
    )
    for _ in range(paragraphs):
        document.add_paragraph(text)
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate(
        [("Country", "Exam", "Probation"), ("Kazakhstan", "Yes", "6 months"),
         ("Georgia", "Yes", "12 months")]
    ):  # fmt: skip
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    for n in range(1, figures + 1):
        document.add_picture(io.BytesIO(figure_png()), width=Inches(3))
        document.add_paragraph(f"Figure {n}. Applicants per vacancy, 2015–2023.")
    for s in range(1, sections + 1):
        document.add_heading(f"Findings {s}", level=1)
        for _ in range(paragraphs):
            document.add_paragraph(text + " Результаты на русском языке.")
    document.add_heading("Conclusion", level=1)
    document.add_paragraph("Open competitions raise trust in the civil service.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class ProductionSubmissionFactory(SubmissionFactory):
    """An accepted submission with full bilingual metadata and a real DOCX."""

    @factory.post_generation
    def with_manuscript(obj, create, extracted, **kwargs):
        pass  # the real DOCX comes from with_docx

    title = factory.LazyFunction(
        lambda: {
            "en": "Merit-based recruitment in the civil service",
            "ru": "Меритократический найм на государственную службу",
        }
    )
    abstract = factory.LazyFunction(
        lambda: {
            "en": "We compare merit-based recruitment in six countries.",
            "ru": RU_ABSTRACT,
        }
    )
    keywords = factory.LazyFunction(
        lambda: {"en": ["meritocracy", "recruitment"], "ru": ["меритократия", "найм"]}
    )
    references = (
        "Weber, M. (1922). Economy and Society. Tübingen: Mohr.\n"
        "OECD. (2019). Public Service Leadership and Capability. Paris: OECD."
    )
    funding = "Regional Hub of Civil Service, grant 2024-17."

    @factory.post_generation
    def with_docx(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            SubmissionFileFactory(
                submission=obj,
                kind=FileKind.MANUSCRIPT,
                version=1,
                file=factory.django.FileField(
                    filename="manuscript.docx",
                    data=extracted
                    if isinstance(extracted, bytes)
                    else manuscript_docx(),
                ),
            )

    @factory.post_generation
    def dates(obj, create, extracted, **kwargs):
        if create:
            now = timezone.now()
            type(obj).objects.filter(pk=obj.pk).update(
                submitted_at=now - timezone.timedelta(days=120),
                resubmitted_at=now - timezone.timedelta(days=60),
                accepted_at=now - timezone.timedelta(days=30),
            )
            obj.refresh_from_db()


class ArticleFactory(factory.django.DjangoModelFactory):
    """An article in production: its submission has two authors, one with ORCID."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    submission = factory.SubFactory(
        ProductionSubmissionFactory, state=State.IN_PRODUCTION
    )
    journal = factory.SelfAttribute("submission.journal")
    section = factory.SelfAttribute("submission.section")
    status = ArticleStatus.IN_PRODUCTION
    doi = factory.Sequence(lambda n: f"10.99999/ijcsrp.2025.{n}")

    @factory.post_generation
    def coauthor(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            ContributorFactory(
                submission=obj.submission,
                given_name="Айгерим",
                family_name="Сейтова",
                affiliation="Academy of Public Administration",
                country="KZ",
                orcid="0000-0002-1825-0097",
                # After the submitter, however far the factory's sequence ran.
                order=max(
                    obj.submission.authors.values_list("order", flat=True),
                    default=0,
                )
                + 1,
            )

    @factory.post_generation
    def production_editor(obj, create, extracted, **kwargs):
        if create:
            editor = (
                extracted
                or RoleFactory(journal=obj.journal, role=Role.PRODUCTION_EDITOR).user
            )
            obj.production_editor = editor
            obj.save(update_fields=["production_editor"])


def schemas_dir() -> Path:
    return Path(settings.SCHEMAS_DIR)
