from celery import shared_task

from .services import TransientRenderError, render_job_run


@shared_task(bind=True, max_retries=3, default_retry_delay=30)
def render_article(self, job_id: int) -> str:
    """JATS → HTML → PDF for one render job; storage hiccups are retried."""
    final = self.request.retries >= self.max_retries
    try:
        job = render_job_run(job_id=job_id, final_attempt=final)
    except TransientRenderError as exc:
        raise self.retry(exc=exc) from exc
    return job.status
