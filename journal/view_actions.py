"""The one shape of an action view: call a service, show its refusal, go on.

A service refuses with a DomainError whose message a person can read. A view
that runs an action either redirects (success message, or the refusal as an
error message) or, when it came from a form, shows the form again with the
refusal. `run_action` and `run_form_action` write that once, so a view is one
call instead of a try/except.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .errors import DomainError

T = TypeVar("T")
F = TypeVar("F", bound=forms.BaseForm)

Target = str | HttpResponse | Callable[[Any], HttpResponse | str]


def _response(target: Target, result: Any) -> HttpResponse:
    if callable(target) and not isinstance(target, HttpResponse):
        target = target(result)
    if isinstance(target, HttpResponse):
        return target
    return redirect(target)


def _say(
    request: HttpRequest, message: str | Callable[[Any], str], result: Any, level: int
) -> None:
    text = message(result) if callable(message) else message
    if text:
        messages.add_message(request, level, text)


def run_action(
    request: HttpRequest,
    action: Callable[[], T],
    *,
    success_message: str | Callable[[T], str] = "",
    redirect_to: Target,
    on_refusal: Target | None = None,
    level: int = messages.SUCCESS,
) -> HttpResponse:
    """Run `action`; on a DomainError show its message as an error and go to
    `on_refusal` (default: `redirect_to`), else show `success_message` and go
    to `redirect_to`. A target is a URL, a URL name, a response, or a callable
    given the action's result (None on refusal) returning one of those."""
    try:
        result = action()
    except DomainError as exc:
        messages.error(request, exc.message)
        return _response(redirect_to if on_refusal is None else on_refusal, None)
    _say(request, success_message, result, level)
    return _response(redirect_to, result)


def run_form_action(
    request: HttpRequest,
    form: F,
    action: Callable[[F], T],
    *,
    success_message: str | Callable[[T], str] = "",
    redirect_to: Target,
    render_form: Callable[[F], HttpResponse],
    refusal_as: str = "message",
    refusal_field: str | None = None,
    on_refusal: Callable[[DomainError], HttpResponse | None] | None = None,
    render_refusal: Callable[[F, DomainError], HttpResponse] | None = None,
    level: int = messages.SUCCESS,
) -> HttpResponse:
    """Validate `form` and run `action(form)`. An unbound form (a GET), an
    invalid one or a refusal shows the form again through `render_form`
    (nothing typed is lost). A refusal is shown as an error message
    (`refusal_as="message"`), as an error of the form (`refusal_as="form"`,
    on `refusal_field` or the whole form), or by the page alone
    (`refusal_as="page"`, for a page that shows what the refusal carries).
    A ValidationError from the model puts its messages on the form's fields.
    `on_refusal` may answer a refusal otherwise (return a response, or None
    to show the form); `render_refusal(form, refusal)`, when given, shows the
    form again after a refusal instead of `render_form`, with whatever the
    refusal carries (the matches a check found, say). On success show
    `success_message` and go to `redirect_to`."""
    if form.is_valid():
        try:
            result = action(form)
        except ValidationError as exc:
            form_add_model_errors(form, exc)
        except DomainError as exc:
            if refusal_as == "form":
                form.add_error(refusal_field, exc.message)
            elif refusal_as == "message":
                messages.error(request, exc.message)
            answer = on_refusal(exc) if on_refusal else None
            if answer is not None:
                return answer
            if render_refusal is not None:
                return render_refusal(form, exc)
        else:
            _say(request, success_message, result, level)
            return _response(redirect_to, result)
    return render_form(form)


def form_add_model_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a model's validation errors on the form: on their field when the
    form has it, else on the form as a whole."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)
