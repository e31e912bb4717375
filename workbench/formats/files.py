"""The files formats are written to: where an export may write, and how its temporary files
never outlive it.

An export writes each file to a temporary name beside it and renames it into place when every
file is complete. Before anything is written, every file it will create is checked:

- a symbolic link, or anything but a regular file (a device such as ``/dev/stdout``, a pipe, a
  socket, a folder), is refused, even with ``--force`` (as root, replacing ``/dev/stdout`` would
  replace the system's device node);
- an existing regular file is refused unless ``force``; without it, the file is put in place
  with ``link()``, which fails if the name appeared meanwhile, so nothing is ever replaced.

Temporary files are named ``.NAME.PID.RANDOM.tmp``. They are removed when the export fails or
is interrupted (``interruptible`` turns SIGINT, SIGTERM and SIGHUP into an exception, raised at
the next ``checkpoint``, so the ``finally`` blocks run), and one left by a process that no
longer exists (killed with SIGKILL, a power cut) is removed by the next export to the same file.
"""

from __future__ import annotations

import os
import re
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

#: a temporary file of the old naming (no process id) older than this is left over
STALE_SECONDS = 3600
#: paths that are the standard output of the process that opens them
STDOUT_ALIASES = ("/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")


class TargetError(Exception):
    """A file an export must not write; ``str()`` is one line naming the file."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)


class Interrupted(KeyboardInterrupt):
    """A signal (SIGINT, SIGTERM, SIGHUP) stopped the export."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _is_stdout(path: Path) -> bool:
    """``path`` names this process's standard output: ``/dev/stdout`` and its aliases, or the
    terminal or pipe that standard output is."""
    name = os.path.normpath(os.path.abspath(path))
    if name in STDOUT_ALIASES or re.fullmatch(r"/proc/\d+/fd/1", name):
        return True
    try:
        st, out = os.stat(path), os.fstat(1)
    except OSError:
        return False
    return not stat.S_ISREG(st.st_mode) and (st.st_dev, st.st_ino) == (out.st_dev, out.st_ino)


def check_target(path: Path, force: bool) -> None:
    """Raise TargetError unless an export may create ``path`` (or, with ``force``, replace it)."""
    if _is_stdout(path):
        raise TargetError(path, "is the standard output, not a file: to write to stdout use -o -")
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise TargetError(path, exc.strerror or str(exc)) from None
    if stat.S_ISLNK(st.st_mode):
        raise TargetError(path, "is a symbolic link; an export never writes through or replaces one "
                          "(not even with --force): give the real path")
    if not stat.S_ISREG(st.st_mode):
        kind = ("a folder" if stat.S_ISDIR(st.st_mode) else "a device" if stat.S_ISCHR(st.st_mode)
                or stat.S_ISBLK(st.st_mode) else "a named pipe" if stat.S_ISFIFO(st.st_mode)
                else "a socket" if stat.S_ISSOCK(st.st_mode) else "not a regular file")
        raise TargetError(path, f"is {kind}, not a regular file; an export never replaces one (not even with --force)")
    if not force:
        raise TargetError(path, "already exists (use --force to replace it)")


def check_targets(paths: Iterable[Path], force: bool) -> None:
    for p in paths:
        check_target(p, force)


def check_folder(folder: Path) -> None:
    """Raise TargetError unless ``folder`` is an existing folder: an export writes into the folder
    it is given and never creates a missing one (a mistyped path would become a tree of folders)."""
    if os.path.isdir(folder):
        return
    if os.path.lexists(folder):
        raise TargetError(folder, "is not a folder")
    raise TargetError(folder, "no such folder (an export does not create it: check the path, or create "
                      "the folder first)")


