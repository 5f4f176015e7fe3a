"""Create the demo journal, its people and its manuscripts; safe to run again.

Everything is looked up by a stable key (journal and section slugs, email
addresses, a submission's submitter and English title) and created only when
missing, so a second run changes nothing. Manuscripts go through the same
services as the site, so they are in states the workflow can reach.
"""

import calendar
import functools
from dataclasses import dataclass
from datetime import datetime, time

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from discovery.search.services import search_reindex
from journal.models import BoardMember, CallForPapers, Journal, Role, Section, User
from journal.services import role_grant
from publishing.models import Article
from submissions.models import FileKind, Submission
from submissions.services import (
    contributor_add_submitter,
    contributor_save,
    submission_assign_editor,
    submission_create,
    submission_file_upload,
    submission_submit,
    submission_transition,
    submission_update_declarations,
    submission_update_metadata,
)

from . import content
from .archive import articles_bulk_create
from .manuscript import REFERENCES, manuscript_docx
from .pipeline import complete_articles_possible, complete_articles_seed
from .submissions import COMPLETE, SUBMISSIONS

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ARCHIVE_EMAIL = f"editorial-office@{content.EMAIL_DOMAIN}"
ARCHIVE_SIZE = 24
# Reviewers besides the reviewer login, from the authors' pool.
EXTRA_REVIEWERS = ("collins", "kim", "sargsyan", "ganbold")


@dataclass(frozen=True)
class Login:
    label: str
    email: str


def demo_journal() -> Journal | None:
    return Journal.objects.filter(slug=content.JOURNAL["slug"]).first()


def demo_seed(*, complete: bool = True) -> tuple[Journal, list[Login]]:
    """Create whatever of the demo is missing. Returns the journal and the logins.

    With `complete`, a few manuscripts are also taken through review, production
    (JATS, HTML and PDF) and publication in an issue of the current year; that
    needs the JATS schema (settings.SCHEMAS_DIR) and is skipped without it.
    """
    journal, sections, people = demo_people_seed()
    call = _call(journal, sections)
    for spec in SUBMISSIONS:
        _submission(journal, sections, call, people, spec)
    if not Article.objects.filter(journal=journal).exists():
        articles_bulk_create(
            journal=journal, submitter=archive_account(), count=ARCHIVE_SIZE, seed=2013
        )
        # Bulk inserts skip the signals that keep the search index current.

        search_reindex(journal=journal)
    if complete and complete_articles_possible():
        for spec in COMPLETE:
            _submission(journal, sections, call, people, {**spec, "steps": ["submit"]})
        complete_articles_seed(
            journal=journal, people=people, specs=COMPLETE, upload=_upload
        )
    logins = [Login(spec["label"], spec["email"]) for spec in content.STAFF]
    return journal, logins


def demo_people_seed() -> tuple[Journal, dict[str, Section], dict[str, User]]:
    """Only the journal, its sections and its people with their roles: what a
    walk through the workflow needs, without manuscripts or a back catalogue.
    Returns the journal, the sections by slug and the people by key."""
    journal = _journal()
    sections = _sections(journal)
    _board(journal)
    people = {spec["key"]: _person(spec) for spec in content.STAFF + content.AUTHORS}
    for spec in content.STAFF:
        for role in spec.get("roles", []):
            role_grant(
                journal=journal,
                user=people[spec["key"]],
                role=role,
                sections=[sections[s] for s in spec.get("sections", [])],
            )
    for key in EXTRA_REVIEWERS:
        role_grant(journal=journal, user=people[key], role=Role.REVIEWER)
    return journal, sections, people


