"""Readers' pages: no account needed. Rendered parts are cached per journal
generation (bumped by every change an editor makes) and, for an article, its
datestamp, so a cached page is never stale; whole pages are kept for
anonymous readers and revalidated by ETag (page_cache)."""

import time

from django.core.cache import cache
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_safe
from lxml import html as lxml_html

from journal.models import Journal
from journal.selectors import calls_open

from .. import hooks, selectors
from ..citations.styles import (
    DEFAULT_STYLES,
    available_styles,
    format_citation,
    style_title,
)
from ..issues.cache import reader_cache_generation
from ..meta import article as meta
from ..models import (
    Article,
    ArticleStatus,
    ArticleVersion,
    GalleyKind,
    Issue,
    JournalPublishingSettings,
)
from .common import (
    article_citation,
    article_links,
    journal_or_404,
    orcid_template,
)
from .page_cache import kept_page, reader_page

CACHE_SECONDS = 600


# Saving a journal, section or call bumps the generation (journal.reader_cache),
# but a call also closes when its deadline passes, with no save: the pages
# showing calls keep them a minute at most.
JOURNAL_DETAILS_SECONDS = 60
# How long an anonymous article page is kept whole: the page shows its usage
# figures (views, downloads), a minute old at most.
ARTICLE_PAGE_SECONDS = 60


def _cached(key: str, build, timeout: int = CACHE_SECONDS):
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    return value


