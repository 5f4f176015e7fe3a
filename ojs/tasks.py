"""Background jobs of OJS imports; thin wrappers around the services."""

from celery import shared_task

from indexing.oai.records import records_build

from .services.jobs import ojs_import_check, ojs_import_run


@shared_task(name="ojs.build_oai_records")
def ojs_build_oai_records_task(article_ids: list[int]) -> int:
    return records_build(article_ids)


@shared_task(name="ojs.import_check")
def ojs_import_check_task(import_id: int) -> None:
    ojs_import_check(import_id=import_id)


@shared_task(name="ojs.import_run")
def ojs_import_run_task(import_id: int) -> None:
    ojs_import_run(import_id=import_id)
