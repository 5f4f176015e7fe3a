"""Forms of the production pages. They parse input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CopyeditUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Copyedited manuscript (DOCX or ODT)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.odt"}),
    )
    note = forms.CharField(
        label=_("Note or queries for the author"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TypesetPDFForm(forms.Form):
    file = forms.FileField(
        label=_("Typeset PDF"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ProxyApprovalForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you approve for the author"),
        help_text=_("Kept in the log and shown to the author."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OptionalNoteForm(forms.Form):
    body = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReopenForm(forms.Form):
    body = forms.CharField(
        label=_("What needs correcting"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReferenceForm(forms.Form):
    """One reference in parts, as the production editor reads it."""

    publication_type = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            ("journal", _("Journal article")),
            ("book", _("Book")),
            ("chapter", _("Book chapter")),
            ("web", _("Web page")),
            ("other", _("Other")),
        ],
    )
    authors = forms.CharField(
        label=_("Authors"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line: Family, Given."),
    )
    year = forms.CharField(label=_("Year"), required=False, max_length=8)
    title = forms.CharField(label=_("Title"), required=False, max_length=1000)
    source = forms.CharField(label=_("Journal or book"), required=False, max_length=500)
    volume = forms.CharField(label=_("Volume"), required=False, max_length=32)
    issue = forms.CharField(label=_("Issue"), required=False, max_length=32)
    first_page = forms.CharField(label=_("First page"), required=False, max_length=32)
    last_page = forms.CharField(label=_("Last page"), required=False, max_length=32)
    publisher = forms.CharField(label=_("Publisher"), required=False, max_length=300)
    doi = forms.CharField(label=_("DOI"), required=False, max_length=300)
    url = forms.CharField(label=_("Link"), required=False, max_length=2000)

    @classmethod
    def for_reference(cls, ref, data=None, prefix=None):
        initial = {
            name: getattr(ref, name) for name in cls.base_fields if name != "authors"
        }
        initial["authors"] = "\n".join(a.display for a in ref.authors)
        return cls(data=data, initial=initial, prefix=prefix)

    def values(self) -> dict:
        values = dict(self.cleaned_data)
        values["authors"] = [
            line for line in values["authors"].splitlines() if line.strip()
        ]
        return values
