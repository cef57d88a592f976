"""Load: fifty people at once against the application under gunicorn, its production command.

    python bench/load.py [--scale city|province] [--database-url URL] [--name DB] [--keep] [--reuse]
                         [--users 50] [--seconds 60] [--max-requests 20000] [--ramp 20] [--think 2,6]
                         [--workers 3] [--threads 4] [--worker-class gthread|sync] [--timeout 30]

1. The benchmark database: bench/pages.py's city (12,000 projects, 144,000 reports) or province
   (200,000 projects, 2.4 million reports), built on a fresh temporary SQLite file or, with
   --database-url postgres://…, in a database `shishi_bench_load_<scale>` (or --name) that this script
   creates on that server (--keep keeps it, --reuse uses a kept one instead of building again).
   Accounts with one known password are created through the ORM: information officers of units
   leading this year's projects (each their own unit, so no two write the same report), coordinators
   of the city (or province) and of districts, leaders of districts.
2. `collectstatic` and gunicorn as README "## Production" starts them (DEBUG off, a SECRET_KEY,
   ALLOWED_HOSTS=127.0.0.1, the HTTPS-only settings off for plain HTTP; bench/load_gunicorn.py's hooks
   time each request inside the worker), bound to a free port on 127.0.0.1, stopped at the end
   whatever happens (Ctrl-C, a kill, an error).
3. bench/load_client.py in a second process: each person signs in through the login form during the
   ramp; once all have, they loop their round with think time (officers: /tasks/, a project, its
   report, save a draft through the form; coordinators: /tasks/, the list filtered, a project, a
   dashboard; leaders: /tasks/, their dashboard, their projects, one of them), until --seconds or
   --max-requests.
4. Requests per second, p50/p95/p99 per page (with the time inside the worker and its CPU), errors,
   the server's CPU per request, and the drafts the server acknowledged against the drafts found
   stored (each save's revision carries a marker written into the text). The last line is one JSON
   object.
"""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def bench_module(name: str, file: str):
    """A module of bench/ by its file: bench/ itself stays off sys.path, where bench/pages.py and
    bench/imports.py would shadow the apps `pages` and `imports`."""
    spec = spec_from_file_location(name, BENCH / file)
    module = sys.modules[name] = module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


city = bench_module("bench_pages", "pages.py")  # the city's builder; it also puts the repository first on sys.path
people_module = bench_module("bench_load_people", "load_people.py")
report_module = bench_module("bench_load_report", "load_report.py")
client_module = bench_module("bench_load_client", "load_client.py")
PASSWORD, make_people, summarise = people_module.PASSWORD, people_module.make_people, report_module.summarise
REPO = city.REPO
DB_PREFIX = "shishi_bench_load_"  # + the scale: shishi_bench_load_city, shishi_bench_load_province
SECRET_KEY = "bench-load-" + "k" * 50
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare_database(url: str | None, workdir: Path, name: str, reuse: bool) -> tuple[str, bool]:
    """(DATABASE_URL, whether it must be built): a new SQLite file, or `name` on the server."""
    if not url:
        return f"sqlite:///{workdir / 'load.sqlite3'}", True
    import psycopg
    parts = urllib.parse.urlsplit(url)
    with psycopg.connect(urllib.parse.urlunsplit(parts._replace(path="/postgres")), autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not (reuse and exists):
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            connection.execute(f"CREATE DATABASE {name}")
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}")), not (reuse and exists)


def drop_database(url: str, name: str) -> None:
    import psycopg
    parts = urllib.parse.urlsplit(url)
    with psycopg.connect(urllib.parse.urlunsplit(parts._replace(path="/postgres")), autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def server_environment(database_url: str, static_root: Path, conn_max_age: int) -> dict:
    """README "## Production", for plain HTTP on 127.0.0.1."""
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "0", "SECRET_KEY": SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1", "DATABASE_URL": database_url, "STATIC_ROOT": str(static_root),
            "SECURE_SSL_REDIRECT": "0", "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0",
            "SECURE_HSTS_SECONDS": "0", "CONN_MAX_AGE": str(conn_max_age), "LOG_LEVEL": "WARNING"}


