r"""Progress on standard error for long work, as tqdm and rich show it: only on a terminal.

A line that rewrites itself (``\r``) once the work has taken more than :data:`AFTER` seconds,
and is cleared at the end; nothing at all when standard error is a file or a pipe, so that logs
and scripts see only the command's own lines.
"""

from __future__ import annotations

import sys
import threading
import time
from types import TracebackType
from typing import Final, TextIO

__all__ = ["AFTER", "Progress"]

#: Seconds of work before progress is shown.
AFTER: Final = 1.0


class Progress:
    """Reports ``what: done/total`` on a terminal, from :data:`AFTER` seconds on.

    >>> import io
    >>> with Progress("drawing", stream=io.StringIO()) as progress:
    ...     progress(3, 10)  # not a terminal: nothing is written
    """

    def __init__(self, what: str, *, stream: TextIO | None = None, note: str = "") -> None:
        self.what = what
        self.note = note
        self.stream = stream if stream is not None else sys.stderr
        self.shown = False
        self.start = time.monotonic()
        self.enabled = self.stream.isatty()
        self.timer: threading.Timer | None = None

    def __enter__(self) -> Progress:
        if self.enabled and self.note:
            # work with no steps to count (one layout): say what is happening after a while
            self.timer = threading.Timer(AFTER, self._write, args=(self.note,))
            self.timer.daemon = True
            self.timer.start()
        return self

    def __call__(self, done: int, total: int) -> None:
        """Report *done* of *total*."""
        if self.enabled and time.monotonic() - self.start >= AFTER:
            self._write(f"{done}/{total}")

    def _write(self, text: str) -> None:
        self.stream.write(f"\r\x1b[K{self.what}: {text}")
        self.stream.flush()
        self.shown = True

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.timer is not None:
            self.timer.cancel()
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
