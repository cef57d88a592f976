"""What bench/load.py prints: requests per second, p50/p95/p99 per page, errors, drafts, one JSON line."""

import json
import math
import os
import statistics
from collections import Counter, defaultdict
from pathlib import Path

# p95 limits of issue 18: every page under 500 ms at city size, under 1 s at province size.
CITY_LIMIT_MS, PROVINCE_LIMIT_MS, CITY_PROJECTS = 500, 1000, 20_000
SIGN_IN_PAGES = {"login", "sign_in"}


def percentile(values: list[float], share: float) -> float:
    """Nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def server_timings(folder: Path) -> dict[str, tuple[list[float], list[float]]]:
    """Per page, the milliseconds in the worker and of CPU (bench/load_gunicorn.py)."""
    pages = defaultdict(lambda: ([], []))
    for file in folder.glob("*.tsv"):
        for line in file.read_text().splitlines():
            page, wall, cpu = line.split("\t")
            pages[page][0].append(float(wall))
            pages[page][1].append(float(cpu))
    return pages


def summarise(args, results: dict, stored: set[str], people: list[dict], server: dict, cpu: dict,
              database: str) -> None:
    from progress.models import Report
    from projects.models import Project
    projects, reports = Project.objects.count(), Report.objects.count()
    command, log, inside = server["command"], server["log"], server_timings(server["timings"])
    limit = CITY_LIMIT_MS if projects <= CITY_PROJECTS else PROVINCE_LIMIT_MS
    work_from = results["work_from_s"]
    # Signing in (the form, then the password checked) is told apart: its cost is the hashing.
    signing_in = [r for r in results["requests"] if r[0] in SIGN_IN_PAGES]
    requests = [r for r in results["requests"] if r[0] not in SIGN_IN_PAGES and r[1] >= work_from]
    elapsed = results["elapsed_s"] - work_from
    roles = Counter(person["role"] for person in people)
    print(f"{database}: {projects} projects, {reports} reports; {len(people)} people ({dict(roles)}), "
          f"{results['signed_in']} signed in; think {args.think} s; ramp {args.ramp:.0f} s")
    print("server: " + " ".join(Path(command[0]).name if i == 0 else part for i, part in enumerate(command)))

    sign_in = [ms for page, _at, ms, _status, _error in signing_in if page == "sign_in"]
    if sign_in:
        print(f"signing in (not in the table): {len(sign_in)} sign-ins over {args.ramp:.0f} s, the last done "
              f"{work_from:.0f} s after the start, when the work began; p50 {percentile(sign_in, 0.5):.0f} ms, "
              f"p95 {percentile(sign_in, 0.95):.0f} ms (Django hashes the password: about 0.25 s of one core each)")
    by_page = defaultdict(list)
    errors = Counter()
    for page, _at, ms, status, error in signing_in + requests:
        if error:
            errors[(page, error)] += 1
    for page, _at, ms, status, error in requests:
        by_page[page].append((ms, error))
    rows = {}
    print(f"\n{'page':<20}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}{'errors':>7}"
          f"{'worker p50':>11}{'CPU p50':>9}")
    for page in sorted(by_page, key=lambda p: -len(by_page[p])):
        times = [ms for ms, _error in by_page[page]]
        walls, cpus = inside.get(page, ([], []))
        row = {"requests": len(times), "p50": round(percentile(times, 0.50), 1),
               "p95": round(percentile(times, 0.95), 1), "p99": round(percentile(times, 0.99), 1),
               "max": round(max(times), 1), "errors": sum(1 for _ms, error in by_page[page] if error),
               "worker_p50": round(statistics.median(walls), 1) if walls else None,
               "cpu_p50": round(statistics.median(cpus), 1) if cpus else None}
        rows[page] = row
        print(f"{page:<20}{row['requests']:>9}{row['p50']:>9.1f}{row['p95']:>9.1f}{row['p99']:>9.1f}"
              f"{row['max']:>9.1f}{row['errors']:>7}{row['worker_p50'] or 0:>11.1f}{row['cpu_p50'] or 0:>9.1f}")
    print("p50…max: as the people saw it (waiting for a worker included); worker p50: time inside gunicorn's "
          "worker; CPU p50: of the thread that served it (Python only; PostgreSQL's is below)")
    total_errors = sum(errors.values())
    rps = len(requests) / elapsed if elapsed else 0.0
    print(f"\n{len(requests)} requests in {elapsed:.1f} s of work: {rps:.1f} requests/s; errors {total_errors}"
          + "".join(f"\n  {count}× {page}: {error}" for (page, error), count in errors.most_common(8)))

    served = max(1, len(requests))
    database_cpu = (f", PostgreSQL {cpu['postgresql_s']:.1f} s in {cpu['backends']} backends "
                    f"({cpu['postgresql_s'] * 1000 / served:.0f} ms a request)" if database == "postgresql" else "")
    print(f"server CPU while the people worked: gunicorn {cpu['python_s']:.1f} s "
          f"({cpu['python_s'] * 1000 / served:.0f} ms a request){database_cpu}")
    print(f"{results['reconnects']} kept-alive connections closed by the server while a person was thinking: "
          f"the request sent again at once, as a browser does")
    acked = set(results["drafts_acked"])
    lost, unacknowledged = sorted(acked - stored), sorted(stored - acked)
    print(f"drafts: {len(acked)} saved (acknowledged by a redirect), {len(stored & acked)} of them found stored, "
          f"{len(lost)} lost; {results['conflicts']} refused as conflicts; {len(unacknowledged)} stored without an "
          f"answer seen")
    for marker in lost[:5]:
        print(f"  lost: {marker}")

    log_text = log.read_text(errors="replace") if log.exists() else ""
    timeouts = log_text.count("WORKER TIMEOUT")
    tracebacks = log_text.count("Traceback")
    if timeouts or tracebacks:
        print(f"gunicorn log: {timeouts} worker timeouts, {tracebacks} tracebacks; its end:\n{log_text[-2000:]}")

    missed = [page for page, row in rows.items() if row["p95"] >= limit]
    met = not missed and total_errors == 0 and not lost
    missed_text = ", ".join(f"{page} {rows[page]['p95']:.0f} ms" for page in missed)
    print(f"{'✓' if met else '✗'} target ({'city' if limit == CITY_LIMIT_MS else 'province'} size): 0 errors "
          f"({total_errors}), no draft lost ({len(lost)}), p95 under {limit} ms for every page"
          + (f" (missed: {missed_text})" if missed else "")
          )
    print(f"load average (1 min) at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; the machine is "
          f"shared, so anything else running shows in p95")
    print(json.dumps({
        "database": database, "projects": projects, "people": len(people), "roles": dict(roles),
        "signed_in": results["signed_in"], "sign_in_p95_ms": round(percentile(sign_in, 0.95)) if sign_in else None,
        "seconds": round(elapsed, 1), "requests": len(requests),
        "requests_per_s": round(rps, 1), "errors": total_errors, "drafts_saved": len(acked),
        "drafts_stored": len(stored & acked), "drafts_lost": len(lost), "conflicts": results["conflicts"],
        "pages": rows, "limit_ms": limit, "missed": missed, "target_met": met, "server": command[1:],
        "think_s": args.think,
        "cpu_ms_per_request": {"gunicorn": round(cpu["python_s"] * 1000 / served, 1),
                               "postgresql": round(cpu["postgresql_s"] * 1000 / served, 1)},
    }, ensure_ascii=False))
