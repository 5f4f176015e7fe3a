"""Celery: eager (in-process) unless a broker is configured."""

from .env import env

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ALWAYS_EAGER = env.bool(
    "CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL
)
# Eager tasks still borrow a producer; an in-memory transport keeps kombu from
# looking for an AMQP server on localhost (and warning about it).
CELERY_BROKER_URL = CELERY_BROKER_URL or "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
# A task whose worker process dies (killed, out of memory) goes back on the queue.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE: dict = {
    "publishing-issues-due": {
        "task": "publishing.issues_publish_due",
        "schedule": 60.0,
    },
    # Reminders are idempotent; hourly keeps them close to the journal's day.
    "reviews-reminders": {"task": "reviews.reminders_send", "schedule": 3600.0},
    "reviews-digests": {"task": "reviews.digests_send", "schedule": 86400.0},
    # Crossref's result for each sent deposit: polled until it is there.
    "indexing-crossref-results": {
        "task": "indexing.crossref_results_check",
        "schedule": 1800.0,
    },
    # COUNTER sessions are clock hours: fold each finished hour into monthly usage.
    "metrics-usage-aggregate": {
        "task": "metrics.usage_aggregate",
        "schedule": 3600.0,
    },
    # Render jobs left queued or running by a lost worker.
    "publishing-render-jobs-sweep": {
        "task": "production.render_jobs_sweep",
        "schedule": 300.0,
    },
    # DOI deposits a lost worker left unsent.
    "publishing-crossref-deposits-sweep": {
        "task": "indexing.crossref_deposits_sweep",
        "schedule": 900.0,
    },
    # Emails whose send task was lost (broker down at commit, worker lost).
    "submissions-outbox-stale": {
        "task": "submissions.outbox_send_stale",
        "schedule": 300.0,
    },
    # Search's per-word champion lists, trimmed and refilled.
    "discovery-search-champions": {
        "task": "discovery.search_champions_rebuild",
        "schedule": 86400.0,
    },
}
# Broker options as JSON, e.g. {"visibility_timeout": 3600} or, to share one
# Redis between deployments, {"global_keyprefix": "journal-a:"}.
CELERY_BROKER_TRANSPORT_OPTIONS = env.json(
    "CELERY_BROKER_TRANSPORT_OPTIONS", default={}
)
# A task taken by a worker that then vanished (SIGKILL, a lost machine) is
# delivered again after this many seconds. Longer than the longest task and
# the longest retry countdown (Crossref's 16 minutes), shorter than Redis's
# default hour.
CELERY_BROKER_TRANSPORT_OPTIONS.setdefault("visibility_timeout", 1800)
# Render jobs queued or running this long are requeued by the beat sweeper...
RENDER_STUCK_MINUTES = env.int("RENDER_STUCK_MINUTES", default=45)
# ...at most this many times, then failed with a message to the production editor.
RENDER_MAX_REQUEUES = env.int("RENDER_MAX_REQUEUES", default=2)
# Outbox emails still queued this long are sent by the beat.
OUTBOX_STALE_MINUTES = env.int("OUTBOX_STALE_MINUTES", default=10)
# DOI deposits still unsent this long after they were made are sent again by
# the beat (longer than the send task's own retries, about half an hour).
CROSSREF_DEPOSIT_STUCK_MINUTES = env.int("CROSSREF_DEPOSIT_STUCK_MINUTES", default=60)
