"""Reading an input whole, bounded: a file, a FIFO, a device or ``-`` (standard input).

The size is checked before reading a regular file, and on the stream for anything else (a
FIFO, ``/dev/zero``, a pipe on standard input): reading stops one byte past the limit, so no
input can take more memory than its limit.
"""

from __future__ import annotations

import os
import stat
import sys
from typing import Final

from referentiel._output import STDIO
from referentiel.errors import FileFormatError
from referentiel.io import codes
from referentiel.io.limits import FILE_LIMIT
from referentiel.issues import Code

__all__ = ["STDIN_NAME", "read_input"]

#: How standard input is named in messages.
STDIN_NAME: Final = "<stdin>"


def read_input(
    path: str | os.PathLike[str], *, limit: int = FILE_LIMIT, code: Code = codes.TOO_LARGE
) -> bytes:
    """Return the bytes of *path* (``-``: standard input); refuse more than *limit* bytes.

    Raises a :exc:`~referentiel.FileFormatError` with *code* for an input over the limit, and
    :exc:`OSError` for one that cannot be read.
    """
    name = os.fspath(path)
    if name == STDIO:
        return _bounded(sys.stdin.buffer.read(limit + 1), STDIN_NAME, limit, code)
    with open(path, "rb") as handle:  # noqa: PTH123 - one handle for fstat and read
        info = os.fstat(handle.fileno())
        if stat.S_ISREG(info.st_mode) and info.st_size > limit:
            raise _too_large(str(name), limit, code)
        return _bounded(handle.read(limit + 1), str(name), limit, code)


def _bounded(data: bytes, name: str, limit: int, code: Code) -> bytes:
    if len(data) > limit:
        raise _too_large(name, limit, code)
    return data


def _too_large(name: str, limit: int, code: Code) -> FileFormatError:
    return FileFormatError([code.issue(f"the input is larger than {limit} bytes", file=name)])
