"""A journal's published issues as OJS Native XML (3.5, or 3.4), galleys
embedded, so a journal can leave with everything it brought and made here.

Written as a stream, one issue at a time (`lxml.etree.xmlfile`), so memory is
bounded by the largest issue. Each article lists its earlier versions as
earlier publications, as OJS does.
"""

import base64
from dataclasses import dataclass, field

from django.db.models import Prefetch
from lxml import etree

from journal.models import Journal, JournalRole, Role, User
from publishing.models import (
    Article,
    ArticleAccess,
    ArticleStatus,
    Galley,
    Issue,
    IssueState,
)

from ..models import OjsRecord, RecordKind
from .schemas import NS, q

WRITABLE = ("3.5", "3.4")
GENRES = {"pdf": "Article Text", "html": "Article Text", "jats": "Article Text"}


def ojs_locale(language: str) -> str:
    """This platform's language code as OJS 3.4+ writes it (fr-ca → fr_CA)."""
    lang, _sep, region = language.partition("-")
    return f"{lang}_{region.upper()}" if region else lang


@dataclass
class _Context:
    version: str
    journal: Journal
    section_refs: dict[int, str] = field(default_factory=dict)
    section_data: dict[int, dict] = field(default_factory=dict)
    issue_data: dict[int, dict] = field(default_factory=dict)


def _el(parent, tag, text=None, **attrs):
    el = etree.SubElement(parent, q(tag))
    for key, value in attrs.items():
        if value is not None and value != "":
            el.set(key, str(value))
    if text is not None:
        el.text = str(text)
    return el


def _localised(parent, tag, values: dict):
    for lang, text in values.items():
        if text:
            _el(parent, tag, text, locale=ojs_locale(lang))


def _html(text: str) -> str:
    """Plain paragraphs as the HTML OJS keeps in abstracts and descriptions."""
    from django.utils.html import escape

    paragraphs = [p.strip() for p in (text or "").split("\n\n") if p.strip()]
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def export_issues(
    *, journal: Journal, out, version: str = "3.5", issue_ids: list[int] | None = None
) -> int:
    """Write the journal's published issues (or those in `issue_ids`) to the
    binary file `out`; returns the number of issues written."""
    if version not in WRITABLE:
        raise ValueError(version)
    ctx = _Context(version=version, journal=journal)
    for record in OjsRecord.objects.filter(
        journal=journal, kind__in=[RecordKind.SECTION, RecordKind.ISSUE]
    ):
        if record.kind == RecordKind.SECTION:
            ctx.section_refs[record.object_id] = record.ojs_id
            ctx.section_data[record.object_id] = record.data
        else:
            ctx.issue_data[record.object_id] = record.data
    issues = Issue.objects.filter(journal=journal, state=IssueState.PUBLISHED)
    if issue_ids:
        issues = issues.filter(pk__in=issue_ids)
    written = 0
    with etree.xmlfile(out, encoding="UTF-8") as xf:
        xf.write_declaration()
        with xf.element(q("issues"), nsmap={None: NS}):
            for issue in issues.select_related("volume").order_by("published_at", "pk"):
                xf.write(_issue(ctx, issue), pretty_print=True)
                written += 1
    return written


def _articles(issue: Issue) -> list[Article]:
    return list(
        Article.objects.filter(
            issue=issue, status__in=[ArticleStatus.PUBLISHED, ArticleStatus.RETRACTED]
        )
        .select_related("submission", "section")
        .prefetch_related(
            "submission__authors",
            Prefetch(
                "galleys", queryset=Galley.objects.order_by("version", "kind", "pk")
            ),
            "versions__galleys",
        )
        .order_by("order", "pk")
    )


def _issue(ctx: _Context, issue: Issue):
    journal = ctx.journal
    primary = journal.primary_language
    data = ctx.issue_data.get(issue.pk, {})
    articles = _articles(issue)
    el = etree.Element(q("issue"), nsmap={None: NS})
    el.set("published", "1")
    el.set("current", "0")
    # OJS: 1 open, 2 for subscribers (its articles open one by one, or not).
    free = any(a.access_status == ArticleAccess.FREE for a in articles)
    el.set("access_status", "2" if free else "1")
    _el(el, "id", issue.pk, type="internal", advice="ignore")
    if issue.doi:
        _el(el, "id", issue.doi, type="doi", advice="update")
    descriptions = {primary: issue.description, **data.get("description", {})}
    for lang, text in descriptions.items():
        if text:
            _el(el, "description", _html(text), locale=ojs_locale(lang))
    ident = _el(el, "issue_identification")
    if issue.volume_id:
        _el(ident, "volume", issue.volume.number)
    _el(ident, "number", issue.number)
    _el(ident, "year", issue.year)
    _localised(ident, "title", {primary: issue.title, **data.get("title", {})})
    if issue.published_at:
        day = journal.local_time(issue.published_at).date().isoformat()
        _el(el, "date_published", day)
        _el(el, "last_modified", day)
    sections = {a.section_id: a.section for a in articles if a.section_id}
    if sections:
        sections_el = _el(el, "sections")
        for section in sections.values():
            _section(ctx, sections_el, section)
    if issue.cover_image:
        with issue.cover_image.open("rb") as f:
            image = f.read()
        covers = _el(el, "covers")
        cover = _el(covers, "cover", locale=ojs_locale(primary))
        _el(cover, "cover_image", issue.cover_image.name.rsplit("/", 1)[-1])
        _el(cover, "cover_image_alt_text", issue.cover_alt)
        _el(cover, "embed", base64.b64encode(image).decode(), encoding="base64")
    articles_el = _el(el, "articles")
    for article in articles:
        _article(ctx, articles_el, article, issue)
    return el


