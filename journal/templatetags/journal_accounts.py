from django import template

register = template.Library()


@register.simple_tag
def may_use_two_factor(user) -> bool:
    """{% load journal_accounts %}{% may_use_two_factor user as allowed %}: the MFA adapter's rule."""
    from allauth.mfa.adapter import get_adapter

    return get_adapter().can_activate(user)
