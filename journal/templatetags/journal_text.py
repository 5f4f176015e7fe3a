"""Texts a journal writes, in the reader's language and as written:

{% load journal_text %}
{{ journal|localised:"focus_and_scope"|rich_text }}
"""

from django import template
from django.utils.safestring import mark_safe

from journal.rich_text import rich_text_html

register = template.Library()


@register.filter
def rich_text(value) -> str:
    """Markdown or simple HTML with lists and paragraphs kept, cleaned by nh3."""
    return mark_safe(rich_text_html(str(value or "")))  # noqa: S308 - cleaned


@register.filter
def localised(obj, field: str) -> str:
    """`obj.<field>` in the reader's language where the journal gave one."""
    if obj is None:
        return ""
    if hasattr(obj, "localised"):
        return obj.localised(field)
    return getattr(obj, field, "") or ""
