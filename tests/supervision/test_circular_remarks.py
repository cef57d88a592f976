"""The last sentence of a circular's 总体情况 says what its figures say: "most projects advance as planned" only
when more than half of them do."""

from decimal import Decimal

import pytest
from django.utils.translation import override

from supervision.circular_text import _remarks
from supervision.figures import CloseFigures
from supervision.models import Snapshot

Standing = Snapshot.Standing


def figures(*, done=0, ahead=0, on=0, behind=0, unknown=0) -> CloseFigures:
    standings = {Standing.DONE: done, Standing.AHEAD: ahead, Standing.ON_SCHEDULE: on, Standing.BEHIND: behind,
                 Standing.UNKNOWN: unknown}
    return CloseFigures(close=None, projects=sum(standings.values()), lights={}, standings=standings,
                        report_states={}, target=None, mean_percent=None, annual_investment=Decimal(0),
                        disbursed=Decimal(0), snapshots=[], late_units=[])


@pytest.mark.parametrize(("counts", "said"), [
    ({"on": 7, "behind": 3}, "总体来看，大部分项目能够按计划推进，但仍有3个项目进度慢于序时进度，相关单位须高度重视。"),
    ({"done": 2, "ahead": 1, "on": 0, "behind": 2}, "大部分项目能够按计划推进，但仍有2个"),
    ({"on": 0, "behind": 9}, "总体来看，9个项目中仅0个达到或超过序时进度，9个项目进度慢于序时进度，整体进展滞后"),
    ({"on": 3, "behind": 2, "unknown": 2}, "7个项目中仅3个达到或超过序时进度，2个项目进度慢于序时进度"),
    ({"on": 5, "behind": 5}, "10个项目中仅5个达到或超过序时进度"),
    ({"on": 4, "unknown": 6}, "已报送进度的项目均达到或超过序时进度"),
])
def test_the_summary_remark_follows_the_figures(counts, said):
    with override("zh-hans"):
        assert said in _remarks(figures(**counts))
