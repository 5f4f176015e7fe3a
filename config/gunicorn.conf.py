"""gunicorn in production: WEB_CONCURRENCY processes (default 2) of WEB_THREADS
threads each (default 4). Threads let a process keep one of them for
signed-in staff while anonymous readers use the others
(journal.staff_capacity, ANONYMOUS_CONCURRENCY = WEB_THREADS - 1 by default),
so a crawler storm cannot take every worker an editor needs.

    gunicorn config.wsgi -c config/gunicorn.conf.py --bind 127.0.0.1:8000
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
# Idle keep-alive connections of readers are closed soon, so they hold no
# slot of the process's connection table for long.
keepalive = 5
# "-": standard output; empty: no access log.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