def gunicorn_command(port: int, workers: int, worker_class: str, threads: int, timeout: int) -> list[str]:
    # Run from the repository: its settings file by a relative path, so the command prints short.
    command = [str(VENV_BIN / "gunicorn"), "config.wsgi", "-c", "bench/load_gunicorn.py", "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers), "--worker-class", worker_class, "--timeout", str(timeout)]
    if worker_class == "gthread":
        command += ["--threads", str(threads)]
    return command


@contextmanager
def serving(database_url: str, workdir: Path, *, workers: int = 3, worker_class: str = "gthread", threads: int = 4,
            timeout: int = 30, conn_max_age: int = 60) -> Iterator[dict]:
    """collectstatic, then gunicorn on a free port of 127.0.0.1 until the block ends (however it ends)."""
    environment = server_environment(database_url, workdir / "static", conn_max_age)
    timings = workdir / "timings"
    timings.mkdir(exist_ok=True)
    environment["LOAD_TIMINGS_DIR"] = str(timings)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=REPO,
                   env=environment, check=True)
    port = free_port()
    log = workdir / "gunicorn.log"
    command = gunicorn_command(port, workers, worker_class, threads, timeout)
    server = None
    try:
        with open(log, "w") as log_file:
            server = subprocess.Popen(command, cwd=REPO, env=environment, stdout=log_file, stderr=subprocess.STDOUT,
                                      start_new_session=True)
        wait_until_answering(server, port, log)
        yield {"process": server, "port": port, "command": command, "log": log, "timings": timings}
    finally:
        stop(server)


def run_people(server: dict, people: list[dict], workdir: Path, *, seconds: float, ramp: float,
               think: tuple[float, float], max_requests: int, year: int) -> tuple[dict, set[str], dict]:
    """bench/load_client.py against the server: (its results, the drafts found stored, the server's CPU)."""
    from django.utils import timezone
    run_id = os.urandom(4).hex()
    working = workdir / "working"
    working.unlink(missing_ok=True)
    plan = {"host": "127.0.0.1", "port": server["port"], "seconds": seconds, "max_requests": max_requests,
            "ramp": ramp, "think": think, "password": PASSWORD, "run": run_id, "year": year, "people": people,
            "working_file": str(working)}
    (workdir / "plan.json").write_text(json.dumps(plan, ensure_ascii=False))
    since = timezone.now()
    client = subprocess.Popen([sys.executable, str(BENCH / "load_client.py"), str(workdir / "plan.json"),
                               str(workdir / "results.json")])
    try:
        # The server's CPU once everyone has signed in (the password hashing is a cost of its own) to the end.
        while not working.exists() and client.poll() is None:
            time.sleep(0.2)
        from django.db import connection
        sampler = CpuSampler(server["process"].pid, connection.settings_dict["NAME"])
        sampler.start()
        client.wait(timeout=seconds + 120)
        cpu = sampler.result()
    finally:
        if client.poll() is None:
            client.kill()
    results = json.loads((workdir / "results.json").read_text())
    return results, drafts_stored(run_id, since), cpu


def wait_until_answering(server: subprocess.Popen, port: int, log: Path, limit_s: float = 90) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped at start (exit {server.returncode}):\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer /login/ within {limit_s:.0f} s:\n{log.read_text()[-3000:]}")


def stop(process: subprocess.Popen | None, grace_s: float = 20) -> None:
    """SIGTERM (gunicorn: finish the requests in hand), then SIGKILL to its whole process group."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(grace_s)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


class CpuSampler(threading.Thread):
    """CPU used by gunicorn's processes and by PostgreSQL's backends of the benchmark database while the
    people work, read from /proc twice a second (a backend opened and closed between two reads is missed)."""

    def __init__(self, server_pid: int, database: str):
        super().__init__(daemon=True)
        self.server_pid, self.database, self.stopping = server_pid, database, threading.Event()
        self.first: dict[tuple[str, int], float] = {}
        self.last: dict[tuple[str, int], float] = {}

    def scan(self, initial: bool) -> None:
        tick = os.sysconf("SC_CLK_TCK")
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                pid, parent = int(entry.name), int(fields[1])
                if pid == self.server_pid or parent == self.server_pid:
                    kind = "gunicorn"
                elif f" {self.database} " in (entry / "cmdline").read_text().replace("\0", " "):
                    kind = "postgresql"
                else:
                    continue
            except (OSError, IndexError, ValueError):
                continue
            used = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
            self.first.setdefault((kind, pid), used if initial else 0.0)
            self.last[(kind, pid)] = used

    def run(self) -> None:
        self.scan(initial=True)
        while not self.stopping.wait(0.5):
            self.scan(initial=False)

    def result(self) -> dict:
        self.stopping.set()
        self.join()
        self.scan(initial=False)
        seconds = {"gunicorn": 0.0, "postgresql": 0.0}
        for (kind, pid), used in self.last.items():
            seconds[kind] += used - self.first[(kind, pid)]
        backends = sum(1 for kind, _pid in self.last if kind == "postgresql")
        return {"python_s": seconds["gunicorn"], "postgresql_s": seconds["postgresql"], "backends": backends}


def drafts_stored(run_id: str, since) -> set[str]:
    """The markers of this run found in the saved revisions' text."""
    from progress.models import Revision
    MARKER = client_module.MARKER
    found = set()
    for changes in Revision.objects.filter(author__username__startswith="load-", at__gte=since).values_list(
            "changes", flat=True):
        after = (changes.get("progress") or ["", ""])[1]
        found.update(m.strip() for m in MARKER.findall(after) if f" {run_id} " in m)
    return found


