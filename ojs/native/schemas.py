"""Which OJS version wrote an export: the newest whose schema accepts it.

The export is read as a stream, one top-level record at a time (an issue, an
article, a user), each validated as a document of its own (the schemas allow
these as root elements), so memory stays bounded and the validator's line
numbers point into the uploaded file.
"""

import functools
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from lxml import etree

NS = "http://pkp.sfu.ca"
VERSIONS = ("3.5", "3.4", "3.3")  # newest first
MAX_ERRORS = 20


def q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def schema_dir(version: str) -> Path:
    return (
        Path(settings.SCHEMAS_DIR) / "ojs-native" / (version.replace(".", "_") + "_0")
    )


class _Resolver(etree.Resolver):
    def resolve(self, url, pubid, context):  # pragma: no cover - refuses only
        if "://" in (url or ""):
            return self.resolve_string("", context)
        return None


@functools.cache
def schema(version: str, kind: str) -> etree.XMLSchema:
    """kind: "native" (issues and articles) or "pkp-users"."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_Resolver())
    path = schema_dir(version) / f"{kind}.xsd"
    return etree.XMLSchema(etree.parse(str(path), parser))


def stream(source, tags) -> etree.iterparse:
    """Safe streaming parse: no network, no entities, big base64 nodes allowed."""
    return etree.iterparse(
        source,
        events=("start", "end"),
        tag=tags,
        huge_tree=True,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        remove_comments=True,
    )


def release(element) -> None:
    """Free a processed record and the siblings before it."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


@dataclass
class ExportCheck:
    kind: str  # "issues" or "users"
    version: str = ""
    records: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.version) and not self.errors


ISSUE_ROOTS = {q("issues"): "issue", q("issue"): None, q("articles"): "article"}
USER_ROOTS = {q("PKPUsers"): None}


def check_export(source, kind: str) -> ExportCheck:
    """Validate the whole export against each OJS version; never raises for bad
    input (the result's `errors` say what is wrong, with line numbers)."""
    result = ExportCheck(kind=kind)
    schema_kind = "native" if kind == "issues" else "pkp-users"
    candidates = list(VERSIONS)
    errors: dict[str, list[str]] = {v: [] for v in VERSIONS}
    if kind == "issues":
        tags = [q("issues"), q("issue"), q("articles"), q("article")]
    else:
        tags = [q("PKPUsers"), q("user_groups"), q("user")]
    root_tag = None
    try:
        for event, element in stream(source, tags):
            if root_tag is None:
                root_tag = element.tag
                roots = ISSUE_ROOTS if kind == "issues" else USER_ROOTS
                if root_tag not in roots:
                    result.errors.append(
                        _(
                            "Line %(line)s: %(tag)s is not the root of an OJS %(kind)s export."
                        )
                        % {
                            "line": element.sourceline,
                            "tag": etree.QName(root_tag).localname,
                            "kind": kind,
                        }
                    )
                    return result
            if event != "end":
                continue
            if not _is_record(element, kind):
                continue
            result.records += 1
            for version in list(candidates):
                validator = schema(version, schema_kind)
                if not validator.validate(element):
                    errors[version].extend(_messages(validator))
                    candidates.remove(version)
            release(element)
            if not candidates:
                break
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or (exc.position[0] if exc.position else 0)
        result.errors.append(
            _("Line %(line)s: %(msg)s") % {"line": line, "msg": exc.msg}
        )
        return result
    if root_tag is None:
        result.errors.append(_("The file is empty."))
    elif not result.records:
        result.errors.append(_("The export holds no records."))
    elif candidates:
        result.version = candidates[0]
    else:
        # Report against the version that got furthest: the likeliest writer.
        best = max(VERSIONS, key=lambda v: _first_line(errors[v]))
        result.errors = [
            _("Not a valid OJS %(v)s export (nor any other version):") % {"v": best},
            *errors[best][:MAX_ERRORS],
        ]
    return result


def _is_record(element, kind: str) -> bool:
    parent = element.getparent()
    if kind == "users":
        return element.tag in (q("user_groups"), q("user"))
    if element.tag == q("issue"):
        return True
    # A bare <articles> export: each article is a record.
    return (
        element.tag == q("article")
        and parent is not None
        and parent.getparent() is None
    )


def _messages(validator) -> list[str]:
    return [
        _("Line %(line)s: %(msg)s") % {"line": e.line, "msg": e.message}
        for e in validator.error_log
    ][:MAX_ERRORS]


def _first_line(messages: list[str]) -> int:
    if not messages:
        return 1 << 30
    head = messages[0].split(":", 1)[0].rsplit(" ", 1)[-1]
    return int(head) if head.isdigit() else 0
