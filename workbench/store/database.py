"""Engine and sessions. The database URL is always injected: ``--db``, else ``WORKBENCH_DB``,
else ``./workbench.db``. SQLite runs in WAL mode with a busy timeout; PostgreSQL
(``postgresql+psycopg://``, or ``postgresql://`` which means the same) needs the ``postgres``
extra. The schema is created and upgraded by Alembic migrations on both."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

DEFAULT_DB = "workbench.db"
BUSY_TIMEOUT_MS = 30_000
MIGRATIONS = Path(__file__).parent / "migrations"
POSTGRES_EXTRA = "install the postgres extra: pip install 'claim-workbench[postgres]'"
#: seconds to wait for a PostgreSQL server before giving up with a clear message
CONNECT_TIMEOUT_S = 10


class DatabaseUnavailable(SQLAlchemyError):
    """The database cannot be used at all (no driver, server unreachable, a file that is not a
    database, damaged or read-only); the message is one line meant for the user, naming the file
    or server first (``FILE: cause``)."""


def resolve_db_url(value: str | None = None, environ: dict | None = None) -> str:
    """An SQLAlchemy URL from a URL or a file path (``--db``), ``WORKBENCH_DB``, or the default."""
    env = os.environ if environ is None else environ
    raw = value or env.get("WORKBENCH_DB") or DEFAULT_DB
    if "://" in raw:
        return raw
    if raw == ":memory:":
        return "sqlite://"
    return f"sqlite:///{Path(raw).expanduser().resolve()}"


def postgres_url(url: str | URL) -> URL:
    """``url`` with the driver this project ships for PostgreSQL (psycopg 3) when none is named
    (``postgresql://`` and the old ``postgres://`` spelling)."""
    u = make_url(url) if isinstance(url, str) else url
    if u.drivername in ("postgresql", "postgres"):
        u = u.set(drivername="postgresql+psycopg")
    return u


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL (None for an in-memory database or another kind of database)."""
    if not url.startswith("sqlite"):
        return None
    try:
        name = make_url(url).database
    except ArgumentError:
        return None
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    return Path(name)


def check_sqlite_file(path: Path, *, must_exist: bool = False) -> None:
    """Raise DatabaseUnavailable (``PATH: cause``) when ``path`` cannot be an SQLite database:
    a folder, in a folder that does not exist, missing (when ``must_exist``) or unreadable. (A
    file that is not SQLite's fails at its first read, which ``explain`` words.)"""
    if path.is_dir():
        raise DatabaseUnavailable(f"{path}: is a folder, not a database file")
    if not path.exists():
        check_db_folder(path)
        if must_exist:
            raise DatabaseUnavailable(f"{path}: no such database (workbench import PATH creates one)")
        return
    # never open the file here: closing any descriptor of a file drops every POSIX lock this
    # process holds on it, SQLite's included (another process could then remove its WAL)
    if not os.access(path, os.R_OK):
        raise DatabaseUnavailable(f"{path}: cannot be read (permission denied)")


def check_db_folder(path: Path) -> None:
    """Raise DatabaseUnavailable (``FOLDER: cause``) when the folder of the database file ``path``
    does not exist or is not a folder: a new database is made in an existing folder only, never
    with the folders of a mistyped path (``export -o`` refuses a missing folder alike)."""
    folder = path.parent
    try:
        st = os.stat(folder)
    except (FileNotFoundError, NotADirectoryError):
        raise DatabaseUnavailable(f"{folder}: no such folder (for the database {path.name}: check the path; a new "
                                  "database is made only in an existing folder)") from None
    except OSError:
        return  # (not for this check to word: opening the file will say what it is)
    if not stat.S_ISDIR(st.st_mode):
        raise DatabaseUnavailable(f"{folder}: not a folder (for the database {path.name}: check the path)")


def explain(exc: BaseException, url: str | None = None) -> str:
    """One line for a database error: the file (or server) and the cause, never the SQL."""
    if isinstance(exc, DatabaseUnavailable):
        return str(exc)
    orig = getattr(exc, "orig", None) or exc
    reason = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    path = sqlite_file(url) if url else None
    where = str(path) if path is not None else "database"
    low = reason.lower()
    if "not a database" in low:
        return f"{where}: not an SQLite database, or a damaged one ({reason})"
    if "malformed" in low or "corrupt" in low:
        return f"{where}: damaged SQLite database ({reason}); restore it from a copy"
    if "readonly" in low or "read-only" in low:
        side = _read_only_side_file(path) if path is not None else None
        if side is not None:
            return _side_file_message(side)
        return f"{where}: read-only ({reason}): this command writes to the database; check the permissions " \
               "of the file and of its folder"
    if "unable to open" in low:
        return f"{where}: cannot be opened ({reason}); check that the file and its folder exist and can be read"
    if "disk is full" in low or "no space" in low:
        return f"{where}: the disk is full ({reason}): free some space and run the command again; the write " \
               "was rolled back"
    if "locked" in low:
        return f"{where}: {reason} (another program holds a write lock on it)"
    if url and url.startswith("postgres") and isinstance(exc, OperationalError) and "connection" in low:
        return _unreachable(postgres_url(url), exc)  # (the server stopped, or the network went)
    return f"{where}: database error: {reason}"


def _read_only_side_file(path: Path) -> Path | None:
    """The database's write-ahead log or shared-memory file when it is there and cannot be
    written (left by a reader without write access): SQLite then refuses every write."""
    for side in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        if side.exists() and not os.access(side, os.W_OK):
            return side
    return None


def _side_file_message(side: Path) -> str:
    db = str(side)[:-4]
    return (f"{side}: read-only, so the database cannot be written (left by a program that read it without "
            f"write access): make both files writable by this user (chmod u+w {db}-wal {db}-shm)")


def make_engine(url: str, *, migrate: bool = True) -> Engine:
    """An engine for ``url``, with the schema migrated to the latest version."""
    if url.startswith("sqlite"):
        memory = url in ("sqlite://", "sqlite:///:memory:")
        kwargs: dict = {"connect_args": {"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}}
        if memory:
            kwargs["poolclass"] = StaticPool
        else:
            path = sqlite_file(url)
            if path is not None:
                check_sqlite_file(path)  # (a new file in an existing folder: never a missing folder made)
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
    elif url.startswith("postgres"):
        engine = _postgres_engine(url)
    else:
        scheme = url.split("://", 1)[0]
        raise DatabaseUnavailable(f"{scheme}: not a database the workbench can use: an SQLite file (a path or "
                                  "sqlite:///PATH) or PostgreSQL (postgresql://USER@HOST/NAME)")
    if migrate:
        try:
            upgrade(engine)
        except OperationalError as exc:
            engine.dispose()
            if engine.dialect.name != "postgresql":
                raise DatabaseUnavailable(explain(exc, url)) from None
            raise DatabaseUnavailable(_unreachable(engine.url, exc)) from None
        except SQLAlchemyError as exc:
            engine.dispose()
            raise DatabaseUnavailable(explain(exc, url)) from None
    return engine


def make_reader(url: str) -> Engine:
    """An engine for commands that only read (``stats``, ``export``, ``agreement``, ``similar``).

    An SQLite file that this user cannot write (the file, or its folder: SQLite writes its
    journal beside the database) is opened in SQLite's read-only mode (``file:…?mode=ro``,
    ``query_only``); when the folder is read-only and no write-ahead log is left beside the
    file, it is opened ``immutable`` (SQLite could not create its shared-memory file). A file
    that can be written is opened as usual (``make_engine``: a schema older than this version's
    is upgraded), as is any other database. A missing file is an error, not a new database."""
    path = sqlite_file(url)
    if path is None:
        return make_engine(url)
    check_sqlite_file(path, must_exist=True)
    if _writable(path):
        check_workbench_file(path)
        return make_engine(url)
    uri = _read_only_uri(path)
    check_workbench_file(path, uri)

    def connect():
        return sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)

    engine = create_engine("sqlite://", creator=connect)
    event.listen(engine, "connect", _read_only_pragmas)
    try:
        at_head = current_revision(engine) == head_revision()
    except SQLAlchemyError as exc:
        engine.dispose()
        raise DatabaseUnavailable(explain(exc, url)) from None
    if not at_head:
        engine.dispose()
        raise DatabaseUnavailable(f"{path}: its schema is not this version's and the file cannot be written to "
                                  "upgrade it; run any command once where it can be written")
    return engine


def make_existing(url: str) -> Engine:
    """An engine for commands that write to a corpus that must already be there (``learn``,
    ``suggest``, ``users``): a missing SQLite file, an empty one or another program's database is
    an error, never a new workbench database (a mistyped ``--db`` would create one)."""
    path = sqlite_file(url)
    if path is not None:
        check_sqlite_file(path, must_exist=True)
        check_workbench_file(path)
    return make_engine(url)


#: the tables that make an SQLite file a workbench database (besides its own)
_WORKBENCH_TABLES = frozenset({"alembic_version", "article"})


def check_workbench_file(path: Path, uri: str | None = None) -> None:
    """Raise DatabaseUnavailable (``PATH: cause``) unless ``path`` holds a workbench database:
    an empty file or another program's database is left untouched (opening it as ours would
    create the schema in it and switch it to WAL). Read through ``uri`` (read-only by default),
    which writes nothing to the file."""
    uri = uri or f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnavailable(explain(exc, f"sqlite:///{path}")) from None
    if not names:
        raise DatabaseUnavailable(f"{path}: an empty database, not a workbench corpus yet "
                                  "(workbench import PATH fills it)")
    if not _WORKBENCH_TABLES <= names:
        raise DatabaseUnavailable(f"{path}: not a workbench database (its tables are another program's); "
                                  "it is left untouched")


def _read_only_uri(path: Path) -> str:
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    if not Path(f"{path}-wal").exists():
        # nothing is being written (no write-ahead log): read the file as it is. A plain read-only
        # open of a WAL database would create -wal and -shm files as read-only as the database,
        # which later block every writer once the file is made writable again.
        return uri + "&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
        return uri
    except sqlite3.OperationalError as exc:
        # a WAL database in a folder it cannot write: SQLite cannot create the -shm file
        raise DatabaseUnavailable(f"{path}: cannot be read in read-only mode ({exc}); a write-ahead log "
                                  f"({path.name}-wal) is left beside it: open it once where the folder "
                                  "can be written") from None
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnavailable(explain(exc, f"sqlite:///{path}")) from None


def _read_only_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA query_only = ON")
    cur.close()


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def check_writable(engine: Engine) -> None:
    """Raise DatabaseUnavailable (``FILE: cause``) unless the database takes writes: a no-op
    update, rolled back (opening a read-only SQLite file succeeds; its first write fails)."""
    url = engine.url.render_as_string(hide_password=True)
    path = sqlite_file(url)
    if path is not None and path.exists() and not _writable(path):
        what = "the file" if not os.access(path, os.W_OK) else "its folder (SQLite writes a journal beside it)"
        raise DatabaseUnavailable(f"{path}: read-only: {what} cannot be written, and the review app records "
                                  "every decision; stats, export, agreement and similar can read it")
    side = _read_only_side_file(path) if path is not None else None
    if side is not None:
        raise DatabaseUnavailable(_side_file_message(side))
    from sqlalchemy import text

    try:
        with engine.connect() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = version_num"))
            conn.rollback()
    except SQLAlchemyError as exc:
        raise DatabaseUnavailable(explain(exc, url)) from None


def _postgres_engine(url: str) -> Engine:
    try:
        u = postgres_url(url)
    except ArgumentError:
        raise DatabaseUnavailable(f"not a database URL: {url!r}") from None
    try:
        return create_engine(
            u,
            # the review app holds connections for hours: check them before use, renew old ones
            pool_pre_ping=True,
            pool_recycle=1800,
            pool_size=5,
            max_overflow=10,
            connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "workbench"},
        )
    except ImportError:
        driver = u.get_driver_name()
        if driver == "psycopg":
            msg = f"PostgreSQL support is not installed (no psycopg): {POSTGRES_EXTRA}"
        else:
            msg = (f"the PostgreSQL driver {driver!r} is not installed: use postgresql+psycopg:// "
                   f"(or postgresql://) and {POSTGRES_EXTRA}")
        raise DatabaseUnavailable(msg) from None


def _unreachable(url: URL, exc: OperationalError) -> str:
    """One line: where, and the server's or the network's reason (no password, no traceback)."""
    where = url.set(drivername="postgresql", password=None).render_as_string(hide_password=True)
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0] if str(exc).strip() else "unknown error"
    # psycopg: 'connection failed: connection to server at "h" (h), port p failed: <reason>'
    reason = reason.rsplit(" failed: ", 1)[-1].replace("FATAL:", "").strip()
    hint = " (is the server running and accepting TCP/IP connections?)" if "refused" in reason.lower() else ""
    return f"cannot connect to PostgreSQL at {where}: {reason}{hint}"


def _alembic_config(connection=None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    """The schema revisions this version's migrations know."""
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


#: the PostgreSQL advisory lock that one upgrade at a time holds (any constant of this project's)
_MIGRATION_LOCK = 0x776F726B62656E63


def upgrade(engine: Engine) -> None:
    """Bring the schema to the latest migration (a no-op when it is already there), in one
    transaction, one process at a time: an upgrade interrupted midway leaves the database as it
    was, and commands started together on an older database wait for the first one's upgrade
    (Alembic then finds the schema at head and does nothing)."""
    from alembic import command

    current, head = current_revision(engine), head_revision()
    if current == head:
        return
    if current is not None and current not in known_revisions():
        path = sqlite_file(engine.url.render_as_string(hide_password=True))
        where = str(path) if path is not None else "database"
        raise DatabaseUnavailable(f"{where}: written by a newer version of the workbench (schema revision {current}; "
                                  f"this version knows up to {head}): upgrade the workbench to use it")
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            # pysqlite opens no transaction before DDL, so each CREATE / ALTER committed on its own;
            # an explicit one holds them all, and IMMEDIATE takes the write lock before the version
            # is read (another upgrader waits for it, within the busy timeout)
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif engine.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
        command.upgrade(_alembic_config(conn), "head")
        conn.commit()


def session(engine: Engine) -> Session:
    return Session(engine, expire_on_commit=False)
