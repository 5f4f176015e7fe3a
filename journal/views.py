from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.views import activate_totp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from .forms import ProfileForm, StaffTwoFactorForm
from .selectors import (
    STAFF_ROLES,
    Role,
    calls_open_everywhere,
    journal_for,
    journals_active,
    roles_by_journal,
)
from .services import (
    journal_staff_two_factor_set,
    user_set_language,
    user_update_profile,
)
from .view_actions import run_form_action


def home(request):
    journals = list(journals_active())
    if len(journals) == 1:
        return redirect("publishing:journal_home", slug=journals[0].slug)
    return render(request, "journal/home.html", {"journals": journals})


@login_required
def dashboard(request):
    """Where a signed-in person starts: their submissions, reviews and journals."""
    user = request.user
    roles = roles_by_journal(user)
    is_staff = user.is_staff or any(r & set(STAFF_ROLES) for r in roles.values())
    context = {
        "active_journals": list(journals_active()),
        "edited_journals": [j for j in roles if user.has_perm("journal.office", j)],
        "production_journals": [
            j for j in roles if user.has_perm("production.view", j)
        ],
        "journal_roles": {
            j: [Role(r).label for r in sorted(rs)] for j, rs in roles.items()
        },
        "open_calls": list(calls_open_everywhere()[:6]),
        "is_journal_staff": is_staff,
        "two_factor_on": is_staff
        and Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).exists(),
    }
    return render(request, "journal/dashboard.html", context)


def favicon(request):
    return redirect(static("img/favicon.svg"), permanent=True)


@csrf_exempt
@require_POST
def set_language(request):
    """Django's language switch, and for a signed-in person the choice is kept
    on their account (restored at their next sign-in).

    For an anonymous reader it only sets a cookie in their own browser, so it
    asks no CSRF token: reader pages then carry none and can be kept whole for
    everyone (publishing.views.page_cache). A signed-in person's switch writes
    to their account and is checked as every form is."""
    if request.user.is_authenticated:
        return _set_account_language(request)
    return i18n_views.set_language(request)


@csrf_protect
def _set_account_language(request):
    response = i18n_views.set_language(request)
    user_set_language(user=request.user, language=request.POST.get("language", ""))
    return response


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """A person's own details: names, affiliation, ORCID iD, language, interests."""

    def show(form):
        if request.method == "POST" and not form.is_valid():
            messages.error(request, _("Please correct the marked fields."))
        return render(
            request, "journal/profile.html", {"form": form, "person": request.user}
        )

    return run_form_action(
        request,
        ProfileForm.for_user(request.user, data=request.POST or None),
        lambda form: user_update_profile(
            user=request.user, actor=request.user, **form.cleaned_data
        ),
        success_message=_("Your profile has been saved."),
        redirect_to=redirect("journal:profile"),
        render_form=show,
    )


@login_required
def mfa_activate_totp(request):
    """allauth's authenticator-app activation, for journal staff only."""
    adapter = get_mfa_adapter()
    if not adapter.can_activate(request.user):
        messages.error(request, adapter.error_messages["not_staff"])
        return redirect("mfa_index")
    return activate_totp(request)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def journal_security(request, slug):
    """A manager's choice of whether the journal's staff need two-factor
    authentication (the site's setting unless the journal chooses)."""
    journal = journal_for(request.user, slug, "journal.manage")

    def show(form):
        return render(
            request,
            "journal/security.html",
            {
                "journal": journal,
                "form": form,
                "site_requires": settings.STAFF_REQUIRE_TWO_FACTOR,
            },
        )

    form = StaffTwoFactorForm(
        request.POST or None, initial={"policy": journal.staff_two_factor}
    )
    return run_form_action(
        request,
        form,
        lambda form: journal_staff_two_factor_set(
            journal=journal, actor=request.user, policy=form.cleaned_data["policy"]
        ),
        success_message=_("Saved."),
        redirect_to=redirect("journal:security", journal.slug),
        render_form=show,
    )
