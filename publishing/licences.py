"""Creative Commons licences read from their URL, for the badge readers see
beside an article: the licence's name ("CC BY-NC 4.0") and a local icon
(static/img/cc/, so a page loads nothing from creativecommons.org)."""

import re
from dataclasses import dataclass

_CC = re.compile(
    r"^https?://(?:www\.)?creativecommons\.org/"
    r"(?:licenses/(?P<kind>by(?:-nc)?(?:-sa|-nd)?)/(?P<version>\d\.\d)"
    r"|publicdomain/(?P<public>zero|mark)/(?P<pd_version>\d\.\d))"
    r"(?:/[a-z-]*)?/?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class LicenceBadge:
    name: str
    url: str
    icon: str  # a static path


def licence_badge(url: str) -> LicenceBadge | None:
    """The badge for a Creative Commons licence URL, or None for any other."""
    match = _CC.match((url or "").strip())
    if match is None:
        return None
    if match["public"]:
        public = match["public"].lower()
        name = (
            "CC0 " + match["pd_version"] if public == "zero" else "Public Domain Mark"
        )
        return LicenceBadge(name=name, url=url, icon=f"img/cc/{public}.svg")
    kind = match["kind"].lower()
    return LicenceBadge(
        name=f"CC {kind.upper()} {match['version']}",
        url=url,
        icon=f"img/cc/{kind}.svg",
    )
