from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from .models import BoardMember, CallForPapers, Journal, Section, StaffTwoFactor
from .services import user_update_profile
from .translations import TranslatedFieldsForm
from .validators import normalise_orcid, validate_orcid

ORCID_HELP = _(
    "Optional, for example 0000-0002-1825-0097 or https://orcid.org/0000-0002-1825-0097."
)


class PersonDetailsForm(forms.Form):
    """Who a person is, as shown to editors and printed with their articles."""

    given_name = forms.CharField(
        label=_("Given name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    family_name = forms.CharField(
        label=_("Family name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    affiliation = forms.CharField(
        label=_("Affiliation"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    country = LazyTypedChoiceField(
        label=_("Country"), choices=[("", "—")] + list(countries), required=False
    )
    orcid = forms.CharField(
        label=_("ORCID iD"),
        max_length=60,
        required=False,
        help_text=ORCID_HELP,
    )

    def clean_orcid(self):
        value = normalise_orcid(self.cleaned_data.get("orcid", ""))
        if value:
            validate_orcid(value)
        return value


class SignupProfileForm(PersonDetailsForm):
    """The profile fields asked for at registration, beside email and password."""

    def signup(self, request, user):
        # Only the fields the form shows: sign-up with ORCID has no iD field,
        # the iD comes confirmed from ORCID.
        user_update_profile(
            user=user,
            actor=user,
            **{
                field: self.cleaned_data.get(field, "")
                for field in (
                    "given_name",
                    "family_name",
                    "affiliation",
                    "country",
                    "orcid",
                )
                if field in self.fields
            },
        )


class ProfileForm(PersonDetailsForm):
    """A person's own details on the profile page."""

    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=settings.LANGUAGES,
        help_text=_("Pages and emails reach you in this language."),
    )
    research_interests = forms.CharField(
        label=_("Research interests"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Keywords separated by commas, for example: meritocracy, e-government. "
            "Editors use them to find reviewers."
        ),
    )

    def __init__(self, *args, kept_names=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The name in each interface language; names in others are kept.
        self.kept_names = dict(kept_names or {})
        for code, language in settings.LANGUAGES:
            self.fields[f"given_name_{code}"] = forms.CharField(
                label=_("Given name (%(language)s)") % {"language": language},
                max_length=150,
                required=False,
                help_text=_("If it is written differently in this language."),
            )
            self.fields[f"family_name_{code}"] = forms.CharField(
                label=_("Family name (%(language)s)") % {"language": language},
                max_length=150,
                required=False,
            )

    def name_fields(self):
        return [
            (self[f"given_name_{code}"], self[f"family_name_{code}"])
            for code, _language in settings.LANGUAGES
        ]

    def clean(self):
        cleaned = super().clean()
        names = {
            k: v
            for k, v in self.kept_names.items()
            if k not in dict(settings.LANGUAGES)
        }
        for code, _language in settings.LANGUAGES:
            given = cleaned.pop(f"given_name_{code}", "")
            family = cleaned.pop(f"family_name_{code}", "")
            if given or family:
                names[code] = {"given": given, "family": family}
        cleaned["name_translations"] = names
        return cleaned

    @classmethod
    def for_user(cls, user, data=None):
        names = user.name_translations or {}
        initial = {
            "given_name": user.given_name,
            "family_name": user.family_name,
            "affiliation": user.affiliation,
            "country": str(user.country or ""),
            "orcid": user.orcid,
            "preferred_language": user.preferred_language,
            "research_interests": user.research_interests,
        }
        for code, _language in settings.LANGUAGES:
            initial[f"given_name_{code}"] = names.get(code, {}).get("given", "")
            initial[f"family_name_{code}"] = names.get(code, {}).get("family", "")
        return cls(data=data, initial=initial, kept_names=names)


class JournalSettingsForm(TranslatedFieldsForm):
    """The journal's texts for readers and authors, in each site language."""

    translated_fields = ("description", "focus_and_scope", "author_guidelines")

    class Meta:
        model = Journal
        fields = [
            "description",
            "focus_and_scope",
            "author_guidelines",
            "abstract_word_limit",
        ]
        help_texts = {
            "focus_and_scope": _(
                "Markdown: a line starting with “- ” is a list item; an empty "
                "line starts a new paragraph."
            ),
        }


class BoardMemberForm(TranslatedFieldsForm):
    translated_fields = ("name", "role", "affiliation")
    # Longer than the stored iD: the orcid.org address is accepted too.
    orcid = forms.CharField(
        label=_("ORCID iD"), max_length=60, required=False, help_text=ORCID_HELP
    )

    class Meta:
        model = BoardMember
        fields = ["name", "role", "affiliation", "country", "orcid"]

    def clean_orcid(self):
        value = normalise_orcid(self.cleaned_data.get("orcid", ""))
        if value:
            validate_orcid(value)
        return value


class CallForm(TranslatedFieldsForm):
    """A call for papers on the journal's settings page. The deadline is typed
    and shown as the journal's wall-clock time (as in the admin's form)."""

    translated_fields = ("title", "description")

    class Meta:
        model = CallForPapers
        fields = [
            "title",
            "slug",
            "description",
            "deadline",
            "is_special_issue",
            "guest_editors",
            "sections",
        ]
        widgets = {
            # A datetime-local input reads only ISO values, never the language's.
            "deadline": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "sections": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, journal, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.journal = journal
        self.fields["sections"].queryset = journal.sections.all()
        if self.instance.pk and self.instance.deadline:
            self.initial["deadline"] = timezone.make_naive(
                self.instance.deadline, journal.tz
            )
        self.fields["deadline"].help_text = _(
            "Date and time in the journal's time zone (%(tz)s): submissions are "
            "accepted until this moment."
        ) % {"tz": journal.timezone}

    def clean(self):
        cleaned = super().clean()
        deadline = cleaned.get("deadline")
        if deadline is not None:
            wall_clock = timezone.make_naive(deadline, timezone.get_current_timezone())
            cleaned["deadline"] = timezone.make_aware(
                wall_clock, self.instance.journal.tz
            )
        return cleaned


class SectionTextsForm(TranslatedFieldsForm):
    """A section's title, policy and limits on the journal's settings page."""

    translated_fields = ("title", "policy")

    class Meta:
        model = Section
        fields = [
            "title",
            "policy",
            "word_limit",
            "abstract_word_limit",
            "open_for_submissions",
        ]


class StaffTwoFactorForm(forms.Form):
    """A journal manager's choice: do this journal's staff need an
    authenticator app before any staff page?"""

    policy = forms.TypedChoiceField(
        label=_("Two-factor authentication for staff"),
        choices=StaffTwoFactor.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Editors, section and production editors and managers of this "
            "journal reach no staff page without an authenticator app when it "
            "is required."
        ),
    )
