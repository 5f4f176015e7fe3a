import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .translations import Translated
from .validators import normalise_orcid, validate_issn, validate_orcid


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person: author, reviewer, editor or reader. Logs in with an email address."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    given_name = models.CharField(_("given name"), max_length=150)
    family_name = models.CharField(_("family name"), max_length=150, blank=True)
    # The name as written in other languages: {"ru": {"given": .., "family": ..}}.
    name_translations = models.JSONField(
        _("name in other languages"), default=dict, blank=True
    )
    affiliation = models.CharField(_("affiliation"), max_length=300, blank=True)
    country = CountryField(_("country"), blank=True)
    orcid = models.CharField(
        _("ORCID iD"),
        max_length=19,
        blank=True,
        validators=[validate_orcid],
        help_text=_("Optional, for example 0000-0002-1825-0097."),
    )
    # Set only when ORCID sign-in confirmed this iD; editing the iD clears it.
    orcid_authenticated = models.BooleanField(
        _("confirmed by ORCID"), default=False, editable=False
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
    )
    research_interests = models.TextField(
        _("research interests"),
        blank=True,
        help_text=_(
            "Keywords separated by commas, for example: meritocracy, e-government."
        ),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["given_name"]
    objects = UserManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["family_name", "given_name"]
        constraints = [
            # Only one account can have an iD that ORCID confirmed; a typed iD
            # is anyone's claim.
            models.UniqueConstraint(
                fields=["orcid"],
                condition=models.Q(orcid_authenticated=True),
                name="journal_user_confirmed_orcid_unique",
            )
        ]

    def __str__(self):
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        self.orcid = normalise_orcid(self.orcid)
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p)

    def name_in(self, language: str) -> tuple[str, str]:
        """(given, family) as written in `language`, else the name itself."""
        names = (self.name_translations or {}).get(language) or {}
        if names.get("given") or names.get("family"):
            return names.get("given", ""), names.get("family", "")
        return self.given_name, self.family_name

    def full_name_in(self, language: str) -> str:
        return " ".join(p for p in self.name_in(language) if p)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.given_name

    @property
    def orcid_url(self) -> str:
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""

    @property
    def interest_list(self) -> list[str]:
        return split_keywords(self.research_interests)


def split_keywords(text: str) -> list[str]:
    parts = (p.strip() for p in (text or "").replace(";", ",").split(","))
    return [p for p in parts if p]


class Licence(models.TextChoices):
    CC_BY_4 = "cc-by-4.0", "CC BY 4.0"
    CC_BY_SA_4 = "cc-by-sa-4.0", "CC BY-SA 4.0"
    CC_BY_NC_4 = "cc-by-nc-4.0", "CC BY-NC 4.0"
    CC_BY_NC_ND_4 = "cc-by-nc-nd-4.0", "CC BY-NC-ND 4.0"


LICENCE_URLS = {
    Licence.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA_4: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC_4: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_ND_4: "https://creativecommons.org/licenses/by-nc-nd/4.0/",
}


class ReviewMethod(models.TextChoices):
    DOUBLE_ANONYMOUS = "double-anonymous", _("Double-anonymous")
    SINGLE_ANONYMOUS = "single-anonymous", _("Single-anonymous")
    OPEN = "open", _("Open")


class StaffTwoFactor(models.TextChoices):
    """Whether this journal's staff need an authenticator app."""

    SITE = "site", _("As the site decides")
    REQUIRED = "required", _("Required")
    OPTIONAL = "optional", _("Optional")


def validate_timezone(value: str) -> None:

    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone: %(tz)s") % {"tz": value})


