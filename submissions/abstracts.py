"""The abstract word limit: the section's, else the journal's (none when
neither sets one). The metadata form shows the count on the field, the
service refuses a longer abstract, and the wizard lists it as unfinished when
a section with a lower limit is chosen afterwards."""

import re

from django.utils.translation import gettext as _

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def word_count(text: str) -> int:
    """Words as a reader counts them: hyphenated and apostrophe words are one."""
    return len(_WORD.findall(text or ""))


def abstract_limit(submission) -> int | None:
    section = submission.section
    if section is not None:
        return section.effective_abstract_word_limit
    return submission.journal.abstract_word_limit


def too_long_message(count: int, limit: int) -> str:
    return _(
        "The abstract has %(count)s words; the limit is %(limit)s. "
        "Shorten it by %(over)s."
    ) % {"count": count, "limit": limit, "over": count - limit}


def abstract_problems(submission, abstract: dict) -> dict[str, str]:
    """{language: message} for each abstract over the limit."""
    limit = abstract_limit(submission)
    if not limit:
        return {}
    problems = {}
    for language, text in abstract.items():
        count = word_count(text)
        if count > limit:
            problems[language] = too_long_message(count, limit)
    return problems
