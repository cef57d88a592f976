"""Random responsibility tables, as rows of cell texts: most look like a real one, some barely at all.

A table is a title, a header of known column words (or of any words), then category rows and item rows
whose cells are numbers in the numbering styles tables use, Chinese unit and leader names, amounts in
万元 or 亿元, percents, quarters' plans, empty cells and, now and then, text of any kind or length."""

from hypothesis import strategies as st

from tests.imports.files import Rows

JURISDICTIONS = ["鲤城区", "泉州市鲤城区", "鹿城区", "新塘街道", "台商投资区", "某某县"]
KINDS = ["为民办实事项目责任分解表", "民生实事项目责任分解表", "政府工作报告目标任务分解表", "民生实事项目进展表",
         "重点工作清单"]
COLUMNS = ["序号", "项目名称", "主要内容", "项目内容", "建设内容", "推荐理由", "前期准备情况", "总投资（万元）",
           "年度投资", "计划投资", "区财政", "上级补助", "镇村自筹", "资金来源", "牵头单位", "承办单位", "协办单位",
           "责任单位", "分管领导", "责任领导", "责任人", "完成时限", "建设年限", "1季度", "2季度", "3季度", "4季度",
           "进展情况", "完成比例", "备注"]
UNITS = ["区住建局", "区卫健局", "区教育局", "区民政局", "区财政局", "区人社局", "区综合行政执法局", "各街道",
         "浮桥街道", "市直驻街道有关单位", "区委办（区政府办）"]
LEADERS = ["张剑辉", "王伟", "李", "欧阳明月", "陈副区长"]

# Any text a cell may hold: letters, digits, punctuation, spaces, line breaks and, now and then, a control
# character (more than a few in a file make it binary, not text).
ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]) | st.sampled_from("\t\n\r\x00\x0b"),
                   max_size=40)
CHINESE = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF) | st.sampled_from("，。、（）《》：；0123"),
                  min_size=1, max_size=30)


@st.composite
def numbers(draw) -> str:
    """A project's number as tables print them, or something that only looks like one."""
    n = draw(st.integers(0, 120))
    chinese = "一二三四五六七八九十"[n % 10]
    return draw(st.sampled_from([
        str(n), f"{n}.", f"{n}、", f"（{n}）", f"({n})", f"{chinese}、", f"（{chinese}）", "①②③④⑤"[n % 5],
        f"{n}-{n % 3 + 1}", "", "★", draw(ANY_TEXT)[:6],
    ]))


@st.composite
def amounts(draw) -> str:
    """An amount in 万元 as typed into a table: plain, with separators, in 亿元, negative, too large, not one."""
    value = draw(st.decimals(min_value=-10, max_value=10**16, allow_nan=False, allow_infinity=False, places=4))
    return draw(st.sampled_from([
        f"{value}", f"{value:,}", f"{value}万元", f"{value}亿元", f"{value:e}", "", "—", "/", "待定",
        f"区财政{value}万元，上级补助{value}万元", "拟定100",
    ]))


@st.composite
def percents(draw) -> str:
    return draw(st.sampled_from(["{}%", "{}％", "完成{}%", "已完成", "{}"])).format(draw(st.integers(-5, 150)))


@st.composite
def units(draw) -> str:
    names = draw(st.lists(st.sampled_from(UNITS) | CHINESE, min_size=0, max_size=4))
    return draw(st.sampled_from(["、", "，", "\n", " ", "；"])).join(names)


def cell_for(column: str) -> st.SearchStrategy[str]:
    """What a column of this header word holds, and sometimes anything at all."""
    if column == "序号":
        typed = numbers()
    elif "投资" in column or column in ("区财政", "上级补助", "镇村自筹", "资金来源"):
        typed = amounts()
    elif column == "完成比例":
        typed = percents()
    elif "单位" in column:
        typed = units()
    elif "领导" in column or column == "责任人":
        typed = st.lists(st.sampled_from(LEADERS), max_size=3).map("、".join)
    elif "季度" in column or column in ("完成时限", "建设年限"):
        typed = st.sampled_from(["2023年底", "完成年度任务数的50%", "启动", "2023-2025", "12月底前"]) | CHINESE
    else:
        typed = CHINESE
    return st.one_of(typed, typed, typed, st.just(""), ANY_TEXT)


@st.composite
def titles(draw) -> tuple[str, ...]:
    year = draw(st.integers(2020, 2030) | st.sampled_from([1999, 2000, 2100, 2101]))  # and years out of range
    place, kind = draw(st.sampled_from(JURISDICTIONS)), draw(st.sampled_from(KINDS))
    written = st.sampled_from([f"{year}年{place}{kind}", f"{place} {year} 年度{kind}", f"{year}年{place}{kind}",
                               f"{year}年{kind}"])
    return (draw(st.one_of(written, written, written, ANY_TEXT.filter(str.strip))),)


@st.composite
def tables(draw, *, max_rows: int = 8) -> Rows:
    """A title, a header row, category and item rows; every row a tuple of cell texts.

    Three tables in four are plausible (a title naming the place and year, a header with 序号 and
    项目名称, items numbered in turn and named), so that many are imported; the rest are anything."""
    # Hypothesis starts from (and shrinks towards) the first choice of each draw: a plausible table.
    plausible = draw(st.integers(0, 3)) < 3
    if plausible:
        others = draw(st.lists(st.sampled_from(COLUMNS[2:]), max_size=8, unique=True))
        header = ["序号", "项目名称", *sorted(others, key=COLUMNS.index)]
    else:
        header = draw(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=10, unique=True)
                      | st.lists(ANY_TEXT, min_size=1, max_size=6))
    rows: Rows = []
    if plausible or not draw(st.booleans()):
        rows.append(draw(titles()))
    rows.append(tuple(header))
    for n in range(1, draw(st.integers(int(plausible), max_rows)) + 1):
        if draw(st.integers(0, 5)) == 0:  # a category row, alone in its first cell
            rows.append((f"{draw(numbers())}{draw(CHINESE)}（{draw(st.integers(0, 20))}项）",))
            continue
        cells = [draw(cell_for(column)) for column in header]
        if plausible and draw(st.integers(0, 29)) < 29:
            cells[:2] = [str(n), draw(CHINESE)]
        if not plausible and draw(st.integers(0, 6)) == 0:  # a short row
            cells = cells[: draw(st.integers(0, len(cells)))]
        rows.append(tuple(cells))
    # Writers and readers drop trailing empty cells; a row of nothing is a blank line.
    return [row for row in rows if any(row)] or [("序号",)]
