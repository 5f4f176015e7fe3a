import pytest
from django.urls import reverse
from lxml import etree

from indexing.doi import crossref
from indexing.doi.services import crossref_deposit_create
from indexing.models import CrossrefDeposit, DepositStatus
from indexing.tasks import DEPOSIT_MAX_RETRIES, crossref_deposit_send_task
from tests.factories import editor_of
from tests.publishing.factories import IssueFactory, PublishedArticleFactory

pytestmark = pytest.mark.django_db

CR = {"cr": crossref.CR, "jats": crossref.JATS, "ai": crossref.AI}


def _parse(text):
    return etree.fromstring(
        text.encode(), etree.XMLParser(no_network=True, resolve_entities=False)
    )


def test_the_issue_deposit_is_valid_crossref_5_3_1_with_every_part(issue):
    deposit = crossref_deposit_create(actor=editor_of(issue.journal), issue=issue)
    root = _parse(deposit.xml)
    assert crossref.batch_validate(root) == []
    assert root.findtext("cr:head/cr:doi_batch_id", namespaces=CR) == deposit.batch_id
    assert (
        root.findtext("cr:head/cr:depositor/cr:email_address", namespaces=CR)
        == "doi@hub.example.org"
    )
    journal = root.find("cr:body/cr:journal", CR)
    assert (
        journal.findtext("cr:journal_metadata/cr:full_title", namespaces=CR)
        == issue.journal.title
    )
    assert (
        journal.find("cr:journal_metadata/cr:issn", CR).get("media_type")
        == "electronic"
    )
    assert (
        journal.findtext("cr:journal_issue/cr:journal_volume/cr:volume", namespaces=CR)
        == "5"
    )
    assert (
        journal.findtext("cr:journal_issue/cr:doi_data/cr:doi", namespaces=CR)
        == "10.99999/jpa.5.2"
    )
    articles = journal.findall("cr:journal_article", CR)
    assert [a.findtext("cr:doi_data/cr:doi", namespaces=CR) for a in articles] == [
        "10.99999/jpa.2026.1",
        "10.99999/jpa.2026.2",
    ]
    first = articles[0]
    people = first.findall("cr:contributors/cr:person_name", CR)
    assert [p.get("sequence") for p in people] == ["first", "additional"]
    assert people[1].findtext("cr:surname", namespaces=CR) == "Сейткалиева"
    assert (
        people[0].findtext("cr:ORCID", namespaces=CR)
        == "https://orcid.org/0000-0002-1825-0097"
    )
    assert (
        first.find("jats:abstract/jats:p", CR).text
        == "We study merit-based recruitment."
    )
    assert first.findtext("cr:pages/cr:first_page", namespaces=CR) == "1"
    assert first.findtext("ai:program/ai:license_ref", namespaces=CR) == (
        "https://creativecommons.org/licenses/by/4.0/"
    )
    resource = first.findtext("cr:doi_data/cr:resource", namespaces=CR)
    assert resource.startswith("http://testserver/article/")
    assert len(first.findall("cr:citation_list/cr:citation", CR)) == 2
    second = articles[1]
    assert second.findtext("cr:publisher_item/cr:item_number", namespaces=CR) == "e102"
    assert set(deposit.items.values_list("status", flat=True)) == {
        DepositStatus.PENDING
    }
    assert deposit.items.count() == 3


def test_one_invalid_article_fails_alone_and_the_rest_are_deposited(
    issue, crossref_server
):
    bad = PublishedArticleFactory(
        submission__journal=issue.journal, issue=issue, order=3, doi="not-a-doi"
    )
    deposit = crossref_deposit_create(actor=editor_of(issue.journal), issue=issue)
    bad_item = deposit.items.get(article=bad)
    assert bad_item.status == DepositStatus.FAILED
    assert "pattern" in bad_item.message
    assert "not-a-doi" not in deposit.xml
    assert crossref.batch_validate(_parse(deposit.xml)) == []

    crossref_deposit_send_task.delay(deposit.pk)

    deposit.refresh_from_db()
    assert deposit.status == DepositStatus.SUBMITTED
    statuses = dict(deposit.items.values_list("doi", "status"))
    assert statuses == {
        "10.99999/jpa.5.2": DepositStatus.SUBMITTED,
        "10.99999/jpa.2026.1": DepositStatus.SUBMITTED,
        "10.99999/jpa.2026.2": DepositStatus.SUBMITTED,
        "not-a-doi": DepositStatus.FAILED,
    }


def test_the_deposit_is_posted_like_crossrefs_deposit_api(issue, crossref_server):
    deposit = crossref_deposit_create(actor=editor_of(issue.journal), issue=issue)
    crossref_deposit_send_task.delay(deposit.pk)
    assert len(crossref_server.requests) == 1
    assert crossref_server.requests[0]["path"] == "/servlet/deposit"
    form = crossref_server.form()
    assert form["operation"] == b"doMDUpload"
    assert form["login_id"] == b"hub/depositor"
    assert form["login_passwd"] == b"s3cret"
    assert form["fname.filename"] == f"{deposit.batch_id}.xml"
    sent = etree.fromstring(
        form["fname"], etree.XMLParser(no_network=True, resolve_entities=False)
    )
    assert crossref.batch_validate(sent) == []
    dois = [d.text for d in sent.iter(f"{{{crossref.CR}}}doi")]
    assert dois == ["10.99999/jpa.5.2", "10.99999/jpa.2026.1", "10.99999/jpa.2026.2"]