def temp_file(final: Path) -> tuple[int, Path]:
    """A new temporary file beside ``final``: (open descriptor, path)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{final.name}.{os.getpid()}.", suffix=".tmp", dir=final.parent)
    return fd, Path(tmp)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    except OSError:
        return True
    return True


def clean_stale(finals: Iterable[Path]) -> list[Path]:
    """Remove the temporary files an earlier, killed export left beside ``finals``; returns them.

    A file whose process still runs is left alone (another export may be writing it)."""
    removed = []
    now = time.time()
    for final in finals:
        folder = final.parent
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        prefix = f".{final.name}."
        for p in entries:
            name = p.name
            if not (name.startswith(prefix) and name.endswith(".tmp")):
                continue
            middle = name[len(prefix):-len(".tmp")]
            pid, _sep, rest = middle.partition(".")
            try:
                if pid.isdigit() and rest:
                    stale = not _alive(int(pid))
                else:  # named before temporary names carried a process id
                    stale = now - os.lstat(p).st_mtime > STALE_SECONDS
                if stale and stat.S_ISREG(os.lstat(p).st_mode):
                    p.unlink()
                    removed.append(p)
            except OSError:
                continue
    return removed


def normal_permissions(path: Path) -> None:
    """mkstemp makes 0600 files; a dataset is a normal file (0666 less the umask)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def place(tmp: Path, final: Path, force: bool) -> None:
    """Put the complete temporary file ``tmp`` in place as ``final``."""
    if not force:
        try:
            os.link(tmp, final)  # fails if ``final`` exists, whatever it is: nothing is replaced
        except FileExistsError:
            raise TargetError(final, "already exists (use --force to replace it)") from None
        except OSError:  # a file system without hard links: check, then rename
            check_target(final, force=False)
            os.replace(tmp, final)
            return
        tmp.unlink()
        return
    check_target(final, force=True)  # again: it may have changed since the export started
    os.replace(tmp, final)


class _Stop:
    """The signal ``interruptible`` received and has not raised yet (a process has one)."""

    active = False
    pending: int | None = None
    raised = False


_stop = _Stop()


def checkpoint() -> None:
    """Raise ``Interrupted`` if a signal came inside ``interruptible`` and was not raised yet.

    An export calls this between records and before it puts files in place. The signal handler
    itself only takes note: an exception raised wherever the main thread happens to be can land
    inside a database driver's constructor and leave half-built objects that complain (with a
    traceback) when they are collected. Outside ``interruptible``, this does nothing."""
    if _stop.active and _stop.pending is not None and not _stop.raised:
        _stop.raised = True
        raise Interrupted(_stop.pending)


@contextmanager
def interruptible() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP stop the block with ``Interrupted``, so that ``finally``
    blocks remove temporary files. The first signal takes effect at the next ``checkpoint`` (the
    next record); a second one before that raises at once, wherever the block is (a query that
    takes long). Once ``Interrupted`` is raised, further signals do not interrupt the clean-up.
    A signal that comes after the last checkpoint lets the block finish: its files are complete.
    Signals the process ignores (``nohup``, a background job) stay ignored. Main thread only."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, _frame):
        if _stop.raised:
            return  # already stopping: let the clean-up finish
        if _stop.pending is None:
            _stop.pending = signum  # raised at the next checkpoint
            return
        _stop.raised = True  # a second signal: now
        raise Interrupted(_stop.pending)

    old = {}
    for sig in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is None:
            continue
        try:
            current = signal.getsignal(sig)
            if current is signal.SIG_IGN:
                continue
            old[sig] = signal.signal(sig, handler)
        except (ValueError, OSError):
            continue
    _stop.active, _stop.pending, _stop.raised = True, None, False
    try:
        yield
    finally:
        for sig, h in old.items():
            signal.signal(sig, h if h is not None else signal.SIG_DFL)
        _stop.active, _stop.pending, _stop.raised = False, None, False


@contextmanager
def atomic_writer(path: Path, force: bool = True):
    """Write to a temp file beside ``path``; put it in place only on success (``place``).

    The folder of ``path`` must exist (``check_folder``). A symbolic link or anything but a regular file at ``path`` is refused (``TargetError``), an
    existing file too unless ``force``. The temp file is removed on failure or interruption, and
    those a killed writer left beside ``path`` are removed first."""
    check_target(path, force)
    check_folder(path.parent)
    clean_stale([path])
    fd, tmp = temp_file(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        checkpoint()
        normal_permissions(tmp)  # mkstemp makes 0600; a dataset is a normal file
        place(tmp, path, force)
    finally:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
