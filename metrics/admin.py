"""Admin for SUSHI credentials; usage rows are counted, never edited by hand."""

from django.contrib import admin

from metrics.models import SushiCredential


@admin.register(SushiCredential)
class SushiCredentialAdmin(admin.ModelAdmin):
    list_display = ("name", "customer_id", "requestor_id", "journal", "is_active")
    list_filter = ("is_active", "journal")
    search_fields = ("name", "customer_id", "requestor_id")
