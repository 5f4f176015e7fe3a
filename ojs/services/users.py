"""People from an OJS users export: accounts, ORCIDs, interests and roles.

OJS exports bcrypt hashes; they are kept as `ojs_bcrypt$<hash>` so the
`OjsBcryptPasswordHasher` verifies the old password and Django upgrades it on
the first sign-in. Someone with no usable hash gets a set-password email when
they first try to sign in (`ojs.signals`).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from journal.models import Journal, Role, User
from journal.services import role_grant
from journal.validators import validate_orcid

from ..models import OjsRecord, RecordKind
from ..native.reader import OjsUser, OjsUserGroup, iter_users
from .locales import language_of, localise, pick

# OJS user groups by their English abbreviation, then by name; the README has
# the table. A group missing from both falls back on its OJS role id.
ROLE_BY_ABBREV = {
    "JM": Role.MANAGER,
    "JE": Role.EDITOR,
    "SECE": Role.SECTION_EDITOR,
    "SE": Role.SECTION_EDITOR,
    "GE": Role.SECTION_EDITOR,
    "PRODE": Role.PRODUCTION_EDITOR,
    "LE": Role.PRODUCTION_EDITOR,
    "R": Role.REVIEWER,
    "AU": Role.AUTHOR,
    "TRANS": Role.AUTHOR,
}
ROLE_BY_NAME = {
    "journal manager": Role.MANAGER,
    "journal editor": Role.EDITOR,
    "editor": Role.EDITOR,
    "section editor": Role.SECTION_EDITOR,
    "guest editor": Role.SECTION_EDITOR,
    "production editor": Role.PRODUCTION_EDITOR,
    "layout editor": Role.PRODUCTION_EDITOR,
    "reviewer": Role.REVIEWER,
    "author": Role.AUTHOR,
    "translator": Role.AUTHOR,
}
ROLE_BY_OJS_ROLE_ID = {
    16: Role.EDITOR,  # ROLE_ID_MANAGER: a custom editorial group
    17: Role.SECTION_EDITOR,  # ROLE_ID_SUB_EDITOR
    4096: Role.REVIEWER,  # ROLE_ID_REVIEWER
    65536: Role.AUTHOR,  # ROLE_ID_AUTHOR
}
# Readers need an account, not a role.
ACCOUNT_ONLY_ROLE_IDS = {1048576}
BCRYPT_PREFIXES = ("$2y$", "$2a$", "$2b$")


def role_for(group: OjsUserGroup) -> str | None:
    abbrev = group.abbrev.strip().upper()
    if abbrev in ROLE_BY_ABBREV:
        return ROLE_BY_ABBREV[abbrev]
    name = group.name.strip().lower()
    if name in ROLE_BY_NAME:
        return ROLE_BY_NAME[name]
    return ROLE_BY_OJS_ROLE_ID.get(group.role_id)


def password_field(ojs_hash: str) -> str | None:
    """The stored form of an OJS hash, or None if it is not one we can check."""
    if ojs_hash.startswith(BCRYPT_PREFIXES) and len(ojs_hash) == 60:
        return f"ojs_bcrypt${ojs_hash}"
    return None


def import_users(*, journal: Journal, path: str, report, dry_run: bool) -> None:
    """Accounts and roles from a users export, each person in one transaction;
    in a dry run nothing is written."""
    groups: dict[str, OjsUserGroup] = {}
    unmapped: dict[str, int] = {}
    languages = journal.language_list
    for item in iter_users(path):
        if isinstance(item, OjsUserGroup):
            for name in item.names.values():
                groups[name] = item
            continue
        roles = []
        for name in item.groups:
            group = groups.get(name)
            role = role_for(group) if group else None
            if role:
                roles.append(role)
            elif group is None or group.role_id not in ACCOUNT_ONLY_ROLE_IDS:
                unmapped[name] = unmapped.get(name, 0) + 1
        try:
            with transaction.atomic():
                outcome = _user(journal, item, sorted(set(roles)), languages, report)
                if dry_run:
                    transaction.set_rollback(True)
        except ValidationError as exc:
            report.warn(
                _("User %(name)s (line %(line)s) not imported: %(error)s")
                % {
                    "name": item.username,
                    "line": item.line,
                    "error": "; ".join(exc.messages),
                }
            )
            report.add("users", "skipped")
            continue
        report.add("users", outcome)
    for name, count in sorted(unmapped.items()):
        report.warn(
            _(
                "OJS user group “%(group)s” (%(count)s people) has no counterpart here; "
                "they were imported without that role."
            )
            % {"group": name, "count": count}
        )


def _user(journal, item: OjsUser, roles: list[str], languages, report) -> str:
    from allauth.account.models import EmailAddress

    email = item.email.strip().lower()
    if not email:
        raise ValidationError(_("no email address"))
    record = OjsRecord.objects.filter(
        journal=journal, kind=RecordKind.USER, ojs_id=item.username
    ).first()
    if record and record.fingerprint == item.fingerprint:
        return "unchanged"
    user = User.objects.filter(pk=record.object_id).first() if record else None
    existing = user is not None or User.objects.filter(email=email).exists()
    if user is None:
        user = User.objects.filter(email=email).first()
    primary = languages[0]
    given = localise(item.given, languages)
    family = localise(item.family, languages)
    orcid = item.orcid
    if orcid:
        try:
            validate_orcid(orcid)
        except ValidationError:
            report.warn(
                _("ORCID %(orcid)s of %(email)s is not valid; left out.")
                % {"orcid": orcid, "email": email}
            )
            orcid = ""
    if user is None:
        user = User(email=email)
        stored = password_field(item.password)
        if stored:
            user.password = stored
        else:
            user.set_unusable_password()
        user.is_active = not item.disabled
        site_languages = dict(settings.LANGUAGES)
        for code in item.locales:
            lang = language_of(code, list(site_languages))
            if lang in site_languages:
                user.preferred_language = lang
                break
    # Imported fields are the export's; an account made here keeps its own.
    if not existing or record is not None:
        user.given_name = pick(given, primary)[:150] or email.split("@")[0]
        user.family_name = pick(family, primary)[:150]
        user.name_translations = {
            lang: {
                "given": given.get(lang, "")[:150],
                "family": family.get(lang, "")[:150],
            }
            for lang in sorted(set(given) | set(family))
            if lang != primary
        }
        user.affiliation = pick(localise(item.affiliation, languages), primary)[:300]
        user.country = item.country if len(item.country) == 2 else ""
        user.orcid = orcid
        user.research_interests = ", ".join(item.interests)
    user.save()
    if not existing:
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    for role in roles:
        role_grant(journal=journal, user=user, role=role, actor=None)
    OjsRecord.objects.update_or_create(
        journal=journal,
        kind=RecordKind.USER,
        ojs_id=item.username,
        defaults={"object_id": user.pk, "fingerprint": item.fingerprint},
    )
    if record:
        return "updated"
    return "updated" if existing else "created"
