"""{% load licence_badge %}{% licence_badge url %}: a Creative Commons badge
(local icon) with the licence's name linked; any other licence as a plain
link."""

from django import template

from publishing.licences import licence_badge as badge_for

register = template.Library()


@register.inclusion_tag("publishing/_licence_badge.html")
def licence_badge(url: str, name: str = ""):
    return {"url": url, "badge": badge_for(url), "name": name}
