"""A client over its budget on an expensive endpoint gets 429 with
Retry-After; other addresses, other endpoints and allowlisted harvesters go
on being served."""

import copy
import random

import pytest

pytestmark = pytest.mark.django_db

# Counters live in the shared cache: fresh addresses for each run, so no
# earlier count applies and nothing needs clearing.
_net = random.randrange(1, 250)
STORM = f"10.{_net}.{random.randrange(250)}.5"
READER = f"10.{_net}.{random.randrange(250)}.9"
HARVESTER = "192.0.2.10"


@pytest.fixture
def budgets(settings):
    config = copy.deepcopy(settings.CLIENT_BUDGETS)
    config["search"]["rate"] = "3/m"
    config["oai"]["rate"] = "2/m"
    settings.CLIENT_BUDGETS = config
    settings.CLIENT_BUDGET_ALLOWLIST = ["192.0.2.0/28"]


def test_a_client_over_its_search_budget_gets_429_with_retry_after(client, budgets):
    answers = [
        client.get("/search/", {"q": "civil"}, REMOTE_ADDR=STORM).status_code
        for _ in range(4)
    ]
    refused = client.get("/search/", {"q": "civil"}, REMOTE_ADDR=STORM)

    assert answers[:3] == [200, 200, 200] and answers[3] == 429
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 61
    # Another address, and a page without a budget, are served.
    assert client.get("/search/", {"q": "x"}, REMOTE_ADDR=READER).status_code == 200
    assert client.get("/robots.txt", REMOTE_ADDR=STORM).status_code == 200


def test_oai_budget_spares_allowlisted_harvesters(client, budgets):
    storm = STORM.replace(".5", ".6")
    codes = [
        client.get("/oai", {"verb": "Identify"}, REMOTE_ADDR=storm).status_code
        for _ in range(3)
    ]
    trusted = [
        client.get("/oai", {"verb": "Identify"}, REMOTE_ADDR=HARVESTER).status_code
        for _ in range(5)
    ]

    assert codes == [200, 200, 429]
    assert trusted == [200] * 5


def test_budgets_are_off_when_their_rate_is_empty(client, settings):
    assert all(not spec["rate"] for spec in settings.CLIENT_BUDGETS.values())
    codes = {client.get("/oai", {"verb": "Identify"}).status_code for _ in range(5)}
    assert codes == {200}
