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
        quirks="mirror of 成办发〔2019〕5号; each item ends in "
               "（牵头领导：…，牵头单位：…，责任单位：…，数据提供单位：…） "
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
        projects=4, first_lead=["县水务局", "县城管局", "县自然资源局"], last_lead=["县卫健委"],
        year=2021, place="宝应县",
        quirks="a repost (place from 塔集、荷韵小镇 in the text, year from the 我为群众办实事 campaign); each project "
               "is a run of labelled paragraphs, the label sometimes alone on its line, once without its colon; "
               "numbers 01–04 zero-padded and sometimes alone on a line",
    ),
    Case(
        id="changxing-2023-docx-paragraphs",
        builder="changxing_docx",
        source="http://www.zjcx.gov.cn/art/2023/2/24/art_1229562864_1670955.html",
        province="浙江", level="county",
        shape="Word paragraphs; sections per leader; 责任单位： paragraph ending in 。",
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
    # --- second batch: provinces and municipalities not in the first --------------------------
    Case(
        id="luohe-2024-prose-completion-items",
        file="ha_luohe_2024_completion_prose.txt",
        source="https://www.97877a.com/nl201/20253516.html",
        province="河南", level="city",
        shape="web prose; 一、 省/市 sections, （一） 实事 names restarting, 1. items numbered through",
        projects=6, sub_projects=1, first_lead=["市人力资源和社会保障局"], last_lead=["市城市管理局"],
        year=2024, place="漯河市",
        first_assisting=[],
        quirks="repost of the city's 完成情况 公示 (10件12项省重点, 10件20项市重点): each 实事 is a （一） heading "
               "(restarting per section) over one or more items numbered 1., 2. … through the whole text; each item "
               "has 责任单位：and 完成情况：lines. "
               "As with 阳东, the 件 is the project and its further 项 a sub-project "
               "((三) has items 3 and 4: 6 projects, 1 sub-project); 责任单位 only, so its units lead",
    ),
    Case(
        id="chuzhou-2020-labelled-leader-lead-assisting",
        file="ah_chuzhou_2020_labels.txt",
        source="http://www.chuzhou.gov.cn/public/152523227/567017766.html",
        province="安徽", level="city",
        shape="web prose, indented; 1. item then 牵头负责领导：/牵头责任单位：/协同责任单位： lines",
        projects=6, first_lead=["市发展改革委"], last_lead=["市民政局", "市卫健委"], year=2020, place="滁州市",
        first_leaders=["周立新"],
        first_assisting=["市经信局", "市商务局", "市交通局", "滁州经开区管委会", "各县、市、区政府"],
        quirks="every line indented by four spaces and separated by blank lines, as the page renders; labels end in "
               "。; the assisting list ends in …等，各县、市、区政府。 where 等 closes the list of bureaus and "
               "各县、市、区政府 is ONE unit (all county-level governments) though it contains 、; 1. with a space "
               "after the dot; sections 一、 are categories, not projects",
    ),
    Case(
        id="changsha-2021-tab-category-rowspan-leader-titles",
        file="hn_changsha_2021_tab.txt",
        source="http://www.ptshed.com/szf/zfgb/2021n/202102280/202104/t20210409_9874339.html",
        province="湖南", level="city",
        shape="web table, tab rows; 目标任务 header over two columns, category merged down; no 序号",
        projects=7, first_lead=["市发展改革委"], last_lead=["市交通运输局"], year=2021, place="长沙市",
        first_assisting=["市统计局", "各区县（市）人民政府"],
        quirks="mirror of 长政发〔2021〕1号 in the 政府公报; the header 目标任务 spans the category and the target "
               "columns, so the header has 4 cells and rows 5 (first of a category) or 4 (the category cell is a "
               "rowspan and is absent from the copy); 责任领导 are titles (常务副市长, 分管副市长), not names; "
               "责任单位 beside 牵头单位 are the assisting units, joined by ， and 、",
    ),
    Case(
        id="xicheng-2020-tab-category-repeated-progress",
        file="bj_xicheng_2020_tab.txt",
        source="https://www.bjxch.gov.cn/xxgk/xxxq/pnidpv884982.html",
        province="北京", level="district",
        shape="web table, tab rows; 类别 repeated on every row before 序号; 全年完成情况",
        projects=7, first_lead=["区发展改革委"], last_lead=["区住房城市建设委"], year=2020, place="西城区",
        first_assisting=[],
        quirks="the category is written out again on each row (类别 column first, 序号 second); completion text full "
               "of 亿元/万元 and percentages that are not money columns; only 牵头单位, so no assisting units",
    ),
    Case(
        id="dongcheng-2021-blocks-no-unit-two-goals",
        file="bj_dongcheng_2021_blocks.txt",
        source="http://www.bjdch.gov.cn/n3952/n4060/c11476944/content.html",
        province="北京", level="district",
        shape="web table, one cell per block; no unit column; 1./2. goals under a merged task",
        projects=5, sub_projects=1, first_lead=[], last_lead=[], year=2021, place="东城区",
        quirks="a 绩效任务 completion table with no unit at all (lead = [] everywhere, nothing invented); task 2 has "
               "two numbered goals in their own rows under a merged 序号/任务名称, so its second row is 2 blocks "
               "(goal, completion) among 4-block rows; completion blocks start with four spaces; the page title "
               "names no place, the site header (北京市东城区人民政府) and our title line do",
    ),
    Case(
        id="jishui-2020-tab-unit-cell-over-two-lines",
        file="jx_jian_jishui_2020_tab.txt",
        source="http://www.jishui.gov.cn/news-show-129764.html",
        province="江西", level="county",
        shape="web table, tab rows; 责任领导 + 责任单位; a unit cell with two lines splits the row",
        projects=6, first_lead=["县教体局", "各相关乡镇政府"], last_lead=["县交通运输局"], year=2020, place="吉水县",
        first_leaders=["邹文辉"],
        quirks="the unit cell holds 县教体局<br>各相关乡镇政府, so the browser copy ends the line after the first "
               "unit and starts the next with the second unit, a tab and the 落实情况; only 责任单位 (with a leader "
               "column), so every unit listed leads; year of the source page not shown in the excerpt, ours is 2020",
    ),
    Case(
        id="changning-2019-blocks-quarter-subheader-domain",
        file="sh_changning_2019_blocks.txt",
        source="https://zwgk.shcn.gov.cn/xxgk/qzfzdgz-ghjh/2022/266/2081.html",
        province="上海", level="district",
        shape="web table, one cell per block; two-row header with four quarters; 领域 merged down",
        projects=5, first_lead=["区发展改革委"], last_lead=["区民政局"], year=2019, place="长宁区",
        first_assisting=["区财政局", "区统计局", "区商务委"],
        quirks="阶段性目标和工作任务量 spans 第一季度…第四季度 in a second header row, "
               "so the header is 11 blocks for 10 "
               "columns; the 领域 (一、经济发展) is a rowspan cell: 10 blocks on the first row of a 领域, 9 on the "
               "others; 重要 项目 with a space; 主责部门/配合部门 as the unit words",
    ),
    Case(
        id="tongliang-2025-progress-tab-multiline-units-sections",
        file="cq_tongliang_2025_progress_tab.txt",
        source="https://www.cqstl.gov.cn/zwgk_171/zfxxgkml/zfgzbgzxqk/202509/t20250919_15024369.html",
        province="重庆", level="district",
        shape="web table, tab rows; section rows; unit cells of 2–4 lines split the row",
        projects=7, first_lead=["区发展改革委"], last_lead=["区城市管理局", "各镇街"], year=2025, place="铜梁区",
        quirks="the unit cell lists one unit per line (区农业农村委 / 区林业局 / 区供销联社 / 区畜牧业发展中心), so "
               "lines with a single unit sit between the row's start and its last unit, tab, progress; section "
               "rows 一、/二、 and （一） subsection rows between data rows; 责任单位 only, so all listed units lead; "
               "the real page title names no place (区政府工作报告), ours names 铜梁区",
    ),
    Case(
        id="zhaoxian-2023-prose-bracket-unit-and-measures",
        file="he_shijiazhuang_zhaoxian_2023_prose.txt",
        source="http://027sfy.com/columns/5bd9fdf6-8c4f-4cac-a80a-fd3c59316a2b/202304/14/b382a70b-20fa-4d58-b7e4-da1beae2eb6e.html",
        province="河北", level="county", shape="web prose; （一） items under 二、主要任务 ending in （责任单位：…）",
        projects=6, first_lead=["县住房和城乡建设局"], last_lead=["县水务局", "各乡镇人民政府"],
        year=2023, place="赵县",
        first_assisting=[],
        quirks="mirror (in traditional characters there; ours simplified) of the county's 民生工程实施方案; the "
               "projects are only the （一）…（六） of 二、主要任务: 一、主要目标 is a paragraph and 三、保障措施 has "
               "（一）…（三） measures with no unit that are not projects",
    ),
    Case(
        id="liaozhong-2024-blocks-leader-last-sometimes-empty",
        file="ln_shenyang_liaozhong_2024_blocks.txt",
        source="http://www.liaozhong.gov.cn/zwgk/fdzdgknr/zfwj/slzzfwj/202401/t20240118_4592091.html",
        province="辽宁", level="district",
        shape="web table, one cell per block; 责任领导 last and empty on the first row",
        projects=5, first_lead=["区农业农村局"], last_lead=["区交通运输局"], year=2024, place="辽中区",
        first_assisting=["区发展改革局", "区工业和信息化局", "沈阳近海经济区管委会"],
        quirks="the first task has no 责任领导, and an empty cell gives no block, so that row has 4 blocks and the "
               "next 序号 follows its 配合单位 directly; section rows (一、做大做强主导产业) as single blocks; "
               "units without the 区 prefix (自然资源分局)",
    ),
    Case(
        id="haicheng-2023-labels-spaced-leader-name",
        file="ln_anshan_haicheng_2023_labels.txt",
        source="http://haicheng.gov.cn/html/HCS/202304/0168136487273416.html",
        province="辽宁", level="city",
        shape="web prose; 1. item then 牵头领导：/牵头单位：/责任单位： lines; （一） subsections",
        projects=5, first_lead=["市工业和信息化局"], last_lead=["市工业和信息化局"], year=2023, place="海城市",
        first_leaders=["刘哲"],
        quirks="a two-character name padded to three (刘 哲), as on the page; 责任单位 beside 牵头单位 are assisting "
               "(各有关部门，各开发区、镇（街道）); （一）千方百计保障企业运行 is a subsection heading, not a "
               "project; a 县级市 under 鞍山",
    ),
    Case(
        id="zhangmu-2024-town-two-columns",
        file="gx_guigang_zhangmu_2024_two_columns.txt",
        source="http://www.luolaoshi.cn/bmsj/032024/1673475.html",
        province="广西", level="town", shape="tab rows, two columns: 序号 | 项目名称：内容; no unit",
        projects=4, first_lead=[], last_lead=[], year=2024, place="樟木镇",
        quirks="repost of the town's 人代会 票决 of four 民生实事 (总投资1100多万元, no per-project amounts); the "
               "name and the content share one cell, split by ：; no unit is named, the 镇人民政府 carries them all "
               "and none is invented",
    ),
    Case(
        id="changsha-xlsx-lead-unit-merged-broken",
        builder="changsha_xlsx",
        source="http://fsou.com/html/text/lar/173862/17386295.html",
        province="湖南", level="city",
        shape="Excel; 牵头单位 first, merged down, name broken over short lines; no 序号",
        projects=8, first_lead=["市政府办公厅"], last_lead=["市民政局"], year=2011, place="长沙市",
        first_assisting=["市直各单位", "各区县（市）"],
        quirks="the source (a 长沙 目标任务 table of about 2011, year not printed in the excerpt) has the lead unit "
               "in a narrow merged first column, written 市政/府办/公厅 and 市/发/改/委 over lines; 责任单位 also "
               "merged down over three targets; header words spaced (目 标 任 务)",
    ),
    Case(
        id="yubei-2024-xlsx-two-sheets",
        builder="yubei_xlsx",
        source="http://ybq.gov.cn/zwgk_263/zcwj/qtwj/202403/t20240311_13025119_wap.html",
        province="重庆", level="district", shape="Excel, two sheets (市级分解 / 区级), numbering restarting; 完成时限",
        projects=7, first_lead=["区住房城乡建设委"], last_lead=["区卫生健康委"], year=2024, place="渝北区",
        first_assisting=["区财政局", "相关街道"],
        quirks="渝北府办发〔2024〕5号 lists 两大类33项 (市级分解至我区15项, 区级18项) in 附件1; ours puts each kind "
               "on its own sheet with its own title and header; a 配合单位 cell with two lines",
    ),
    Case(
        id="gaosheng-2020-town-docx-money-total",
        builder="gaosheng_docx",
        source="http://www.zbwytg.com.cn/zjrd/content_415631",
        province="重庆", level="town",
        shape="Word table; vMerge over 序号/名称/资金/单位; 投入资金（万元）; 合计 row; 进展情况",
        projects=4, sub_projects=1, first_lead=["镇建设环保办"], last_lead=["镇平安办"], year=2020, place="高升镇",
        investment=Decimal("2271"),
        quirks="the source is the 人大 report of the town's half-year 民生实事 progress "
               "(四件: 污水处理厂扩容, 场镇功能设施 "
               "180万元 with a 停车场 and 2 公厕, 四好农村公路 1451万元, 平安·和美村庄 20万元); the 污水处理厂 amount "
               "(620) is ours. The second 实事's two contents sit under merged cells, money merged too; 合计 row "
               "merged over three columns is not a project",
    ),
    Case(
        id="wuzhou-2024-csv-gbk-yi-yuan-total",
        file="gx_wuzhou_2024_gbk.csv",
        source="http://www.dms-tf.com/news/mtjj/2024-02-22/5122.html",
        province="广西", level="city", shape="CSV saved by Excel in GBK; 年度计划投资（亿元）; 合计 row",
        projects=6, first_lead=["市教育局"], last_lead=["市住房城乡建设局"], year=2024, place="梧州市",
        first_assisting=[],
        investment=Decimal("196000"), investment_field="annual_investment",
        quirks="repost of the city's 为民办实事“十大”工程 (57 市本级 projects, 年度投资计划19.6亿元, per 工程 a "
               "项目数 and 主要实施内容); ours gives each 工程 an amount in 亿元 (3.2 → 32000 万元) adding up to the "
               "19.6 of the 合计 row, and the units; the file is GBK, as Excel on a Chinese Windows saves CSV",
    ),
    Case(
        id="yuzhong-2023-docx-paragraph-labels",
        builder="yuzhong_docx",
        source="https://yzwmsj.cbg.cn/show/4289-2640435.html",
        province="重庆", level="district", shape="Word paragraphs; 1. target, 牵头单位： and 责任单位： paragraphs",
        projects=5, first_lead=["区发改委"], last_lead=["区住房城乡建委"], year=2023, place="渝中区",
        first_assisting=["各产业主管部门"],
        quirks="the media repost of the district's 171-task 分解 prints each target then 牵头单位：/责任单位： lines; "
               "ours is that list as a .docx of paragraphs; 责任单位 beside 牵头单位 are assisting; lists end in 等",
    ),
]
