"""Email wording: a journal's own template in the database, else the files.

Each email is a trio of files under templates/emails/: KEY.subject.txt,
KEY.txt and KEY.html. A journal manager may override the subject and body per
language with an EmailTemplate row.
"""

from dataclasses import dataclass

from django.template import Context, Template
from django.template.loader import get_template, render_to_string
from django.utils.translation import override

from .models import EmailTemplate, Journal
from .user_content import html_without_unsafe_links


def _plain(name: str, context: dict) -> str:
    """A text template rendered as text: `"` stays `"`, not `&quot;`."""
    text = get_template(name).template.render(Context(context, autoescape=False))
    return "".join(text)  # plain text, no longer marked safe for HTML


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def email_render(
    key: str, *, journal: Journal | None, language: str, context: dict
) -> RenderedEmail:
    context = {"journal": journal, **context}
    with override(language):
        custom = None
        if journal is not None:
            custom = EmailTemplate.objects.filter(
                journal=journal, key=key, language=language
            ).first()
        if custom is not None:
            subject = Template(custom.subject).render(
                Context(context, autoescape=False)
            )
            text = Template(custom.body).render(Context(context, autoescape=False))
            # render() marks its result safe; the HTML part must escape it.
            text = "".join(text)
            html = render_to_string(
                "emails/_custom_body.html", {**context, "body": text}
            )
        else:
            subject = _plain(f"emails/{key}.subject.txt", context)
            text = _plain(f"emails/{key}.txt", context)
            html = render_to_string(f"emails/{key}.html", context)
    return RenderedEmail(
        " ".join(subject.split()), text.strip() + "\n", html_without_unsafe_links(html)
    )
