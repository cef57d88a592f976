"""A circular's Word file read back and checked figure by figure against its close's snapshots, counted here
independently of supervision/figures.py and written out in the Chinese a recipient reads."""

from collections import Counter
from decimal import Decimal

from progress.models import ProjectStatus
from projects.amounts import plain
from supervision.models import PeriodClose, Snapshot

Light, Standing, ReportState = ProjectStatus.Light, Snapshot.Standing, Snapshot.ReportState
LIGHT_WORDS = {"green": "绿灯", "yellow": "黄灯", "red": "红灯", "awaiting": "待核验", "done": "已核验完成"}


def chinese_day(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def overall_lines(close: PeriodClose) -> list[str]:
    """The overall part of the circular as it must read."""
    snapshots = list(close.snapshots.all())
    lights = Counter(s.light for s in snapshots)
    standings = Counter(s.standing for s in snapshots)
    states = Counter(s.report_state for s in snapshots)
    targets = {s.target for s in snapshots}
    against = f"对照序时进度{targets.pop()}%" if len(targets) == 1 else "对照各项目序时进度"
    percents = [s.percent for s in snapshots if s.percent is not None]
    disbursed = sum((s.disbursed_total or Decimal(0) for s in snapshots), Decimal(0))
    planned = sum((s.annual_investment or Decimal(0) for s in snapshots), Decimal(0))
    lines = [
        f"截至{chinese_day(close.as_of)}，{len(snapshots)}个项目中，已完成{standings[Standing.DONE]}个；{against}，"
        f"超序时{standings[Standing.AHEAD]}个、按序时{standings[Standing.ON_SCHEDULE]}个、"
        f"慢序时{standings[Standing.BEHIND]}个，未报送完成进度{standings[Standing.UNKNOWN]}个。",
        f"亮灯情况：绿灯{lights['green']}个、黄灯{lights['yellow']}个、红灯{lights['red']}个、已完成{lights['done']}个。",
        f"本期应于{chinese_day(close.due)}前报送月度进展{len(snapshots)}份，按时报送{states[ReportState.ON_TIME]}份，"
        f"逾期报送{states[ReportState.LATE]}份，未报送{states[ReportState.MISSING]}份。",
    ]
    if percents:
        lines.append(f"已报送完成进度的{len(percents)}个项目平均完成{round(sum(percents) / len(percents))}%。")
    if planned:
        lines.append(f"年度计划投资{plain(planned)}万元，已拨付{plain(disbursed)}万元，"
                     f"拨付率{round(100 * disbursed / planned)}%。")
    else:  # a seed table gives total investments only: the disbursed sum stands alone
        lines.append(f"已拨付资金{plain(disbursed)}万元。")
    return lines


def annex_row(s: Snapshot) -> list[str]:
    words = {ReportState.ON_TIME: "按时报送", ReportState.MISSING: "未报送"}
    report = words.get(s.report_state, f"逾期{s.days_late}天")
    return [s.number, s.name, s.lead_unit, LIGHT_WORDS[s.light], "—" if s.percent is None else str(s.percent),
            str(s.target), report, "—" if s.annual_investment is None else plain(s.annual_investment),
            "—" if s.disbursed_total is None else plain(s.disbursed_total)]


def check_every_figure(document, close: PeriodClose) -> str:
    """Every figure of the Word file against the close's snapshots; returns its text for the story's own checks."""
    text = "\n".join(p.text for p in document.paragraphs)
    for line in overall_lines(close):
        assert line in text, line
    [table] = document.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    snapshots = list(close.snapshots.order_by("position"))
    assert rows[1:-1] == [annex_row(s) for s in snapshots]
    assert rows[-1][1] == f"合计（{len(snapshots)}个项目）"
    # A total of the amounts the rows show; a column where no row shows one totals "—", as its rows read.
    for column, amounts in ((7, [s.annual_investment for s in snapshots]), (8, [s.disbursed_total for s in snapshots])):
        given = [amount for amount in amounts if amount is not None]
        assert rows[-1][column] == (plain(sum(given, Decimal(0))) if given else "—")
    return text
