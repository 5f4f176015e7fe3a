from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


class ImportUploadForm(forms.Form):
    issues_file = forms.FileField(
        label=_("Issues export (OJS Native XML)"),
        help_text=_(
            "In OJS: Tools → Import/Export → Native XML Plugin → Export Issues. "
            "Galleys must be embedded in the export."
        ),
    )
    users_file = forms.FileField(
        label=_("Users export (optional)"),
        required=False,
        help_text=_("In OJS: Tools → Import/Export → Users XML Plugin."),
    )
    ojs_path = forms.CharField(
        label=_("The journal's path in OJS"),
        required=False,
        max_length=100,
        validators=[
            RegexValidator(r"^[\w.-]+$", _("Letters, digits, dots and hyphens."))
        ],
        help_text=_(
            "The part after index.php/ in the old addresses; old links are redirected "
            "here. Leave empty to use this journal's short name."
        ),
    )
