"""An issue's published articles as DOAJ XML, the reader's download."""

from django.http import HttpResponse

from publishing.links import article_url
from publishing.views.common import article_links

from .export import DoajAuthor, DoajRecord, doaj_build, doaj_serialise


def _doaj_record(article) -> DoajRecord:
    submission = article.submission
    journal = article.journal
    links = article_links(article, article.current_galleys)
    issue = article.issue
    languages = [submission.language] + [
        lang for lang in submission.title if lang != submission.language
    ]
    return DoajRecord(
        language=submission.language,
        publisher=journal.publisher,
        journal_title=journal.title,
        issn=journal.issn_print,
        eissn=journal.issn_online,
        publication_date=journal.local_time(article.published_at).date().isoformat(),
        volume=str(issue.volume.number) if issue and issue.volume_id else "",
        issue=issue.number if issue else "",
        start_page=article.first_page or article.elocation_id,
        end_page=article.last_page,
        doi=article.doi,
        record_id=str(article.pk),
        titles={
            lang: submission.title_in(lang)
            for lang in languages
            if submission.title_in(lang)
        },
        authors=[
            DoajAuthor(name=c.full_name, affiliation=c.affiliation, orcid=c.orcid)
            for c in submission.authors.all()
        ],
        abstracts={
            lang: submission.abstract_in(lang)
            for lang in languages
            if submission.abstract_in(lang)
        },
        full_text_url=links.pdf or article_url(article),
        keywords={lang: submission.keywords_in(lang) for lang in languages},
    )


def issue_doaj_response(*, journal, issue, articles) -> HttpResponse:
    root = doaj_build([_doaj_record(a) for a in articles])
    response = HttpResponse(doaj_serialise(root), content_type="application/xml")
    response["Content-Disposition"] = (
        f'attachment; filename="{journal.slug}-issue-{issue.pk}-doaj.xml"'
    )
    return response
