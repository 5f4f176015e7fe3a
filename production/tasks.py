from celery import shared_task

from journal.leases import once_per_beat

from . import services
from .services import TransientRenderError, render_job_run


# Acknowledged only when done, and put back on the queue if the worker dies
# mid-render, so a lost worker never loses a render.
@shared_task(
    bind=True,
    name="production.tasks.render_article",
    max_retries=3,
    default_retry_delay=30,
    acks_late=True,
    reject_on_worker_lost=True,
)
def render_article(self, job_id: int, publication: bool = False) -> str:
    """JATS → HTML → PDF for one render job; storage hiccups are retried.

    With publication=True the manuscript is not converted again: the JATS front
    matter is rebuilt around the approved body and the galleys made from it.
    """
    final = self.request.retries >= self.max_retries
    steps = services.PUBLICATION_STEPS if publication else services.RENDER_STEPS
    try:
        job = render_job_run(job_id=job_id, final_attempt=final, steps=steps)
    except TransientRenderError as exc:
        raise self.retry(exc=exc) from exc
    return job.status


@shared_task(name="production.render_jobs_sweep")
@once_per_beat("production.render_jobs_sweep")
def render_jobs_sweep_task() -> dict:
    """Beat: requeue, or fail and report, renders stuck after a lost worker."""
    return services.render_jobs_sweep()
