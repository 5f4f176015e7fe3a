"""OJS Native XML exports for tests, written the way each OJS version writes them.

Independent of the product's own exporter, so tests can use these as the
outside world: `issues_xml(version, issues)` and `users_xml(version, groups,
users)` for version "3.3", "3.4" or "3.5", from the plain specs below.
`sample_journal(version)` is the standard fixture: three issues in English
and Russian (with a French title), ORCIDs, an issue cover, embedded PDFs, an
article with two publications, a referenced file and a supplementary file.
"""

import base64
import io
from dataclasses import dataclass, field

from lxml import etree

NS = "http://pkp.sfu.ca"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
VERSIONS = ("3.3", "3.4", "3.5")


def locale_code(version: str, lang: str) -> str:
    """OJS 3.3 writes en_US/ru_RU; 3.4 and later write en/ru."""
    if version == "3.3":
        return {"en": "en_US", "ru": "ru_RU", "fr": "fr_CA"}.get(lang, lang)
    return {"fr": "fr_CA"}.get(lang, lang)


@dataclass
class FileSpec:
    id: int
    file_id: int
    name: str
    content: bytes
    mime: str
    genre: str = "Article Text"
    href: str = ""  # referenced (not embedded) when set


@dataclass
class GalleySpec:
    id: int
    label: str
    file: FileSpec
    lang: str = "en"


@dataclass
class AuthorSpec:
    id: int
    given: dict
    family: dict
    email: str
    affiliation: dict = field(default_factory=dict)
    country: str = ""
    orcid: str = ""
    primary: bool = False


@dataclass
class PublicationSpec:
    id: int
    version: int
    date_published: str
    title: dict
    abstract: dict = field(default_factory=dict)
    subtitle: dict = field(default_factory=dict)
    keywords: dict = field(default_factory=dict)
    subjects: dict = field(default_factory=dict)
    authors: list = field(default_factory=list)
    galleys: list = field(default_factory=list)
    doi: str = ""
    pages: str = ""
    licence_url: str = ""
    copyright_holder: dict = field(default_factory=dict)
    copyright_year: int | None = None
    access_status: int = 0
    status: int = 3  # published


@dataclass
class ArticleSpec:
    id: int
    section_ref: str
    date_submitted: str
    publications: list
    files: list
    lang: str = "en"


@dataclass
class SectionSpec:
    id: int
    ref: str
    title: dict
    abbrev: dict


@dataclass
class IssueSpec:
    id: int
    volume: int
    number: str
    year: int
    title: dict
    description: dict
    date_published: str
    sections: list
    articles: list
    current: bool = False
    doi: str = ""
    cover: bytes = b""
    cover_alt: str = ""
    access_status: int = 1  # 2: for subscribers


def _el(parent, tag, text=None, **attrs):
    el = etree.SubElement(parent, f"{{{NS}}}{tag}")
    for key, value in attrs.items():
        if value is not None:
            el.set(key, str(value))
    if text is not None:
        el.text = str(text)
    return el


def _localised(parent, tag, values: dict, version):
    for lang, text in values.items():
        _el(parent, tag, text, locale=locale_code(version, lang))


def _ids(parent, internal, doi=""):
    _el(parent, "id", internal, type="internal", advice="ignore")
    if doi:
        _el(parent, "id", doi, type="doi", advice="update")


def _b64(content: bytes) -> str:
    return base64.b64encode(content).decode("ascii")


