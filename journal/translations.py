"""Texts kept in more than one language, the way section titles are: the
field holds the text in the site's default language (English) and
`<field>_translations` a JSON object of the others, `{"ru": "..."}`.

Models mix in `Translated` and read `obj.localised("description")` (the
reader's language, falling back to English); templates use
`{{ obj|localised:"description" }}` (`{% load journal_text %}`). Forms mix in
`TranslatedFieldsForm` and list `translated_fields`: each gets one extra
field per other language, `description_ru`, saved into the JSON object.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def other_languages() -> list[tuple[str, str]]:
    """The site's languages besides the default one: (code, name)."""
    return [(c, n) for c, n in settings.LANGUAGES if c != settings.LANGUAGE_CODE]


class Translated:
    """For models with `<field>_translations` JSON fields beside `<field>`."""

    def localised(self, field: str, language: str | None = None) -> str:
        language = language if language is not None else (get_language() or "")
        translations = getattr(self, f"{field}_translations", None) or {}
        return translations.get(language) or getattr(self, field) or ""


class TranslatedFieldsForm(forms.ModelForm):
    """A ModelForm that edits `<field>_translations` as one field per language."""

    translated_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.translated_fields:
            base = self.fields.get(name)
            if base is None:
                continue
            stored = getattr(self.instance, f"{name}_translations", None) or {}
            for code, language in other_languages():
                field = forms.CharField(
                    label=format_lazy("{} ({})", base.label, language),
                    required=False,
                    max_length=getattr(base, "max_length", None),
                    widget=base.widget.__class__(attrs=dict(base.widget.attrs)),
                    help_text=_("Shown to readers who chose this language."),
                )
                self.fields[f"{name}_{code}"] = field
                self.initial.setdefault(f"{name}_{code}", stored.get(code, ""))
        if self.translated_fields:
            self.order_fields(self._field_order())

    def _field_order(self) -> list[str]:
        extra = {
            f"{t}_{c}" for t in self.translated_fields for c, _n in other_languages()
        }
        order = []
        for name in self.fields:
            if name in extra:
                continue
            order.append(name)
            if name in self.translated_fields:
                order.extend(f"{name}_{c}" for c, _n in other_languages())
        return order

    def _post_clean(self):
        super()._post_clean()
        for name in self.translated_fields:
            if name not in self.fields:
                continue
            stored = dict(getattr(self.instance, f"{name}_translations", None) or {})
            for code, _language in other_languages():
                value = (self.cleaned_data.get(f"{name}_{code}") or "").strip()
                if value:
                    stored[code] = value
                else:
                    stored.pop(code, None)
            setattr(self.instance, f"{name}_translations", stored)
