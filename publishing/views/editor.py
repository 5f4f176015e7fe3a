"""Editors' pages for volumes and issues; each POST view does one action."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from journal.models import Journal
from journal.selectors import journal_for
from journal.view_actions import run_action, run_form_action

from .. import hooks, selectors
from ..issues import services
from ..issues.forms import (
    IssueForm,
    PaginationForm,
    PublishingSettingsForm,
    ReasonForm,
    RetractForm,
    ScheduleForm,
    VolumeForm,
)
from ..links import site_url
from ..models import Article, Issue, JournalPublishingSettings, Volume


def _journal(request, slug, perm: str = "issues.prepare") -> Journal:
    return journal_for(request.user, slug, perm)


def _issue(journal, issue_id) -> Issue:
    try:
        return selectors.issue_for_editor(journal, issue_id)
    except Issue.DoesNotExist:
        raise Http404 from None


def _article(journal, article_id, user=None, perm: str = "") -> Article:
    """An article of the journal (and, given a permission, one the person may
    act on: section editors only in their sections), or 404."""
    try:
        article = Article.objects.select_related("submission", "issue").get(
            pk=article_id, journal=journal
        )
    except (Article.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if perm and not user.has_perm(perm, article):
        raise Http404
    return article


def _back(issue):
    return redirect("publishing:editor_issue", issue.journal.slug, issue.pk)


@login_required
def issue_list_editor(request, slug):
    journal = _journal(request, slug)
    return render(
        request,
        "publishing/editor/issue_list.html",
        {
            "journal": journal,
            "issues": list(selectors.issues_for_editor(journal)),
            "volumes": list(selectors.volumes_of(journal)),
        },
    )


def _with_journal(form, journal):
    obj = form.save(commit=False)
    obj.journal = journal
    return obj


@login_required
def volume_create(request, slug, volume_id=None):
    journal = _journal(request, slug)
    instance = None
    if volume_id is not None:
        instance = Volume.objects.filter(journal=journal, pk=volume_id).first()
        if instance is None:
            raise Http404

    def show(form):
        return render(
            request,
            "publishing/editor/volume_form.html",
            {"journal": journal, "form": form, "volume": instance},
        )

    if request.method != "POST":
        return show(VolumeForm(instance=instance))
    return run_form_action(
        request,
        VolumeForm(request.POST, instance=instance),
        lambda form: services.volume_save(
            volume=_with_journal(form, journal), actor=request.user
        ),
        success_message=_("Saved."),
        redirect_to=redirect("publishing:editor_issues", journal.slug),
        render_form=show,
    )


volume_edit = volume_create


@login_required
def issue_create(request, slug, issue_id=None):
    journal = _journal(request, slug)
    instance = _issue(journal, issue_id) if issue_id else None

    def show(form):
        return render(
            request,
            "publishing/editor/issue_form.html",
            {"journal": journal, "form": form, "issue": instance},
        )

    if request.method != "POST":
        return show(IssueForm(instance=instance, journal=journal))
    return run_form_action(
        request,
        IssueForm(request.POST, request.FILES, instance=instance, journal=journal),
        lambda form: services.issue_save(
            issue=_with_journal(form, journal), actor=request.user
        ),
        success_message=_("Saved."),
        redirect_to=_back,
        render_form=show,
    )


issue_edit = issue_create


@login_required
def issue_detail_editor(request, slug, issue_id):
    journal = _journal(request, slug)
    issue = _issue(journal, issue_id)
    articles = selectors.issue_articles_for_editor(issue)
    deposits = hooks.deposit_status(issue, articles)
    rows = [
        {
            "article": a,
            "deposit": deposits.get(("article", a.pk)),
            "form": PaginationForm(
                initial={
                    "first_page": a.first_page,
                    "last_page": a.last_page,
                    "elocation_id": a.elocation_id,
                },
                prefix=f"a{a.pk}",
            ),
        }
        for a in articles
    ]
    return render(
        request,
        "publishing/editor/issue_detail.html",
        {
            "journal": journal,
            "issue": issue,
            "rows": rows,
            "issue_deposit": deposits.get(("issue", issue.pk)),
            "ready": list(selectors.articles_ready_unassigned(journal)),
            "schedule_form": ScheduleForm(),
            "deposits": list(issue.crossref_deposits.all()[:5]),
        },
    )


@login_required
@require_POST
def issue_assign(request, slug, issue_id):
    journal = _journal(request, slug)
    issue = _issue(journal, issue_id)
    article = _article(journal, request.POST.get("article") or 0)
    return run_action(
        request,
        lambda: services.issue_assign_article(
            issue=issue, article=article, actor=request.user
        ),
        success_message=_("Article added to the issue."),
        redirect_to=_back(issue),
    )


@login_required
@require_POST
def issue_remove(request, slug, issue_id, article_id):
    journal = _journal(request, slug)
    issue = _issue(journal, issue_id)
    article = _article(journal, article_id)
    return run_action(
        request,
        lambda: services.issue_remove_article(article=article, actor=request.user),
        success_message=_("Article removed from the issue."),
        redirect_to=_back(issue),
    )


@login_required
@require_POST
def issue_move(request, slug, issue_id, article_id, direction):
    journal = _journal(request, slug)
    issue = _issue(journal, issue_id)
    ids = list(issue.articles.order_by("order", "pk").values_list("pk", flat=True))
    if article_id not in ids:
        raise Http404
    i = ids.index(article_id)
    j = i - 1 if direction == "up" else i + 1
    if 0 <= j < len(ids):
        ids[i], ids[j] = ids[j], ids[i]
    return run_action(
        request,
        lambda: services.issue_order_articles(
            issue=issue, actor=request.user, article_ids=ids
        ),
        success_message=_("Order saved."),
        redirect_to=_back(issue),
    )


@login_required
@require_POST
def issue_pagination(request, slug, issue_id, article_id):
    journal = _journal(request, slug)
    issue = _issue(journal, issue_id)
    article = _article(journal, article_id)
    form = PaginationForm(request.POST, prefix=f"a{article.pk}")
    if not form.is_valid():
        messages.error(request, _("Check the pages."))
        return _back(issue)
    return run_action(
        request,
        lambda: services.article_set_pagination(
            article=article, actor=request.user, **form.cleaned_data
        ),
        success_message=_("Pages saved."),
        redirect_to=_back(issue),
    )


@login_required
@require_POST
def issue_schedule(request, slug, issue_id):
    journal = _journal(request, slug, "issues.schedule")
    issue = _issue(journal, issue_id)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid date and time."))
        return _back(issue)
    when = form.cleaned_data["when"]
    if timezone.is_aware(when):
        when = when.replace(tzinfo=None)
    when = when.replace(tzinfo=journal.tz).astimezone(dt.UTC)
    return run_action(
        request,
        lambda: services.issue_schedule(issue=issue, actor=request.user, when=when),
        success_message=_("The issue will be published at the scheduled time."),
        redirect_to=_back(issue),
    )


@login_required
@require_POST
def issue_unschedule(request, slug, issue_id):
    journal = _journal(request, slug, "issues.schedule")
    issue = _issue(journal, issue_id)
    return run_action(
        request,
        lambda: services.issue_unschedule(issue=issue, actor=request.user),
        success_message=_("Schedule cancelled."),
        redirect_to=_back(issue),
    )


@login_required
@require_http_methods(["GET", "POST"])
def issue_publish_now(request, slug, issue_id):
    """GET: what publishing will do (articles, DOIs, deposit); POST: publish."""
    journal = _journal(request, slug, "issues.publish")
    issue = _issue(journal, issue_id)
    if request.method == "GET":
        return render(
            request,
            "publishing/editor/issue_publish_confirm.html",
            {
                "journal": journal,
                "issue": issue,
                "preview": selectors.issue_publish_preview(issue),
            },
        )
    return run_action(
        request,
        lambda: services.issue_publish(issue=issue, actor=request.user),
        success_message=_("The issue and its articles are published."),
        redirect_to=_back(issue),
    )


@login_required
@require_POST
def issue_deposit(request, slug, issue_id):
    journal = _journal(request, slug, "issues.deposit")
    issue = _issue(journal, issue_id)

    return run_action(
        request,
        lambda: hooks.deposit_request(actor=request.user, issue=issue),
        success_message=_("The deposit is on its way to Crossref."),
        redirect_to=_back(issue),
    )


@login_required
def article_manage(request, slug, article_id):
    journal = _journal(request, slug, "articles.list")
    article = _article(journal, article_id, request.user, "articles.view_manage")
    return render(
        request,
        "publishing/editor/article_manage.html",
        {
            "journal": journal,
            "article": article,
            "reason_form": ReasonForm(),
            "retract_form": RetractForm(),
            "versions": selectors.article_versions(article),
        },
    )


def _article_back(article):
    return redirect("publishing:editor_article", article.journal.slug, article.pk)


@login_required
@require_POST
def article_publish_now(request, slug, article_id):
    journal = _journal(request, slug, "issues.publish")
    article = _article(journal, article_id)
    return run_action(
        request,
        lambda: services.article_publish(article=article, actor=request.user),
        success_message=_("The article is published."),
        redirect_to=_article_back(article),
    )


@login_required
@require_POST
def article_new_version(request, slug, article_id):
    journal = _journal(request, slug, "articles.list")
    article = _article(journal, article_id, request.user, "articles.revise")
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return run_action(
        request,
        lambda: services.article_new_version(
            article=article, actor=request.user, reason=reason
        ),
        success_message=_("A new version is open; the previous one stays available."),
        redirect_to=_article_back(article),
    )


@login_required
@require_POST
def article_retract(request, slug, article_id):
    journal = _journal(request, slug, "articles.list")
    article = _article(journal, article_id, request.user, "articles.retract")
    form = RetractForm(request.POST)
    notice = form.cleaned_data["notice"] if form.is_valid() else ""
    return run_action(
        request,
        lambda: services.article_retract(
            article=article, actor=request.user, notice=notice
        ),
        success_message=_("The article is retracted."),
        redirect_to=_article_back(article),
    )


@login_required
def publishing_settings_edit(request, slug):
    journal = _journal(request, slug, "issues.settings")
    instance, _created = JournalPublishingSettings.objects.get_or_create(
        journal=journal
    )

    policy_url = site_url(reverse("publishing:update_policy", args=[journal.slug]))

    def show(form):
        return render(
            request,
            "publishing/editor/settings_form.html",
            {"journal": journal, "form": form, "policy_url": policy_url},
        )

    if request.method != "POST":
        return show(PublishingSettingsForm(instance=instance, policy_url=policy_url))
    return run_form_action(
        request,
        PublishingSettingsForm(request.POST, instance=instance, policy_url=policy_url),
        lambda form: services.publishing_settings_save(
            row=form.save(commit=False), actor=request.user
        ),
        success_message=_("Saved."),
        redirect_to=redirect("publishing:editor_issues", journal.slug),
        render_form=show,
    )
