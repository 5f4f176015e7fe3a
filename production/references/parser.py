"""Reference strings into parts: authors, year, title, source, volume, issue,
pages, DOI and URL.

A rule-based parser for the forms journals in this field receive: APA, Chicago
author-date and GOST (`Иванов И. И. Название // Журнал. 2019. Т. 1, № 2. С. 3–9.`).
The maintained machine-learning parsers (GROBID, AnyStyle, CERMINE) run as Java
or Ruby services and `refextract` needs PDF tools and network lookups for its
journal knowledge base, too much for a line of text the editor can correct in a
table afterwards (production.references.services). Every DOI in the text is
found, in bare, `doi:` and `https://doi.org/` forms.
"""

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from urllib.parse import unquote

DOI_RE = re.compile(
    r"(?:https?://(?:dx\.)?doi\.org/|\bdoi:\s*|\bDOI:?\s*)?(10\.\d{4,9}/[^\s\"<>]+)",
    re.I,
)
URL_RE = re.compile(r"https?://[^\s<>\"]+", re.I)
YEAR = r"(?:1[5-9]\d\d|20\d\d)[a-z]?"
NUMBERING = re.compile(r"^\s*(?:\[\d+\]|\d+[.)])\s+")
EDITION = re.compile(r"\s*\((?:\d+\w*|[^\W\d]+)\s+(?:ed|изд)\.\)", re.I)


@dataclass
class Author:
    family: str
    given: str = ""

    @property
    def display(self) -> str:
        return f"{self.family}, {self.given}" if self.given else self.family


@dataclass
class ParsedReference:
    text: str
    publication_type: str = "other"  # journal, book, chapter, web, other
    authors: list[Author] = field(default_factory=list)
    year: str = ""
    title: str = ""
    source: str = ""
    volume: str = ""
    issue: str = ""
    first_page: str = ""
    last_page: str = ""
    publisher: str = ""
    doi: str = ""
    url: str = ""

    FIELDS = (
        "publication_type", "authors", "year", "title", "source", "volume",
        "issue", "first_page", "last_page", "publisher", "doi", "url",
    )  # fmt: skip

    def as_dict(self) -> dict:
        data = asdict(self)
        data["authors"] = [a.display for a in self.authors]
        return data

    @property
    def first_author_family(self) -> str:
        return self.authors[0].family if self.authors else ""


def find_doi(text: str) -> str:
    text = text or ""
    match = DOI_RE.search(text) or DOI_RE.search(unquote(text))
    if not match:
        return ""
    doi = unquote(match.group(1)).rstrip(".,;)]}>")
    # A DOI ends before a closing bracket it did not open.
    while doi.endswith(")") and doi.count("(") < doi.count(")"):
        doi = doi[:-1]
    return doi


def _clean(value: str) -> str:
    value = " ".join((value or "").split())
    return value.strip(" .,;:").strip("\"“”«»'").strip(" .,;:")


def _author(raw: str) -> Author | None:
    raw = " ".join((raw or "").split()).strip(" ,;:")
    if not raw or len(raw) > 80:
        return None
    if "," in raw:  # "Smith, J. K."
        family, given = raw.split(",", 1)
        given = given.strip(" ,;:")
        if re.fullmatch(r"(?:\w\.[\s-]*)*\w", given):
            given += "."  # the initial's period went with the separator
        return Author(_clean(family), given)
    # "Иванов И. И." / "И. И. Иванов" / "John Smith"
    parts = raw.split()
    initials = [p for p in parts if re.fullmatch(r"(?:\w\.)+(?:-\w\.)?", p)]
    names = [p for p in parts if p not in initials]
    if initials and names:
        return Author(" ".join(names), " ".join(initials))
    if len(parts) >= 2:
        return Author(_clean(parts[-1]), " ".join(parts[:-1]))
    return Author(_clean(raw))


def _split_authors(text: str) -> list[Author]:
    text = re.sub(r"\bet al\.?", "", text)
    text = re.sub(r"\s*(?:,\s*)?(?:&|\band\b|\bи\b)\s+", ", ", text)
    # "Smith, J., Jones, K." : split after initials; "Иванов И. И., Петров П. П."
    pieces = [p for p in re.split(r"(?<=\.)\s*,\s*|;\s*", text) if p.strip()]
    authors = []
    buffer = ""
    for piece in pieces:
        piece = piece.strip()
        # APA's "Smith, J." was split into "Smith" + "J." only if no period: rejoin.
        if buffer:
            piece = f"{buffer}, {piece}"
            buffer = ""
        if (
            "," not in piece
            and not re.search(r"\w\.", piece)
            and len(piece.split()) == 1
        ):
            buffer = piece  # a family name waiting for its initials
            continue
        # "Smith, John, Kate Jones" (Chicago): first is inverted, others are not.
        if piece.count(",") >= 2:
            first, rest = piece.split(",", 1)
            given, _sep, others = rest.partition(",")
            pieces_left = [f"{first}, {given}"] + [
                o for o in others.split(",") if o.strip()
            ]
            authors.extend(a for a in map(_author, pieces_left) if a)
            continue
        author = _author(piece)
        if author:
            authors.append(author)
    if buffer:
        authors.append(Author(buffer))
    return authors


def _pages(text: str) -> tuple[str, str]:
    match = re.search(
        r"(?:\b(?:pp?|С|с|P)\.\s*)?\b([A-Za-z]?\d+)\s*[-–—]\s*([A-Za-z]?\d+)\b", text
    )
    if match:
        return match.group(1), match.group(2)
    match = re.search(r"\b(?:pp?|С|с|P)\.\s*(\d+)\b", text)
    return (match.group(1), "") if match else ("", "")


