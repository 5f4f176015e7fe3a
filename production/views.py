"""Production pages: the production editor's dashboard and article page, and the
author's proofs. Thin: parse, call one service or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from journal import user_content
from journal.selectors import journal_for
from journal.view_actions import run_action, run_form_action
from production.models import CopyeditReview, CopyeditStatus
from submissions.services import available_transitions

from . import selectors, services
from .forms import (
    CopyeditUploadForm,
    MessageForm,
    OptionalNoteForm,
    ProxyApprovalForm,
    ReferenceForm,
    ReopenForm,
    TypesetPDFForm,
)
from .references import reference_correct, reference_rows, references_editable


@login_required
def dashboard(request, slug):
    journal = journal_for(request.user, slug, "production.view")
    queue = list(selectors.production_queue(request.user, journal))
    return render(
        request,
        "production/dashboard.html",
        {"journal": journal, "queue": queue},
    )


def _detail_context(request, submission, **forms):
    article = getattr(submission, "article", None)
    context = {
        "journal": submission.journal,
        "submission": submission,
        "article": article,
        "copyedit_form": forms.get("copyedit_form") or CopyeditUploadForm(),
        "typeset_form": forms.get("typeset_form") or TypesetPDFForm(),
        "proxy_form": ProxyApprovalForm(),
        "reopen_form": forms.get("reopen_form") or ReopenForm(),
        "can_reopen": "return_to_production"
        in available_transitions(submission, request.user),
    }
    if article is not None:
        context.update(
            galleys=list(article.galleys.order_by("kind", "-version")),
            jobs=list(article.render_jobs.all()[:10]),
            reviews=list(article.copyedit_reviews.select_related("file")),
            production_messages=list(
                article.production_messages.select_related("sender")
            ),
        )
    return context


@login_required
def detail(request, pk):
    submission = selectors.submission_for_production(request.user, pk)
    return render(
        request,
        "production/detail.html",
        _detail_context(request, submission),
    )


def _back(pk):
    return redirect("production:detail", pk=pk)


@login_required
@require_POST
def start(request, pk):
    submission = selectors.submission_for_production(request.user, pk)
    return run_action(
        request,
        lambda: services.production_start(submission=submission, actor=request.user),
        success_message=_("Production has started."),
        redirect_to=_back(pk),
    )


@login_required
@require_POST
def copyedit_upload(request, pk):
    submission = selectors.submission_for_production(request.user, pk)
    article = selectors.article_of(submission)
    submission.article = article
    return run_form_action(
        request,
        CopyeditUploadForm(request.POST, request.FILES),
        lambda form: services.copyedit_upload(
            article=article,
            actor=request.user,
            upload=form.cleaned_data["file"],
            note=form.cleaned_data["note"],
        ),
        success_message=_("The author has been asked to review it."),
        redirect_to=_back(pk),
        render_form=lambda form: render(
            request,
            "production/detail.html",
            _detail_context(request, submission, copyedit_form=form),
            status=400,
        ),
    )


@login_required
@require_POST
def typeset_upload(request, pk):
    submission = selectors.submission_for_production(request.user, pk)
    article = selectors.article_of(submission)
    submission.article = article
    return run_form_action(
        request,
        TypesetPDFForm(request.POST, request.FILES),
        lambda form: services.typeset_pdf_upload(
            article=article, actor=request.user, upload=form.cleaned_data["file"]
        ),
        success_message=_("The typeset PDF is now the current PDF."),
        redirect_to=_back(pk),
        render_form=lambda form: render(
            request,
            "production/detail.html",
            _detail_context(request, submission, typeset_form=form),
            status=400,
        ),
    )


@login_required
@require_POST
def render_galleys(request, pk):
    submission = selectors.submission_for_production(request.user, pk)
    article = selectors.article_of(submission)
    return run_action(
        request,
        lambda: services.render_request(article=article, actor=request.user),
        success_message=_("Rendering JATS, HTML and PDF has been queued."),
        redirect_to=_back(pk),
        level=messages.INFO,
    )


@login_required
@require_POST
def proofs_send(request, pk):
    submission = selectors.submission_for_production(request.user, pk)
    article = selectors.article_of(submission)
    return run_action(
        request,
        lambda: services.proofs_send(article=article, actor=request.user),
        success_message=_("The author has been asked to check the proofs."),
        redirect_to=_back(pk),
    )


@login_required
@require_POST
def reopen(request, pk):
    submission = selectors.submission_for_production(request.user, pk)
    return run_form_action(
        request,
        ReopenForm(request.POST),
        lambda form: services.production_reopen(
            submission=submission, actor=request.user, reason=form.cleaned_data["body"]
        ),
        success_message=_("The article is back in production."),
        redirect_to=_back(pk),
        render_form=lambda form: render(
            request,
            "production/detail.html",
            _detail_context(request, submission, reopen_form=form),
            status=400,
        ),
    )


@login_required
@require_POST
def proofs_approve_for_author(request, pk):
    submission = selectors.submission_for_production(request.user, pk)
    form = ProxyApprovalForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return run_action(
        request,
        lambda: services.proofs_approve_for_author(
            submission=submission, actor=request.user, reason=reason
        ),
        success_message=_(
            "The proofs are approved for the author; the reason is logged."
        ),
        redirect_to=_back(pk),
    )


# --- the author's side --------------------------------------------------------
def _proofs_context(request, submission, **forms):
    article = selectors.article_of(submission)
    galleys = list(article.galleys.filter(is_current=True).order_by("kind"))
    html = None
    if article.jats_xml:
        try:
            html = services.article_html_parts(article)
        except Exception:  # noqa: BLE001 - the page still lists the galleys
            html = None
    return {
        "journal": submission.journal,
        "submission": submission,
        "article": article,
        "galleys": galleys,
        "html": html,
        "is_author": submission.submitter_id == request.user.pk,
        "pending_review": article.copyedit_reviews.filter(status=CopyeditStatus.PENDING)
        .select_related("file")
        .first(),
        "production_messages": list(
            article.production_messages.select_related("sender")
        ),
        "query_form": forms.get("query_form") or MessageForm(),
        "corrections_form": forms.get("corrections_form") or MessageForm(),
        "approve_form": OptionalNoteForm(),
    }


@login_required
def proofs(request, pk):
    submission = selectors.submission_for_proofs(request.user, pk)
    return render(
        request,
        "production/proofs.html",
        _proofs_context(request, submission),
    )


@login_required
def proof_galley(request, pk, galley_pk):
    submission = selectors.submission_for_proofs(request.user, pk)
    article = selectors.article_of(submission)
    galley = selectors.galley_for(article, galley_pk)
    ext = galley.file.name.rsplit(".", 1)[-1]
    response = FileResponse(
        galley.file.open("rb"),
        content_type=galley.content_type,
        as_attachment=galley.kind != "html",
        filename=f"article-{article.pk}-{galley.kind}-v{galley.version}.{ext}",
    )
    return user_content.protect(response, content_type=galley.content_type)


def _review(submission, review_pk) -> CopyeditReview:
    return get_object_or_404(
        CopyeditReview, pk=review_pk, article__submission=submission
    )


def _proofs_back(pk):
    return redirect("production:proofs", pk=pk)


@login_required
@require_POST
def copyedit_approve(request, pk, review_pk):
    submission = selectors.submission_for_proofs(request.user, pk)
    review = _review(submission, review_pk)
    return run_action(
        request,
        lambda: services.copyedit_respond(
            review=review, actor=request.user, approve=True
        ),
        success_message=_("Thank you: the copyedited text is approved."),
        redirect_to=_proofs_back(pk),
    )


@login_required
@require_POST
def copyedit_queries(request, pk, review_pk):
    submission = selectors.submission_for_proofs(request.user, pk)
    review = _review(submission, review_pk)
    return run_form_action(
        request,
        MessageForm(request.POST),
        lambda form: services.copyedit_respond(
            review=review,
            actor=request.user,
            approve=False,
            message=form.cleaned_data["body"],
        ),
        success_message=_("Your queries have been sent."),
        redirect_to=_proofs_back(pk),
        render_form=lambda form: render(
            request,
            "production/proofs.html",
            _proofs_context(request, submission, query_form=form),
            status=400,
        ),
    )


@login_required
@require_POST
def proofs_approve(request, pk):
    submission = selectors.submission_for_proofs(request.user, pk)
    form = OptionalNoteForm(request.POST)
    form.is_valid()
    return run_action(
        request,
        lambda: services.proofs_approve(
            submission=submission,
            actor=request.user,
            note=form.cleaned_data.get("body", ""),
        ),
        success_message=_("Thank you: the article is ready for publication."),
        redirect_to=_proofs_back(pk),
    )


@login_required
@require_POST
def proofs_corrections(request, pk):
    submission = selectors.submission_for_proofs(request.user, pk)
    return run_form_action(
        request,
        MessageForm(request.POST),
        lambda form: services.proofs_request_corrections(
            submission=submission,
            actor=request.user,
            body=form.cleaned_data["body"],
        ),
        success_message=_("Your corrections have been sent."),
        redirect_to=_proofs_back(pk),
        render_form=lambda form: render(
            request,
            "production/proofs.html",
            _proofs_context(request, submission, corrections_form=form),
            status=400,
        ),
    )


def media(request, article_pk, name):
    """Stream one figure of an article (public once the article is)."""
    item = selectors.media_visible_to(request.user, article_pk, name)
    response = FileResponse(
        item.file.open("rb"),
        content_type=item.content_type,
        filename=item.name,
        as_attachment=not user_content.shown_inline(item.content_type),
    )
    # A figure is only ever an image: nothing in it may run, even an SVG
    # stored before drawings were turned into PNG.
    user_content.protect(
        response, content_type=item.content_type, policy=user_content.STRICT
    )
    response["Cache-Control"] = (
        "public, max-age=86400" if item.article.is_public else "private"
    )
    return response


def _references_page(request, submission, article, bound=None, status=200):
    rows = []
    for position, (ref, correction) in enumerate(reference_rows(article), start=1):
        prefix = f"r{position}"
        form = (
            bound
            if bound is not None and bound.prefix == prefix
            else ReferenceForm.for_reference(ref, prefix=prefix)
        )
        rows.append(
            {"position": position, "ref": ref, "correction": correction, "form": form}
        )
    return render(
        request,
        "production/references.html",
        {
            "journal": submission.journal,
            "submission": submission,
            "rows": rows,
            "editable": references_editable(article),
        },
        status=status,
    )


@login_required
def references(request, pk):
    """Each reference with the parts the parser found, for correction."""
    submission = selectors.submission_for_production(request.user, pk)
    article = selectors.article_of(submission)
    article.submission = submission
    return _references_page(request, submission, article)


@login_required
@require_POST
def reference_save(request, pk, position):
    submission = selectors.submission_for_production(request.user, pk)
    article = selectors.article_of(submission)
    article.submission = submission
    return run_form_action(
        request,
        ReferenceForm(request.POST, prefix=f"r{position}"),
        lambda form: reference_correct(
            article=article,
            actor=request.user,
            position=position,
            values=form.values(),
        ),
        success_message=_(
            "Reference %(n)s saved; it now wins over the parser. Render the "
            "galleys again to use it."
        )
        % {"n": position},
        redirect_to=f"{reverse('production:references', args=[pk])}#ref-{position}",
        render_form=lambda form: _references_page(
            request, submission, article, bound=form, status=400
        ),
    )
