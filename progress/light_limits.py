"""Where each jurisdiction draws its lights: days late, days a request may stay open, and points behind
the time-proportional target (序时进度). Empty means the parent's; at the top, the defaults below."""

from dataclasses import dataclass, fields

from progress.models import ProjectStatus
from projects.models import Jurisdiction

Light = ProjectStatus.Light


@dataclass(frozen=True)
class Limits:
    """Where a jurisdiction draws its lights; the defaults hold where neither it nor a parent says otherwise."""

    late_days: int = 7
    request_days: int = 30
    yellow_points: int = 10
    red_points: int = 30


def _limit_rows() -> dict[int, dict]:
    names = [f.name for f in fields(Limits)]
    return {pk: {"parent": parent, **dict(zip(names, values))}
            for pk, parent, *values in Jurisdiction.objects.values_list("id", "parent_id", *names)}


def _resolve(rows: dict[int, dict], pk: int) -> Limits:
    values = {}
    for limit in fields(Limits):
        at, seen = pk, set()
        while at in rows and at not in seen:  # nearest first; a loop saved before the database refused it ends
            seen.add(at)
            if rows[at][limit.name] is not None:
                values[limit.name] = rows[at][limit.name]
                break
            at = rows[at]["parent"]
    return Limits(**values)


def all_limits() -> dict[int, Limits]:
    """Limits per jurisdiction id, inherited from the parents, from one query."""
    rows = _limit_rows()
    return {pk: _resolve(rows, pk) for pk in rows}


def limits_for(jurisdiction_id: int) -> Limits:
    """The limits that hold in one jurisdiction: the month close groups projects by the same yellow points."""
    return _resolve(_limit_rows(), jurisdiction_id)


def gap_light(gap: int, limits: Limits) -> str | None:
    """The light a gap behind the time-proportional target (target − percent, in points) calls for, if any."""
    if gap > limits.red_points:
        return Light.RED
    return Light.YELLOW if gap > limits.yellow_points else None
