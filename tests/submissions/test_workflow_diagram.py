"""docs/workflow.md is what the workflow_diagram command generates from the model."""

from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from submissions.models import State, Submission

DOC = Path(settings.BASE_DIR) / "docs" / "workflow.md"


def generated() -> str:
    out = StringIO()
    call_command("workflow_diagram", stdout=out)
    return out.getvalue()


def test_committed_workflow_doc_matches_the_model():
    assert DOC.read_text(encoding="utf-8") == generated(), (
        "docs/workflow.md is out of date: run "
        "`python manage.py workflow_diagram --output docs/workflow.md`"
    )


def test_diagram_has_every_transition_edge_of_the_model():
    text = generated()
    field = Submission._meta.get_field("state")
    for t in field.get_all_transitions(Submission):
        edge = (
            f"{t.source.replace('-', '_')} --> {t.target.replace('-', '_')} : {t.name}"
        )
        assert edge in text
    for state in State:
        assert f"{state.value.replace('-', '_')} : {state.label}" in text


def test_output_option_writes_the_file(tmp_path):
    target = tmp_path / "workflow.md"
    call_command("workflow_diagram", output=str(target), stdout=StringIO())
    assert target.read_text(encoding="utf-8") == generated()
