"""Imported records keep their OJS OAI-PMH identifiers when
OJS_OAI_REPOSITORY_IDENTIFIER is set (oai:IDENTIFIER:article/OJS-ID)."""

from django.conf import settings

from indexing.oai.protocol import register_identifier_alias

from .models import OjsRecord, RecordKind


class OjsIdentifiers:
    def _prefix(self) -> str:
        repository = settings.OJS_OAI_REPOSITORY_IDENTIFIER
        return f"oai:{repository}:article/" if repository else ""

    def identifiers(self, article_ids: list[int]) -> dict[int, str]:
        prefix = self._prefix()
        if not prefix or not article_ids:
            return {}
        rows = OjsRecord.objects.filter(
            kind=RecordKind.ARTICLE, object_id__in=article_ids
        ).values_list("object_id", "ojs_id")
        return {object_id: f"{prefix}{ojs_id}" for object_id, ojs_id in rows}

    def article_id(self, identifier: str) -> int | None:
        prefix = self._prefix()
        if not prefix or not identifier.startswith(prefix):
            return None
        ojs_id = identifier[len(prefix) :]
        if not ojs_id.isascii() or not ojs_id.isdigit() or len(ojs_id) > 18:
            return None
        return (
            OjsRecord.objects.filter(kind=RecordKind.ARTICLE, ojs_id=ojs_id)
            .values_list("object_id", flat=True)
            .first()
        )


_ALIAS = OjsIdentifiers()


def register() -> None:
    register_identifier_alias(_ALIAS)
