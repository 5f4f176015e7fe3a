"""factory_boy factories for the foundation: people, journals, submissions."""

import io
import zipfile

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from journal.models import CallForPapers, Journal, JournalRole, Role, Section, User
from submissions.models import Contributor, FileKind, State, Submission, SubmissionFile


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    given_name = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    affiliation = "Academy of Public Administration"
    country = "KZ"
    is_active = True
    password = factory.PostGenerationMethodCall("set_password", "pass-1234-word")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class JournalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Journal
        django_get_or_create = ("slug",)

    title = factory.Sequence(lambda n: f"Journal of Public Administration {n}")
    abbreviation = factory.Sequence(lambda n: f"JPA{n}")
    slug = factory.Sequence(lambda n: f"jpa{n}")
    publisher = "Regional Hub of Civil Service"
    issn_online = "2226-6348"
    timezone = "Asia/Almaty"
    languages = ["en", "ru"]
    doi_prefix = "10.99999"


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    journal = factory.SubFactory(JournalFactory)
    title = "Research Articles"
    slug = factory.Sequence(lambda n: f"research-{n}")


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JournalRole

    journal = factory.SubFactory(JournalFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.EDITOR


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallForPapers

    journal = factory.SubFactory(JournalFactory)
    title = "Remote work in the civil service"
    slug = factory.Sequence(lambda n: f"call-{n}")
    deadline = factory.LazyFunction(
        lambda: timezone.now() + timezone.timedelta(days=30)
    )


def editor_of(journal, role=Role.EDITOR, **kwargs):
    return RoleFactory(journal=journal, role=role, **kwargs).user


def docx_bytes(text: str = "Manuscript text", core: dict | None = None) -> bytes:
    """A minimal but real DOCX package (python-docx opens it)."""
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    for key, value in (core or {}).items():
        setattr(document.core_properties, key, value)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def not_a_zip_docx() -> bytes:
    return b"This is plain text pretending to be a Word document." * 10


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buffer.getvalue()


class SubmissionFactory(factory.django.DjangoModelFactory):
    """A draft with complete metadata; pass state=... to place it further along."""

    class Meta:
        model = Submission
        skip_postgeneration_save = True

    journal = factory.SubFactory(JournalFactory)
    section = factory.SubFactory(
        SectionFactory, journal=factory.SelfAttribute("..journal")
    )
    submitter = factory.SubFactory(UserFactory)
    language = "en"
    title = factory.LazyFunction(
        lambda: {
            "en": "Meritocracy in civil service recruitment",
            "ru": "Меритократия при найме на государственную службу",
        }
    )
    abstract = factory.LazyFunction(
        lambda: {"en": "We study merit-based recruitment.", "ru": "Мы изучаем найм."}
    )
    keywords = factory.LazyFunction(lambda: {"en": ["meritocracy", "recruitment"]})
    decl_original = True
    decl_ethics = True
    decl_licence = True
    decl_competing_interests = "None"

    @classmethod
    def _create(cls, model_class, *args, state=None, **kwargs):
        obj = super()._create(model_class, *args, **kwargs)
        if state is not None and state != State.DRAFT:
            model_class.objects.filter(pk=obj.pk).update(
                state=state, submitted_at=timezone.now()
            )
            obj.refresh_from_db()
        return obj

    @factory.post_generation
    def with_author(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            ContributorFactory(
                submission=obj,
                email=obj.submitter.email,
                given_name=obj.submitter.given_name,
                family_name=obj.submitter.family_name,
                is_corresponding=True,
            )

    @factory.post_generation
    def with_manuscript(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            SubmissionFileFactory(submission=obj)


class ContributorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contributor

    submission = factory.SubFactory(SubmissionFactory)
    given_name = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    email = factory.Sequence(lambda n: f"author{n}@example.org")
    affiliation = "Academy of Public Administration"
    country = "KZ"
    order = factory.Sequence(lambda n: n)


class SubmissionFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubmissionFile

    submission = factory.SubFactory(SubmissionFactory)
    kind = FileKind.MANUSCRIPT
    version = factory.Sequence(lambda n: n + 1)
    original_name = "manuscript.docx"
    content_type = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    size = 100
    sha256 = "0" * 64
    file = factory.django.FileField(filename="manuscript.docx", data=b"PK\x03\x04 stub")


# --- peer review ---------------------------------------------------------------


class ReviewRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reviews.ReviewRound"

    submission = factory.SubFactory(SubmissionFactory, state=State.UNDER_REVIEW)
    number = 1


class ReviewAssignmentFactory(factory.django.DjangoModelFactory):
    """An invitation; build it in another state with ReviewAssignmentFactory(state=...)."""

    class Meta:
        model = "reviews.ReviewAssignment"

    round = factory.SubFactory(ReviewRoundFactory)
    submission = factory.SelfAttribute("round.submission")
    reviewer = factory.SubFactory(UserFactory)
    due_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=21))

    @classmethod
    def _create(cls, model_class, *args, state=None, **kwargs):
        obj = super()._create(model_class, *args, **kwargs)
        if state is not None:
            # The state field is protected; tests place rows directly.
            model_class.objects.filter(pk=obj.pk).update(state=state)
            obj.refresh_from_db()
        return obj


class ReviewFormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reviews.ReviewForm"

    journal = factory.SubFactory(JournalFactory)
    name = "Research article review"


class ReviewCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reviews.ReviewCriterion"

    form = factory.SubFactory(ReviewFormFactory)
    label = factory.Sequence(lambda n: f"Criterion {n}")
    order = factory.Sequence(lambda n: n)


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reviews.Review"

    assignment = factory.SubFactory(ReviewAssignmentFactory)
