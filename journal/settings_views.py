"""The journal's public editorial board, and the managers' journal settings:
the journal's texts, its sections, its calls for papers and the board; each
POST view does one action."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from .forms import BoardMemberForm, CallForm, JournalSettingsForm, SectionTextsForm
from .models import BoardMember, CallForPapers, Journal
from .selectors import (
    board_member_for,
    board_of,
    call_of,
    journal_by_slug,
    journal_for,
    section_of,
)
from .services import (
    board_member_move,
    board_member_remove,
    board_member_save,
    call_save,
    journal_settings_save,
    section_save,
)
from .view_actions import run_action, run_form_action


@require_safe
def board(request, slug):
    try:
        journal = journal_by_slug(slug)
    except (Journal.DoesNotExist, ValueError):
        raise Http404 from None
    return render(
        request,
        "journal/board.html",
        {"journal": journal, "members": list(board_of(journal))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def journal_settings(request, slug):
    journal = journal_for(request.user, slug, "journal.manage")
    form = JournalSettingsForm(request.POST or None, instance=journal)
    return run_form_action(
        request,
        form,
        lambda form: journal_settings_save(
            journal=form.save(commit=False), actor=request.user
        ),
        success_message=_("The journal's settings are saved."),
        redirect_to=redirect("journal:settings", journal.slug),
        render_form=lambda form: render(
            request,
            "journal/editor/settings.html",
            {"journal": journal, "form": form},
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def board_manage(request, slug):
    """The board in order, with move, edit and remove; the form adds a member."""
    journal = journal_for(request.user, slug, "journal.board")
    form = BoardMemberForm(request.POST or None, instance=BoardMember(journal=journal))
    return run_form_action(
        request,
        form,
        lambda form: board_member_save(
            member=form.save(commit=False), actor=request.user
        ),
        success_message=_("Added to the editorial board."),
        redirect_to=redirect("journal:board_manage", journal.slug),
        render_form=lambda form: render(
            request,
            "journal/editor/board.html",
            {
                "journal": journal,
                "form": form,
                "members": list(board_of(journal)),
            },
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def board_member_edit(request, slug, pk):
    journal = journal_for(request.user, slug, "journal.board")
    member = board_member_for(request.user, journal, pk)
    form = BoardMemberForm(request.POST or None, instance=member)
    return run_form_action(
        request,
        form,
        lambda form: board_member_save(
            member=form.save(commit=False), actor=request.user
        ),
        success_message=_("Saved."),
        redirect_to=redirect("journal:board_manage", journal.slug),
        render_form=lambda form: render(
            request,
            "journal/editor/board_member.html",
            {"journal": journal, "form": form, "member": member},
        ),
    )


@login_required
@require_POST
def board_member_delete(request, slug, pk):
    journal = journal_for(request.user, slug, "journal.board")
    member = board_member_for(request.user, journal, pk)
    return run_action(
        request,
        lambda: board_member_remove(member=member, actor=request.user),
        success_message=_("Removed from the editorial board."),
        redirect_to=redirect("journal:board_manage", journal.slug),
    )


@login_required
@require_POST
def board_member_reorder(request, slug, pk, direction):
    journal = journal_for(request.user, slug, "journal.board")
    member = board_member_for(request.user, journal, pk)
    return run_action(
        request,
        lambda: board_member_move(
            member=member, actor=request.user, direction=direction
        ),
        redirect_to=redirect("journal:board_manage", journal.slug),
    )


def _settings_form(request, template: str, context: dict):
    return render(request, f"journal/editor/{template}", context)


@login_required
@require_safe
def calls_manage(request, slug):
    journal = journal_for(request.user, slug, "journal.manage")
    return _settings_form(
        request,
        "calls.html",
        {"journal": journal, "calls": list(journal.calls.order_by("-deadline"))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def call_edit(request, slug, pk=None):
    journal = journal_for(request.user, slug, "journal.manage")
    call = call_of(journal, pk) if pk else CallForPapers(journal=journal)
    form = CallForm(request.POST or None, instance=call, journal=journal)
    return run_form_action(
        request,
        form,
        lambda form: call_save(
            call=form.save(commit=False),
            actor=request.user,
            sections=list(form.cleaned_data["sections"]),
        ),
        success_message=_("Saved."),
        redirect_to=redirect("journal:calls", journal.slug),
        render_form=lambda form: _settings_form(
            request,
            "edit_form.html",
            {"journal": journal, "form": form, "tab": "calls", "back": "journal:calls"},
        ),
    )


@login_required
@require_safe
def sections_manage(request, slug):
    journal = journal_for(request.user, slug, "journal.manage")
    return _settings_form(
        request,
        "sections.html",
        {"journal": journal, "sections": list(journal.sections.all())},
    )


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, slug, pk):
    journal = journal_for(request.user, slug, "journal.manage")
    section = section_of(journal, pk)
    form = SectionTextsForm(request.POST or None, instance=section)
    return run_form_action(
        request,
        form,
        lambda form: section_save(section=form.save(commit=False), actor=request.user),
        success_message=_("Saved."),
        redirect_to=redirect("journal:sections", journal.slug),
        render_form=lambda form: _settings_form(
            request,
            "edit_form.html",
            {
                "journal": journal,
                "form": form,
                "tab": "sections",
                "back": "journal:sections",
            },
        ),
    )
