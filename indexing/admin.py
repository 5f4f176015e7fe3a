"""Admin views of Crossref deposits, for support and inspection; read-only."""

from django.contrib import admin

from .models import CrossrefDeposit, CrossrefDepositItem


class DepositItemInline(admin.TabularInline):
    model = CrossrefDepositItem
    extra = 0
    readonly_fields = ["article", "issue", "doi", "status", "message", "updated_at"]
    can_delete = False


@admin.register(CrossrefDeposit)
class CrossrefDepositAdmin(admin.ModelAdmin):
    list_display = ["batch_id", "journal", "issue", "status", "created_at"]
    list_filter = ["journal", "status"]
    readonly_fields = [
        "journal",
        "issue",
        "batch_id",
        "status",
        "xml",
        "response",
        "attempts",
        "submitted_at",
        "created_by",
    ]
    inlines = [DepositItemInline]
