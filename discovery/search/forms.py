from django import forms
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django_countries import countries as country_names

from .selectors import FilterOptions, SearchParams, Sort


def _language_label(code: str) -> str:
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


class SearchForm(forms.Form):
    """The reader's query and filters, read from the URL.

    A filter value that is not among the choices is ignored (the rest of the
    search still runs); the reader's text is kept as typed.
    """

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("Title, author, keyword or any word in the text"),
                "autocomplete": "off",
            }
        ),
    )
    journal = forms.ChoiceField(label=_("Journal"), required=False)
    section = forms.TypedChoiceField(
        label=_("Section"), required=False, coerce=int, empty_value=None
    )
    year = forms.TypedChoiceField(
        label=_("Year"), required=False, coerce=int, empty_value=None
    )
    country = forms.ChoiceField(label=_("Author country"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            (Sort.RELEVANCE, _("Relevance")),
            (Sort.NEWEST, _("Newest first")),
            (Sort.OLDEST, _("Oldest first")),
        ],
    )

    def __init__(self, data=None, *, options: FilterOptions, journal=None):
        super().__init__(data)
        self.scoped_journal = journal
        anything = [("", _("Any"))]
        if journal is not None:
            del self.fields["journal"]
        else:
            self.fields["journal"].choices = [("", _("All journals"))] + list(
                options.journals
            )
        if options.sections:
            self.fields["section"].choices = anything + list(options.sections)
        else:
            del self.fields["section"]
        self.fields["year"].choices = anything + [(y, str(y)) for y in options.years]
        self.fields["country"].choices = anything + sorted(
            (
                (code, str(country_names.name(code) or code))
                for code in options.countries
            ),
            key=lambda item: item[1],
        )
        self.fields["language"].choices = anything + [
            (code, _language_label(code)) for code in options.languages
        ]

    def params(self, journals_by_slug) -> SearchParams:
        """What to search for; invalid filters dropped. `journals_by_slug` maps
        a slug to its journal (called only when a journal was chosen)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        journal = self.scoped_journal
        if journal is None and data.get("journal"):
            journal = journals_by_slug(data["journal"])
        return SearchParams(
            text=(self.data.get("q") or "")[:200] if self.is_bound else "",
            journal=journal,
            section_id=data.get("section") if journal is not None else None,
            year=data.get("year"),
            country=data.get("country") or "",
            language=data.get("language") or "",
            sort=data.get("sort") or Sort.RELEVANCE,
        )

    @property
    def has_filters(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(
            data.get(name)
            for name in ("journal", "section", "year", "country", "language")
        )
