"""The model mixin of every state machine: concurrent changes refused, and
rows loaded without their state (`only()`, `defer()`) cost no extra query.

django-fsm's ConcurrentTransitionMixin remembers each row's state when it is
loaded, to refuse a save if the state changed meanwhile. It reads the state in
`__init__`, which for a row loaded without it costs one query per row: list
pages that load issues or articles with `only()` would then grow with their
rows. Here a state that was not loaded is remembered when it is first read
(django loads a deferred field through `refresh_from_db`, which records it), or
at the latest when the row is saved.
"""

from typing import Any

from django_fsm import ConcurrentTransitionMixin

_STATES = "_ConcurrentTransitionMixin__initial_states"


class ConcurrentStateMixin(ConcurrentTransitionMixin):
    def _update_initial_state(self) -> None:
        deferred = self.get_deferred_fields()
        setattr(
            self,
            _STATES,
            {
                field.attname: field.value_from_object(self)
                for field in self.state_fields
                if field.attname not in deferred
            },
        )

    def _do_update(self, *args: Any, **kwargs: Any) -> Any:
        for field in self.state_fields:
            if field.attname not in getattr(self, _STATES):
                value = field.value_from_object(self)  # loads it (one query)
                getattr(self, _STATES)[field.attname] = value
        return super()._do_update(*args, **kwargs)  # the signature changes with Django
