"""Run jobs in real threads released together, each with its own database connection."""

import threading
from collections.abc import Callable

from django.db import connection


def at_once(jobs: list[Callable[[], object]]) -> list[object]:
    """Run the jobs in threads released together; each returns its result or the exception it raised."""
    barrier, results = threading.Barrier(len(jobs)), [None] * len(jobs)

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = jobs[index]()
        except Exception as error:  # noqa: BLE001 - the test asserts on what each job got
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
