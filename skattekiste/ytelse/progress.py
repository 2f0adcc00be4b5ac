"""A one-line progress bar for long runs."""

import sys
import time


class Progress:
    """A one-line progress bar on stderr, redrawn when the whole percentage changes."""

    def __init__(self, label, total, stream=sys.stderr, width=30):
        self.label, self.total, self.width = label, max(total, 1), width
        # Django's OutputWrapper would end every write with a newline; write to what it wraps.
        self.stream = getattr(stream, "_out", stream)
        self.done = 0
        self.shown = -1
        # Not a terminal (a log file): one line per 10 % instead of redrawing.
        self.step = 1 if getattr(stream, "isatty", lambda: False)() else 10
        self.started = time.monotonic()

    def advance(self, n=1):
        self.done = min(self.done + n, self.total)
        percent = self.done * 100 // self.total
        if percent // self.step == self.shown // self.step and self.done < self.total:
            return
        self.shown = percent
        bar = "#" * (percent * self.width // 100)
        end = "\r" if self.step == 1 else "\n"
        count = f"{self.done:,}/{self.total:,}".replace(",", " ")
        self.stream.write(f"  {self.label:<24} [{bar:<{self.width}}] {percent:3d} % {count}{end}")
        self.stream.flush()

    def finish(self):
        if self.done < self.total:
            self.advance(self.total - self.done)
        seconds = time.monotonic() - self.started
        self.stream.write(f"  {self.label:<24} ferdig på {seconds:.1f} s\n")
        self.stream.flush()


def counted(rows, progress, every=1000):
    """Pass rows through, advancing the progress bar every `every` rows."""
    for i, row in enumerate(rows, 1):
        if i % every == 0:
            progress.advance(every)
        yield row
