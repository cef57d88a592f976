"""Test tables written after real responsibility and progress tables published outside Fujian.

Each case is a small table of our own in the shape of one public table: its layout, header words,
numbering, merges, wrapped and multi-unit cells, unit and leader naming and money columns. The
wording is ours (unit and place names and some figures carry over; leader names are invented).
`source` is the page the shape was studied on; several are mirrors or the notice that carries
the table, as noted in `quirks`.

Expectations are counted by hand, as the person importing the table would count them:

* `projects`: top-level projects (rows of a 序号, items of a prose list);
* `sub_projects`: rows that belong under a project (a second indicator of the same task, the
  several 具体内容 of one 民生实事 whose 序号 is merged down over them); 0 when none;
* `first_lead` / `last_lead`: the lead units of the first and last project, as stored. Where a
  table has only one unit column (责任单位) with no word on who leads, every unit it lists is
  responsible, so all are lead units; where the document says the first listed leads
  (列第一位者为牵头单位), only that one is; where prose names the unit in a section heading
  (一、县住建局牵头工作), that unit leads every item of the section;
* `first_assisting`: the assisting units of the first project, where the table makes them plain;
* `investment`: the sum of the money column in 万元, read into `investment_field`. Every table
  here with money has that one money column only, so the other money field stays empty.
"""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Case:
    id: str
    source: str
    province: str
    level: str  # county / district / town / city
    shape: str
    projects: int
    first_lead: list[str]
    last_lead: list[str]
    year: int
    place: str  # the last element of the jurisdiction
    file: str = ""  # a file in this folder, or
    builder: str = ""  # the name of a function in tests/imports/test_real_tables.py giving (name, bytes)
    sub_projects: int = 0
    investment: Decimal | None = None
    investment_field: str = "total_investment"
    quirks: str = ""
    first_leaders: list[str] = field(default_factory=list)  # checked when the table names leaders
    first_assisting: list[str] | None = None  # checked when given; [] where the table has no such units


