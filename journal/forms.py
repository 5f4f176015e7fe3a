from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from .validators import normalise_orcid, validate_orcid


class SignupProfileForm(forms.Form):
    """The profile fields asked for at registration, beside email and password."""

    given_name = forms.CharField(label=_("Given name"), max_length=150)
    family_name = forms.CharField(
        label=_("Family name"), max_length=150, required=False
    )
    affiliation = forms.CharField(
        label=_("Affiliation"), max_length=300, required=False
    )
    country = LazyTypedChoiceField(
        label=_("Country"), choices=[("", "—")] + list(countries), required=False
    )
    orcid = forms.CharField(
        label=_("ORCID iD"),
        max_length=40,
        required=False,
        help_text=_("Optional, for example 0000-0002-1825-0097."),
    )

    def clean_orcid(self):
        value = normalise_orcid(self.cleaned_data.get("orcid", ""))
        if value:
            validate_orcid(value)
        return value

    def signup(self, request, user):
        for field in ("given_name", "family_name", "affiliation", "country", "orcid"):
            setattr(user, field, self.cleaned_data.get(field, ""))
        user.save()