@require_safe
def journal_home(request, slug):
    journal = journal_or_404(slug)

    def page():
        # The journal's own texts change with updated_at (its settings page).
        key = (
            f"pub:home:{journal.pk}:{reader_cache_generation(journal.pk)}:"
            f"{journal.updated_at.timestamp()}:{get_language()}"
        )
        content = _cached(key, lambda: _home_content(journal), JOURNAL_DETAILS_SECONDS)
        return render(
            request,
            "publishing/journal_home.html",
            {"journal": journal, "content_html": mark_safe(content)},  # noqa: S308
        )

    # The minute is part of the stamp: a call for papers whose deadline passed
    # leaves the page within a minute.
    minute = int(time.time() // JOURNAL_DETAILS_SECONDS)
    return reader_page(
        request,
        journal_id=journal.pk,
        stamp=("home", journal.pk, minute),
        build=page,
        timeout=JOURNAL_DETAILS_SECONDS,
    )


def _home_content(journal) -> str:
    current = selectors.issue_current(journal)
    calls = list(calls_open(journal))
    for call in calls:
        call.journal = journal  # its deadline is shown in the journal's zone
    return render_to_string(
        "publishing/_home_content.html",
        {
            "journal": journal,
            "calls": calls,
            "current": current,
            "current_articles": selectors.issue_articles_public(current)
            if current
            else [],
            "latest": selectors.articles_latest(journal, 8),
            "counts": hooks.home_counts(journal),
        },
    )


@require_safe
def journal_about(request, slug):
    journal = journal_or_404(slug)
    return render(
        request,
        "publishing/about.html",
        {"journal": journal, "sections": list(journal.sections.all())},
    )


@require_safe
def update_policy(request, slug):
    """The journal's Crossmark update policy and its published updates."""
    journal = journal_or_404(slug)
    try:
        row = journal.publishing_settings
    except JournalPublishingSettings.DoesNotExist:
        row = JournalPublishingSettings(journal=journal)
    policy_language, policy = row.update_policy_in(
        get_language() or "", journal.primary_language
    )
    return render(
        request,
        "publishing/update_policy.html",
        {
            "journal": journal,
            "policy": policy,
            "policy_language": policy_language,
            "crossmark_policy_doi": row.crossmark_policy_doi,
            "updates": selectors.journal_updates(journal),
        },
    )


@require_safe
def archive(request, slug):
    journal = journal_or_404(slug)

    def page():
        key = f"pub:archive:{journal.pk}:{reader_cache_generation(journal.pk)}:{get_language()}"

        def build():
            return render_to_string(
                "publishing/_archive_list.html",
                {
                    "journal": journal,
                    "issues": list(selectors.issues_published(journal)),
                },
            )

        return render(
            request,
            "publishing/archive.html",
            {"journal": journal, "archive_html": mark_safe(_cached(key, build))},  # noqa: S308
        )

    return reader_page(
        request, journal_id=journal.pk, stamp=("archive", journal.pk), build=page
    )


@require_safe
def issue(request, slug, issue_id):
    journal = journal_or_404(slug)
    try:
        the_issue = selectors.issue_public(journal, issue_id)
    except Issue.DoesNotExist:
        raise Http404 from None

    def page():
        key = f"pub:toc:{the_issue.pk}:{reader_cache_generation(journal.pk)}:{get_language()}"

        def build():
            articles = selectors.issue_articles_public(the_issue)
            return render_to_string(
                "publishing/_issue_toc.html",
                {
                    "journal": journal,
                    "issue": the_issue,
                    "groups": selectors.issue_sections(articles),
                },
            )

        return render(
            request,
            "publishing/issue.html",
            {
                "journal": journal,
                "issue": the_issue,
                "toc_html": mark_safe(_cached(key, build)),  # noqa: S308 - our template
            },
        )

    # Every change to an issue or its articles bumps the journal's generation.
    return reader_page(
        request, journal_id=journal.pk, stamp=("toc", the_issue.pk), build=page
    )


def _html_fulltext(galleys) -> str:
    galley = next((g for g in galleys if g.kind == GalleyKind.HTML), None)
    if galley is None:
        return ""
    try:
        with galley.file.open("rb") as handle:
            raw = handle.read()
    except (OSError, ValueError):
        return ""
    return _fulltext_fragment(raw)


def _fulltext_fragment(raw: bytes) -> str:
    """The body and references of a stored HTML galley (already sanitised by
    production), without its own page head, title block and styles, which the
    article page shows in its own way."""
    if not raw.strip():
        return ""
    document = lxml_html.document_fromstring(raw)
    parts = document.find_class("jats-body") + document.find_class("jats-references")
    if not parts:
        body = document.find("body")
        parts = list(body) if body is not None else []
    return "".join(lxml_html.tostring(p, encoding="unicode") for p in parts)


def _copyright(article, language: str) -> str:
    """ "© 2021 The authors" as the article states it; "" if it states nothing."""
    holder = article.copyright_holder_in(language)
    if not holder:
        return ""
    year = article.copyright_year or (
        article.published_at.year if article.published_at else None
    )
    return f"© {year} {holder}" if year else f"© {holder}"


def _article_parts(article) -> dict:
    selectors.article_load_related(article)
    galleys = article.current_galleys
    data = article_citation(article)
    links = article_links(article, galleys)
    submission = article.submission
    journal = article.journal
    languages = [submission.language] + [
        lang for lang in journal.language_list if lang != submission.language
    ]
    translations = [
        {
            "lang": lang,
            "title": submission.title_in(lang),
            "subtitle": submission.subtitle_in(lang),
            "abstract": submission.abstract_in(lang),
            "keywords": submission.keywords_in(lang),
            "subjects": submission.subjects_in(lang),
        }
        for lang in languages
    ]

    versions = list(ArticleVersion.objects.filter(article=article))
    context = {
        "journal": journal,
        "article": article,
        "submission": submission,
        "authors": list(submission.authors.all()),
        "data": data,
        "links": links,
        "primary": translations[0],
        "translations": [t for t in translations if t["title"] or t["abstract"]],
        "galleys": galleys,
        "pdf": next((g for g in galleys if g.kind == GalleyKind.PDF), None),
        "supplementary": [g for g in galleys if g.kind == GalleyKind.SUPPLEMENTARY],
        "fulltext": mark_safe(_html_fulltext(galleys)),  # noqa: S308 - sanitised
        "versions": versions,
        "update_status": _update_status(article, versions),
        "crossmark": bool(_crossmark_policy_doi(journal)),
        "citations": citation_styles_rendered(data, journal),
        "orcid_template": orcid_template(),
        "received": journal.local_time(submission.submitted_at)
        if submission.submitted_at
        else None,
        "accepted": journal.local_time(submission.accepted_at)
        if submission.accepted_at
        else None,
        "published": journal.local_time(article.published_at)
        if article.published_at
        else None,
        "copyright": _copyright(article, submission.language),
    }
    online = article.published_at and journal.local_time(article.published_at).date()
    head_context = {
        "highwire": meta.highwire(data, links, online_date=online),
        "dublin_core": meta.dublin_core(data, links),
        "json_ld": meta.json_ld_script(meta.json_ld(data, links)),
        "canonical": links.landing,
    }
    return {
        "head": render_to_string("publishing/_article_head.html", head_context),
        "body": render_to_string("publishing/_article_body.html", context),
        "link": meta.signposting_landing(data, links),
        "galley_link": meta.signposting_galley(data, links),
        "jats_link": meta.signposting_jats(data, links),
        "title": data.title,
    }


def _update_status(article, versions) -> str:
    """What Crossmark would say of the article: current, corrected or retracted."""
    if article.status == ArticleStatus.RETRACTED:
        return "retracted"
    return "corrected" if versions else "current"


def _crossmark_policy_doi(journal) -> str:
    try:
        return journal.publishing_settings.crossmark_policy_doi
    except JournalPublishingSettings.DoesNotExist:
        return ""


def citation_styles_rendered(data, journal) -> list[dict]:
    """How to cite, in APA 7th, Chicago author-date and the journal's own
    choice of CSL style if it made one."""
    names = list(DEFAULT_STYLES)
    try:
        chosen = journal.publishing_settings.citation_style
    except JournalPublishingSettings.DoesNotExist:
        chosen = ""
    if chosen and chosen not in names and chosen in available_styles():
        names.insert(0, chosen)
    return [
        {"name": name, "title": style_title(name), "html": format_citation(data, name)}
        for name in names
    ]


def article_parts(article) -> dict:
    """Head tags, body, Signposting headers and title of an article's page.

    `article` may be the cheap row of selectors.article_public_stamp: on a
    cache miss the whole article is loaded."""
    stamp = article.datestamp.timestamp()
    generation = reader_cache_generation(article.journal_id)
    # "3": the parts gained the update status and Crossmark's link.
    key = f"pub:article:3:{article.pk}:{stamp}:{generation}:{get_language()}"

    def build():
        full = article
        if "submission" not in article._state.fields_cache:
            full = selectors.article_public(article.pk, related=False)
        return _article_parts(full)

    return _cached(key, build)


def journal_cached(journal_id: int):
    """The journal row for page chrome (name, ISSN), cached until the journal
    changes (a minute at most)."""

    key = f"pub:journal:{journal_id}:{reader_cache_generation(journal_id)}"
    return _cached(
        key, lambda: Journal.objects.get(pk=journal_id), JOURNAL_DETAILS_SECONDS
    )


def article_or_404(article_id):

    try:
        return selectors.article_public(article_id, related=False)
    except Article.DoesNotExist:
        raise Http404 from None


@require_safe
def article(request, article_id):
    # A crawler storm's common case: the anonymous page kept since the last
    # change, served (or 304) without a database query.
    kept = kept_page(
        request,
        stamp=("article", article_id),
        on_serve=lambda journal_id: hooks.article_viewed(
            request=request, article=Article(pk=article_id, journal_id=journal_id)
        ),
    )
    if kept is not None:
        return kept

    try:
        the_article = selectors.article_public_stamp(article_id)
    except Article.DoesNotExist:
        raise Http404 from None

    def page():
        the_article.journal = journal_cached(the_article.journal_id)
        parts = article_parts(the_article)
        response = render(
            request,
            "publishing/article.html",
            {
                "journal": the_article.journal,
                "article": the_article,
                "page_title": parts["title"],
                "head_html": mark_safe(parts["head"]),  # noqa: S308 - our template
                "body_html": mark_safe(parts["body"]),  # noqa: S308 - our template
                "related_links": hooks.related_articles(the_article),
            },
        )
        response["Link"] = parts["link"]
        return response

    # Unchanged since the reader's copy: the journal's reader generation,
    # bumped by every change a reader can see, the article's own saves too.
    return reader_page(
        request,
        journal_id=the_article.journal_id,
        stamp=("article", the_article.pk),
        build=page,
        on_serve=lambda: hooks.article_viewed(request=request, article=the_article),
        # The page shows usage figures, which may be a minute old.
        timeout=ARTICLE_PAGE_SECONDS,
    )


@require_safe
def article_version(request, article_id, number):
    the_article = article_or_404(article_id)
    if number == the_article.version:
        return redirect("publishing:article", the_article.pk)
    try:
        version = selectors.article_version_public(the_article, number)
    except ArticleVersion.DoesNotExist:
        raise Http404 from None
    parts = article_parts(the_article)
    response = render(
        request,
        "publishing/article_version.html",
        {
            "journal": the_article.journal,
            "article": the_article,
            "version": version,
            "meta": version.metadata,
            "galleys": list(version.galleys.all()),
        },
    )
    response["Link"] = parts["galley_link"]
    return response
