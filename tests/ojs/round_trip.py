"""The round trip's two sides: what a journal holds (articles, authors, file
bytes, DOIs, people, the article pages' text) and an export with this
installation's own ids taken out, so two installations can be compared.

Run as a program, it is the far side of the trip, in a database of its own:

    python -m tests.ojs.round_trip ISSUES.xml USERS.xml OUT_DIR

migrates the (empty) database named by DATABASE_URL, makes the journal,
imports the export, exports it again to OUT_DIR/issues.xml and
OUT_DIR/users.xml and writes what it holds to OUT_DIR/snapshot.json.
"""

import hashlib
import io
import json
import sys
from pathlib import Path

from lxml import etree, html

JOURNAL = {
    "title": "Journal of Public Administration",
    "abbreviation": "JPA",
    "slug": "pa",
    "publisher": "Regional Hub of Civil Service",
    "issn_online": "2226-6348",
    "timezone": "Asia/Almaty",
    "languages": ["en", "ru"],
    "doi_prefix": "10.99999",
}

# Ids each installation gives its rows, the day a person registered here, and
# the random name an issue cover is stored under.
_LOCAL_ATTRIBUTES = ("id", "file_id", "current_publication_id")
_LOCAL_ELEMENTS = ("date_registered",)
_LOCAL_TEXT = ("cover_image",)


def comparable_export(xml: bytes) -> bytes:
    """The export in canonical form without this installation's own ids."""
    parser = etree.XMLParser(remove_blank_text=True, huge_tree=True)
    root = etree.fromstring(xml, parser)
    for el in list(root.iter()):
        name = etree.QName(el).localname
        if (name == "id" and el.get("type") == "internal") or (name in _LOCAL_ELEMENTS):
            el.getparent().remove(el)
            continue
        if name in _LOCAL_TEXT:
            el.text = ""
        for attribute in _LOCAL_ATTRIBUTES:
            el.attrib.pop(attribute, None)
    return etree.tostring(root, method="c14n")


def page_text(client, article) -> str:
    """What a reader reads on the article page (no links, no ids)."""
    document = html.fromstring(client.get(f"/article/{article.pk}/").content)
    [main] = document.xpath("//article")
    return " ".join(main.text_content().split())


def snapshot(journal, client) -> dict:
    from journal.models import User
    from publishing.models import Article

    articles = {}
    for article in Article.objects.filter(journal=journal).select_related(
        "submission", "issue__volume"
    ):
        s = article.submission
        articles[article.doi] = {
            "title": s.title,
            "subtitle": s.subtitle,
            "abstract": s.abstract,
            "keywords": s.keywords,
            "subjects": s.subjects,
            "copyright": [article.copyright_holder, article.copyright_year],
            "access": article.access_status,
            "version": article.version,
            "pages": [article.first_page, article.last_page],
            "authors": [
                [
                    c.given_name,
                    c.family_name,
                    c.name_translations,
                    c.orcid,
                    c.affiliation,
                    c.country.code,
                    c.email,
                    c.is_corresponding,
                ]
                for c in s.authors.order_by("order")
            ],
            "files": sorted(
                [g.kind, g.is_current, hashlib.sha256(g.file.read()).hexdigest()]
                for g in article.galleys.all()
            ),
            "issue": [
                article.issue.volume.number,
                article.issue.number,
                article.issue.year,
                article.issue.doi,
            ],
            "page": page_text(client, article),
        }
    people = {
        u.email: [u.given_name, u.family_name, u.name_translations, u.orcid]
        for u in User.objects.filter(journal_roles__journal=journal).distinct()
    }
    return json.loads(json.dumps({"articles": articles, "people": people}))


def main(issues: str, users: str, out: str) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from journal.models import Journal

    call_command("migrate", verbosity=0)
    journal = Journal.objects.create(**JOURNAL)
    call_command(
        "import_ojs",
        issues,
        users,
        journal="pa",
        no_progress=True,
        stdout=io.StringIO(),
    )
    folder = Path(out)
    call_command(
        "export_ojs",
        "--journal",
        "pa",
        "--output",
        str(folder / "issues.xml"),
        "--users",
        str(folder / "users.xml"),
        stderr=io.StringIO(),
    )
    (folder / "snapshot.json").write_text(json.dumps(snapshot(journal, Client())))


if __name__ == "__main__":
    main(*sys.argv[1:4])