def _journal_tail(ref: ParsedReference, tail: str) -> bool:
    """`Journal Name, 12(3), 45–67` or `Journal Name 12 (3): 45–67`."""
    match = re.match(
        r"(?P<source>[^\d][^,:]*?)[,.]?\s+(?P<volume>\d+)\s*(?:\((?P<issue>[^)]+)\))?"
        r"\s*[,:]\s*(?P<pages>[A-Za-z]?\d+(?:\s*[-–—]\s*[A-Za-z]?\d+)?)",
        tail,
    )
    if not match:
        return False
    ref.publication_type = "journal"
    ref.source = _clean(match["source"])
    ref.volume = match["volume"]
    ref.issue = _clean(match["issue"] or "")
    pages = re.split(r"\s*[-–—]\s*", match["pages"])
    ref.first_page, ref.last_page = pages[0], pages[1] if len(pages) > 1 else ""
    return True


def _book_tail(ref: ParsedReference, tail: str) -> None:
    tail = _clean(tail)
    if not tail:
        return
    ref.publication_type = "book"
    # "Place: Publisher" or "Publisher"
    place, sep, publisher = tail.partition(": ")
    ref.publisher = _clean(publisher if sep else place)


def _gost(ref: ParsedReference, text: str) -> bool:
    """`Иванов И. И., Петров П. П. Название // Журнал. 2019. Т. 12, № 3. С. 45–67.`"""
    parts = re.split(r"\s//\s", text, maxsplit=1)
    if len(parts) != 2:
        return False
    head, tail = parts
    match = re.match(
        r"(?P<authors>(?:[^\W\d_][\w-]+\s+(?:\w\.\s*){1,2}(?:,\s*)?)+)(?P<title>.+)$",
        head.strip(),
    )
    if match:
        ref.authors = _split_authors(match["authors"])
        ref.title = _clean(match["title"])
    else:
        ref.title = _clean(head)
    source, _dot, rest = tail.strip().partition(". ")
    ref.source = _clean(source)
    year = re.search(rf"\b({YEAR})\b", rest)
    ref.year = year.group(1) if year else ""
    volume = re.search(r"\b(?:Т|Vol|V)\.\s*(\d+)", rest, re.I)
    issue = re.search(r"(?:№|No\.|Iss\.|Вып\.)\s*(\d+)", rest)
    ref.volume = volume.group(1) if volume else ""
    ref.issue = issue.group(1) if issue else ""
    ref.first_page, ref.last_page = _pages(rest)
    ref.publication_type = "journal"
    return True


EDITORS = re.compile(r"\s*\((?:Eds?|Hrsg|Ред|Под ред)\.\)", re.I)
TITLE_END = re.compile(r"(?<=[^\s.]{2})[.?!]\s+(?=[A-ZА-ЯЁ0-9])")
SENTENCE_END = re.compile(r"[^\W\d_]{5,}\.\s")


def _split_title(rest: str) -> tuple[str, str]:
    """The title ends at a ". " or "? " that is not an initial: the first one
    after which a journal (without a sentence inside its name) follows, else
    the first one."""
    cuts = list(TITLE_END.finditer(rest))
    if not cuts:
        return rest, ""
    for cut in cuts:
        scratch = ParsedReference(text="")
        tail = rest[cut.end() :]
        if _journal_tail(scratch, tail) and not SENTENCE_END.search(scratch.source):
            return rest[: cut.start() + 1], tail
    return rest[: cuts[0].start() + 1], rest[cuts[0].end() :]


def _author_year(ref: ParsedReference, text: str) -> bool:
    """APA `Authors (2019). Title. Tail.` and Chicago `Authors. 2019. "Title." Tail.`"""
    match = re.match(
        rf"(?P<authors>.+?)[.,]?\s*\((?P<year>{YEAR}|n\.d\.)(?:,[^)]*)?\)\.?\s*(?P<rest>.*)$",
        text,
    ) or re.match(rf"(?P<authors>.+?\.)\s+(?P<year>{YEAR})\.\s+(?P<rest>.*)$", text)
    if not match:
        return False
    # Editors of a whole book are its authors here; the marker goes.
    authors = EDITORS.sub("", match["authors"]).strip()
    ref.year = match["year"] if match["year"] != "n.d." else ""
    # A corporate author ("OECD.", "World Bank.") is kept whole.
    if not re.search(r"\b\w\.", authors.rstrip(".")) and "," not in authors:
        ref.authors = [Author(_clean(authors))]
    else:
        ref.authors = _split_authors(authors)
    rest = DOI_RE.sub("", URL_RE.sub("", match["rest"])).strip()
    rest = EDITION.sub("", rest)
    quoted = re.match(r"[\"“«](?P<title>.+?)[\"”»]\s*(?P<tail>.*)$", rest)
    if quoted:
        title, tail = quoted["title"], quoted["tail"]
    else:
        title, tail = _split_title(rest)
    ref.title = _clean(title.rstrip(".")) if not title.endswith("?") else title.strip()
    tail = re.sub(r"^In\s+", "", tail.strip())
    if not _journal_tail(ref, tail):
        _book_tail(ref, tail)
    return True


def parse_reference(text: str) -> ParsedReference:
    """Parse one reference; what cannot be recognised stays empty."""
    text = unicodedata.normalize("NFC", " ".join((text or "").split()))
    ref = ParsedReference(text=text)
    body = NUMBERING.sub("", text)
    ref.doi = find_doi(body)
    urls = [u.rstrip(".,;)") for u in URL_RE.findall(body)]
    ref.url = next((u for u in urls if "doi.org/" not in u.lower()), "")
    if not (_gost(ref, body) or _author_year(ref, body)):
        year = re.search(rf"\b({YEAR})\b", body)
        ref.year = year.group(1) if year else ""
    if ref.url and ref.publication_type == "other":
        ref.publication_type = "web"
    return ref
