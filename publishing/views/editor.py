"""Editors' pages for volumes and issues; each POST view does one action."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from journal.errors import DomainError
from journal.models import Journal

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
from ..models import Article, Issue, JournalPublishingSettings, Volume


def _journal(request, slug) -> Journal:
    try:
        return selectors.journal_for_editor(slug, request.user)
    except Journal.DoesNotExist:
        raise Http404 from None


def _issue(journal, issue_id) -> Issue:
    try:
        return selectors.issue_for_editor(journal, issue_id)
    except Issue.DoesNotExist:
        raise Http404 from None


def _article(journal, article_id) -> Article:
    try:
        return Article.objects.select_related("submission", "issue").get(
            pk=article_id, journal=journal
        )
    except Article.DoesNotExist:
        raise Http404 from None


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


def _save_form(request, journal, form, save, template, extra):
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.journal = journal
        try:
            save(obj)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Saved."))
            return None
    return render(request, template, {"journal": journal, "form": form, **extra})


@login_required
def volume_create(request, slug, volume_id=None):
    journal = _journal(request, slug)
    instance = None
    if volume_id is not None:
        instance = Volume.objects.filter(journal=journal, pk=volume_id).first()
        if instance is None:
            raise Http404
    form = VolumeForm(request.POST or None, instance=instance)
    response = _save_form(
        request,
        journal,
        form,
        lambda v: services.volume_save(volume=v, actor=request.user),
        "publishing/editor/volume_form.html",
        {"volume": instance},
    )
    return response or redirect("publishing:editor_issues", journal.slug)


volume_edit = volume_create


@login_required
def issue_create(request, slug, issue_id=None):
    journal = _journal(request, slug)
    instance = _issue(journal, issue_id) if issue_id else None
    form = IssueForm(
        request.POST or None, request.FILES or None, instance=instance, journal=journal
    )
    saved = {}

    def save(issue):
        saved["issue"] = services.issue_save(issue=issue, actor=request.user)

    response = _save_form(
        request,
        journal,
        form,
        save,
        "publishing/editor/issue_form.html",
        {"issue": instance},
    )
    return response or _back(saved["issue"])


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


def _run(request, action, success) -> None:
    """Run one service call; tell the editor what happened either way."""
    try:
        action()
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)


def _act(request, issue, action, success):
    _run(request, action, success)
    return _back(issue)


@login_required
@require_POST
def issue_assign(request, slug, issue_id):
    journal = _journal(request, slug)
    issue = _issue(journal, issue_id)
    article = _article(journal, request.POST.get("article") or 0)
    return _act(
        request,
        issue,
        lambda: services.issue_assign_article(
            issue=issue, article=article, actor=request.user
        ),
        _("Article added to the issue."),
    )


@login_required
@require_POST
def issue_remove(request, slug, issue_id, article_id):
    journal = _journal(request, slug)
    issue = _issue(journal, issue_id)
    article = _article(journal, article_id)
    return _act(
        request,
        issue,
        lambda: services.issue_remove_article(article=article, actor=request.user),
        _("Article removed from the issue."),
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
    return _act(
        request,
        issue,
        lambda: services.issue_order_articles(
            issue=issue, actor=request.user, article_ids=ids
        ),
        _("Order saved."),
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
    return _act(
        request,
        issue,
        lambda: services.article_set_pagination(
            article=article, actor=request.user, **form.cleaned_data
        ),
        _("Pages saved."),
    )


@login_required
@require_POST
def issue_schedule(request, slug, issue_id):
    journal = _journal(request, slug)
    issue = _issue(journal, issue_id)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid date and time."))
        return _back(issue)
    when = form.cleaned_data["when"]
    if timezone.is_aware(when):
        when = when.replace(tzinfo=None)
    when = when.replace(tzinfo=journal.tz).astimezone(dt.UTC)
    return _act(
        request,
        issue,
        lambda: services.issue_schedule(issue=issue, actor=request.user, when=when),
        _("The issue will be published at the scheduled time."),
    )


@login_required
@require_POST
def issue_unschedule(request, slug, issue_id):
    journal = _journal(request, slug)
    issue = _issue(journal, issue_id)
    return _act(
        request,
        issue,
        lambda: services.issue_unschedule(issue=issue, actor=request.user),
        _("Schedule cancelled."),
    )


@login_required
@require_POST
def issue_publish_now(request, slug, issue_id):
    journal = _journal(request, slug)
    issue = _issue(journal, issue_id)
    return _act(
        request,
        issue,
        lambda: services.issue_publish(issue=issue, actor=request.user),
        _("The issue and its articles are published."),
    )


@login_required
@require_POST
def issue_deposit(request, slug, issue_id):
    journal = _journal(request, slug)
    issue = _issue(journal, issue_id)

    def deposit():
        hooks.deposit_request(actor=request.user, issue=issue)

    return _act(request, issue, deposit, _("The deposit is on its way to Crossref."))


@login_required
def article_manage(request, slug, article_id):
    journal = _journal(request, slug)
    article = _article(journal, article_id)
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


def _article_act(request, article, action, success):
    _run(request, action, success)
    return redirect("publishing:editor_article", article.journal.slug, article.pk)


@login_required
@require_POST
def article_publish_now(request, slug, article_id):
    journal = _journal(request, slug)
    article = _article(journal, article_id)
    return _article_act(
        request,
        article,
        lambda: services.article_publish(article=article, actor=request.user),
        _("The article is published."),
    )


@login_required
@require_POST
def article_new_version(request, slug, article_id):
    journal = _journal(request, slug)
    article = _article(journal, article_id)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _article_act(
        request,
        article,
        lambda: services.article_new_version(
            article=article, actor=request.user, reason=reason
        ),
        _("A new version is open; the previous one stays available."),
    )


@login_required
@require_POST
def article_retract(request, slug, article_id):
    journal = _journal(request, slug)
    article = _article(journal, article_id)
    form = RetractForm(request.POST)
    notice = form.cleaned_data["notice"] if form.is_valid() else ""
    return _article_act(
        request,
        article,
        lambda: services.article_retract(
            article=article, actor=request.user, notice=notice
        ),
        _("The article is retracted."),
    )


@login_required
def publishing_settings_edit(request, slug):
    journal = _journal(request, slug)
    instance, _created = JournalPublishingSettings.objects.get_or_create(
        journal=journal
    )
    form = PublishingSettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.publishing_settings_save(
                row=form.save(commit=False), actor=request.user
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("publishing:editor_issues", journal.slug)
    return render(
        request,
        "publishing/editor/settings_form.html",
        {"journal": journal, "form": form},
    )
