"""Forms of the submission pages. They parse input; the services decide."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from journal.models import User, split_keywords
from journal.selectors import calls_open, editors_of, sections_open

from .abstracts import abstract_limit, abstract_problems
from .models import Contributor, FileKind, ReviewerPreference, State, Submission

DRAFT_FILE_KINDS = [
    (FileKind.MANUSCRIPT.value, FileKind.MANUSCRIPT.label),
    (FileKind.ANONYMISED.value, FileKind.ANONYMISED.label),
    (FileKind.FIGURE.value, FileKind.FIGURE.label),
    (FileKind.SUPPLEMENTARY.value, FileKind.SUPPLEMENTARY.label),
    (FileKind.COVER_LETTER.value, FileKind.COVER_LETTER.label),
]


def language_name(code: str) -> str:
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


class StartForm(forms.Form):
    section = forms.ModelChoiceField(queryset=None, label=_("Section"))
    call = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Call for papers"),
        empty_label=_("— None: a regular submission —"),
    )
    language = forms.ChoiceField(label=_("Language of the manuscript"))

    def __init__(self, *args, journal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = sections_open(journal)
        self.fields["call"].queryset = calls_open(journal)
        self.fields["language"].choices = [
            (code, language_name(code)) for code in journal.language_list
        ]
        if not self.fields["call"].queryset.exists():
            del self.fields["call"]


class MetadataForm(forms.Form):
    """Title, abstract and keywords per journal language; the manuscript's required."""

    references = forms.CharField(
        label=_("References"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    funding = forms.CharField(
        label=_("Funding"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, submission: Submission, **kwargs):
        super().__init__(*args, **kwargs)
        self.submission = submission
        self.languages = submission.journal.language_list
        limit = abstract_limit(submission)
        primary = submission.language
        if primary in self.languages:
            self.languages = [primary] + [c for c in self.languages if c != primary]
        fields = {}
        for code in self.languages:
            name = language_name(code)
            required = code == primary
            fields[f"title_{code}"] = forms.CharField(
                label=_("Title (%(lang)s)") % {"lang": name},
                required=required,
                max_length=500,
                initial=submission.title_in(code),
                widget=forms.TextInput(attrs={"lang": code}),
            )
            fields[f"abstract_{code}"] = forms.CharField(
                label=_("Abstract (%(lang)s)") % {"lang": name},
                required=required,
                widget=forms.Textarea(attrs={"rows": 6, "lang": code}),
                initial=submission.abstract_in(code),
                help_text=_("At most %(limit)s words.") % {"limit": limit}
                if limit
                else "",
            )
            fields[f"keywords_{code}"] = forms.CharField(
                label=_("Keywords (%(lang)s)") % {"lang": name},
                required=required,
                help_text=_("Separate keywords with commas."),
                initial=", ".join(submission.keywords_in(code)),
                widget=forms.TextInput(attrs={"lang": code}),
            )
        self.fields = {**fields, **self.fields}
        self.fields["references"].initial = submission.references
        self.fields["funding"].initial = submission.funding

    def clean(self):
        cleaned = super().clean()
        abstracts = {c: cleaned.get(f"abstract_{c}", "") for c in self.languages}
        for code, message in abstract_problems(self.submission, abstracts).items():
            self.add_error(f"abstract_{code}", message)
        return cleaned

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "title": {c: data.get(f"title_{c}", "") for c in self.languages},
            "abstract": {c: data.get(f"abstract_{c}", "") for c in self.languages},
            "keywords": {
                c: split_keywords(data.get(f"keywords_{c}", "")) for c in self.languages
            },
            "references": data["references"],
            "funding": data["funding"],
        }


class ContributorForm(forms.ModelForm):
    class Meta:
        model = Contributor
        fields = [
            "given_name",
            "family_name",
            "email",
            "affiliation",
            "ror",
            "country",
            "orcid",
            "is_corresponding",
        ]
        help_texts = {"orcid": _("For example 0000-0002-1825-0097.")}


class FileUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of file"), choices=DRAFT_FILE_KINDS)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=300,
        help_text=_("Optional, e.g. “Figure 2: survey results”."),
    )
    file = forms.FileField(label=_("File"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.SUBMISSION_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("“%(name)s” is larger than the limit of %(limit)s MB.")
                % {"name": upload.name, "limit": f"{limit / 1048576:.0f}"}
            )
        return upload


class ReviewerPreferenceForm(forms.ModelForm):
    class Meta:
        model = ReviewerPreference
        fields = ["kind", "name", "email", "affiliation", "reason"]
        labels = {"kind": _("Suggest or oppose")}
        widgets = {"reason": forms.Textarea(attrs={"rows": 2})}


class DeclarationsForm(forms.Form):
    original = forms.BooleanField(
        required=False, label=Submission._meta.get_field("decl_original").verbose_name
    )
    ethics = forms.BooleanField(
        required=False, label=Submission._meta.get_field("decl_ethics").verbose_name
    )
    licence = forms.BooleanField(
        required=False, label=Submission._meta.get_field("decl_licence").verbose_name
    )
    competing_interests = forms.CharField(
        label=_("Competing interests"),
        required=False,
        help_text=_("Declare any competing interests, or write “None”."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    comments_to_editor = forms.CharField(
        label=_("Comments to the editor"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    @classmethod
    def initial_from(cls, submission: Submission) -> dict:
        return {
            "original": submission.decl_original,
            "ethics": submission.decl_ethics,
            "licence": submission.decl_licence,
            "competing_interests": submission.decl_competing_interests,
            "comments_to_editor": submission.comments_to_editor,
        }


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TransitionForm(forms.Form):
    """A workflow move from the editor's page; `seen_state` guards against races."""

    seen_state = forms.ChoiceField(choices=State.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AssignEditorForm(forms.Form):
    editor = forms.ModelChoiceField(queryset=None, label=_("Handling editor"))

    def __init__(self, *args, submission: Submission, **kwargs):
        super().__init__(*args, **kwargs)

        people = editors_of(submission.journal, submission.section)
        self.fields["editor"].queryset = User.objects.filter(
            pk__in=[p.pk for p in people]
        ).order_by("family_name", "given_name")
        self.fields["editor"].label_from_instance = lambda u: u.full_name or u.email


class DashboardFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All states"))]
        + [c for c in State.choices if c[0] != State.DRAFT],
    )
    section = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Section"), empty_label=_("All sections")
    )

    def __init__(self, *args, journal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = journal.sections.all()