def _section_ref(ctx: _Context, section) -> str:
    return ctx.section_refs.get(section.pk) or section.slug.upper()


def _section(ctx: _Context, parent, section) -> None:
    primary = ctx.journal.primary_language
    data = ctx.section_data.get(section.pk, {})
    el = _el(
        parent,
        "section",
        ref=_section_ref(ctx, section),
        seq=section.order,
        editor_restricted=0,
        meta_indexed=1,
        meta_reviewed=int(section.peer_reviewed),
        abstracts_not_required=0,
        hide_title=0,
        hide_author=0,
        abstract_word_count=0,
    )
    _el(el, "id", section.pk, type="internal", advice="ignore")
    _localised(
        el, "abbrev", data.get("abbrev") or {primary: _section_ref(ctx, section)}
    )
    if section.policy:
        _el(el, "policy", _html(section.policy), locale=ojs_locale(primary))
    _localised(el, "title", {primary: section.title, **section.title_translations})


def _article(ctx: _Context, parent, article: Article, issue: Issue) -> None:
    submission = article.submission
    journal = ctx.journal
    versions = sorted(article.versions.all(), key=lambda v: v.number)
    current_pub_id = article.pk * 1000 + article.version
    submitted = submission.submitted_at or article.published_at
    el = _el(
        parent,
        "article",
        date_submitted=journal.local_time(submitted).date().isoformat()
        if submitted
        else None,
        status=3,
        submission_progress="",
        current_publication_id=current_pub_id,
        stage="production",
        locale=ojs_locale(submission.language),
    )
    _el(el, "id", article.pk, type="internal", advice="ignore")
    galleys = list(article.galleys.all())
    for galley in galleys:
        _submission_file(el, galley, submission.language)
    for version in versions:
        meta = version.metadata
        _publication(
            ctx,
            el,
            article=article,
            issue=issue,
            pub_id=article.pk * 1000 + version.number,
            number=version.number,
            published_at=version.published_at,
            titles=meta.get("title", {}),
            abstracts=meta.get("abstract", {}),
            keywords=meta.get("keywords", {}),
            authors=[
                {
                    "given": {submission.language: a.get("given_name", "")},
                    "family": {submission.language: a.get("family_name", "")},
                    "affiliation": a.get("affiliation", ""),
                    "orcid": a.get("orcid", ""),
                    "email": "",
                    "country": "",
                    "corresponding": i == 0,
                }
                for i, a in enumerate(meta.get("authors", []))
            ],
            galleys=list(version.galleys.all()),
            doi=meta.get("doi", ""),
            pages=(meta.get("first_page", ""), meta.get("last_page", "")),
        )
    authors = []
    for c in submission.authors.all():
        given = {submission.language: c.given_name}
        family = {submission.language: c.family_name}
        for lang, names in (c.name_translations or {}).items():
            if names.get("given"):
                given[lang] = names["given"]
            if names.get("family"):
                family[lang] = names["family"]
        authors.append(
            {
                "given": given,
                "family": family,
                "affiliation": c.affiliation,
                "orcid": c.orcid,
                "email": c.email,
                "country": c.country.code or "",
                "corresponding": c.is_corresponding,
            }
        )
    _publication(
        ctx,
        el,
        article=article,
        issue=issue,
        pub_id=current_pub_id,
        number=article.version,
        published_at=article.published_at,
        titles=submission.title,
        abstracts=submission.abstract,
        keywords=submission.keywords,
        authors=authors,
        galleys=[g for g in galleys if g.is_current],
        doi=article.doi,
        pages=(article.first_page, article.last_page),
        subtitles=submission.subtitle or {},
        subjects=submission.subjects or {},
        licence=getattr(getattr(article, "ojs_metadata", None), "licence_url", ""),
        copyright_holder=article.copyright_holder or {},
        copyright_year=article.copyright_year,
        access_open=article.access_status != ArticleAccess.FREE,
    )


