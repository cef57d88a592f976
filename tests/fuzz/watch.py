"""Unexpected errors made visible to a test: the product answers them politely, so a test must look for them.

projects/errors.py records every unexpected error on the "shishi.errors" logger; a POST that meets one is
answered with a redirect and a message (config/errors.py), an import with a failed record. Either way the
error was a defect the fuzz test must show."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager


class _Kept(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def no_unexpected_errors() -> Iterator[None]:
    """Fails, with the error's traceback, if anything inside it recorded an unexpected error."""
    logger, kept = logging.getLogger("shishi.errors"), _Kept()
    logger.addHandler(kept)
    try:
        yield
    finally:
        logger.removeHandler(kept)
    if kept.records:
        record = kept.records[0]
        raise AssertionError(f"{record.getMessage()}\n{logging.Formatter().formatException(record.exc_info)}")