def issues_xml(version: str, issues: list[IssueSpec]) -> bytes:
    root = etree.Element(f"{{{NS}}}issues", nsmap={None: NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{NS} native.xsd")
    for issue in issues:
        _issue(root, issue, version)
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


def _issue(root, issue: IssueSpec, version):
    el = _el(
        root,
        "issue",
        published=1,
        current=int(issue.current),
        access_status=issue.access_status,
        url_path="",
    )
    _ids(el, issue.id, issue.doi)
    _localised(el, "description", issue.description, version)
    ident = _el(el, "issue_identification")
    _el(ident, "volume", issue.volume)
    _el(ident, "number", issue.number)
    _el(ident, "year", issue.year)
    _localised(ident, "title", issue.title, version)
    _el(el, "date_published", issue.date_published)
    _el(el, "last_modified", issue.date_published)
    sections = _el(el, "sections")
    for section in issue.sections:
        sec = _el(
            sections,
            "section",
            ref=section.ref,
            seq=section.id,
            editor_restricted=0,
            meta_indexed=1,
            meta_reviewed=1,
            abstracts_not_required=0,
            hide_title=0,
            hide_author=0,
            abstract_word_count=0,
        )
        _el(sec, "id", section.id, type="internal", advice="ignore")
        _localised(sec, "abbrev", section.abbrev, version)
        _localised(sec, "title", section.title, version)
    if issue.cover:
        covers = _el(el, "covers")
        cover = _el(covers, "cover", locale=locale_code(version, "en"))
        _el(cover, "cover_image", f"cover_issue_{issue.id}_en.png")
        _el(cover, "cover_image_alt_text", issue.cover_alt)
        _el(cover, "embed", _b64(issue.cover), encoding="base64")
    articles = _el(el, "articles")
    for article in issue.articles:
        _article(articles, article, issue, version)


def _article(parent, article: ArticleSpec, issue: IssueSpec, version):
    attrs = {
        "date_submitted": article.date_submitted,
        "status": 3,
        "submission_progress": 0 if version == "3.3" else "",
        "current_publication_id": article.publications[-1].id,
        "stage": "production",
        "locale": locale_code(version, article.lang),
    }
    el = _el(parent, "article", **attrs)
    _ids(el, article.id)
    for f in article.files:
        sf = _el(
            el,
            "submission_file",
            id=f.id,
            file_id=f.file_id,
            stage="proof",
            genre=f.genre,
            created_at=article.date_submitted,
            updated_at=article.date_submitted,
            viewable="false",
            uploader="admin",
        )
        _el(sf, "name", f.name, locale=locale_code(version, "en"))
        ext = f.name.rsplit(".", 1)[-1]
        fe = _el(sf, "file", id=f.file_id, filesize=len(f.content), extension=ext)
        if f.href:
            _el(fe, "href", src=f.href, mime_type=f.mime)
        else:
            _el(fe, "embed", _b64(f.content), encoding="base64", mime_type=f.mime)
    for pub in article.publications:
        _publication(el, pub, article, issue, version)


def _publication(parent, pub: PublicationSpec, article, issue, version):
    attrs = {
        "status": pub.status,
        "primary_contact_id": next((a.id for a in pub.authors if a.primary), None),
        "url_path": "",
        "seq": 0,
        "date_published": pub.date_published,
        "section_ref": article.section_ref,
        "access_status": pub.access_status,
    }
    if version == "3.3":
        attrs["locale"] = locale_code(version, article.lang)
    if version in ("3.3", "3.4"):
        attrs["version"] = pub.version
    else:
        attrs["id"] = pub.id
        attrs["version_major"] = pub.version
        attrs["version_minor"] = 0
        attrs["version_stage"] = "VoR"
    el = _el(parent, "publication", **attrs)
    _ids(el, pub.id, pub.doi)
    _localised(el, "title", pub.title, version)
    _localised(el, "subtitle", pub.subtitle, version)
    _localised(el, "abstract", pub.abstract, version)
    if pub.licence_url:
        _el(el, "licenseUrl", pub.licence_url)
    _localised(el, "copyrightHolder", pub.copyright_holder, version)
    if pub.copyright_year:
        _el(el, "copyrightYear", pub.copyright_year)
    for tag, item, values in (
        ("keywords", "keyword", pub.keywords),
        ("subjects", "subject", pub.subjects),
    ):
        for lang, words in values.items():
            group = _el(el, tag, locale=locale_code(version, lang))
            for word in words:
                if version == "3.5":
                    _el(_el(group, item), "name", word)
                else:
                    _el(group, item, word)
    if pub.authors:
        authors = _el(el, "authors")
        for seq, author in enumerate(pub.authors):
            _author(authors, author, seq, version)
    for seq, galley in enumerate(pub.galleys):
        g = _el(
            el,
            "article_galley",
            locale=locale_code(version, galley.lang),
            approved="true",
        )
        _el(g, "id", galley.id, type="internal", advice="ignore")
        _el(g, "name", galley.label, locale=locale_code(version, galley.lang))
        _el(g, "seq", seq)
        _el(g, "submission_file_ref", id=galley.file.id)
    ident = _el(el, "issue_identification")
    _el(ident, "volume", issue.volume)
    _el(ident, "number", issue.number)
    _el(ident, "year", issue.year)
    if pub.pages:
        _el(el, "pages", pub.pages)


def _author(parent, author: AuthorSpec, seq, version):
    attrs = {
        "include_in_browse": "true",
        "seq": seq,
        "id": author.id,
        "primary_contact": "true" if author.primary else None,
    }
    if version == "3.5":
        attrs["contributor_type"] = "PERSON"
    else:
        attrs["user_group_ref"] = "Author"
    el = _el(parent, "author", **attrs)
    _localised(el, "givenname", author.given, version)
    _localised(el, "familyname", author.family, version)
    if version == "3.5":
        for lang, text in author.affiliation.items():
            _el(_el(el, "affiliation"), "name", text, locale=locale_code(version, lang))
    else:
        _localised(el, "affiliation", author.affiliation, version)
    if author.country:
        _el(el, "country", author.country)
    _el(el, "email", author.email)
    if author.orcid:
        _el(el, "orcid", f"https://orcid.org/{author.orcid}")
    if version == "3.5":
        _el(_el(el, "contributor_roles"), "contributor_role_id", 1)


# --- users ------------------------------------------------------------------


@dataclass
class GroupSpec:
    role_id: int
    name: str
    abbrev: str
    name_ru: str = ""


@dataclass
class UserSpec:
    username: str
    email: str
    given: dict
    family: dict
    password_hash: str
    groups: list
    affiliation: dict = field(default_factory=dict)
    country: str = ""
    orcid: str = ""
    interests: str = ""
    disabled: bool = False


def users_xml(version: str, groups: list[GroupSpec], users: list[UserSpec]) -> bytes:
    root = etree.Element(f"{{{NS}}}PKPUsers", nsmap={None: NS, "xsi": XSI})
    el_groups = _el(root, "user_groups")
    for group in groups:
        g = _el(el_groups, "user_group")
        _el(g, "role_id", group.role_id)
        _el(g, "context_id", 1)
        _el(g, "is_default", "true")
        if version in ("3.3", "3.4"):
            _el(g, "show_title", "false")
        _el(g, "permit_self_registration", "false")
        _el(g, "permit_metadata_edit", "false")
        _el(g, "name", group.name, locale=locale_code(version, "en"))
        if group.name_ru:
            _el(g, "name", group.name_ru, locale=locale_code(version, "ru"))
        _el(g, "abbrev", group.abbrev, locale=locale_code(version, "en"))
        _el(g, "stage_assignments", "1:3:4:5")
        if version == "3.5":
            _el(g, "masthead", "true")
    el_users = _el(root, "users")
    for user in users:
        u = _el(el_users, "user")
        _localised(u, "givenname", user.given, version)
        _localised(u, "familyname", user.family, version)
        if version == "3.5":
            for lang, text in user.affiliation.items():
                _el(
                    _el(u, "affiliation"),
                    "name",
                    text,
                    locale=locale_code(version, lang),
                )
        else:
            _localised(u, "affiliation", user.affiliation, version)
        if user.country:
            _el(u, "country", user.country)
        _el(u, "email", user.email)
        if user.orcid:
            _el(u, "orcid", f"https://orcid.org/{user.orcid}")
        _el(u, "username", user.username)
        pw = _el(
            u,
            "password",
            is_disabled="true" if user.disabled else "false",
            must_change="false",
            encryption="sha1",
        )
        _el(pw, "value", user.password_hash)
        _el(u, "date_registered", "2020-01-15 10:00:00")
        for name in user.groups:
            if version in ("3.3", "3.4"):
                _el(u, "user_group_ref", name)
            else:
                uug = _el(u, "user_user_group")
                _el(uug, "user_group_ref", name)
                _el(uug, "masthead", "true")
        if user.interests:
            _el(u, "review_interests", user.interests)
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


# --- the standard fixture -----------------------------------------------------


def pdf_bytes(text: str = "") -> bytes:
    """A small valid PDF; `text` makes each one's bytes (and hash) differ."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if text:
        writer.add_metadata({"/Title": text})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (12, 16), "navy").save(buffer, "PNG")
    return buffer.getvalue()


ORCID_1 = "0000-0002-1825-0097"
ORCID_2 = "0000-0001-5109-3700"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
SECTIONS = [
    SectionSpec(
        1, "ART", {"en": "Articles", "ru": "Статьи"}, {"en": "ART", "ru": "СТ"}
    ),
    SectionSpec(
        2, "RN", {"en": "Research Notes", "ru": "Заметки"}, {"en": "RN", "ru": "ЗМ"}
    ),
]


def _authors(n: int) -> list[AuthorSpec]:
    return [
        AuthorSpec(
            id=100 + n,
            given={"en": "Aigerim", "ru": "Айгерим"},
            family={"en": "Seitkali", "ru": "Сейткали"},
            email=f"aigerim{n}@example.kz",
            affiliation={"en": "Academy of Public Administration, Astana"},
            country="KZ",
            orcid=ORCID_1,
            primary=True,
        ),
        AuthorSpec(
            id=200 + n,
            given={"en": "Levan"},
            family={"en": "Beridze"},
            email=f"levan{n}@example.ge",
            affiliation={"en": "Tbilisi State University"},
            country="GE",
            orcid=ORCID_2,
        ),
    ]


def sample_article(
    n: int, issue_date: str, *, section="ART", files_dir=None
) -> ArticleSpec:
    pdf = FileSpec(
        id=500 + n,
        file_id=600 + n,
        name=f"article-{n}.pdf",
        content=pdf_bytes(f"Article {n}"),
        mime="application/pdf",
        genre="Article Text",
    )
    files = [pdf]
    galleys = [GalleySpec(id=700 + n, label="PDF", file=pdf)]
    return ArticleSpec(
        id=n,
        section_ref=section,
        date_submitted="2020-11-02",
        files=files,
        publications=[
            PublicationSpec(
                id=300 + n,
                version=1,
                date_published=issue_date,
                title={
                    "en": f"Merit-based recruitment, case {n}",
                    "ru": f"Меритократический отбор, случай {n}",
                },
                abstract={
                    "en": f"<p>Abstract of article {n}.</p>",
                    "ru": f"<p>Аннотация статьи {n}.</p>",
                },
                keywords={
                    "en": ["civil service", "meritocracy"],
                    "ru": ["государственная служба"],
                },
                subjects={"en": ["Public administration"]},
                authors=_authors(n),
                galleys=galleys,
                doi=f"10.99999/ojs.{n}",
                pages=f"{n * 10 + 1}-{n * 10 + 9}",
                licence_url=LICENCE,
                copyright_holder={"en": "The authors"},
                copyright_year=int(issue_date[:4]),
            )
        ],
    )


def sample_journal(version: str, *, referenced_dir=None) -> list[IssueSpec]:
    """Three issues, five articles. Article 1 has two publications (the second
    with a subtitle, a French title and a new PDF), an HTML galley and a CSV
    data set; article 3's PDF is referenced from `referenced_dir` if given."""
    a1 = sample_article(1, "2021-06-30")
    v2_pdf = FileSpec(
        id=551,
        file_id=651,
        name="article-1-v2.pdf",
        content=pdf_bytes("Article 1 corrected"),
        mime="application/pdf",
    )
    html = FileSpec(
        id=552,
        file_id=652,
        name="article-1.html",
        content=b"<html><body><p>Full text 1.</p></body></html>",
        mime="text/html",
    )
    data = FileSpec(
        id=553,
        file_id=653,
        name="survey-data.csv",
        content=b"country,score\nKZ,3\nGE,4\n",
        mime="text/csv",
        genre="Data Set",
    )
    a1.files += [v2_pdf, html, data]
    first = a1.publications[0]
    second = PublicationSpec(
        id=399,
        version=2,
        date_published="2021-09-01",
        title={**first.title, "fr": "Recrutement au mérite, cas 1"},
        subtitle={"en": "A corrected version", "ru": "Исправленная версия"},
        abstract=first.abstract,
        keywords=first.keywords,
        subjects=first.subjects,
        authors=_authors(1),
        galleys=[
            GalleySpec(id=751, label="PDF", file=v2_pdf),
            GalleySpec(id=752, label="HTML", file=html),
            GalleySpec(id=753, label="Data", file=data),
        ],
        doi=first.doi,
        pages=first.pages,
        licence_url=LICENCE,
        copyright_holder=first.copyright_holder,
        copyright_year=first.copyright_year,
    )
    a1.publications.append(second)
    a2 = sample_article(2, "2021-06-30", section="RN")
    a3 = sample_article(3, "2021-12-20")
    if referenced_dir is not None:
        pdf = a3.files[0]
        path = referenced_dir / pdf.name
        path.write_bytes(pdf.content)
        pdf.href = pdf.name
    a4 = sample_article(4, "2021-12-20")
    a5 = sample_article(5, "2022-06-30")
    return [
        IssueSpec(
            id=11,
            volume=1,
            number="1",
            year=2021,
            title={"en": "Reform in the region", "ru": "Реформы в регионе"},
            description={
                "en": "<p>The first issue.</p>",
                "ru": "<p>Первый выпуск.</p>",
            },
            date_published="2021-06-30",
            sections=SECTIONS,
            articles=[a1, a2],
            doi="10.99999/ojs.issue.11",
            cover=png_bytes(),
            cover_alt="A map of the region",
        ),
        IssueSpec(
            id=12,
            volume=1,
            number="2",
            year=2021,
            title={"en": "Digital government"},
            description={"en": "<p>The second issue.</p>"},
            date_published="2021-12-20",
            sections=SECTIONS[:1],
            articles=[a3, a4],
        ),
        IssueSpec(
            id=13,
            volume=2,
            number="1",
            year=2022,
            title={"en": "Ethics"},
            description={},
            date_published="2022-06-30",
            sections=SECTIONS[:1],
            articles=[a5],
            current=True,
        ),
    ]


# bcrypt of "old-ojs-password" (OJS's own $2y$ prefix), cost 4 to keep tests fast.
def bcrypt_hash(password: str) -> str:
    import bcrypt

    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4)).decode()
    return "$2y$" + hashed[4:]


