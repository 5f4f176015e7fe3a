"""The steps of the guided submission form and what each still needs.

Read-only: which steps a draft has completed and what keeps it from being sent,
each item naming the step where the author fixes it.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .abstracts import abstract_problems
from .models import FileKind, Submission


@dataclass(frozen=True)
class Step:
    slug: str
    label: str
    optional: bool = False


STEPS = (
    Step("start", _("Section and language")),
    Step("metadata", _("Title and abstract")),
    Step("authors", _("Authors")),
    Step("files", _("Files")),
    Step("reviewers", _("Reviewers"), optional=True),
    Step("declarations", _("Declarations")),
    Step("review", _("Review and submit")),
)
STEP_SLUGS = [s.slug for s in STEPS]


@dataclass(frozen=True)
class Missing:
    message: str
    step: str


def missing_items(submission: Submission) -> list[Missing]:
    """What the author must still do before the journal accepts the draft.

    Mirrors the conditions of Submission.submit, item by item.
    """
    lang = submission.language
    authors = list(submission.authors.all())
    kinds = set(submission.files.values_list("kind", flat=True))
    items = []
    if not submission.section_id:
        items.append(Missing(_("Choose a section."), "start"))
    if not submission.title.get(lang, "").strip():
        items.append(
            Missing(_("Give the title in the manuscript's language."), "metadata")
        )
    if not submission.abstract.get(lang, "").strip():
        items.append(
            Missing(_("Write the abstract in the manuscript's language."), "metadata")
        )
    for message in sorted(
        set(abstract_problems(submission, submission.abstract).values())
    ):
        items.append(Missing(message, "metadata"))
    if not submission.keywords.get(lang):
        items.append(
            Missing(_("Add keywords in the manuscript's language."), "metadata")
        )
    if not authors:
        items.append(Missing(_("Add at least one author."), "authors"))
    if FileKind.MANUSCRIPT not in kinds:
        items.append(Missing(_("Upload the manuscript."), "files"))
    if submission.needs_reviewer_copy() and FileKind.ANONYMISED not in kinds:
        items.append(
            Missing(
                _(
                    "Upload an anonymised copy of the manuscript for the reviewers: "
                    "review in this section is double-anonymous."
                ),
                "files",
            )
        )
    if not submission.decl_original:
        items.append(
            Missing(_("Confirm that the manuscript is original."), "declarations")
        )
    if not submission.decl_ethics:
        items.append(Missing(_("Confirm the ethics statement."), "declarations"))
    if not submission.decl_licence:
        items.append(Missing(_("Agree to the licence."), "declarations"))
    if not submission.decl_competing_interests.strip():
        items.append(
            Missing(
                _("State any competing interests (or write “None”)."), "declarations"
            )
        )
    return items


def advice(submission: Submission) -> list[Missing]:
    """Things that do not stop sending but that the editors will ask about."""
    items = []
    authors = list(submission.authors.all())
    if authors and not any(a.is_corresponding for a in authors):
        items.append(
            Missing(_("Mark one author as the corresponding author."), "authors")
        )
    return items


def completed_steps(submission: Submission, missing: list[Missing]) -> set[str]:
    """Steps with nothing missing; the optional reviewers step once it has entries."""
    blocked = {m.step for m in missing}
    done = {s.slug for s in STEPS if not s.optional and s.slug != "review"} - blocked
    if submission.reviewer_preferences.exists():
        done.add("reviewers")
    return done
