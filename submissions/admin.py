from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    Contributor,
    OutboxEmail,
    ReviewerPreference,
    Submission,
    SubmissionEvent,
    SubmissionFile,
)


class ContributorInline(admin.TabularInline):
    model = Contributor
    extra = 0
    fields = [
        "order",
        "given_name",
        "family_name",
        "email",
        "affiliation",
        "ror",
        "orcid",
        "is_corresponding",
    ]


class SubmissionEventInline(admin.TabularInline):
    """The log is written by the workflow services only."""

    model = SubmissionEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "actor", "transition", "from_state", "to_state", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "display_title",
        "journal",
        "section",
        "state",
        "submitter",
        "submitted_at",
    ]
    list_display_links = ["pk", "display_title"]
    list_filter = ["state", "journal", "section", "language"]
    search_fields = [
        "title",
        "submitter__email",
        "submitter__family_name",
        "authors__family_name",
    ]
    list_select_related = ["journal", "section", "submitter"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["submitter", "editor"]
    # The state moves only through the workflow services, which write the log.
    readonly_fields = [
        "state",
        "created_at",
        "updated_at",
        "submitted_at",
        "resubmitted_at",
        "accepted_at",
        "decided_at",
        "published_at",
        "state_changed_at",
    ]
    inlines = [ContributorInline, SubmissionEventInline]

    @admin.display(description=_("title"))
    def display_title(self, obj):
        return obj.display_title


@admin.register(Contributor)
class ContributorAdmin(admin.ModelAdmin):
    list_display = [
        "full_name",
        "email",
        "affiliation",
        "country",
        "orcid",
        "submission",
    ]
    list_filter = ["is_corresponding", "country"]
    search_fields = ["given_name", "family_name", "email", "orcid", "affiliation"]
    list_select_related = ["submission"]
    raw_id_fields = ["submission", "user"]


@admin.register(SubmissionFile)
class SubmissionFileAdmin(admin.ModelAdmin):
    list_display = [
        "submission",
        "kind",
        "version",
        "original_name",
        "content_type",
        "size",
        "uploaded_at",
    ]
    list_filter = ["kind", "content_type"]
    search_fields = ["original_name", "sha256", "submission__title"]
    list_select_related = ["submission"]
    raw_id_fields = ["submission", "uploaded_by"]
    readonly_fields = ["sha256", "size", "content_type", "uploaded_at"]


@admin.register(SubmissionEvent)
class SubmissionEventAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "submission",
        "transition",
        "from_state",
        "to_state",
        "actor",
    ]
    list_filter = ["transition", "to_state"]
    search_fields = ["actor__email", "note"]
    list_select_related = ["submission", "actor"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReviewerPreference)
class ReviewerPreferenceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "email", "affiliation", "submission"]
    list_filter = ["kind"]
    search_fields = ["name", "email", "affiliation"]
    raw_id_fields = ["submission"]


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "key", "to_email", "subject", "status", "sent_at"]
    list_filter = ["status", "key", "journal"]
    search_fields = ["to_email", "subject", "submission__title"]
    list_select_related = ["journal"]
    raw_id_fields = ["submission", "recipient"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at", "sent_at", "error"]
