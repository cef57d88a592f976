"""A circular as it reads: its default wording, and the whole text built from the wording, the
frozen requests and instructions, and the close's figures.

The page and the .docx both render the one `Reading` built here, so the printed page and the Word
file say the same thing. Figures come from supervision.figures (the snapshots) only: a project
renamed or a report corrected after the close changes nothing here."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from projects.amounts import plain
from projects.models import Plan
from supervision.figures import CloseFigures, close_figures
from supervision.models import Circular, PeriodClose, Snapshot
from supervision.models.circulars import FrozenInstruction, FrozenRequest

Standing, ReportState = Snapshot.Standing, Snapshot.ReportState


@dataclass(frozen=True)
class Wording:
    """What the coordinator may rewrite; the figures are never among it."""

    opening: str
    summary_remarks: str
    requirements: str


@dataclass(frozen=True)
class Part:
    """A numbered part of the circular (一、总体情况) or of a part (（一）…): paragraphs, then listed items."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    parts: list["Part"] = field(default_factory=list)


@dataclass(frozen=True)
class AnnexRow:
    number: str
    name: str
    lead_unit: str
    light: str  # the light's value, for the page's badge
    light_label: str
    percent: str
    target: str
    report: str
    annual_investment: str
    disbursed: str


@dataclass(frozen=True)
class Reading:
    title: str
    number_text: str
    draft: bool
    addressees: str
    opening: list[str]
    parts: list[Part]
    office: str
    dated: str
    annex_label: str  # 附件
    annex_title: str
    annex_line: str  # 附件：项目进展情况表, under the body
    annex_headers: list[str]
    annex_rows: list[AnnexRow]
    annex_total: AnnexRow


