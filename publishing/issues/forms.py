import re

from django import forms
from django.utils.translation import gettext_lazy as _

from publishing.models import JournalPublishingSettings

from ..citations.styles import available_styles
from ..models import Issue, Volume


class VolumeForm(forms.ModelForm):
    class Meta:
        model = Volume
        fields = ["number", "year", "title"]


class IssueForm(forms.ModelForm):
    class Meta:
        model = Issue
        fields = [
            "volume",
            "number",
            "year",
            "title",
            "description",
            "cover_image",
            "is_special",
            "guest_editors",
            "call",
        ]
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
    article = forms.IntegerField(widget=forms.HiddenInput)


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

    def clean_crossmark_policy_doi(self):
        value = self.cleaned_data["crossmark_policy_doi"].strip()
        for prefix in ("https://doi.org/", "http://doi.org/", "doi:"):
            if value.lower().startswith(prefix):
                value = value[len(prefix) :]
        if value and not re.fullmatch(r"10\.\d{4,9}/\S+", value):
            raise forms.ValidationError(
                _("Enter a DOI such as 10.12345/journal.policy.")
            )
        return value