CASES = [
    Case(
        id="haishu-2024-prose-by-leader",
        file="zj_ningbo_haishu_2024_prose.txt",
        source="https://www.haishu.gov.cn/art/2024/2/7/art_1229564959_1785429.html",
        province="浙江", level="district", shape="web prose; sections per leader; 1. restarting; 责任单位 line",
        projects=6, first_lead=["区财政局"], last_lead=["区卫生健康局"], year=2024, place="海曙区",
        first_assisting=[],
        quirks="notice text above the list; each section is 一、XX区长牵头重点工作 and numbering restarts at 1; "
               "the unit is a line of its own under the item; 列第一位者为牵头或汇总单位 said once in a bracket",
    ),
    Case(
        id="keqiao-2023-progress-tab-rows",
        file="zj_shaoxing_keqiao_2023_progress.txt",
        source="https://www.kq.gov.cn/art/2023/11/16/art_1229760972_59195505.html",
        province="浙江", level="district", shape="web table, tab rows; quarter target and progress columns",
        projects=5, sub_projects=2, first_lead=["区教体局"], last_lead=["区民政局"], year=2023, place="柯桥区",
        quirks="a task's second indicator sits in its own <tr> under cells merged down (rowspan), so the "
               "browser copy puts it alone at the start of a line; 一季度目标 and two progress-like headers; "
               "a tabbed 发布时间 line above the header",
    ),
    Case(
        id="cangnan-2022-progress-blocks",
        file="zj_wenzhou_cangnan_2022_blocks.txt",
        source="http://www.cncn.gov.cn/art/2022/12/14/art_1229664772_59047997.html",
        province="浙江", level="county", shape="web table, one cell per block; 项目内容 without a name column",
        projects=6, first_lead=["县教育局"], last_lead=["县文广旅体局"], year=2022, place="苍南县",
        quirks="no 项目名称: the target sentence under 项目内容 is all a row says; 当前进度 is a percent with a "
               "bracketed reason; 备注 tells 市/县民生实事 apart",
    ),
    Case(
        id="sizhoutou-2024-town-wrapped-headers",
        file="zj_xiangshan_sizhoutou_2024_blocks.txt",
        source="http://www.xiangshan.gov.cn/art/2024/8/1/art_1229682896_4417827.html",
        province="浙江", level="town", shape="web table, one cell per block; header words wrapped over two blocks",
        projects=5, first_lead=["水库政策处理工作领导小组"], last_lead=["海洋渔业办"], year=2024, place="泗洲头镇",
        first_leaders=["陈立军"],
        quirks="header cells written as 责任<p>领导, 责任<p>科室, 攻坚目标<p>任务, 工作任务安排<p>第二季度 come out as "
               "two blocks each, so the header has 11 blocks for 7 columns; a town's 科室/办 as units; a "
               "领导小组 as the lead",
    ),
    Case(
        id="yunyang-2023-blocks-sections-with-leaders",
        file="hb_shiyan_yunyang_2023_blocks.txt",
        source="http://yunyang.shiyan.gov.cn/xxgkxi/zc/zfwj/yzf/202302/t20230213_4182632.shtml",
        province="湖北", level="district", shape="web table, one cell per block; section rows naming leaders",
        projects=6, first_lead=["区发改局"], last_lead=["区住建局"], year=2023, place="郧阳区",
        first_assisting=["区统计局", "各乡镇"],
        first_leaders=["刘建华", "赵明"],
        quirks="header 目  标  任  务 spaced out; section rows span the table (one block among five-cell rows) "
               "and carry （牵头领导：…） for all targets under them; ★ marks binding targets; 责任人 column",
    ),
    Case(
        id="chengdu-2019-prose-brackets",
        file="sc_chengdu_2019_prose.txt",
        source="https://0798ci.com/rule/79109.html",
        province="四川", level="city", shape="web prose; （一） restarting per section; units in a trailing bracket",
        projects=6, first_lead=["市发改委"], last_lead=["市住建局", "市房管局"], year=2019, place="成都市",
        first_leaders=["邓文彬"],
        quirks="mirror of 成办发〔2019〕5号; each item ends in （牵头领导：…，牵头单位：…，责任单位：…，数据提供单位：…） "
               "with commas between the roles and 、 between units; 各区（市）县政府 as a unit",
    ),
    Case(
        id="chengdu-2022-prose-semicolons",
        file="sc_chengdu_2022_prose.txt",
        source="http://gxrzs.yfsoft.com.cn/64179.html",
        province="四川", level="city", shape="web prose; 1. numbered through; （牵头单位：…；责任单位：…）",
        projects=7, first_lead=["市发改委"], last_lead=["市住建局"], year=2022, place="成都市",
        quirks="repost of the city's 2022 分解方案; roles split by ；; 数据提供单位 is neither lead nor assisting",
    ),
    Case(
        id="yangdong-2024-docx-merged-items",
        builder="yangdong_docx",
        source="http://www.yangdong.gov.cn/zdly/zdxm/content/post_836376.html",
        province="广东", level="district", shape="Word table; 序号 and 民生实事 merged down over 具体内容 rows",
        projects=9, first_lead=["区民政局"], last_lead=["区卫生健康局"], year=2024, place="阳东区",
        quirks="the notice says 十件民生实事共25项内容 in an attached 完成情况表.docx (not readable here): one "
               "实事 spans several 具体内容 rows under vertically merged cells; title starts with the year. As "
               "everywhere in the product (and as the same table flattened to text reads), a 实事 whose "
               "具体内容 fill rows of their own is a group: the 实事 becomes the category and each 具体内容 "
               "row a project named by its content (3+2+1+3 rows: 9 projects in 4 categories)",
    ),
    Case(
        id="gaotang-2024-xlsx-category-no-number",
        builder="gaotang_xlsx",
        source="http://www.gaotang.gov.cn/site_gtgtxrmzfbgsc/channel_x_5265_6201/doc_660bc75d70ff59102ab2ab7c.html",
        province="山东", level="county", shape="Excel; 类别 merged down; no 序号; 任务内容 as the only text",
        projects=8, first_lead=["县发改局"], last_lead=["县卫健局", "县医保局"], year=2024, place="高唐县",
        first_assisting=[],
        first_leaders=["王振宇"],
        quirks="the 解读 names the four columns 类别、任务内容、牵头领导、责任单位 (149 tasks); category cells "
               "merged over their rows; title merged across the sheet; a unit cell with two lines",
    ),
    Case(
        id="erlianhaote-2024-csv-sections",
        file="nm_xilingol_erlianhaote_2024.csv",
        source="http://www.elht.gov.cn/mobile/c/2024-04-02/97683.shtml",
        province="内蒙古", level="city", shape="CSV (UTF-8 with BOM); 方面 section rows with declared counts",
        projects=7, first_lead=["市口岸办"], last_lead=["市卫健委"], year=2024, place="二连浩特市",
        first_assisting=["二连海关", "二连边检站", "市商务局"],
        quirks="the 解读 gives five 方面 with their task counts and 牵头单位、配合单位、完成时限; section rows end in "
               "（分解任务N项）; 二连海关/边检站 as units; 长期坚持 as a deadline",
    ),
    Case(
        id="qinxian-2025-prose-unit-sections",
        file="sx_changzhi_qinxian_2025_prose.txt",
        source="https://m.ltwz.net/news/DPweP9gqoV.html",
        province="山西", level="county", shape="web prose; sections named by the lead unit; 1. restarting",
        projects=7, first_lead=["县示范区管委会"], last_lead=["县住建局"], year=2025, place="沁县",
        quirks="the unit leads a whole section (一、县示范区管委会牵头工作（8项）) and items carry no unit of their "
               "own; numbering restarts per section; money only inside the sentence",
    ),
    Case(
        id="yangxian-2024-xlsx-annual-money",
        builder="yangxian_xlsx",
        source="http://www.jzzrppj.com.cn/yxzf/yxzwgk/zfwj/xzfwj/202404/24ac3dc04d75462894bca43c3c2ec4f1.shtml",
        province="陕西", level="county", shape="Excel; 年度投资金额（万元）; 建设地点/建设时间; 合计 row",
        projects=6, first_lead=["教体局"], last_lead=["人社局", "教体局"], year=2024, place="洋县",
        first_assisting=[],
        investment=Decimal("10690"), investment_field="annual_investment",
        quirks="mirror of 洋政发〔2024〕8号 清单; units without the 县 prefix (教体局, 住建局); place and year "
               "columns nobody asked for; a 合计 row at the bottom",
    ),
    Case(
        id="baoying-2021-labelled-blocks",
        file="js_yangzhou_baoying_2021_labels.txt",
        source="https://laobiganzi.top/149649.html",
        province="江苏", level="county", shape="web prose; 01 项目名称：/项目内容：/责任单位：/进展与成效： labels",
        projects=4, first_lead=["县水务局", "县城管局", "县自然资源局"], last_lead=["县卫健委"], year=2021, place="宝应县",
        quirks="a repost (place from 塔集、荷韵小镇 in the text, year from the 我为群众办实事 campaign); each project "
               "is a run of labelled paragraphs, the label sometimes alone on its line, once without its colon; "
               "numbers 01–04 zero-padded and sometimes alone on a line",
    ),
    Case(
        id="changxing-2023-docx-paragraphs",
        builder="changxing_docx",
        source="http://www.zjcx.gov.cn/art/2023/2/24/art_1229562864_1670955.html",
        province="浙江", level="county", shape="Word paragraphs; sections per leader; 责任单位： paragraph ending in 。",
        projects=6, first_lead=["县财政局"], last_lead=["县卫生健康局"], year=2023, place="长兴县",
        quirks="the same list as the web page but as a .docx of paragraphs, no table at all; 责任单位 ends with 。",
    ),
    Case(
        id="jiyang-2023-town-prose-money",
        file="zj_zhuji_jiyang_2023_prose.txt",
        source="http://www.zhuji.gov.cn/art/2024/1/17/art_1229561805_1894087.html",
        province="浙江", level="town", shape="web prose; 第一项： items; money in the sentence; no unit named",
        projects=5, first_lead=[], last_lead=[], year=2023, place="暨阳街道",
        investment=Decimal("1110"),
        quirks="a 街道 completion report: the 街道 itself carries every item (资金由街道负责), city bureaus only "
               "subsidise; amounts are 约…万元 inside prose, one item with two amounts (250 + 100). No item names "
               "a unit, and the importer invents none: the lead units stay empty for the admin to fill",
    ),
]