def interrupted(number: int, _frame) -> None:
    raise KeyboardInterrupt(signal.Signals(number).name)


def main() -> None:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--scale", choices=city.SCALES, default="city",
                        help="bench/pages.py's city (12,000 projects) or province (200,000)")
    parser.add_argument("--database-url",
                        help=f"postgres://user@host:port/db ({DB_PREFIX}<scale>, or --name, is created there)")
    parser.add_argument("--name", help=f"the database's name on that server (default {DB_PREFIX}<scale>)")
    parser.add_argument("--users", type=int, default=50, help="people at once (50): 60 %% officers, "
                        "20 %% coordinators, 20 %% leaders")
    parser.add_argument("--seconds", type=float, default=60, help="how long they work once signed in (60)")
    parser.add_argument("--max-requests", type=int, default=20000, help="stop after this many requests (20000)")
    parser.add_argument("--ramp", type=float, default=20,
                        help="people sign in over this many seconds; the work starts once all have, not before (20)")
    parser.add_argument("--think", default="2,6", help="seconds between a person's pages, uniform (2,6)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes (3)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker with gthread (4)")
    parser.add_argument("--worker-class", default="gthread", choices=["gthread", "sync"], help="(gthread)")
    parser.add_argument("--timeout", type=int, default=30, help="gunicorn --timeout (30)")
    parser.add_argument("--conn-max-age", type=int, default=60, help="CONN_MAX_AGE for the server (60)")
    parser.add_argument("--keep", action="store_true", help="keep the database (or the SQLite file)")
    parser.add_argument("--reuse", action="store_true", help="use a kept database instead of building it")
    args = parser.parse_args()
    # Ctrl-C, a kill or a closed terminal all unwind through the `finally` blocks, which stop gunicorn and the
    # people and drop the database (a shell starting this in the background would otherwise ignore SIGINT).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, interrupted)
    think = tuple(float(v) for v in args.think.split(","))
    workdir = Path(tempfile.mkdtemp(prefix="shishi_bench_load_"))
    name = args.name or DB_PREFIX + args.scale
    database_url, must_build = prepare_database(args.database_url, workdir, name, args.reuse)
    try:
        city.setup_django(database_url)
        from django.core.management import call_command
        from django.utils import timezone
        call_command("migrate", verbosity=0)
        today = timezone.localdate()
        started = time.perf_counter()
        if must_build:
            city.log(f"building the {args.scale}")
            city.build(today, args.scale)
        people = make_people(args.users, today)
        city.log(f"database ready in {time.perf_counter() - started:.0f} s; collectstatic, gunicorn")
        with serving(database_url, workdir, workers=args.workers, worker_class=args.worker_class,
                     threads=args.threads, timeout=args.timeout, conn_max_age=args.conn_max_age) as server:
            city.log(f"{' '.join(server['command'][1:])}: {len(people)} people for {args.seconds:.0f} s "
                     f"(at most {args.max_requests} requests)")
            results, stored, cpu = run_people(server, people, workdir, seconds=args.seconds, ramp=args.ramp,
                                              think=think, max_requests=args.max_requests, year=today.year)
        summarise(args, results, stored, people, server, cpu,
                  database="postgresql" if args.database_url else "sqlite")
    finally:
        from django.db import connections
        connections.close_all()
        if args.keep:
            print(f"kept: DATABASE_URL={database_url} (users load-*, password {PASSWORD})", file=sys.stderr)
        elif args.database_url:
            drop_database(args.database_url, name)
        if not (args.keep and not args.database_url):
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