def archive_account() -> User:
    """The editorial office owns back-catalogue submissions; it cannot log in."""
    user, created = User.objects.get_or_create(
        email=ARCHIVE_EMAIL,
        defaults={
            "given_name": "Editorial",
            "family_name": "Office",
            "affiliation": content.JOURNAL["publisher"],
            "country": "KZ",
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _journal() -> Journal:
    fields = dict(content.JOURNAL)
    slug = fields.pop("slug")
    journal = Journal.objects.filter(slug=slug).first()
    if journal is None:
        journal = Journal(slug=slug, **fields)
        journal.full_clean()
        journal.save()
    return journal


def _board(journal: Journal) -> None:
    if journal.board_members.exists():
        return
    for order, spec in enumerate(content.BOARD, start=1):
        member = BoardMember(journal=journal, order=order, **spec)
        member.full_clean()
        member.save()


def _sections(journal: Journal) -> dict[str, Section]:
    sections = {}
    for spec in content.SECTIONS:
        fields = dict(spec)
        slug = fields.pop("slug")
        sections[slug], _ = Section.objects.get_or_create(
            journal=journal, slug=slug, defaults=fields
        )
    return sections


def _person(spec: dict) -> User:

    user = User.objects.filter(email=spec["email"]).first()
    if user is None:
        user = User(
            email=spec["email"],
            given_name=spec["given_name"],
            family_name=spec["family_name"],
            affiliation=spec.get("affiliation", ""),
            country=spec.get("country", ""),
            orcid=spec.get("orcid", ""),
            preferred_language=spec.get("preferred_language", "en"),
            research_interests=spec.get("interests", ""),
            is_staff=spec.get("superuser", False),
            is_superuser=spec.get("superuser", False),
        )
        user.password = _password_hash()
        user.save()
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


@functools.cache
def _password_hash() -> str:
    # One slow hash for all demo accounts rather than one per account.
    return make_password(content.PASSWORD)


def _deadline(journal: Journal) -> datetime:
    """00:00 in the journal's zone on a fixed day a few months from now."""
    today = timezone.localdate(timezone.now(), journal.tz)
    month_index = today.month - 1 + content.CALL["months_ahead"]
    year, month = today.year + month_index // 12, month_index % 12 + 1
    day = min(content.CALL["day"], calendar.monthrange(year, month)[1])
    return datetime.combine(
        datetime(year, month, day).date(), time(0, 0), tzinfo=journal.tz
    )


def _call(journal: Journal, sections: dict[str, Section]) -> CallForPapers:
    spec = content.CALL
    call = CallForPapers.objects.filter(journal=journal, slug=spec["slug"]).first()
    if call is None:
        call = CallForPapers.objects.create(
            journal=journal,
            slug=spec["slug"],
            title=spec["title"],
            title_translations=spec.get("title_translations", {}),
            description=spec["description"],
            deadline=_deadline(journal),
            is_special_issue=spec["is_special_issue"],
            guest_editors=spec["guest_editors"],
        )
        call.sections.set([sections[s] for s in spec["sections"]])
    return call


def _upload(spec: dict, author: User, *, revised: bool = False) -> SimpleUploadedFile:
    title = spec["title"]
    language = spec.get("language", "en")
    other = "ru" if language == "en" else "en"
    data = manuscript_docx(
        title=title[language],
        abstract=spec["abstract"][language],
        abstract_ru=spec["abstract"].get("ru", ""),
        keywords=spec["keywords"][language],
        topic=spec["keywords"].get("en", [""])[0],
        author_name=author.full_name,
        seed=len(title[other]),
        revised=revised,
        references=spec.get("references"),
    )
    # What an author's own file is typically called; it is stored under a
    # random name.
    stem = f"{author.family_name}_{'revised_' if revised else ''}manuscript"
    return SimpleUploadedFile(f"{stem}.docx", data, content_type=DOCX)


def _submission(journal, sections, call, people, spec) -> Submission | None:
    author = people[spec["submitter"]]
    exists = Submission.objects.filter(
        journal=journal, submitter=author, title__en=spec["title"]["en"]
    ).exists()
    if exists:
        return None
    handler = people[spec.get("handled_by", "editor")]
    editor = people["editor"]
    notes = spec.get("notes", {})
    with transaction.atomic():
        submission = submission_create(
            journal=journal,
            actor=author,
            section=sections[spec["section"]],
            call=call if spec.get("call") else None,
            language=spec.get("language", "en"),
        )
        submission_update_metadata(
            submission=submission,
            actor=author,
            title=spec["title"],
            abstract=spec["abstract"],
            keywords=spec["keywords"],
            references="\n".join(spec.get("references", REFERENCES[:1])),
            funding=spec.get("funding", ""),
        )
        contributor_add_submitter(submission=submission, actor=author)
        for coauthor in spec.get("coauthors", []):
            contributor_save(submission=submission, actor=author, **coauthor)
        submission_update_declarations(
            submission=submission,
            actor=author,
            original=True,
            competing_interests="None",
            ethics=True,
            licence=True,
        )
        for kind in (FileKind.MANUSCRIPT, FileKind.ANONYMISED):
            # The demo's manuscripts name their authors only in their file
            # properties, so the same text serves as the reviewers' copy.
            submission_file_upload(
                submission=submission,
                actor=author,
                kind=kind,
                upload=_upload(spec, author),
            )
        for step in spec["steps"]:
            if step == "submit":
                submission_submit(submission=submission, actor=author)
                submission_assign_editor(
                    submission=submission, actor=editor, editor=handler
                )
            elif step == "revise":
                for kind in (FileKind.MANUSCRIPT, FileKind.ANONYMISED):
                    submission_file_upload(
                        submission=submission,
                        actor=author,
                        kind=kind,
                        upload=_upload(spec, author, revised=True),
                    )
            else:
                by_author = step in ("resubmit", "withdraw")
                submission_transition(
                    submission=submission,
                    actor=author if by_author else handler,
                    name=step,
                    note=notes.get(step, ""),
                )
    return submission
