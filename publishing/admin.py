"""Admin views of publishing records, for support and inspection.

Editors work through the editorial pages, which go through the services;
versions are read-only here."""

from django.contrib import admin

from .models import (
    Article,
    ArticleVersion,
    Galley,
    Issue,
    JournalPublishingSettings,
    Volume,
)


@admin.register(Volume)
class VolumeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "journal", "year"]
    list_filter = ["journal"]


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ["__str__", "journal", "state", "published_at", "doi"]
    list_filter = ["journal", "state"]
    readonly_fields = ["state", "published_at", "scheduled_for", "scheduled_by", "doi"]


class GalleyInline(admin.TabularInline):
    model = Galley
    extra = 0
    readonly_fields = ["kind", "file", "version", "is_current", "size", "created_at"]
    can_delete = False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "journal", "issue", "status", "doi", "published_at"]
    list_filter = ["journal", "status"]
    search_fields = ["doi"]
    list_select_related = ["submission", "journal", "issue__volume"]
    readonly_fields = [
        "submission",
        "status",
        "doi",
        "published_at",
        "version",
        "retracted_at",
        "datestamp",
    ]
    inlines = [GalleyInline]


@admin.register(ArticleVersion)
class ArticleVersionAdmin(admin.ModelAdmin):
    list_display = ["article", "number", "superseded_at"]
    readonly_fields = ["article", "number", "reason", "metadata", "galleys"]


@admin.register(JournalPublishingSettings)
class JournalPublishingSettingsAdmin(admin.ModelAdmin):
    list_display = ["journal", "article_doi_pattern", "issue_doi_pattern"]
