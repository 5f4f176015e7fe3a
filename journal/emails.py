"""Email wording: a journal's own template in the database, else the files.

Each email is a trio of files under templates/emails/: KEY.subject.txt,
KEY.txt and KEY.html. A journal manager may override the subject and body per
language with an EmailTemplate row.
"""

from dataclasses import dataclass

from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils.translation import override

from .models import EmailTemplate, Journal


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
            subject = Template(custom.subject).render(Context(context))
            text = Template(custom.body).render(Context(context, autoescape=False))
            html = render_to_string(
                "emails/_custom_body.html", {**context, "body": text}
            )
        else:
            subject = render_to_string(f"emails/{key}.subject.txt", context)
            text = render_to_string(f"emails/{key}.txt", context)
            html = render_to_string(f"emails/{key}.html", context)
    return RenderedEmail(" ".join(subject.split()), text.strip() + "\n", html)
