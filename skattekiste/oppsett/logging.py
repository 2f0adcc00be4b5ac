"""Log filters: an expected refusal is one line, not a traceback."""

import logging


class OneLineForbidden(logging.Filter):
    """A 403 is a person without access, not a fault: keep the line, drop the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