OLD_PASSWORD = "old-ojs-password"

GROUPS = [
    GroupSpec(16, "Journal manager", "JM", "Управляющий журналом"),
    GroupSpec(16, "Journal editor", "JE", "Редактор журнала"),
    GroupSpec(17, "Section editor", "SecE"),
    GroupSpec(17, "Production editor", "ProdE"),
    GroupSpec(4097, "Copyeditor", "CE"),
    GroupSpec(4096, "Reviewer", "R"),
    GroupSpec(65536, "Author", "AU"),
    GroupSpec(1048576, "Reader", "Read"),
]


def sample_users() -> list[UserSpec]:
    hashed = bcrypt_hash(OLD_PASSWORD)
    return [
        UserSpec(
            "jmanager",
            "manager@ojs.example.org",
            {"en": "Dana", "ru": "Дана"},
            {"en": "Manager", "ru": "Менеджер"},
            hashed,
            ["Journal manager", "Journal editor"],
            affiliation={"en": "Journal office"},
            country="KZ",
        ),
        UserSpec(
            "reviewer1",
            "Reviewer@OJS.example.org",
            {"en": "Rustam"},
            {"en": "Aliyev"},
            hashed,
            ["Reviewer", "Author"],
            affiliation={"en": "Baku State University"},
            country="AZ",
            orcid=ORCID_2,
            interests="e-government, ethics",
        ),
        UserSpec(
            "copyed",
            "copyeditor@ojs.example.org",
            {"en": "Olga"},
            {"en": "Ivanova"},
            hashed,
            ["Copyeditor", "Section editor"],
        ),
        UserSpec(
            "nohash",
            "nohash@ojs.example.org",
            {"en": "Timur"},
            {"en": "Karimov"},
            "",
            ["Author", "Reader"],
        ),
    ]
