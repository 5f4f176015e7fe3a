"""Back up the database and the stored files into a folder, and restore such a
folder into a fresh database and an empty storage.

A backup folder holds:

- `database.pgdump` (PostgreSQL, `pg_dump --format=custom`) or
  `database.sqlite3` (SQLite, a consistent copy through SQLite's backup API);
- `files/`: every file of the default storage (local folder or S3 bucket),
  under its storage name;
- `manifest.json`: the database engine, and the size and SHA-256 of every
  file, checked before anything is restored.

The database is dumped first, then the files: files are only added while the
site runs (each render or upload is a new name), so every file a dumped row
names is in the backup. Restoring refuses a database that has tables or a
storage that has files, so nothing is overwritten or mixed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection

from .errors import DomainError

MANIFEST = "manifest.json"
FORMAT = 1
_CHUNK = 1024 * 1024


@dataclass
class BackupReport:
    database: str
    files: int
    bytes: int


def _storage_names(folder: str = "") -> Iterator[str]:
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:  # a local storage nothing was written to yet
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(folders):
        yield from _storage_names(f"{folder}/{name}" if folder else name)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env_and_args() -> tuple[dict, list[str]]:
    params = connection.settings_dict
    env = {**os.environ}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = params["PASSWORD"]
    args = []
    if params.get("HOST"):
        args += ["--host", params["HOST"]]
    if params.get("PORT"):
        args += ["--port", str(params["PORT"])]
    if params.get("USER"):
        args += ["--username", params["USER"]]
    return env, args


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise DomainError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def _dump_database(folder: Path) -> str:
    if connection.vendor == "postgresql":
        env, args = _pg_env_and_args()
        target = folder / "database.pgdump"
        _run(
            [
                "pg_dump",
                *args,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={target}",
                connection.settings_dict["NAME"],
            ],
            env,
        )
        return target.name
    if connection.vendor == "sqlite":
        target = folder / "database.sqlite3"
        source = sqlite3.connect(str(connection.settings_dict["NAME"]))
        copy = sqlite3.connect(str(target))
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        return target.name
    raise DomainError(f"No backup for the {connection.vendor} database.")


def backup_write(*, folder: Path) -> BackupReport:
    """Write a backup of the database and the stored files into `folder`,
    which must be new or empty. Raises DomainError."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise DomainError(f"{folder} is not empty.")
    (folder / "files").mkdir(parents=True, exist_ok=True)
    database = _dump_database(folder)
    files: dict[str, dict] = {}
    total = 0
    for name in _storage_names():
        target = folder / "files" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, open(target, "wb") as out:
            shutil.copyfileobj(source, out, _CHUNK)
        size = target.stat().st_size
        files[name] = {"size": size, "sha256": _sha256(target)}
        total += size
    manifest = {
        "format": FORMAT,
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "database": {"vendor": connection.vendor, "file": database},
        "files": files,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return BackupReport(database=database, files=len(files), bytes=total)


def _manifest(folder: Path) -> dict:
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise DomainError(f"{folder} holds no readable backup: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise DomainError(f"{folder}: unknown backup format {manifest.get('format')}.")
    for name, expected in manifest["files"].items():
        path = folder / "files" / name
        if not path.is_file() or _sha256(path) != expected["sha256"]:
            raise DomainError(f"The backup's copy of {name} is missing or damaged.")
    return manifest


def _restore_database(folder: Path, manifest: dict) -> None:
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise DomainError(
            f"The backup is of a {vendor} database; this site uses {connection.vendor}."
        )
    if connection.introspection.table_names():
        raise DomainError("The database is not empty; restore into a new one.")
    source = folder / manifest["database"]["file"]
    if vendor == "postgresql":
        env, args = _pg_env_and_args()
        _run(
            [
                "pg_restore",
                *args,
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                f"--dbname={connection.settings_dict['NAME']}",
                str(source),
            ],
            env,
        )
        return
    connection.close()
    backup = sqlite3.connect(str(source))
    target = sqlite3.connect(str(connection.settings_dict["NAME"]))
    try:
        backup.backup(target)
    finally:
        target.close()
        backup.close()


def backup_restore(*, folder: Path) -> BackupReport:
    """Restore the backup in `folder` into this site's database, which must
    have no tables, and its storage, which must hold no file. Every file is
    checked against the manifest first. Raises DomainError."""
    folder = Path(folder)
    manifest = _manifest(folder)
    if next(_storage_names(), None) is not None:
        raise DomainError("The file storage is not empty; restore into a new one.")
    _restore_database(folder, manifest)
    total = 0
    for name, expected in sorted(manifest["files"].items()):
        with open(folder / "files" / name, "rb") as handle:
            stored = default_storage.save(name, File(handle, name=name))
        if stored != name:
            raise DomainError(f"{name} was stored as {stored}.")
        total += expected["size"]
    return BackupReport(
        database=manifest["database"]["file"],
        files=len(manifest["files"]),
        bytes=total,
    )
