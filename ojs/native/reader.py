"""An OJS export as a stream of plain records (dataclasses), one issue or one
user at a time. Nothing here touches the database.

Locales stay as OJS wrote them (en_US, ru_RU, en, fr_CA); `ojs.services.locales`
maps them to the journal's languages.
"""

import base64
import binascii
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from lxml import etree

from .schemas import q, release, stream

PUBLISHED = 3  # OJS STATUS_PUBLISHED


def _text(el) -> str:
    return (el.text or "").strip() if el is not None else ""


def _localised(parent, tag: str) -> dict[str, str]:
    values = {}
    for el in parent.findall(q(tag)):
        text = _inner(el)
        if text:
            values[el.get("locale", "")] = text
    return values


def _inner(el) -> str:
    """The text of a localised node (OJS keeps HTML there as escaped text)."""
    return "".join(el.itertext()).strip()


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _int(value, default=0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _ids(el) -> dict[str, str]:
    found = {}
    for id_el in el.findall(q("id")):
        found.setdefault(id_el.get("type", "internal"), _text(id_el))
    return found


def _vocab(parent, tag: str, item: str) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for group in parent.findall(q(tag)):
        words = []
        for el in group.findall(q(item)):
            name = el.find(q("name"))  # 3.5 writes <keyword><name>…</name></keyword>
            word = _text(name) if name is not None else _text(el)
            if word:
                words.append(word)
        if words:
            values.setdefault(group.get("locale", ""), []).extend(words)
    return values


def fingerprint(el) -> str:
    return hashlib.sha256(etree.tostring(el, method="c14n")).hexdigest()


@dataclass
class FileContent:
    """A file's bytes (decoded from base64) or a reference to fetch them from."""

    data: bytes | None = None
    href: str = ""
    mime_type: str = ""
    declared_size: int | None = None
    error: str = ""


@dataclass
class OjsFile:
    id: str
    name: str
    genre: str
    content: FileContent
    extension: str = ""


@dataclass
class OjsGalley:
    id: str
    label: str
    locale: str
    seq: int
    file_id: str = ""
    remote_url: str = ""
    url_path: str = ""


@dataclass
class OjsAuthor:
    id: str
    seq: int
    given: dict[str, str]
    family: dict[str, str]
    affiliation: dict[str, str]
    country: str
    email: str
    orcid: str
    primary_contact: bool


@dataclass
class OjsPublication:
    id: str
    version: tuple[int, int]
    status: int
    date_published: date | None
    section_ref: str
    locale: str
    title: dict[str, str]
    prefix: dict[str, str]
    subtitle: dict[str, str]
    abstract: dict[str, str]
    keywords: dict[str, list[str]]
    subjects: dict[str, list[str]]
    licence_url: str
    copyright_holder: dict[str, str]
    copyright_year: int | None
    doi: str
    pages: str
    access_status: int
    primary_contact_id: str
    url_path: str
    authors: list[OjsAuthor]
    galleys: list[OjsGalley]
    citations: list[str]

    @property
    def is_published(self) -> bool:
        return self.status == PUBLISHED


@dataclass
class OjsArticle:
    id: str
    locale: str
    date_submitted: date | None
    current_publication_id: str
    files: dict[str, OjsFile]
    publications: list[OjsPublication]
    fingerprint: str
    line: int = 0

    def published(self) -> list[OjsPublication]:
        """Published publications, oldest first."""
        return sorted(
            (p for p in self.publications if p.is_published), key=lambda p: p.version
        )


@dataclass
class OjsSection:
    ref: str
    id: str
    title: dict[str, str]
    abbrev: dict[str, str]
    policy: dict[str, str]
    seq: int


@dataclass
class OjsCover:
    name: str
    locale: str
    content: FileContent
    alt: str = ""


@dataclass
class OjsIssue:
    id: str
    volume: int | None
    number: str
    year: int | None
    title: dict[str, str]
    description: dict[str, str]
    date_published: date | None
    published: bool
    current: bool
    access_status: int
    doi: str
    url_path: str
    sections: list[OjsSection]
    covers: list[OjsCover]
    articles: list[OjsArticle]
    fingerprint: str
    line: int = 0

    @property
    def label(self) -> str:
        parts = []
        if self.volume is not None:
            parts.append(f"Vol. {self.volume}")
        if self.number:
            parts.append(f"No. {self.number}")
        if self.year:
            parts.append(f"({self.year})")
        return " ".join(parts) or f"#{self.id}"


def _content(file_el) -> FileContent:
    declared = file_el.get("filesize")
    embed = file_el.find(q("embed"))
    if embed is not None:
        try:
            data = base64.b64decode("".join((embed.text or "").split()), validate=True)
        except (binascii.Error, ValueError):
            return FileContent(
                error="not valid base64", mime_type=embed.get("mime_type", "")
            )
        return FileContent(
            data=data,
            mime_type=embed.get("mime_type", ""),
            declared_size=_int(declared, None) if declared else None,
        )
    href = file_el.find(q("href"))
    if href is not None:
        return FileContent(
            href=href.get("src", ""),
            mime_type=href.get("mime_type", ""),
            declared_size=_int(declared, None) if declared else None,
        )
    return FileContent(error="no content")


def _file(sf) -> OjsFile | None:
    files = sf.findall(q("file"))
    if not files:
        return None
    last = files[-1]  # OJS lists a file's revisions; the last is current
    names = _localised(sf, "name")
    name = next(iter(names.values()), "") or f"file-{sf.get('id')}"
    return OjsFile(
        id=sf.get("id", ""),
        name=name,
        genre=sf.get("genre", ""),
        content=_content(last),
        extension=last.get("extension", "") or name.rsplit(".", 1)[-1].lower(),
    )


def _author(el) -> OjsAuthor:
    affiliation = _localised(el, "affiliation")
    for aff in el.findall(q("affiliation")) + el.findall(q("rorAffiliation")):
        for name in aff.findall(q("name")):  # 3.5: <affiliation><name locale>
            if _inner(name):
                affiliation.setdefault(name.get("locale", ""), _inner(name))
    orcid = _text(el.find(q("orcid")))
    return OjsAuthor(
        id=el.get("id", ""),
        seq=_int(el.get("seq")),
        given=_localised(el, "givenname"),
        family=_localised(el, "familyname"),
        affiliation=affiliation,
        country=_text(el.find(q("country"))).upper(),
        email=_text(el.find(q("email"))),
        orcid=orcid.rstrip("/").rsplit("/", 1)[-1] if orcid else "",
        primary_contact=el.get("primary_contact") in ("true", "1"),
    )


def _publication(el, article_locale: str) -> OjsPublication:
    ids = _ids(el)
    major = el.get("version_major") or el.get("version") or "1"
    minor = el.get("version_minor") or "0"
    galleys = []
    for g in el.findall(q("article_galley")):
        ref = g.find(q("submission_file_ref"))
        remote = g.find(q("remote"))
        names = _localised(g, "name")
        galleys.append(
            OjsGalley(
                id=_ids(g).get("internal", ""),
                label=next(iter(names.values()), ""),
                locale=g.get("locale", ""),
                seq=_int(_text(g.find(q("seq")))),
                file_id=ref.get("id", "") if ref is not None else "",
                remote_url=remote.get("src", "") if remote is not None else "",
                url_path=g.get("url_path", ""),
            )
        )
    authors_el = el.find(q("authors"))
    authors = (
        sorted(
            (_author(a) for a in authors_el.findall(q("author"))), key=lambda a: a.seq
        )
        if authors_el is not None
        else []
    )
    year = _text(el.find(q("copyrightYear")))
    citations = [
        _text(c)
        for group in el.findall(q("citations"))
        for c in group.findall(q("citation"))
    ]
    return OjsPublication(
        id=el.get("id") or ids.get("internal", ""),
        version=(_int(major, 1), _int(minor)),
        status=_int(el.get("status"), PUBLISHED),
        date_published=_date(el.get("date_published")),
        section_ref=el.get("section_ref", ""),
        locale=el.get("locale") or article_locale,
        title=_localised(el, "title"),
        prefix=_localised(el, "prefix"),
        subtitle=_localised(el, "subtitle"),
        abstract=_localised(el, "abstract"),
        keywords=_vocab(el, "keywords", "keyword"),
        subjects=_vocab(el, "subjects", "subject"),
        licence_url=_text(el.find(q("licenseUrl"))),
        copyright_holder=_localised(el, "copyrightHolder"),
        copyright_year=_int(year, None) if year else None,
        doi=ids.get("doi", ""),
        pages=_text(el.find(q("pages"))),
        access_status=_int(el.get("access_status")),
        primary_contact_id=el.get("primary_contact_id", ""),
        url_path=el.get("url_path", ""),
        authors=authors,
        galleys=galleys,
        citations=[c for c in citations if c],
    )


def read_article(el) -> OjsArticle:
    locale = el.get("locale", "")
    files = {}
    for sf in el.findall(q("submission_file")):
        f = _file(sf)
        if f is not None:
            files[f.id] = f
    return OjsArticle(
        id=_ids(el).get("internal", ""),
        locale=locale,
        date_submitted=_date(el.get("date_submitted")),
        current_publication_id=el.get("current_publication_id", ""),
        files=files,
        publications=[_publication(p, locale) for p in el.findall(q("publication"))],
        fingerprint=fingerprint(el),
        line=el.sourceline or 0,
    )


def read_issue(el) -> OjsIssue:
    ids = _ids(el)
    ident = el.find(q("issue_identification"))
    volume = _text(ident.find(q("volume"))) if ident is not None else ""
    year = _text(ident.find(q("year"))) if ident is not None else ""
    sections = []
    sections_el = el.find(q("sections"))
    for s in sections_el.findall(q("section")) if sections_el is not None else []:
        sections.append(
            OjsSection(
                ref=s.get("ref", ""),
                id=_ids(s).get("internal", ""),
                title=_localised(s, "title"),
                abbrev=_localised(s, "abbrev"),
                policy=_localised(s, "policy"),
                seq=_int(s.get("seq")),
            )
        )
    covers = []
    covers_el = el.find(q("covers"))
    for c in covers_el.findall(q("cover")) if covers_el is not None else []:
        covers.append(
            OjsCover(
                name=_text(c.find(q("cover_image"))),
                locale=c.get("locale", ""),
                content=_content(c),
                alt=_text(c.find(q("cover_image_alt_text"))),
            )
        )
    articles_el = el.find(q("articles"))
    articles = (
        [read_article(a) for a in articles_el.findall(q("article"))]
        if (articles_el is not None)
        else []
    )
    # The issue's own fingerprint leaves its articles out: they have theirs.
    shell = etree.Element(el.tag)
    for child in el:
        if child.tag != q("articles"):
            shell.append(_copy(child))
    for key, value in el.attrib.items():
        shell.set(key, value)
    return OjsIssue(
        id=ids.get("internal", ""),
        volume=_int(volume, None) if volume else None,
        number=_text(ident.find(q("number"))) if ident is not None else "",
        year=_int(year, None) if year else None,
        title=_localised(ident, "title") if ident is not None else {},
        description=_localised(el, "description"),
        date_published=_date(_text(el.find(q("date_published")))),
        published=el.get("published", "1") == "1",
        current=el.get("current") == "1",
        access_status=_int(el.get("access_status"), 1),
        doi=ids.get("doi", ""),
        url_path=el.get("url_path", ""),
        sections=sections,
        covers=covers,
        articles=articles,
        fingerprint=fingerprint(shell),
        line=el.sourceline or 0,
    )


def _copy(el):
    import copy

    return copy.deepcopy(el)


def iter_issues(source) -> Iterator[OjsIssue]:
    """Issues in document order; a bare <articles> export yields one issue-less
    pseudo-issue per article (id "")."""
    for event, el in stream(source, [q("issue"), q("article")]):
        if event != "end":
            continue
        if el.tag == q("issue"):
            issue = read_issue(el)
            release(el)
            yield issue
        elif el.getparent() is not None and el.getparent().getparent() is None:
            article = read_article(el)
            release(el)
            yield OjsIssue(
                id="",
                volume=None,
                number="",
                year=None,
                title={},
                description={},
                date_published=None,
                published=False,
                current=False,
                access_status=1,
                doi="",
                url_path="",
                sections=[],
                covers=[],
                articles=[article],
                fingerprint="",
                line=article.line,
            )


def count_records(source) -> tuple[int, int]:
    """(issues, articles) in the export, for the progress bar (a quick pass)."""
    issues = articles = 0
    for event, el in stream(source, [q("issue"), q("article")]):
        if event == "end":
            if el.tag == q("issue"):
                issues += 1
                release(el)
            else:
                articles += 1
                el.clear(keep_tail=False)
    return issues, articles


# --- users -------------------------------------------------------------------


@dataclass
class OjsUserGroup:
    role_id: int
    names: dict[str, str]
    abbrevs: dict[str, str]

    @property
    def name(self) -> str:
        return _english(self.names)

    @property
    def abbrev(self) -> str:
        return _english(self.abbrevs)


def _english(values: dict[str, str]) -> str:
    for key in ("en_US", "en", "en_GB"):
        if values.get(key):
            return values[key]
    return next(iter(values.values()), "")


@dataclass
class OjsUser:
    username: str
    email: str
    given: dict[str, str]
    family: dict[str, str]
    affiliation: dict[str, str]
    country: str
    orcid: str
    password: str
    disabled: bool
    groups: list[str]
    interests: list[str]
    locales: list[str] = field(default_factory=list)
    fingerprint: str = ""
    line: int = 0


def read_user(el) -> OjsUser:
    author = _author(el)
    password = el.find(q("password"))
    groups = [_text(g) for g in el.findall(q("user_group_ref"))]
    for uug in el.findall(q("user_user_group")):
        groups.append(_text(uug.find(q("user_group_ref"))))
    interests = _text(el.find(q("review_interests")))
    return OjsUser(
        username=_text(el.find(q("username"))),
        email=author.email,
        given=author.given,
        family=author.family,
        affiliation=author.affiliation,
        country=author.country,
        orcid=author.orcid,
        password=_text(password.find(q("value"))) if password is not None else "",
        disabled=password is not None and password.get("is_disabled") in ("true", "1"),
        groups=[g for g in groups if g],
        interests=[
            i.strip() for i in interests.replace(";", ",").split(",") if i.strip()
        ],
        locales=[x for x in _text(el.find(q("locales"))).split(":") if x],
        fingerprint=fingerprint(el),
        line=el.sourceline or 0,
    )


def iter_users(source) -> Iterator[OjsUserGroup | OjsUser]:
    """The user groups first (as OjsUserGroup), then each user."""
    for event, el in stream(source, [q("user_group"), q("user")]):
        if event != "end":
            continue
        if el.tag == q("user_group"):
            yield OjsUserGroup(
                role_id=_int(_text(el.find(q("role_id")))),
                names=_localised(el, "name"),
                abbrevs=_localised(el, "abbrev"),
            )
        else:
            user = read_user(el)
            release(el)
            yield user
