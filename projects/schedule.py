"""When a plan's units report: monthly by a day, quarterly, or on listed dates. Pure: no database.

A reporting period is named by the month in which its report is due (its `month`, the first day
of that month): June for a monthly report due 22 June, for the second quarter, and for a
half-year report due 25 June. That is also how imported progress tables are dated (半年 → June).

A plan's year ends on 31 December. After that it is a past year: what its projects show is
judged as of that day (`as_of`), and none of its reports is chased any more.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHLY, QUARTERLY, DATES = "monthly", "quarterly", "dates"
DEFAULT_DAY = 22
DATE_ITEM = re.compile(r"^\s*(\d{1,2})\s*-\s*(\d{1,2})\s*$")


def year_end(year: int) -> date:
    return date(year, 12, 31)


def is_over(year: int, today: date) -> bool:
    """Whether a plan of `year` is a past year on `today`."""
    return today > year_end(year)


def as_of(year: int, today: date) -> date:
    """The day a plan of `year` is judged on: today, or its year's last day once the year is over."""
    return min(today, year_end(year))


def year_share(year: int, today: date) -> int:
    """The share of the year gone by on `today`, in percent: 0 before it, 100 once it is over."""
    days = 366 if calendar.isleap(year) else 365
    gone = (today - date(year, 1, 1)).days + 1
    return round(100 * min(max(gone, 0), days) / days)


def time_target(year: int, today: date, quarter_targets: dict[int, int] | None = None) -> int:
    """序时进度: the percent complete a project should show on `today`.

    With target percents for some quarters (its quarterly plan says 一季度30%, 二季度60%), the target
    rises in a straight line from 0 on 1 January through each quarter's end to the next one given,
    and to 100 on 31 December; a target after a higher one never lowers it. Without any, it is the
    share of the year gone by."""
    if not quarter_targets:
        return year_share(year, today)
    if today > year_end(year):
        return 100
    points = [(date(year, 1, 1) - timedelta(days=1), 0)]
    for quarter in sorted(quarter_targets):
        percent = max(min(quarter_targets[quarter], 100), points[-1][1])
        points.append((date(year, 3 * quarter, calendar.monthrange(year, 3 * quarter)[1]), percent))
    if points[-1][0] < year_end(year):
        points.append((year_end(year), 100))
    for (start, low), (end, high) in zip(points, points[1:]):
        if today <= end:
            span = (end - start).days
            return round(low + (high - low) * max((today - start).days, 0) / span)
    return 100


@dataclass(frozen=True)
class Period:
    month: date  # first day of the month in which the report is due
    due: date
    opens: date  # the day after the previous period's due date (1 January for the first)

    @property
    def key(self) -> str:
        return f"{self.month:%Y-%m}"

    @property
    def quarter(self) -> int:
        return (self.month.month - 1) // 3 + 1


def parse_dates(text: str) -> list[tuple[int, int]]:
    """'6-25, 12-25' -> [(6, 25), (12, 25)], sorted; ValueError for anything else."""
    pairs = []
    for item in re.split(r"[,，、;；\s]+", text.strip()):
        if not item:
            continue
        match = DATE_ITEM.match(item)
        if not match:
            raise ValueError(item)
        month, day = int(match.group(1)), int(match.group(2))
        if not (1 <= month <= 12 and 1 <= day <= 28):
            raise ValueError(item)
        pairs.append((month, day))
    if len({month for month, _day in pairs}) != len(pairs):
        raise ValueError(text)
    return sorted(pairs)


def format_dates(pairs: list[tuple[int, int]]) -> str:
    return ", ".join(f"{month}-{day}" for month, day in pairs)


@dataclass(frozen=True)
class Schedule:
    frequency: str = MONTHLY
    day: int = DEFAULT_DAY
    dates: str = ""

    def due_dates(self, year: int) -> list[date]:
        if self.frequency == DATES:
            return [date(year, month, day) for month, day in parse_dates(self.dates)]
        months = range(3, 13, 3) if self.frequency == QUARTERLY else range(1, 13)
        return [date(year, month, self.day) for month in months]

    def periods(self, year: int) -> list[Period]:
        periods, opens = [], date(year, 1, 1)
        for due in self.due_dates(year):
            periods.append(Period(month=due.replace(day=1), due=due, opens=opens))
            opens = due + timedelta(days=1)
        return periods

    def period(self, year: int, month: date) -> Period | None:
        """The period of `year` named by `month`, or None when no report is due that month."""
        return next((p for p in self.periods(year) if p.month == month), None)

    def current(self, year: int, today: date) -> Period | None:
        """The period a unit is reporting for on `today`: the next one due, or the year's last once all are due."""
        periods = self.periods(year)
        if not periods or today < periods[0].opens:
            return None
        return next((p for p in periods if p.due >= today), periods[-1])

    def due_before(self, year: int, today: date) -> list[Period]:
        """The periods whose due date has passed on `today`, oldest first."""
        return [p for p in self.periods(year) if p.due < today]
