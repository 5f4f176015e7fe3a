"""Writes of the OJS app: importing an export (`ojs_import`), its users, and
starting an import from the site (`ojs_import_upload`, `ojs_import_run`)."""

from .importer import ExportRefused, ImportReport, ojs_import

__all__ = ["ExportRefused", "ImportReport", "ojs_import"]
