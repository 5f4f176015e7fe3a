"""Texts a journal writes for its readers (focus and scope, policies,
descriptions) rendered as written: Markdown or a little HTML, with lists,
paragraphs, emphasis and links kept, and everything else removed.

markdown-it-py reads the text (CommonMark, line breaks kept as typed); nh3
then keeps only the tags and link schemes below, so nothing a manager or an
import types can run script or load anything.
"""

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "strong",
    "b",
    "em",
    "i",
    "a",
    "blockquote",
    "h3",
    "h4",
    "h5",
    "code",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True, "breaks": True}).disable("image")


def rich_text_html(text: str) -> str:
    """The text as safe HTML: Markdown rendered, then cleaned to ALLOWED_TAGS."""
    if not text:
        return ""
    html = _markdown().render(text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener",
        strip_comments=True,
    )
