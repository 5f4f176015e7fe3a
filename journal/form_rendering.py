"""How forms are drawn (django-bootstrap5): a field is marked valid (the green
tick) only when the person filled it in; an empty optional field after a failed
submission stays plain, so the eye goes to the fields that are wrong."""

from django_bootstrap5.renderers import FieldRenderer as BaseFieldRenderer


class FieldRenderer(BaseFieldRenderer):
    def get_server_side_validation_classes(self) -> str:
        if self.field_errors:
            return "is-invalid"
        if self.field.form.is_bound and self.field.value() not in (None, "", [], ()):
            return "is-valid"
        return ""