class Journal(Translated, models.Model):
    title = models.CharField(_("title"), max_length=300)
    abbreviation = models.CharField(_("abbreviation"), max_length=50)
    slug = models.SlugField(_("slug"), unique=True)
    issn_print = models.CharField(
        _("print ISSN"), max_length=9, blank=True, validators=[validate_issn]
    )
    issn_online = models.CharField(
        _("online ISSN"), max_length=9, blank=True, validators=[validate_issn]
    )
    publisher = models.CharField(_("publisher"), max_length=300)
    publisher_place = models.CharField(
        _("publisher's place"), max_length=200, blank=True
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_address = models.TextField(_("contact address"), blank=True)
    description = models.TextField(_("description"), blank=True)
    description_translations = models.JSONField(
        _("description in other languages"), default=dict, blank=True
    )
    focus_and_scope = models.TextField(_("focus and scope"), blank=True)
    focus_and_scope_translations = models.JSONField(
        _("focus and scope in other languages"), default=dict, blank=True
    )
    author_guidelines = models.TextField(_("author guidelines"), blank=True)
    author_guidelines_translations = models.JSONField(
        _("author guidelines in other languages"), default=dict, blank=True
    )
    abstract_word_limit = models.PositiveIntegerField(
        _("abstract word limit"),
        null=True,
        blank=True,
        help_text=_("The most words an abstract may have; empty for no limit."),
    )
    default_licence = models.CharField(
        _("default licence"),
        max_length=32,
        choices=Licence.choices,
        default=Licence.CC_BY_4,
    )
    doi_prefix = models.CharField(_("DOI prefix"), max_length=50, blank=True)
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_timezone],
        help_text=_("For example Asia/Almaty; deadlines are stated in this zone."),
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        help_text=_("Language codes of the journal's metadata; the first is primary."),
    )
    review_method = models.CharField(
        _("review method"),
        max_length=32,
        choices=ReviewMethod.choices,
        default=ReviewMethod.DOUBLE_ANONYMOUS,
    )
    staff_two_factor = models.CharField(
        _("two-factor authentication for staff"),
        max_length=16,
        choices=StaffTwoFactor.choices,
        default=StaffTwoFactor.SITE,
        help_text=_(
            "Editors, section and production editors and managers of this journal "
            "reach no staff page without an authenticator app when it is required."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("journal")
        verbose_name_plural = _("journals")
        ordering = ["title"]

    def __str__(self):
        return self.title

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def primary_language(self) -> str:
        return self.languages[0] if self.languages else settings.LANGUAGE_CODE

    @property
    def language_list(self) -> list[str]:
        return list(self.languages) or [settings.LANGUAGE_CODE]

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.default_licence, "")

    def local_time(self, value):
        return timezone.localtime(value, self.tz)

    @property
    def requires_staff_two_factor(self) -> bool:
        """The journal's own choice, else the site's (STAFF_REQUIRE_TWO_FACTOR,
        on in production)."""
        if self.staff_two_factor == StaffTwoFactor.SITE:
            return bool(settings.STAFF_REQUIRE_TWO_FACTOR)
        return self.staff_two_factor == StaffTwoFactor.REQUIRED


class Section(Translated, models.Model):
    journal = models.ForeignKey(
        Journal, on_delete=models.CASCADE, related_name="sections"
    )
    title = models.CharField(_("title"), max_length=200)
    title_translations = models.JSONField(
        _("translated titles"), default=dict, blank=True
    )
    slug = models.SlugField(_("slug"))
    policy = models.TextField(_("policy"), blank=True)
    policy_translations = models.JSONField(
        _("policy in other languages"), default=dict, blank=True
    )
    peer_reviewed = models.BooleanField(_("peer reviewed"), default=True)
    word_limit = models.PositiveIntegerField(_("word limit"), null=True, blank=True)
    abstract_word_limit = models.PositiveIntegerField(
        _("abstract word limit"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the journal's limit."),
    )
    open_for_submissions = models.BooleanField(_("open for submissions"), default=True)
    article_type = models.CharField(
        _("JATS article type"), max_length=50, default="research-article"
    )
    review_method = models.CharField(
        _("review method"),
        max_length=32,
        choices=ReviewMethod.choices,
        blank=True,
        help_text=_("Leave empty to use the journal's method."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["journal", "order", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["journal", "slug"], name="section_slug_unique"
            )
        ]

    def __str__(self):
        # In the reader's language where the journal gave one.
        return self.title_in(get_language() or "")

    @property
    def display_title(self) -> str:
        """The title in the reader's language where the journal gave one."""
        return self.title_in(get_language() or "")

    @property
    def effective_review_method(self) -> str:
        return self.review_method or self.journal.review_method

    @property
    def effective_abstract_word_limit(self) -> int | None:
        return self.abstract_word_limit or self.journal.abstract_word_limit

    def title_in(self, language: str) -> str:
        return self.title_translations.get(language) or self.title


class Role(models.TextChoices):
    AUTHOR = "author", _("Author")
    REVIEWER = "reviewer", _("Reviewer")
    SECTION_EDITOR = "section-editor", _("Section editor")
    EDITOR = "editor", _("Editor")
    PRODUCTION_EDITOR = "production-editor", _("Production editor")
    MANAGER = "manager", _("Journal manager")


EDITORIAL_ROLES = (Role.EDITOR, Role.SECTION_EDITOR, Role.MANAGER)


class JournalRole(models.Model):
    """A person's role in one journal; a section editor may be tied to sections."""

    journal = models.ForeignKey(Journal, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_roles"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    sections = models.ManyToManyField(
        Section,
        blank=True,
        related_name="editor_roles",
        help_text=_("For section editors: the sections they handle. Empty means all."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("journal role")
        verbose_name_plural = _("journal roles")
        constraints = [
            models.UniqueConstraint(
                fields=["journal", "user", "role"], name="journal_role_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} ({self.journal.abbreviation})"


class CallForPapers(Translated, models.Model):
    journal = models.ForeignKey(Journal, on_delete=models.CASCADE, related_name="calls")
    title = models.CharField(_("title"), max_length=300)
    title_translations = models.JSONField(
        _("title in other languages"), default=dict, blank=True
    )
    slug = models.SlugField(_("slug"))
    description = models.TextField(_("description"), blank=True)
    description_translations = models.JSONField(
        _("description in other languages"), default=dict, blank=True
    )
    deadline = models.DateTimeField(
        _("deadline"), help_text=_("Entered and shown in the journal's time zone.")
    )
    is_special_issue = models.BooleanField(_("special issue"), default=False)
    guest_editors = models.CharField(_("guest editors"), max_length=500, blank=True)
    sections = models.ManyToManyField(Section, blank=True, related_name="calls")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("call for papers")
        verbose_name_plural = _("calls for papers")
        ordering = ["-deadline"]
        constraints = [
            models.UniqueConstraint(fields=["journal", "slug"], name="call_slug_unique")
        ]

    def __str__(self):
        return self.localised("title")

    def is_open(self, now=None) -> bool:
        return (now or timezone.now()) < self.deadline

    @property
    def local_deadline(self):
        return self.journal.local_time(self.deadline)


class EmailTemplate(models.Model):
    """A journal's own wording of one email in one language; overrides the files."""

    journal = models.ForeignKey(
        Journal, on_delete=models.CASCADE, related_name="email_templates"
    )
    key = models.CharField(_("email"), max_length=100)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(
        _("body"),
        help_text=_("Django template syntax; the same variables as the default."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("email template")
        verbose_name_plural = _("email templates")
        constraints = [
            models.UniqueConstraint(
                fields=["journal", "key", "language"], name="email_template_unique"
            )
        ]

    def __str__(self):
        return f"{self.key} [{self.language}]"


class TransitionLog(models.Model):
    """One row per transition of a state machine that has no log of its own
    (issues, articles, Crossref deposits): who moved what from where to where.

    Submissions and review assignments keep their own event tables, which their
    history pages read; every other machine logs here, written by
    journal.workflow.run_transition in the transaction of the change.
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    transition = models.CharField(max_length=40)
    from_state = models.CharField(max_length=32)
    to_state = models.CharField(max_length=32)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "created_at"],
                name="transition_log_object",
            )
        ]

    def __str__(self):
        return f"{self.transition}: {self.from_state} → {self.to_state}"


class BoardMember(Translated, models.Model):
    """One person on a journal's public editorial board, in the board's order.

    Kept apart from accounts and roles: a board lists people as the journal
    presents them (an honorary member may have no account here).
    """

    journal = models.ForeignKey(
        Journal, on_delete=models.CASCADE, related_name="board_members"
    )
    name = models.CharField(_("name"), max_length=200)
    name_translations = models.JSONField(
        _("name in other languages"), default=dict, blank=True
    )
    role = models.CharField(
        _("role on the board"),
        max_length=200,
        help_text=_("For example Editor-in-Chief, Associate Editor, Member."),
    )
    role_translations = models.JSONField(
        _("role in other languages"), default=dict, blank=True
    )
    affiliation = models.CharField(_("affiliation"), max_length=300, blank=True)
    affiliation_translations = models.JSONField(
        _("affiliation in other languages"), default=dict, blank=True
    )
    country = CountryField(_("country"), blank=True)
    orcid = models.CharField(
        _("ORCID iD"),
        max_length=19,
        blank=True,
        validators=[validate_orcid],
        help_text=_("Optional, for example 0000-0002-1825-0097."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("editorial board member")
        verbose_name_plural = _("editorial board")
        ordering = ["journal", "order", "pk"]

    def __str__(self):
        return self.localised("name")

    def save(self, *args, **kwargs):
        self.orcid = normalise_orcid(self.orcid)
        super().save(*args, **kwargs)

    @property
    def orcid_url(self) -> str:
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""


class Lease(models.Model):
    """A named piece of work held by one process until it is released or
    expires: a beat task's turn, the sending of one email or one deposit.

    Kept in the database every process shares, not in the cache, whose
    outage answers as if a key were stored (config.cache): a lease must
    refuse a second holder even then. Taken and checked with one conditional
    statement each (journal.leases), which PostgreSQL and SQLite alike
    apply atomically.
    """

    name = models.CharField(max_length=150, primary_key=True)
    holder = models.CharField(max_length=64)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("lease")
        verbose_name_plural = _("leases")

    def __str__(self):
        return f"{self.name} until {self.expires_at:%Y-%m-%d %H:%M:%S}"
