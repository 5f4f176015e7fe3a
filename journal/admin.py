from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from .models import (
    BoardMember,
    CallForPapers,
    EmailTemplate,
    Journal,
    JournalRole,
    Section,
    User,
)
from .translations import TranslatedFieldsForm


class PersonCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "given_name", "family_name")


class PersonChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class JournalRoleInline(admin.TabularInline):
    model = JournalRole
    fk_name = "user"
    extra = 0
    fields = ("journal", "role", "sections")
    filter_horizontal = ("sections",)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = PersonChangeForm
    add_form = PersonCreationForm
    ordering = ("family_name", "given_name", "email")
    list_display = (
        "email",
        "given_name",
        "family_name",
        "affiliation",
        "country",
        "orcid",
        "is_staff",
        "is_active",
        "date_joined",
    )
    list_filter = (
        "is_staff",
        "is_superuser",
        "is_active",
        "preferred_language",
        "journal_roles__role",
        "journal_roles__journal",
        "country",
    )
    search_fields = ("email", "given_name", "family_name", "affiliation", "orcid")
    readonly_fields = ("orcid_authenticated", "last_login", "date_joined")
    inlines = [JournalRoleInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Person"),
            {
                "fields": (
                    "given_name",
                    "family_name",
                    "affiliation",
                    "country",
                    "orcid",
                    "orcid_authenticated",
                    "preferred_language",
                    "research_interests",
                )
            },
        ),
        (
            _("Permissions"),
            {
                "classes": ("collapse",),
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ),
            },
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "given_name",
                    "family_name",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )

    def save_model(self, request, obj, form, change):
        if change and "orcid" in form.changed_data:
            # Only ORCID sign-in confirms an iD; one typed here is not.
            obj.orcid_authenticated = False
        super().save_model(request, obj, form, change)

    def get_inlines(self, request, obj):
        # Roles are given once the person exists.
        return self.inlines if obj is not None else []

    def get_queryset(self, request):
        # The list filter on roles joins JournalRole; distinct keeps one row a person.
        return super().get_queryset(request).distinct()


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    fields = (
        "title",
        "slug",
        "order",
        "peer_reviewed",
        "open_for_submissions",
        "word_limit",
        "abstract_word_limit",
        "review_method",
    )
    prepopulated_fields = {"slug": ("title",)}


@admin.register(Journal)
class JournalAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "abbreviation",
        "slug",
        "issn_online",
        "issn_print",
        "timezone",
        "review_method",
        "is_active",
    )
    list_filter = ("is_active", "review_method", "default_licence")
    search_fields = ("title", "abbreviation", "slug", "issn_online", "issn_print")
    prepopulated_fields = {"slug": ("abbreviation",)}
    inlines = [SectionInline]

    fieldsets = (
        (
            None,
            {"fields": ("title", "abbreviation", "slug", "is_active", "description")},
        ),
        (
            _("Identifiers and publisher"),
            {
                "fields": (
                    "issn_online",
                    "issn_print",
                    "doi_prefix",
                    "publisher",
                    "publisher_place",
                    "contact_email",
                    "contact_address",
                )
            },
        ),
        (
            _("Policies"),
            {
                "fields": (
                    "focus_and_scope",
                    "author_guidelines",
                    "abstract_word_limit",
                    "default_licence",
                    "review_method",
                    "languages",
                    "timezone",
                )
            },
        ),
    )


class SectionForm(TranslatedFieldsForm):
    translated_fields = ("title", "policy")

    class Meta:
        model = Section
        exclude = ("title_translations", "policy_translations")


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    form = SectionForm
    list_display = (
        "title",
        "journal",
        "order",
        "peer_reviewed",
        "open_for_submissions",
        "word_limit",
        "review_method",
    )
    list_filter = ("journal", "peer_reviewed", "open_for_submissions")
    list_select_related = ("journal",)
    search_fields = ("title", "slug", "journal__title")
    prepopulated_fields = {"slug": ("title",)}


@admin.register(JournalRole)
class JournalRoleAdmin(admin.ModelAdmin):
    list_display = ("user", "user_email", "journal", "role", "created_at")
    list_filter = ("journal", "role")
    list_select_related = ("user", "journal")
    search_fields = ("user__email", "user__given_name", "user__family_name")
    autocomplete_fields = ("user",)
    filter_horizontal = ("sections",)

    @admin.display(description=_("email"), ordering="user__email")
    def user_email(self, obj):
        return obj.user.email


class CallForPapersForm(TranslatedFieldsForm):
    """The deadline is typed and shown as the journal's wall-clock time.

    Django's form fields read a naive time in the site's zone (UTC); this form
    re-reads the same wall-clock time in the journal's zone before saving, and
    shows a stored deadline converted back to it.
    """

    translated_fields = ("title", "description")

    class Meta:
        model = CallForPapers
        fields = (
            "journal",
            "title",
            "slug",
            "description",
            "deadline",
            "is_special_issue",
            "guest_editors",
            "sections",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.deadline:
            self.initial["deadline"] = timezone.make_naive(
                self.instance.deadline, self.instance.journal.tz
            )
        self.fields["deadline"].help_text = _(
            "Date and time in the journal's time zone (for example Asia/Almaty): "
            "submissions are accepted until this moment."
        )

    def clean(self):
        cleaned = super().clean()
        journal = cleaned.get("journal")
        deadline = cleaned.get("deadline")
        if journal is not None and deadline is not None:
            wall_clock = timezone.make_naive(deadline, timezone.get_current_timezone())
            cleaned["deadline"] = timezone.make_aware(wall_clock, journal.tz)
        return cleaned


@admin.register(CallForPapers)
class CallForPapersAdmin(admin.ModelAdmin):
    form = CallForPapersForm
    list_display = (
        "title",
        "journal",
        "local_deadline_display",
        "is_open_now",
        "is_special_issue",
    )
    list_filter = ("journal", "is_special_issue")
    list_select_related = ("journal",)
    search_fields = ("title", "slug", "description", "guest_editors")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("sections",)
    date_hierarchy = "deadline"

    @admin.display(description=_("deadline (journal's time)"), ordering="deadline")
    def local_deadline_display(self, obj):
        local = obj.local_deadline
        return (
            f"{formats.date_format(local, 'DATETIME_FORMAT')} ({obj.journal.timezone})"
        )

    @admin.display(description=_("open"), boolean=True)
    def is_open_now(self, obj):
        return obj.is_open()


@admin.register(EmailTemplate)
class EmailTemplateAdmin(admin.ModelAdmin):
    list_display = ("key", "language", "journal", "subject", "updated_at")
    list_filter = ("journal", "language", "key")
    list_select_related = ("journal",)
    search_fields = ("key", "subject", "body")


@admin.register(BoardMember)
class BoardMemberAdmin(admin.ModelAdmin):
    list_display = ("name", "role", "journal", "order")
    list_filter = ("journal",)
    list_select_related = ("journal",)
    search_fields = ("name", "affiliation", "orcid")
