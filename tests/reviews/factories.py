"""Factories for peer review: forms and criteria, rounds, assignments, reviews."""

import datetime

import factory
from django.utils import timezone

from journal.models import ReviewMethod, Role
from reviews.models import (
    AssignmentState,
    CriterionKind,
    Recommendation,
    Review,
    ReviewAssignment,
    ReviewCriterion,
    ReviewForm,
    ReviewRound,
)
from submissions.models import FileKind, State
from tests.factories import (
    ContributorFactory,
    JournalFactory,
    RoleFactory,
    SubmissionFactory,
    SubmissionFileFactory,
    UserFactory,
    docx_bytes,
)


class ReviewFormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewForm

    journal = factory.SubFactory(JournalFactory)
    name = "Research article review"


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewCriterion

    form = factory.SubFactory(ReviewFormFactory)
    order = factory.Sequence(lambda n: n)
    label = factory.Sequence(lambda n: f"Criterion {n}")
    description = "How well does the manuscript do this?"
    kind = CriterionKind.NUMERIC
    scale_min = 1
    scale_max = 5
    weight = 1
    required = True


def standard_form(journal) -> ReviewForm:
    """Originality and rigour on 1-5 (rigour weighs double), an optional yes/no."""
    form = ReviewFormFactory(journal=journal)
    CriterionFactory(form=form, label="Originality", order=1)
    CriterionFactory(form=form, label="Methodological rigour", order=2, weight=2)
    CriterionFactory(
        form=form,
        label="Are the policy implications clear?",
        order=3,
        kind=CriterionKind.YESNO,
        required=False,
    )
    return form


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewRound

    submission = factory.SubFactory(SubmissionFactory, state=State.UNDER_REVIEW)
    number = 1


class AssignmentFactory(factory.django.DjangoModelFactory):
    """An invitation; pass state=... to place it further along."""

    class Meta:
        model = ReviewAssignment

    round = factory.SubFactory(RoundFactory)
    submission = factory.SelfAttribute("round.submission")
    reviewer = factory.SubFactory(UserFactory)
    due_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=21))

    @classmethod
    def _create(cls, model_class, *args, state=None, **kwargs):
        obj = super()._create(model_class, *args, **kwargs)
        if state is not None and state != AssignmentState.INVITED:
            stamps = {"responded_at": timezone.now()}
            if state == AssignmentState.SUBMITTED:
                stamps["submitted_at"] = timezone.now()
            model_class.objects.filter(pk=obj.pk).update(state=state, **stamps)
            obj = model_class.objects.get(pk=obj.pk)
        return obj


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    assignment = factory.SubFactory(AssignmentFactory, state=AssignmentState.SUBMITTED)
    confidence = 4
    recommendation = Recommendation.MINOR_REVISION
    comments_to_author = "A useful study; clarify the sampling."
    comments_to_editor = "Solid work."
    is_draft = False
    submitted_at = factory.LazyFunction(timezone.now)
    # Approved for the author; pass comments_approved_at=None for a review
    # still waiting for the editor.
    comments_approved_at = factory.LazyFunction(timezone.now)


def anonymous_submission(**kwargs):
    """A double-anonymous submission with a named author, a manuscript and an
    anonymised manuscript, and an editor. Returns (submission, editor)."""
    submission = SubmissionFactory(
        state=kwargs.pop("state", State.SUBMITTED),
        with_author=False,
        with_manuscript=False,
        **kwargs,
    )
    journal = submission.journal
    journal.review_method = ReviewMethod.DOUBLE_ANONYMOUS
    journal.save(update_fields=["review_method"])
    submitter = submission.submitter
    submitter.given_name, submitter.family_name = "Aigerim", "Nurlanovna"
    submitter.email = f"aigerim.{submission.pk}@ministry.example.kz"
    submitter.save()
    ContributorFactory(
        submission=submission,
        given_name="Aigerim",
        family_name="Nurlanovna",
        email=submitter.email,
        affiliation="Agency for Civil Service Affairs",
        is_corresponding=True,
        user=submitter,
    )
    SubmissionFileFactory(
        submission=submission,
        kind=FileKind.MANUSCRIPT,
        version=1,
        original_name="Nurlanovna-merit.docx",
        file=factory.django.FileField(
            filename="m.docx",
            data=docx_bytes("By Aigerim Nurlanovna", core={"author": "Aigerim"}),
        ),
    )
    SubmissionFileFactory(
        submission=submission,
        kind=FileKind.ANONYMISED,
        version=1,
        original_name="Nurlanovna-merit-anon.docx",
        file=factory.django.FileField(
            filename="a.docx",
            data=docx_bytes(
                "Merit-based recruitment in a civil service",
                core={"author": "Aigerim Nurlanovna", "last_modified_by": "Aigerim"},
            ),
        ),
    )
    editor = RoleFactory(journal=journal, role=Role.EDITOR).user
    return submission, editor
