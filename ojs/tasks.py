"""Background jobs of OJS imports; thin wrappers around the services."""

from celery import shared_task

from publishing.oai.records import records_build


@shared_task(name="ojs.build_oai_records")
def ojs_build_oai_records_task(article_ids: list[int]) -> int:
    return records_build(article_ids)
