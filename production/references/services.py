"""Reading an article's references with their corrections, and correcting one."""

import re

from django.db import transaction
from django.utils.translation import gettext as _

from journal.errors import DomainError
from journal.rules import check_perm
from publishing.models import Article
from submissions.models import State

from ..models import ReferenceCorrection
from .parser import YEAR, Author, ParsedReference, find_doi, parse_reference

PUBLICATION_TYPES = ("journal", "book", "chapter", "web", "other")
EDITABLE_FIELDS = (
    "publication_type", "authors", "year", "title", "source", "volume", "issue",
    "first_page", "last_page", "publisher", "doi", "url",
)  # fmt: skip


def reference_lines(submission) -> list[str]:
    return [
        " ".join(line.split())
        for line in (submission.references or "").splitlines()
        if line.strip()
    ]


def _apply(ref: ParsedReference, fields: dict) -> ParsedReference:
    for name in EDITABLE_FIELDS:
        if name not in fields:
            continue
        if name == "authors":
            ref.authors = [_author(a) for a in fields["authors"] if a.strip()]
        else:
            setattr(ref, name, fields[name])
    return ref


def _author(display: str) -> Author:
    family, _sep, given = display.partition(",")
    return Author(family.strip(), given.strip())


def reference_rows(
    article: Article,
) -> list[tuple[ParsedReference, ReferenceCorrection | None]]:
    """Each reference, parsed, with the newest correction that applies to it
    (the reference still reads as corrected), or None. Two queries."""
    lines = reference_lines(article.submission)
    latest: dict[int, ReferenceCorrection] = {}
    corrections = ReferenceCorrection.objects.filter(article=article).select_related(
        "corrected_by"
    )
    for row in corrections:
        latest.setdefault(row.position, row)  # newest first
    rows: list[tuple[ParsedReference, ReferenceCorrection | None]] = []
    for position, line in enumerate(lines, start=1):
        ref = parse_reference(line)
        correction = latest.get(position)
        if correction is not None and correction.text == line:
            rows.append((_apply(ref, correction.fields), correction))
        else:
            rows.append((ref, None))
    return rows


def article_references(article: Article) -> list[ParsedReference]:
    """The article's references, parsed, corrections winning over the parser."""
    return [ref for ref, _correction in reference_rows(article)]


def _checked(values: dict) -> dict:
    fields: dict = {
        name: " ".join(str(values.get(name) or "").split())
        for name in EDITABLE_FIELDS
        if name != "authors"
    }
    fields["authors"] = [
        " ".join(a.split()) for a in values.get("authors") or [] if a.strip()
    ]
    if fields["publication_type"] not in PUBLICATION_TYPES:
        raise DomainError(_("Choose the kind of publication from the list."))
    if fields["year"] and not re.fullmatch(YEAR, fields["year"]):
        raise DomainError(
            _("“%(value)s” is not a year; write it as 2019 or 2019a.")
            % {"value": fields["year"]}
        )
    if fields["doi"]:
        doi = find_doi(fields["doi"])
        if not doi:
            raise DomainError(
                _("“%(value)s” is not a DOI; a DOI looks like 10.1234/abc.")
                % {"value": fields["doi"]}
            )
        fields["doi"] = doi
    if fields["url"] and not re.match(r"https?://\S+$", fields["url"]):
        raise DomainError(_("A link must start with http:// or https://."))
    for name in ("volume", "issue", "first_page", "last_page"):
        if len(fields[name]) > 32:
            raise DomainError(_("Volume, issue and pages are at most 32 characters."))
    return fields


def references_editable(article: Article) -> bool:
    return article.submission.state in (
        State.IN_PRODUCTION,
        State.READY_FOR_PUBLICATION,
    )


def reference_correct(
    *, article: Article, actor, position: int, values: dict
) -> ReferenceCorrection:
    """Record the production editor's reading of one reference (1-based
    `position`). `values` holds EDITABLE_FIELDS, `authors` as a list of
    "Family, Given" strings. Raises ActionNotAllowed without `production.run`
    on the submission, DomainError once the article has left production, DomainError for a position out of range or a value that
    is not what its field holds; nothing is saved then.
    """
    check_perm(
        actor,
        "production.run",
        article.submission,
        _("Only the production editors of this manuscript may correct its references."),
    )
    if not references_editable(article):
        raise DomainError(
            _(
                "References are corrected while the article is in production; "
                "this one is no longer."
            )
        )
    lines = reference_lines(article.submission)
    if not 1 <= position <= len(lines):
        raise DomainError(_("There is no reference number %(n)s.") % {"n": position})
    fields = _checked(values)
    with transaction.atomic():
        return ReferenceCorrection.objects.create(
            article=article,
            position=position,
            text=lines[position - 1],
            fields=fields,
            corrected_by=actor,
        )
