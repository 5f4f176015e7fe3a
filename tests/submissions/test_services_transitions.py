"""Every workflow move at the service level: who may run it from where, and refusals."""

import pytest

from journal.errors import ActionNotAllowed, DomainError
from journal.models import Role
from submissions.models import State, Submission, SubmissionEvent
from submissions.services import submission_transition
from tests.factories import SubmissionFactory, UserFactory, editor_of

pytestmark = pytest.mark.django_db

S = State
# (transition, source, target, who runs it)
ALLOWED = [
    ("submit", S.DRAFT, S.SUBMITTED, "author"),
    ("desk_reject", S.SUBMITTED, S.DESK_REJECTED, "editor"),
    ("send_to_review", S.SUBMITTED, S.UNDER_REVIEW, "editor"),
    ("send_to_review", S.RESUBMITTED, S.UNDER_REVIEW, "section-editor"),
    ("request_revisions", S.UNDER_REVIEW, S.REVISIONS_REQUESTED, "editor"),
    ("request_revisions", S.RESUBMITTED, S.REVISIONS_REQUESTED, "handling-editor"),
    ("resubmit", S.REVISIONS_REQUESTED, S.RESUBMITTED, "author"),
    ("accept", S.SUBMITTED, S.ACCEPTED, "editor"),
    ("accept", S.UNDER_REVIEW, S.ACCEPTED, "manager"),
    ("accept", S.RESUBMITTED, S.ACCEPTED, "editor"),
    ("reject", S.UNDER_REVIEW, S.REJECTED, "editor"),
    ("reject", S.RESUBMITTED, S.REJECTED, "editor"),
    ("withdraw", S.DRAFT, S.WITHDRAWN, "author"),
    ("withdraw", S.SUBMITTED, S.WITHDRAWN, "author"),
    ("withdraw", S.UNDER_REVIEW, S.WITHDRAWN, "editor"),
    ("withdraw", S.REVISIONS_REQUESTED, S.WITHDRAWN, "author"),
    ("withdraw", S.RESUBMITTED, S.WITHDRAWN, "editor"),
    ("start_production", S.ACCEPTED, S.IN_PRODUCTION, "production-editor"),
    ("approve_proofs", S.IN_PRODUCTION, S.READY_FOR_PUBLICATION, "author"),
    (
        "return_to_production",
        S.READY_FOR_PUBLICATION,
        S.IN_PRODUCTION,
        "production-editor",
    ),
    ("publish", S.READY_FOR_PUBLICATION, S.PUBLISHED, "editor"),
    ("unpublish", S.PUBLISHED, S.READY_FOR_PUBLICATION, "editor"),
]


def actor_for(submission, who):
    journal = submission.journal
    if who == "author":
        return submission.submitter
    if who == "handling-editor":
        person = UserFactory()
        Submission.objects.filter(pk=submission.pk).update(editor=person)
        submission.editor = person
        return person
    if who == "stranger":
        return UserFactory()
    role = {
        "editor": Role.EDITOR,
        "manager": Role.MANAGER,
        "section-editor": Role.SECTION_EDITOR,
        "production-editor": Role.PRODUCTION_EDITOR,
        "reviewer": Role.REVIEWER,
    }[who]
    return editor_of(journal, role=role)


def assert_unchanged(submission, state):
    assert submission.state == state
    assert Submission.objects.get(pk=submission.pk).state == state
    assert not SubmissionEvent.objects.filter(submission=submission).exists()


def test_table_covers_every_transition_of_the_model():
    field = Submission._meta.get_field("state")
    declared = {(t.name, t.source) for t in field.get_all_transitions(Submission)}
    assert declared == {(name, source) for name, source, _t, _w in ALLOWED}


@pytest.mark.parametrize(("name", "source", "target", "who"), ALLOWED)
def test_allowed_transition_moves_the_state_and_logs_it(name, source, target, who):
    submission = SubmissionFactory(state=source)
    actor = actor_for(submission, who)
    event = submission_transition(
        submission=submission, actor=actor, name=name, note="n"
    )
    assert Submission.objects.get(pk=submission.pk).state == target
    assert (event.transition, event.from_state, event.to_state, event.actor) == (
        name,
        source,
        target,
        actor,
    )


