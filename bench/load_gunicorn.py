"""gunicorn's settings file for bench/load.py (`-c`, the one addition to README's production command):
each request's time inside the worker and the CPU of the thread that served it, by the page the
client names in its X-Load-Page header, one file per worker in $LOAD_TIMINGS_DIR.

A page's CPU does not grow when the machine is busy, as its time does: it says what a page costs,
whatever else runs; time in the worker against time seen by the client says how long requests queued."""

import os
import time


def pre_request(worker, req):
    req.load_started = (time.perf_counter(), time.thread_time())


def post_request(worker, req, environ, resp):
    started = getattr(req, "load_started", None)
    page = next((value for name, value in req.headers if name == "X-LOAD-PAGE"), None)
    if started is None or page is None:
        return
    wall, cpu = time.perf_counter() - started[0], time.thread_time() - started[1]
    # One short line appended (O_APPEND) per request: the threads of a worker do not interleave them.
    with open(os.path.join(os.environ["LOAD_TIMINGS_DIR"], f"{os.getpid()}.tsv"), "a") as timings:
        timings.write(f"{page}\t{wall * 1000:.1f}\t{cpu * 1000:.1f}\n")