DIAGNOSTIC = b"""<?xml version="1.0" encoding="UTF-8"?>
<doi_batch_diagnostic status="completed" sp="cr-test">
  <submission_id>1234</submission_id>
  <record_diagnostic status="Success"><doi>10.99999/jpa.5.2</doi><msg>Successfully added</msg></record_diagnostic>
  <record_diagnostic status="Success"><doi>10.99999/jpa.2026.1</doi><msg>Successfully added</msg></record_diagnostic>
  <record_diagnostic status="Failure"><doi>10.99999/jpa.2026.2</doi><msg>Record not processed because submitted version is less or equal to previously submitted version</msg></record_diagnostic>
  <batch_data><record_count>3</record_count><success_count>2</success_count><failure_count>1</failure_count></batch_data>
</doi_batch_diagnostic>"""


def test_crossrefs_per_doi_answer_is_kept_per_item_and_shown_to_the_editor(
    client, issue, crossref_server, eager_retries
):
    crossref_server.body = DIAGNOSTIC
    editor = editor_of(issue.journal)
    deposit = crossref_deposit_create(actor=editor, issue=issue)
    crossref_deposit_send_task.delay(deposit.pk)
    statuses = dict(deposit.items.values_list("doi", "status"))
    assert statuses["10.99999/jpa.2026.1"] == DepositStatus.SUCCESS
    assert statuses["10.99999/jpa.2026.2"] == DepositStatus.FAILED
    failed = deposit.items.get(doi="10.99999/jpa.2026.2")
    assert "less or equal" in failed.message

    # A later batch fails to send: the earlier success is still shown.
    crossref_server.status = 503
    crossref_server.body = b"Service unavailable"
    again = crossref_deposit_create(actor=editor, issue=issue)
    crossref_deposit_send_task.delay(again.pk)
    assert set(again.items.values_list("status", flat=True)) == {DepositStatus.FAILED}

    client.force_login(editor)
    html = client.get(
        reverse("publishing:editor_issue", args=[issue.journal.slug, issue.pk])
    ).content.decode()
    assert html.count("Deposited on") == 2  # the issue and the first article
    assert "Service unavailable" in html
    assert "Not deposited" not in html


def test_a_failing_crossref_is_retried_then_the_failure_is_recorded(
    issue, crossref_server, eager_retries
):
    crossref_server.status = 500
    crossref_server.body = b"Internal error at Crossref"
    deposit = crossref_deposit_create(actor=editor_of(issue.journal), issue=issue)
    crossref_deposit_send_task.delay(deposit.pk)
    assert len(crossref_server.requests) == DEPOSIT_MAX_RETRIES + 1
    deposit.refresh_from_db()
    assert deposit.status == DepositStatus.FAILED
    assert "HTTP 500" in deposit.response
    for item in deposit.items.all():
        assert item.status == DepositStatus.FAILED
        assert "Internal error at Crossref" in item.message


def test_an_unpublished_issue_is_not_deposited(issue):
    # Its own volume number: the fixture holds volume 5 and the factory counts up.
    draft = IssueFactory(journal=issue.journal, volume__number=6)
    from journal.errors import DomainError

    with pytest.raises(DomainError):
        crossref_deposit_create(actor=editor_of(issue.journal), issue=draft)
    assert not CrossrefDeposit.objects.filter(issue=draft).exists()


def test_editor_starts_a_deposit_from_the_issue_page(
    client, issue, crossref_server, django_capture_on_commit_callbacks
):
    client.force_login(editor_of(issue.journal))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse(
                "publishing:editor_issue_deposit", args=[issue.journal.slug, issue.pk]
            )
        )
    assert len(crossref_server.requests) == 1
    assert CrossrefDeposit.objects.get(issue=issue).status == DepositStatus.SUBMITTED


def test_only_orcid_ids_confirmed_by_orcid_sign_in_are_deposited_as_authenticated(
    issue,
):
    first, second = issue.articles.order_by("order").first().submission.authors.all()
    first.orcid_authenticated = True  # came with "Add me as an author"
    first.save(update_fields=["orcid_authenticated"])

    deposit = crossref_deposit_create(actor=editor_of(issue.journal), issue=issue)
    root = _parse(deposit.xml)

    assert crossref.batch_validate(root) == []
    article = root.find("cr:body/cr:journal/cr:journal_article", CR)
    ids = article.findall("cr:contributors/cr:person_name/cr:ORCID", CR)
    assert [(i.text, i.get("authenticated")) for i in ids] == [
        ("https://orcid.org/0000-0002-1825-0097", "true"),
        ("https://orcid.org/0000-0002-1825-0097", None),
    ]
