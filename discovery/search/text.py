"""What an article contributes to the search index, as plain text."""

import re
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

# Highlight markers: private-use code points the engines put around matches.
# They are stripped from indexed text, so after escaping the snippet they are
# the only thing turned into <mark> tags.
MARK_START = "\ue000"
MARK_END = "\ue001"
BODY_MAX_CHARS = 200_000

_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """One line of plain text without the highlight markers."""
    text = (text or "").replace(MARK_START, "").replace(MARK_END, "")
    return _SPACES.sub(" ", text).strip()


@dataclass
class DocumentText:
    title: str
    abstract: str
    keywords: list[str]
    authors: str
    body: str
    languages: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)


def html_to_text(data: bytes | str) -> str:
    """Visible text of an HTML galley (scripts and styles dropped)."""
    if not data:
        return ""
    parser = lxml_html.HTMLParser(no_network=True, remove_comments=True)
    try:
        root = lxml_html.fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):
        return ""
    for element in root.xpath("//script|//style|//noscript"):
        element.drop_tree()
    return clean(root.text_content())[:BODY_MAX_CHARS]


def _ordered_languages(submission, journal) -> list[str]:
    languages = [submission.language]
    for mapping in (submission.title, submission.abstract, submission.keywords):
        for lang, value in (mapping or {}).items():
            if value and lang not in languages:
                languages.append(lang)
    return [lang for lang in languages if lang]


def title_languages(submission, languages: list[str]) -> list[str]:
    """The languages of the title lines `document_text` wrote, in order."""
    return [lang for lang in languages if clean(submission.title_in(lang))]


def document_text(article, authors, body: str) -> DocumentText:
    """Flatten an article's metadata in every language it has.

    The primary language's title comes first so a snippet of the title column
    starts with the title readers know.
    """
    submission = article.submission
    languages = _ordered_languages(submission, article.journal)
    titles = [clean(submission.title_in(lang)) for lang in languages]
    abstracts = [clean(submission.abstract_in(lang)) for lang in languages]
    keywords: list[str] = []
    for lang in languages:
        for keyword in submission.keywords_in(lang):
            keyword = clean(str(keyword))
            if keyword and keyword.lower() not in {k.lower() for k in keywords}:
                keywords.append(keyword)
    names = []
    countries = []
    for author in authors:
        names.append(clean(author.full_name))
        for script in (author.name_translations or {}).values():
            if isinstance(script, dict):
                other = " ".join(
                    p for p in (script.get("given"), script.get("family")) if p
                )
                if other:
                    names.append(clean(other))
        if author.affiliation:
            names.append(clean(author.affiliation))
        code = str(author.country or "")
        if code and code not in countries:
            countries.append(code)
    return DocumentText(
        # One title per line, primary first: the results page shows the first
        # line as the title and the others as its translations.
        title="\n".join(t for t in titles if t) or clean(submission.display_title),
        abstract="\n".join(a for a in abstracts if a),
        keywords=keywords,
        authors="; ".join(n for n in names if n),
        body=clean(body),
        languages=languages,
        countries=countries,
    )


def delimited(values: list[str]) -> str:
    """ ",a,b," so that a filter on one value is a substring match."""
    return "," + ",".join(values) + "," if values else ""
