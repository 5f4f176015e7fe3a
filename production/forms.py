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


class OptionalNoteForm(forms.Form):
    body = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
