"""Writing an output as other Unix tools do, and never destroying what a user had.

- ``-`` is standard output.
- A regular file is replaced atomically (a temporary file in the same folder, renamed over it):
  readers see the old file or the new one, never half of one, and a failed write leaves the old
  file as it was. It keeps the old file's permission bits; a new file gets those the umask
  allows (``0o666 & ~umask``), as ``open()`` would give it.
- A symbolic link is followed: its target is replaced, the link stays a link.
- A FIFO, a device or anything else that is not a regular file is written in place, streaming.
- A read-only file, or a file the command reads (``protect``), is refused and left as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from referentiel.errors import OutputError

__all__ = ["STDIO", "check_output", "umask", "write_output"]

#: The path that means standard input or output.
STDIO = "-"


def umask() -> int:
    """Return the process's umask (read without changing it where the system tells it)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)  # elsewhere: the only portable way is to set it and set it back
    os.umask(mask)
    return mask


def _same_file(target: Path, others: Iterable[str | os.PathLike[str]]) -> str | None:
    for other in others:
        if str(other) == STDIO:
            continue
        with contextlib.suppress(OSError):
            if target.exists() and target.samefile(other):
                return str(other)
    return None


def write_output(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    protect: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Write *data* to *path* (``-``: standard output) without ever destroying what was there.

    Raises :exc:`~referentiel.OutputError` naming *path* when the output is refused (it is a
    file in *protect*, or read-only) or cannot be written; nothing is changed then.
    """
    shown = os.fspath(path)
    if shown == STDIO:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target, status = check_output(path, protect=protect)
    if status is not None and not stat.S_ISREG(status.st_mode):
        _write_in_place(shown, target, data)
        return
    mode = stat.S_IMODE(status.st_mode) if status is not None else 0o666 & ~umask()
    _replace(shown, target, data, mode, status)


def check_output(
    path: str | os.PathLike[str], *, protect: Iterable[str | os.PathLike[str]] = ()
) -> tuple[Path, os.stat_result | None]:
    """Raise :exc:`~referentiel.OutputError` if :func:`write_output` would refuse *path*.

    Return the file a write replaces (a link's target) and its status (None: a new file). A
    command that writes several files checks them all before it writes the first.
    """
    shown = os.fspath(path)
    target = Path(os.path.realpath(path))  # a link's target, through every link
    same = _same_file(target, protect)
    if same is not None:
        raise OutputError(f"{shown}: refusing to overwrite {same}, which this command reads")
    try:
        status = target.stat()
    except FileNotFoundError:
        status = None
    except OSError as exc:
        raise OutputError(f"{shown}: {exc.strerror or exc}") from None
    if status is not None and not stat.S_ISREG(status.st_mode):
        return target, status
    if status is not None and not status.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise OutputError(f"{shown}: the file is read-only: nothing was written")
    if not target.parent.is_dir():
        raise OutputError(f"{shown}: no such folder: {Path(shown).parent}")
    return target, status


def _write_in_place(shown: str, target: Path, data: bytes) -> None:
    try:
        with target.open("wb") as handle:  # a FIFO or a device: no rename, no truncation games
            handle.write(data)
    except OSError as exc:
        raise OutputError(f"{shown}: {exc.strerror or exc}") from None


#: How a temporary file is opened: created here or not at all, never through a link.
_NEW_FILE: Final = (
    os.O_RDWR
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


#: The longest file name of the common file systems: 255 bytes (ext4), or 255 UTF-16 units (NTFS,
#: APFS), never fewer than its UTF-8 bytes.
_NAME_MAX: Final = 255
#: A temporary file's name: ".", the target's name (shortened to fit), ".", 12 random digits.
_TEMPORARY: Final = ".{}.{}.tmp"
_RANDOM_BYTES: Final = 6
#: The bytes left for the target's name in its temporary's, so that any name fits.
_NAME_ROOM: Final = _NAME_MAX - len(_TEMPORARY.format("", "0" * 2 * _RANDOM_BYTES))


def temporary_beside(target: Path) -> tuple[int, Path]:
    """Create a new, hidden file beside *target*, readable and writable by its owner only.

    What :func:`tempfile.mkstemp` does (an unused random name, created exclusively, mode
    ``0o600``), without importing :mod:`tempfile`, whose imports (shutil, random, bz2, lzma)
    cost every command's cold start about 3.5 ms.
    """
    name = target.name
    while len(os.fsencode(name)) > _NAME_ROOM:
        name = name[:-1]
    for _ in range(100):
        tmp = target.with_name(_TEMPORARY.format(name, os.urandom(_RANDOM_BYTES).hex()))
        try:
            return os.open(tmp, _NEW_FILE, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", str(target.parent))


def _replace(shown: str, target: Path, data: bytes, mode: int, old: os.stat_result | None) -> None:
    try:
        fd, tmp = temporary_beside(target)
    except OSError as exc:
        raise OutputError(f"{shown}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.chmod(mode)
        if old is not None:
            with contextlib.suppress(OSError):  # keep the owner where we may (as root)
                os.chown(tmp, old.st_uid, old.st_gid)
        tmp.replace(target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"{shown}: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
