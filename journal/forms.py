from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from .models import BoardMember, Journal
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

    @classmethod
    def for_user(cls, user, data=None):
        initial = {
            "given_name": user.given_name,
            "family_name": user.family_name,
            "affiliation": user.affiliation,
            "country": str(user.country or ""),
            "orcid": user.orcid,
            "preferred_language": user.preferred_language,
            "research_interests": user.research_interests,
        }
        return cls(data=data, initial=initial)


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
