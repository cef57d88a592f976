"""Time and peak memory of the commands cron runs over every project, on a database built by bench/pages.py.

    python bench/housekeeping.py --database-url postgres://postgres@127.0.0.1:5432/shishi_bench_pages_city
                                 [--only NAME ...] [--repo PATH] [--media PATH]

Each command runs in a process of its own (python bench/housekeeping.py --child NAME), which
prints its wall time and its peak resident memory (getrusage's ru_maxrss), so one command's peak
is not another's. The commands' own output goes to /dev/null (--remind prints every reminder when
no mail server is set). --repo runs another checkout's code against the same database, e.g. main's,
to compare before and after. Commands:

    refresh_status           every light recomputed and the late reports listed (the nightly run)
    refresh_status_remind    the same with --remind 3 (reminders of reports due within 3 days)
    refresh_status_chase     the same with --chase (every unit owing reports chased; writes Chase rows)
    backup                   manage.py backup of the whole database into a temporary .tar.gz (then removed)

The last line of output is one JSON object: per command, seconds and peak MB."""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COMMANDS = {
    "refresh_status": ["refresh_status"],
    "refresh_status_remind": ["refresh_status", "--remind", "3"],
    "refresh_status_chase": ["refresh_status", "--chase"],
    "backup": ["backup", "{archive}"],
}


def child(name: str) -> None:
    """Run one command in this process and print {"seconds", "peak_mb"} on the real stdout."""
    # The checkout's code first; this script's folder (where bench/imports.py would shadow the app) not at all.
    here = Path(__file__).resolve().parent
    sys.path[:] = [os.getcwd()] + [p for p in sys.path if Path(p or ".").resolve() != here]
    import django
    from django.core.management import call_command

    django.setup()
    real_stdout, quiet = sys.stdout, open(os.devnull, "w")  # noqa: SIM115 - open for the whole run
    archive = Path(tempfile.mkdtemp(prefix="shishi_bench_housekeeping_")) / "backup.tar.gz"
    arguments = [part.format(archive=archive) for part in COMMANDS[name]]
    sys.stdout = quiet  # the console e-mail backend writes to sys.stdout
    started = time.perf_counter()
    try:
        call_command(*arguments, stdout=quiet, stderr=quiet)
    finally:
        sys.stdout = real_stdout
    seconds = time.perf_counter() - started
    size = archive.stat().st_size / 1024 / 1024 if archive.exists() else None
    archive.unlink(missing_ok=True)
    archive.parent.rmdir()
    # ru_maxrss is in KiB on Linux.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": round(seconds, 1), "peak_mb": round(peak), **({"archive_mb": round(size, 1)}
                                                                                 if size is not None else {})}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a database kept by bench/pages.py --keep (required)")
    parser.add_argument("--only", nargs="+", choices=COMMANDS, help="run only these commands")
    parser.add_argument("--repo", type=Path, default=REPO, help="the checkout whose code runs (default: this one)")
    parser.add_argument("--media", help="MEDIA_ROOT for the commands (default: an empty temporary folder)")
    parser.add_argument("--child", choices=COMMANDS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    if not args.database_url:
        parser.error("--database-url is required")
    media = args.media or tempfile.mkdtemp(prefix="shishi_bench_media_")
    env = {**os.environ, "DATABASE_URL": args.database_url, "MEDIA_ROOT": media, "DEBUG": "0",
           "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-" + "k" * 50,
           "DJANGO_SETTINGS_MODULE": "config.settings"}
    results = {}
    for name in args.only or COMMANDS:
        done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", name],
                              cwd=args.repo, env=env, capture_output=True, text=True)
        if done.returncode:
            print(f"{name}: failed\n{done.stderr[-2000:]}", file=sys.stderr)
            results[name] = {"failed": done.stderr.strip().splitlines()[-1:]}
            continue
        results[name] = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{name:24} {results[name]['seconds']:8.1f} s {results[name]['peak_mb']:7d} MB peak"
              + (f"  archive {results[name]['archive_mb']} MB" if "archive_mb" in results[name] else ""), flush=True)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
