"""Per-client budgets on the expensive public endpoints (search, galley
downloads, exports, OAI-PMH), so a crawler storm from many addresses cannot
take the workers that editors and readers need.

Each budget is a path pattern and a rate ("60/m", "1000/h"); a client (its
address) over the budget in the current window gets 429 with Retry-After.
Addresses and networks in CLIENT_BUDGET_ALLOWLIST (trusted harvesters) are
never limited. Counters live in the default cache (Redis in production, so
all workers share them). Behind a proxy, REMOTE_ADDR must be the client's
address (set by the proxy configuration, see docs/architecture.md).
"""

import ipaddress
import re
import time
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.cache import cache as counters
from django.http import HttpResponse
from django.utils.translation import gettext as _

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Budget:
    name: str
    pattern: re.Pattern
    limit: int
    window: int


def parse_rate(rate: str) -> tuple[int, int]:
    count, _sep, unit = rate.partition("/")
    return int(count), UNITS[unit.strip() or "m"]


@cache
def _budgets(config: tuple) -> tuple[Budget, ...]:
    out = []
    for name, pattern, rate in config:
        if not rate:
            continue
        limit, window = parse_rate(rate)
        out.append(Budget(name, re.compile(pattern), limit, window))
    return tuple(out)


@cache
def _allowlist(entries: tuple[str, ...]):
    return tuple(ipaddress.ip_network(e.strip(), strict=False) for e in entries if e)


def _allowed(address: str) -> bool:
    networks = _allowlist(tuple(settings.CLIENT_BUDGET_ALLOWLIST))
    if not networks:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in networks)


def budgets() -> tuple[Budget, ...]:
    config = tuple(
        (name, spec["pattern"], spec.get("rate", ""))
        for name, spec in settings.CLIENT_BUDGETS.items()
    )
    return _budgets(config)


class ClientBudgetMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refused = self._over_budget(request)
        if refused is not None:
            return refused
        return self.get_response(request)

    def _over_budget(self, request):
        path = request.path_info
        matching = [b for b in budgets() if b.pattern.match(path)]
        if not matching:
            return None
        address = request.META.get("REMOTE_ADDR", "")
        if _allowed(address):
            return None
        now = time.time()
        for budget in matching:
            # A window opens at the client's first request and lasts its length.
            base = f"budget:{budget.name}:{address}"
            window_start = counters.get_or_set(f"{base}:t", now, budget.window)
            key = f"{base}:{int(window_start)}"
            counters.add(key, 0, timeout=budget.window + 1)
            try:
                used = counters.incr(key)
            except ValueError:  # evicted between add and incr
                counters.set(key, 1, timeout=budget.window + 1)
                used = 1
            if used > budget.limit:
                retry = max(1, int(window_start + budget.window - now) + 1)
                response = HttpResponse(
                    _(
                        "Too many requests from your address. Please try again "
                        "in %(n)s seconds."
                    )
                    % {"n": retry},
                    status=429,
                    content_type="text/plain; charset=utf-8",
                )
                response["Retry-After"] = str(retry)
                response["Cache-Control"] = "no-store"
                return response
        return None
