from django import template
from django.utils.html import format_html

from ..display import AUTHOR_EVENT_WORDS, BADGE_CLASSES
from ..models import State

register = template.Library()


@register.simple_tag
def state_badge(state: str):
    try:
        label = State(state).label
    except ValueError:
        label = state
    return format_html(
        '<span class="badge state-badge {}">{}</span>',
        BADGE_CLASSES.get(state, "text-bg-secondary"),
        label,
    )


@register.filter
def author_words(state: str) -> str:
    return AUTHOR_EVENT_WORDS.get(state, "")


@register.filter
def in_language(value: dict, language: str):
    """A value of a {language: ...} JSON field."""
    return (value or {}).get(language, "")
