"""The one way a state machine's state changes: check, transition, log, refuse.

Every workflow in the product (submissions, review assignments, issues,
articles, Crossref deposits) is a django-fsm machine on a protected FSMField
whose model mixes in ConcurrentTransitionMixin. Services never call a
transition method themselves; they call `run_transition`, which

- refuses, with a DomainError a person can read, a transition the current state
  does not allow, one the actor may not run (when the transition declares a
  permission and the caller asks for the check) and one whose conditions fail;
- runs the transition and saves the row in one database transaction together
  with its log row (the model's own event table, or `TransitionLog`);
- turns a concurrent change (someone else moved the row since it was loaded)
  into a DomainError saying so, and puts the in-memory object back as it was.

Side effects (mail, tasks) are the caller's business, after commit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, can_proceed

from .errors import ActionNotAllowed, DomainError
from .models import TransitionLog


class LogWriter(Protocol):
    def __call__(
        self,
        *,
        instance: Any,
        transition: str,
        from_state: str,
        to_state: str,
        actor: Any,
        note: str,
    ) -> models.Model: ...


def _default_wrong_state(instance: Any, field_name: str) -> str:
    label = getattr(instance, f"get_{field_name}_display")()
    return _("This cannot be done while it is “%(state)s”.") % {"state": label}


@dataclass(frozen=True)
class Refusals:
    """The words a refusal is given in, per machine (all optional)."""

    wrong_state: Callable[[Any], str] | None = None
    permission: str = ""
    concurrent: str = ""
    # condition function name -> message (callable taking the instance)
    conditions: Mapping[str, Callable[[Any], str]] = field(default_factory=dict)


def _method(instance: Any, name: str) -> Any:
    method = getattr(instance, name, None)
    if method is None or not hasattr(method, "_django_fsm"):
        raise ValueError(f"{name} is not a transition of {type(instance).__name__}")
    return method


def state_field_name(instance: Any, name: str) -> str:
    """The name of the FSMField the transition `name` moves."""
    return str(_method(instance, name)._django_fsm.field.name)


def check_transition(
    instance: Any,
    name: str,
    *,
    actor: Any = None,
    check_permission: bool = False,
    refusals: Refusals = Refusals(),
) -> None:
    """Raise DomainError (wrong state, unmet condition) or ActionNotAllowed
    (the transition's permission refuses the actor) if `name` cannot run now."""
    method = _method(instance, name)
    meta = method._django_fsm
    field_name = str(meta.field.name)
    state = getattr(instance, field_name)
    if not meta.has_transition(state):
        message = (
            refusals.wrong_state(instance)
            if refusals.wrong_state
            else _default_wrong_state(instance, field_name)
        )
        raise DomainError(message, code="wrong_state")
    if check_permission and not meta.has_transition_perm(instance, state, actor):
        raise ActionNotAllowed(
            refusals.permission or _("You are not allowed to do this.")
        )
    if not can_proceed(method):
        for condition in meta.get_transition(state).conditions:
            if not condition(instance):
                explain = refusals.conditions.get(condition.__name__)
                raise DomainError(
                    explain(instance) if explain else _("A precondition is not met."),
                    code=condition.__name__,
                )


def generic_log(
    *,
    instance: Any,
    transition: str,
    from_state: str,
    to_state: str,
    actor: Any,
    note: str,
) -> models.Model:
    """Write a `TransitionLog` row for a machine without an event table."""
    return TransitionLog.objects.create(
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=instance.pk,
        transition=transition,
        from_state=str(from_state),
        to_state=str(to_state),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
    )


def transition_log_for(instance: models.Model) -> models.QuerySet[TransitionLog]:
    """The `TransitionLog` rows of one object, oldest first."""
    return TransitionLog.objects.filter(
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=instance.pk,
    ).select_related("actor")


def run_transition(
    instance: Any,
    name: str,
    *,
    actor: Any,
    note: str = "",
    kwargs: Mapping[str, Any] | None = None,
    check_permission: bool = False,
    refusals: Refusals = Refusals(),
    log: LogWriter = generic_log,
) -> models.Model:
    """Run the transition `name` on `instance` and write its log row, in one
    database transaction; return the log row.

    `kwargs` go to the transition method. Fields the caller set on `instance`
    before the call are saved with it. Raises DomainError or ActionNotAllowed
    (see `check_transition`), or DomainError with code "concurrent" if the row
    changed state since it was loaded. On any error the object in memory is as
    it was before the call.
    """
    check_transition(
        instance,
        name,
        actor=actor,
        check_permission=check_permission,
        refusals=refusals,
    )
    method = _method(instance, name)
    field_name = str(method._django_fsm.field.name)
    from_state = getattr(instance, field_name)
    snapshot = dict(instance.__dict__)
    try:
        with transaction.atomic():
            method(**(kwargs or {}))
            instance.save()
            return log(
                instance=instance,
                transition=name,
                from_state=from_state,
                to_state=getattr(instance, field_name),
                actor=actor,
                note=note,
            )
    except ConcurrentTransition as exc:
        _restore(instance, snapshot)
        raise DomainError(
            refusals.concurrent
            or _(
                "Someone else changed this while you were working on it. "
                "Reload the page to see its current state."
            ),
            code="concurrent",
        ) from exc
    except Exception:
        _restore(instance, snapshot)
        raise


def _restore(instance: Any, snapshot: dict[str, Any]) -> None:
    # A protected FSMField refuses assignment, so the state goes back through
    # __dict__ like every other attribute.
    instance.__dict__.clear()
    instance.__dict__.update(snapshot)