def _submission_file(parent, galley: Galley, language: str) -> None:
    name = galley.file.name.rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    with galley.file.open("rb") as f:
        data = f.read()
    sf = _el(
        parent,
        "submission_file",
        id=galley.pk,
        file_id=galley.pk,
        stage="proof",
        genre=GENRES.get(galley.kind, "Other"),
        viewable="false",
    )
    _el(
        sf,
        "name",
        f"{galley.label or galley.kind}.{extension}".rstrip("."),
        locale=ojs_locale(language),
    )
    fe = _el(sf, "file", id=galley.pk, filesize=len(data), extension=extension)
    _el(
        fe,
        "embed",
        base64.b64encode(data).decode(),
        encoding="base64",
        mime_type=galley.content_type,
    )


def _publication(
    ctx,
    parent,
    *,
    article,
    issue,
    pub_id,
    number,
    published_at,
    titles,
    abstracts,
    keywords,
    authors,
    galleys,
    doi,
    pages,
    subtitles=None,
    subjects=None,
    licence="",
    copyright_holder=None,
    copyright_year=None,
    access_open=True,
):
    version, journal = ctx.version, ctx.journal
    attrs = {
        "status": 3,
        "url_path": "",
        "seq": article.order,
        "date_published": (
            journal.local_time(published_at).date().isoformat()
            if published_at
            else None
        ),
        "section_ref": _section_ref(ctx, article.section) if article.section_id else "",
        # OJS: 1 open whatever the issue, 0 as the issue.
        "access_status": 1 if access_open else 0,
    }
    if version == "3.4":
        attrs["version"] = number
    else:
        attrs["id"] = pub_id
        attrs["version_major"] = number
        attrs["version_minor"] = 0
        attrs["version_stage"] = "VoR"
    el = _el(parent, "publication", **attrs)
    _el(el, "id", pub_id, type="internal", advice="ignore")
    if doi:
        _el(el, "id", doi, type="doi", advice="update")
    _localised(el, "title", titles or {article.submission.language: str(article)})
    _localised(el, "subtitle", subtitles or {})
    _localised(el, "abstract", {k: _html(v) for k, v in abstracts.items()})
    licence = licence or journal.licence_url
    if licence:
        _el(el, "licenseUrl", licence)
    _localised(el, "copyrightHolder", copyright_holder or {})
    if copyright_year:
        _el(el, "copyrightYear", copyright_year)
    for tag, item, values in (
        ("keywords", "keyword", keywords),
        ("subjects", "subject", subjects or {}),
    ):
        for lang, words in values.items():
            words = [w for w in words if w]
            if not words:
                continue
            group = _el(el, tag, locale=ojs_locale(lang))
            for word in words:
                if version == "3.5":
                    _el(_el(group, item), "name", word)
                else:
                    _el(group, item, word)
    if authors:
        authors_el = _el(el, "authors")
        for seq, author in enumerate(authors):
            _author(ctx, authors_el, author, seq, pub_id)
    for seq, galley in enumerate(galleys):
        g = _el(
            el,
            "article_galley",
            locale=ojs_locale(article.submission.language),
            approved="true",
        )
        _el(g, "id", galley.pk, type="internal", advice="ignore")
        _el(
            g,
            "name",
            galley.label or galley.get_kind_display(),
            locale=ojs_locale(article.submission.language),
        )
        _el(g, "seq", seq)
        _el(g, "submission_file_ref", id=galley.pk)
    ident = _el(el, "issue_identification")
    if issue.volume_id:
        _el(ident, "volume", issue.volume.number)
    _el(ident, "number", issue.number)
    _el(ident, "year", issue.year)
    first, last = pages
    if first:
        _el(el, "pages", f"{first}-{last}" if last and last != first else first)


def _author(ctx, parent, author: dict, seq: int, pub_id: int) -> None:
    language = next(iter(author["given"]), ctx.journal.primary_language)
    attrs = {
        "include_in_browse": "true",
        "seq": seq,
        "id": pub_id * 100 + seq,
        "primary_contact": "true" if author["corresponding"] else None,
    }
    if ctx.version == "3.5":
        attrs["contributor_type"] = "PERSON"
    else:
        attrs["user_group_ref"] = "Author"
    el = _el(parent, "author", **attrs)
    given = {k: v for k, v in author["given"].items() if v} or {language: "-"}
    _localised(el, "givenname", given)
    _localised(el, "familyname", author["family"])
    if author["affiliation"]:
        if ctx.version == "3.5":
            _el(
                _el(el, "affiliation"),
                "name",
                author["affiliation"],
                locale=ojs_locale(language),
            )
        else:
            _el(el, "affiliation", author["affiliation"], locale=ojs_locale(language))
    if author["country"]:
        _el(el, "country", author["country"])
    if author["email"] or ctx.version != "3.5":
        _el(el, "email", author["email"])
    if author["orcid"]:
        _el(el, "orcid", f"https://orcid.org/{author['orcid']}")
    if ctx.version == "3.5":
        _el(_el(el, "contributor_roles"), "contributor_role_id", 1)


