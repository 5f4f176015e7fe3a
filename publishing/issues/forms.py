import re

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from journal.translations import TranslatedFieldsForm
from publishing.models import JournalPublishingSettings

from ..citations.styles import available_styles
from ..covers import CoverImageField
from ..models import Issue, Volume


class VolumeForm(forms.ModelForm):
    class Meta:
        model = Volume
        fields = ["number", "year", "title"]


class IssueForm(TranslatedFieldsForm):
    translated_fields = ("title", "description")

    class Meta:
        model = Issue
        fields = [
            "volume",
            "number",
            "year",
            "title",
            "description",
            "cover_image",
            "cover_alt",
            "is_special",
            "guest_editors",
            "call",
        ]
        field_classes = {"cover_image": CoverImageField}
        help_texts = {"cover_image": _("PNG, JPEG or WebP, at most 5 MB.")}
        labels = {"volume": _("Volume"), "call": _("Call for papers")}

    def __init__(self, *args, journal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volume"].queryset = journal.volumes.all()
        self.fields["call"].queryset = journal.calls.all()
        self.fields["call"].required = False


class PaginationForm(forms.Form):
    first_page = forms.CharField(label=_("First page"), max_length=20, required=False)
    last_page = forms.CharField(label=_("Last page"), max_length=20, required=False)
    elocation_id = forms.CharField(
        label=_("Article number"), max_length=40, required=False
    )


class ScheduleForm(forms.Form):
    when = forms.DateTimeField(
        label=_("Publish at (the journal's time zone)"),
        # A datetime-local input reads only ISO values, never the language's format.
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
    )


class AssignForm(forms.Form):
    article = forms.IntegerField(
        widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("What changed and why"), widget=forms.Textarea(attrs={"rows": 3})
    )


class RetractForm(forms.Form):
    notice = forms.CharField(
        label=_("Retraction notice"), widget=forms.Textarea(attrs={"rows": 4})
    )


class PublishingSettingsForm(forms.ModelForm):
    class Meta:
        model = JournalPublishingSettings
        fields = [
            "article_doi_pattern",
            "issue_doi_pattern",
            "depositor_name",
            "depositor_email",
            "doaj_listed",
            "crossmark_policy_doi",
            "citation_style",
        ]

    def clean_citation_style(self):
        value = self.cleaned_data["citation_style"].strip()
        if value.endswith(".csl"):
            value = value[:-4]
        if value and value not in available_styles():
            raise forms.ValidationError(
                _("There is no CSL style named %(name)s.") % {"name": value}
            )
        return value

    def __init__(self, *args, policy_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if policy_url:
            self.fields["crossmark_policy_doi"].help_text = _(
                "This journal's update policy page is %(url)s. Register a DOI "
                "for it with Crossref (deposit it like an article's) and enter "
                "it here: the policy DOI must resolve to this page. With it, "
                "deposits carry Crossmark, and corrections and retractions are "
                "deposited as updates."
            ) % {"url": policy_url}
        # The policy page's text in each language of the site, stored together
        # as {"en": ..., "ru": ...}.
        written = self.instance.update_policy or {}
        order = list(self.fields)
        at = order.index("crossmark_policy_doi") + 1
        for code, _name in settings.LANGUAGES:
            name = f"update_policy_{code}"
            self.fields[name] = forms.CharField(
                label=_("Update policy (%(lang)s)")
                % {"lang": get_language_info(code)["name_translated"]},
                required=False,
                initial=written.get(code, ""),
                help_text=_(
                    "How the journal handles corrections, retractions, "
                    "expressions of concern and new versions. Left empty, "
                    "the page shows a standard text."
                ),
                widget=forms.Textarea(attrs={"rows": 6, "lang": code}),
            )
            order.insert(at, name)
            at += 1
        self.order_fields(order)

    def clean_crossmark_policy_doi(self):
        value = self.cleaned_data["crossmark_policy_doi"].strip()
        for prefix in (
            "https://doi.org/",
            "http://doi.org/",
            "https://dx.doi.org/",
            "http://dx.doi.org/",
            "doi.org/",
            "doi:",
        ):
            if value.lower().startswith(prefix):
                value = value[len(prefix) :].strip()
                break
        # What Crossref's schema takes (doi_t), without spaces.
        if value and not re.fullmatch(r"10\.[0-9]{4,9}/\S{1,200}", value, re.ASCII):
            raise forms.ValidationError(
                _("Enter a DOI such as 10.12345/journal.policy.")
            )
        return value

    def clean(self):
        cleaned = super().clean()
        self.instance.update_policy = {
            code: text.strip()
            for code, _name in settings.LANGUAGES
            if (text := cleaned.get(f"update_policy_{code}") or "").strip()
        }
        return cleaned