@pytest.mark.parametrize(
    ("name", "source", "who"),
    [
        ("submit", S.DRAFT, "stranger"),
        ("submit", S.DRAFT, "editor"),
        ("desk_reject", S.SUBMITTED, "author"),
        ("send_to_review", S.SUBMITTED, "reviewer"),
        ("accept", S.UNDER_REVIEW, "production-editor"),
        ("resubmit", S.REVISIONS_REQUESTED, "editor"),
        ("withdraw", S.SUBMITTED, "stranger"),
        ("start_production", S.ACCEPTED, "author"),
        ("publish", S.READY_FOR_PUBLICATION, "production-editor"),
        ("unpublish", S.PUBLISHED, "author"),
    ],
)
def test_transition_by_the_wrong_role_is_refused(name, source, who):
    submission = SubmissionFactory(state=source)
    actor = actor_for(submission, who)
    with pytest.raises(ActionNotAllowed):
        submission_transition(submission=submission, actor=actor, name=name)
    assert_unchanged(submission, source)


def test_section_editor_of_another_section_cannot_move_it():
    submission = SubmissionFactory(state=S.SUBMITTED)
    editor = editor_of(submission.journal, role=Role.SECTION_EDITOR)
    from tests.factories import SectionFactory

    editor.journal_roles.get().sections.add(SectionFactory(journal=submission.journal))
    with pytest.raises(ActionNotAllowed):
        submission_transition(
            submission=submission, actor=editor, name="send_to_review"
        )
    assert_unchanged(submission, S.SUBMITTED)


@pytest.mark.parametrize(
    ("factory_kwargs", "message", "code"),
    [
        ({"with_manuscript": False}, "Upload the manuscript", "has_manuscript"),
        ({"decl_licence": False}, "Confirm the declarations", "has_declarations"),
        ({"decl_original": False}, "Confirm the declarations", "has_declarations"),
        (
            {"decl_competing_interests": " "},
            "Confirm the declarations",
            "has_declarations",
        ),
        ({"keywords": {}}, "Complete the section", "has_primary_metadata"),
        ({"with_author": False}, "Complete the section", "has_primary_metadata"),
        ({"section": None}, "Complete the section", "has_primary_metadata"),
    ],
)
def test_incomplete_draft_cannot_be_submitted(factory_kwargs, message, code):
    submission = SubmissionFactory(**factory_kwargs)
    with pytest.raises(DomainError, match=message) as refused:
        submission_transition(
            submission=submission, actor=submission.submitter, name="submit"
        )
    assert refused.value.code == code
    assert_unchanged(submission, S.DRAFT)


def test_resubmission_without_a_revised_manuscript_is_refused():
    submission = SubmissionFactory(state=S.REVISIONS_REQUESTED, with_manuscript=False)
    with pytest.raises(DomainError, match="Upload the revised manuscript"):
        submission_transition(
            submission=submission, actor=submission.submitter, name="resubmit"
        )
    assert_unchanged(submission, S.REVISIONS_REQUESTED)


@pytest.mark.parametrize(
    ("name", "source", "who"),
    [
        ("submit", S.SUBMITTED, "author"),
        ("desk_reject", S.UNDER_REVIEW, "editor"),
        ("send_to_review", S.DRAFT, "editor"),
        ("request_revisions", S.SUBMITTED, "editor"),
        ("resubmit", S.UNDER_REVIEW, "author"),
        ("reject", S.SUBMITTED, "editor"),
        ("withdraw", S.ACCEPTED, "author"),
        ("withdraw", S.PUBLISHED, "editor"),
        ("start_production", S.UNDER_REVIEW, "editor"),
        ("approve_proofs", S.ACCEPTED, "author"),
        ("publish", S.ACCEPTED, "editor"),
        ("unpublish", S.READY_FOR_PUBLICATION, "editor"),
    ],
)
def test_transition_from_the_wrong_state_is_refused(name, source, who):
    submission = SubmissionFactory(state=source)
    actor = actor_for(submission, who)
    with pytest.raises(DomainError, match="cannot be done while") as refused:
        submission_transition(submission=submission, actor=actor, name=name)
    assert refused.value.code == "wrong_state"
    assert_unchanged(submission, source)
