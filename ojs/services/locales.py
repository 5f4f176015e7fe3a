"""OJS locales (en_US, ru_RU, en, fr_CA, sr_RS@latin) to this platform's codes."""

import re

from lxml import html as lxml_html


def language_of(locale: str, journal_languages: list[str]) -> str:
    """The journal's language an OJS locale means, else the locale kept as a
    lower-case language tag (fr_CA becomes fr-ca when the journal has no fr)."""
    if not locale:
        return journal_languages[0]
    code = locale.replace("_", "-").split("@")[0].lower()
    base = code.split("-")[0]
    if base in journal_languages:
        return base
    if code in journal_languages:
        return code
    return code


def localise(values: dict, journal_languages: list[str]) -> dict:
    """Re-key {ojs_locale: value} by language; the first of two locales that
    mean the same language wins."""
    result: dict = {}
    for locale, value in values.items():
        result.setdefault(language_of(locale, journal_languages), value)
    return result


def pick(values: dict, language: str) -> str:
    return values.get(language) or next((v for v in values.values() if v), "")


_BLOCKS = re.compile(r"\n\s*\n+")


def plain_text(markup: str) -> str:
    """OJS keeps abstracts and descriptions as HTML; the platform keeps
    paragraphs of plain text separated by blank lines."""
    if "<" not in markup:
        return markup.strip()
    try:
        fragment = lxml_html.fragment_fromstring(markup, create_parent="div")
    except Exception:  # noqa: BLE001 - malformed markup: keep the text
        return re.sub(r"<[^>]+>", "", markup).strip()
    paragraphs = []
    for block in fragment.iter("p", "li", "h1", "h2", "h3", "h4", "blockquote"):
        text = " ".join(block.text_content().split())
        if text:
            paragraphs.append(text)
    if not paragraphs:
        paragraphs = [" ".join(fragment.text_content().split())]
    return "\n\n".join(p for p in paragraphs if p)