def day(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


def listed(names: list[str]) -> str:
    return pgettext("list separator", ", ").join(names)


def paragraphs(text: str) -> list[str]:
    """The wording as paragraphs: one per non-empty line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _subject(plan: Plan) -> str:
    if plan.kind == Plan.Kind.WORK_REPORT:
        return _("the work-report tasks")
    return _("the public-service projects")


def default_title(close: PeriodClose) -> str:
    """关于2026年10月为民办实事项目进展情况的通报."""
    return _("On the progress of %(subject)s in %(month)s") % {
        "subject": _subject(close.plan), "month": date_format(close.period, "YEAR_MONTH_FORMAT")}


def default_wording(close: PeriodClose, figures: CloseFigures) -> Wording:
    """The wording a new draft starts from, in the tone of published circulars; the coordinator edits it."""
    plan = close.plan
    opening = _("This year %(jurisdiction)s carries out %(count)s of %(subject)s. The supervision office has "
                "followed their progress up to %(day)s; the situation is circulated as follows.") % {
        "jurisdiction": plan.jurisdiction.name, "count": figures.projects, "subject": _subject(plan),
        "day": day(close.as_of)}
    remarks = _remarks(figures)
    if plan.report_frequency != Plan.ReportFrequency.MONTHLY:  # quarterly, or on listed dates
        reporting = _("2. Every lead unit reports its progress truthfully and completely by the dates the plan "
                      "sets; units that report late or not at all will be named again in the next circular.")
    else:
        reporting = _("2. Every lead unit reports its progress truthfully and completely by day %(day)s of each "
                      "month; units that report late or not at all will be named again in the next circular.") % {
            "day": plan.report_day}
    requirements = "\n".join([
        _("1. The lead units of projects behind the time-proportional target find the causes, set out catch-up "
          "measures with dates, and bring the projects back on schedule as soon as possible."),
        reporting,
        _("3. Leaders' instructions and coordination requests are answered within their time limits, and the "
          "outcome is reported to the supervision office."),
    ])
    return Wording(opening=opening, summary_remarks=remarks, requirements=requirements)


def reading(circular: Circular, figures: CloseFigures | None = None) -> Reading:
    """The whole circular as it reads, from its wording, its frozen lists and the close's figures."""
    close = circular.close
    figures = figures or close_figures(close)
    items = circular.open_items
    parts = [
        Part(_("1. Overall situation"), paragraphs=_overall(close, figures) + paragraphs(circular.summary_remarks)),
        Part(_("2. Progress of the projects"), parts=_progress(figures)),
        _reports(figures),
        Part(_("4. Coordination requests and leaders' instructions"), parts=[
            _listing(_("(1) Coordination requests open at the close (%(count)s)") % {"count": len(items.requests)},
                     [_request(item) for item in items.requests]),
            _listing(_("(2) Leaders' instructions awaiting an answer (%(count)s, %(overdue)s overdue)") % {
                "count": len(items.instructions), "overdue": len(items.overdue)},
                     [_instruction(item) for item in items.instructions]),
        ]),
        Part(_("5. Next steps"), paragraphs=paragraphs(circular.requirements)),
    ]
    return Reading(
        title=circular.title, number_text=circular.number_text, draft=circular.is_draft,
        addressees=_("To every unit concerned:"), opening=paragraphs(circular.opening), parts=parts,
        office=_("%(jurisdiction)s supervision office") % {"jurisdiction": close.plan.jurisdiction.name},
        # The day in the office's time zone: a circular published at 7:00 in Beijing is not dated the day before.
        dated=(day(timezone.localdate(circular.published_at)) if circular.published_at
               else _("Draft, not yet published")),
        annex_label=pgettext("circular", "Annex"), annex_title=_("Progress of every project"),
        annex_line=_("Annex: %(title)s") % {"title": _("Progress of every project")},
        annex_headers=[pgettext("circular", "No."), pgettext("circular", "Project"), _("lead unit"),
                       _("status light"), _("percent complete (%)"), _("time-proportional target (%)"),
                       _("monthly report"), _("annual investment (万元)"), _("disbursed to date (万元)")],
        annex_rows=[_annex_row(snapshot) for snapshot in figures.snapshots],
        annex_total=AnnexRow(number="", name=_("Total (%(count)s projects)") % {"count": figures.projects},
                             lead_unit="", light="", light_label="", percent=_percent(figures.mean_percent),
                             target=_percent(figures.target), report="",
                             annual_investment=_total(s.annual_investment for s in figures.snapshots),
                             disbursed=_total(s.disbursed_total for s in figures.snapshots)),
    )


def _total(amounts) -> str:
    """A column's total; "—" when no row has an amount (a seed table gives no annual investment): 0 would
    say that nothing was planned."""
    given = [amount for amount in amounts if amount is not None]
    return plain(sum(given, Decimal(0))) if given else "—"


def _remarks(figures: CloseFigures) -> str:
    """The closing sentence of 总体情况, which must say what the figures say: "most projects advance as planned"
    only when more than half of them are done, ahead or on schedule."""
    s = figures.standings
    behind, keeping = s[Standing.BEHIND], s[Standing.DONE] + s[Standing.AHEAD] + s[Standing.ON_SCHEDULE]
    if not behind:
        return _("On the whole every project that reported is at or ahead of the time-proportional target.")
    if 2 * keeping > figures.projects:
        return _("On the whole most projects advance as planned, but %(count)s are behind the "
                 "time-proportional target and need the close attention of their units.") % {"count": behind}
    return _("Only %(keeping)s of the %(count)s projects are at or ahead of the time-proportional target and "
             "%(behind)s are behind: progress as a whole lags, and the lead units must give it their close "
             "attention.") % {"keeping": keeping, "count": figures.projects, "behind": behind}


def _overall(close: PeriodClose, figures: CloseFigures) -> list[str]:
    s, lights = figures.standings, figures.lights
    against = (_("against the time-proportional target of %(target)s%%") % {"target": figures.target}
               if figures.target is not None else _("against each project's own time-proportional target"))
    lines = [_("As of %(day)s, of the %(count)s projects %(done)s are complete; %(against)s, %(ahead)s are ahead, "
               "%(on)s on schedule and %(behind)s behind, and %(unknown)s reported no percent complete.") % {
        "day": day(close.as_of), "count": figures.projects, "done": s[Standing.DONE], "against": against,
        "ahead": s[Standing.AHEAD], "on": s[Standing.ON_SCHEDULE], "behind": s[Standing.BEHIND],
        "unknown": s[Standing.UNKNOWN]}]
    lines.append(_("Status lights: %(green)s green, %(yellow)s yellow, %(red)s red, %(done)s done.") % lights)
    if figures.mean_percent is not None:
        lines.append(_("The %(count)s projects that reported a percent complete are %(percent)s%% complete on "
                       "average.") % {"count": figures.reported, "percent": figures.mean_percent})
    if figures.annual_investment:
        lines.append(_("Of the %(planned)s 万元 planned for the year, %(disbursed)s 万元 has been disbursed "
                       "(%(percent)s%%).") % {"planned": plain(figures.annual_investment),
                                              "disbursed": plain(figures.disbursed),
                                              "percent": figures.disbursed_percent})
    else:
        lines.append(_("%(disbursed)s 万元 has been disbursed.") % {"disbursed": plain(figures.disbursed)})
    states = figures.report_states
    lines.append(_("Of the %(count)s monthly reports due by %(due)s, %(on_time)s came on time, %(late)s late and "
                   "%(missing)s are missing.") % {
        "count": figures.projects, "due": day(close.due), "on_time": states[ReportState.ON_TIME],
        "late": states[ReportState.LATE], "missing": states[ReportState.MISSING]})
    return lines


def _unit(snapshot: Snapshot) -> str:
    return snapshot.lead_unit or _("no lead unit")


def _progress(figures: CloseFigures) -> list[Part]:
    def named(snapshot: Snapshot) -> str:
        return _("%(name)s (%(unit)s)") % {"name": snapshot.name, "unit": _unit(snapshot)}

    def with_percent(snapshot: Snapshot) -> str:
        return _("%(name)s (%(unit)s): %(percent)s%% complete") % {
            "name": snapshot.name, "unit": _unit(snapshot), "percent": snapshot.percent}

    def behind(snapshot: Snapshot) -> str:
        return _("%(name)s (lead unit: %(unit)s): %(percent)s%% complete against a target of %(target)s%%, "
                 "%(gap)s points behind") % {"name": snapshot.name, "unit": _unit(snapshot),
                                             "percent": snapshot.percent, "target": snapshot.target,
                                             "gap": snapshot.target - snapshot.percent}

    groups = [
        (_("(1) Complete (%(count)s)"), Standing.DONE, named),
        (_("(2) Ahead of the time-proportional target (%(count)s)"), Standing.AHEAD, with_percent),
        (_("(3) On the time-proportional target (%(count)s)"), Standing.ON_SCHEDULE, with_percent),
        (_("(4) Behind the time-proportional target (%(count)s)"), Standing.BEHIND, behind),
        (_("(5) No percent complete reported (%(count)s)"), Standing.UNKNOWN, named),
    ]
    parts = []
    for heading, standing, line in groups:
        snapshots = figures.with_standing(standing)
        if standing == Standing.BEHIND:  # the furthest behind first
            snapshots = sorted(snapshots, key=lambda s: (s.percent - s.target, s.position))
        parts.append(_listing(heading % {"count": len(snapshots)}, [line(snapshot) for snapshot in snapshots]))
    return parts


def _listing(heading: str, items: list[str]) -> Part:
    """A part that lists items, or says there are none."""
    return Part(heading, items=items) if items else Part(heading, paragraphs=[pgettext("circular", "None.")])


def _reports(figures: CloseFigures) -> Part:
    if not figures.late_units:
        return Part(_("3. Monthly reports"), paragraphs=[_("Every lead unit reported on time.")])

    def project(snapshot: Snapshot) -> str:
        if snapshot.report_state == ReportState.LATE:
            return _("%(name)s, %(days)s days late") % {"name": snapshot.name, "days": snapshot.days_late}
        return _("%(name)s, missing") % {"name": snapshot.name}

    return Part(_("3. Monthly reports"), paragraphs=[_("These lead units reported late or not at all:")], items=[
        _("%(unit)s: %(missing)s missing and %(late)s late (%(projects)s)") % {
            "unit": unit.name or _("no lead unit"), "missing": len(unit.missing), "late": len(unit.late),
            "projects": listed([project(s) for s in unit.missing + unit.late])}
        for unit in figures.late_units])


def _request(item: FrozenRequest) -> str:
    return _("%(project)s (%(unit)s, raised on %(day)s, open %(days)s days): %(text)s") % {
        "project": item.project_name, "unit": item.unit, "day": day(item.opened_on), "days": item.days_open,
        "text": item.text}


def _instruction(item: FrozenInstruction) -> str:
    values = {"project": item.project_name, "author": item.author or _("a leader"), "day": day(item.written_on),
              "unit": item.unit or _("no lead unit"), "due": day(item.due), "text": item.text}
    if item.overdue:
        return _("%(project)s (instructed by %(author)s on %(day)s; %(unit)s to answer by %(due)s, overdue): "
                 "%(text)s") % values
    return _("%(project)s (instructed by %(author)s on %(day)s; %(unit)s to answer by %(due)s): %(text)s") % values


def _percent(value: int | None) -> str:
    return "—" if value is None else str(value)


def _annex_row(snapshot: Snapshot) -> AnnexRow:
    if snapshot.report_state == ReportState.LATE and snapshot.days_late:
        report = _("late, %(days)s days") % {"days": snapshot.days_late}
    else:
        report = snapshot.get_report_state_display()
    return AnnexRow(
        number=snapshot.number, name=snapshot.name, lead_unit=snapshot.lead_unit, light=snapshot.light,
        light_label=snapshot.get_light_display(), percent=_percent(snapshot.percent), target=str(snapshot.target),
        report=report,
        annual_investment="—" if snapshot.annual_investment is None else plain(snapshot.annual_investment),
        disbursed="—" if snapshot.disbursed_total is None else plain(snapshot.disbursed_total),
    )