# --- people -------------------------------------------------------------------

# This platform's roles as the OJS user groups OJS creates by default:
# (role id, name, abbreviation); the import maps them back (ojs/services/users.py).
ROLE_GROUPS = {
    Role.MANAGER: (16, "Journal manager", "JM"),
    Role.EDITOR: (16, "Journal editor", "JE"),
    Role.SECTION_EDITOR: (17, "Section editor", "SecE"),
    Role.PRODUCTION_EDITOR: (17, "Production editor", "ProdE"),
    Role.REVIEWER: (4096, "Reviewer", "R"),
    Role.AUTHOR: (65536, "Author", "AU"),
}
OJS_HASH_PREFIX = "ojs_bcrypt$"


def export_users(*, journal: Journal, out, version: str = "3.5") -> int:
    """Write the journal's people (everyone with a role here, and everyone who
    came from OJS) as an OJS users export to the binary file `out`, with their
    names in every language; returns the number of people written.

    An OJS password not yet replaced here goes back as it came; anyone else
    must choose a new password in OJS (this platform's hashes are not OJS's).
    """
    if version not in WRITABLE:
        raise ValueError(version)
    roles: dict[int, set[str]] = {}
    for user_id, role in JournalRole.objects.filter(journal=journal).values_list(
        "user_id", "role"
    ):
        roles.setdefault(user_id, set()).add(role)
    usernames = dict(
        OjsRecord.objects.filter(journal=journal, kind=RecordKind.USER).values_list(
            "object_id", "ojs_id"
        )
    )
    people = User.objects.filter(pk__in=set(roles) | set(usernames)).order_by("pk")
    primary = journal.primary_language
    root = etree.Element(q("PKPUsers"), nsmap={None: NS})
    groups = _el(root, "user_groups")
    used = {role for held in roles.values() for role in held}
    for role, (role_id, name, abbrev) in ROLE_GROUPS.items():
        if role not in used:
            continue
        group = _el(groups, "user_group")
        _el(group, "role_id", role_id)
        _el(group, "context_id", 1)
        _el(group, "is_default", "true")
        if version == "3.4":
            _el(group, "show_title", "false")
        _el(group, "permit_self_registration", "false")
        _el(group, "permit_metadata_edit", "false")
        _el(group, "name", name, locale=ojs_locale(primary))
        _el(group, "abbrev", abbrev, locale=ojs_locale(primary))
        _el(group, "stage_assignments", "")
        if version == "3.5":
            _el(group, "masthead", "false")
    users_el = _el(root, "users")
    written = 0
    for person in people.iterator():
        _user(users_el, person, version, primary, usernames, roles.get(person.pk, ()))
        written += 1
    if not written:
        return 0
    out.write(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return written


def _user(parent, person: User, version, primary, usernames, roles) -> None:
    el = _el(parent, "user")
    given = {primary: person.given_name or person.email.split("@")[0]}
    family = {primary: person.family_name}
    for lang, names in (person.name_translations or {}).items():
        if names.get("given"):
            given[lang] = names["given"]
        if names.get("family"):
            family[lang] = names["family"]
    _localised(el, "givenname", given)
    _localised(el, "familyname", family)
    if person.affiliation:
        if version == "3.5":
            _el(
                _el(el, "affiliation"),
                "name",
                person.affiliation,
                locale=ojs_locale(primary),
            )
        else:
            _el(el, "affiliation", person.affiliation, locale=ojs_locale(primary))
    if person.country:
        _el(el, "country", person.country.code)
    _el(el, "email", person.email)
    if person.orcid:
        _el(el, "orcid", person.orcid_url)
    _el(el, "username", usernames.get(person.pk) or f"user{person.pk}")
    kept = person.password.startswith(OJS_HASH_PREFIX)
    password = _el(
        el,
        "password",
        is_disabled="false" if person.is_active else "true",
        must_change="false" if kept else "true",
        encryption="sha1",
    )
    _el(
        password, "value", person.password.removeprefix(OJS_HASH_PREFIX) if kept else ""
    )
    _el(el, "date_registered", person.date_joined.strftime("%Y-%m-%d %H:%M:%S"))
    _el(el, "locales", ojs_locale(person.preferred_language))
    for role in sorted(roles):
        name = ROLE_GROUPS[role][1]
        if version == "3.5":
            membership = _el(el, "user_user_group")
            _el(membership, "user_group_ref", name)
            _el(membership, "masthead", "false")
        else:
            _el(el, "user_group_ref", name)
    if person.research_interests:
        _el(el, "review_interests", person.research_interests)
