from django.contrib import admin

from .models import (
    AssignmentEvent,
    Decision,
    ReviewAssignment,
    ReviewCriterion,
    ReviewForm,
    ReviewSettings,
)


class CriterionInline(admin.TabularInline):
    model = ReviewCriterion
    extra = 1
    fields = (
        "order",
        "label",
        "description",
        "kind",
        "scale_min",
        "scale_max",
        "weight",
        "required",
    )


@admin.register(ReviewForm)
class ReviewFormAdmin(admin.ModelAdmin):
    list_display = ("name", "journal", "section", "is_active")
    list_filter = ("journal", "is_active")
    inlines = [CriterionInline]


@admin.register(ReviewSettings)
class ReviewSettingsAdmin(admin.ModelAdmin):
    list_display = (
        "journal",
        "default_review_days",
        "invitation_expiry_days",
        "reminder_days_before_due",
    )


class EventInline(admin.TabularInline):
    model = AssignmentEvent
    extra = 0
    can_delete = False
    readonly_fields = (
        "actor",
        "transition",
        "from_state",
        "to_state",
        "note",
        "created_at",
    )


@admin.register(ReviewAssignment)
class ReviewAssignmentAdmin(admin.ModelAdmin):
    """Read-only: assignments change state only through the review pages."""

    list_display = ("submission", "reviewer", "state", "due_at", "editor_rating")
    list_filter = ("state",)
    search_fields = ("reviewer__email", "reviewer__family_name")
    inlines = [EventInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("submission", "kind", "editor", "created_at")
    list_filter = ("kind",)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
