"""An author's affiliation may carry a ROR id; an ORCID iD counts as
authenticated only when it came confirmed from the person's account."""

import pytest
from django.urls import reverse

from journal.services import user_update_profile
from tests.factories import SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db

COAUTHOR = {
    "given_name": "Aigerim",
    "family_name": "Sadykova",
    "email": "aigerim@example.org",
    "affiliation": "Nazarbayev University",
    "country": "KZ",
    "orcid": "0000-0002-1825-0097",
}


def _add(client, draft, **values):
    return client.post(
        reverse("submissions:step", args=[draft.pk, "authors"]), COAUTHOR | values
    )


def test_a_ror_id_is_kept_as_its_url_and_a_malformed_one_refused(client):
    author = UserFactory()
    client.force_login(author)
    draft = SubmissionFactory(submitter=author, with_author=False)

    refused = _add(client, draft, ror="https://ror.org/not-a-ror")
    assert refused.status_code == 200
    assert "A ROR id looks like https://ror.org/03yrm5c26." in refused.text
    assert not draft.authors.exists()

    assert _add(client, draft, ror="ror.org/052bx8q98/").status_code == 302
    coauthor = draft.authors.get()
    assert coauthor.ror == "https://ror.org/052bx8q98"
    assert coauthor.orcid_authenticated is False  # typed, not confirmed


def test_only_an_orcid_confirmed_on_the_account_is_authenticated(client):
    author = UserFactory(orcid="0000-0002-1825-0097", orcid_authenticated=True)
    client.force_login(author)
    draft = SubmissionFactory(submitter=author, with_author=False)

    client.post(reverse("submissions:author_add_me", args=[draft.pk]))
    assert draft.authors.get().orcid_authenticated is True

    user_update_profile(user=author, actor=author, orcid="0000-0001-5109-3700")
    author.refresh_from_db()
    assert author.orcid_authenticated is False
