"""Issue 17 item 3: table shapes the importer should read without help, each after a real public page.

Each file here is a small table of our own in the shape of one public page (its address in
`source`); the wording is ours, names of places and units and some figures carry over. A file is
written as the table's cells separated by tabs, one row a line (or, for records, the lines as
they stand), and a cell merged down from the row above is written 〃. From it the test builds
every form the table arrives in (tests/imports/test_table_shapes.py):

* `tab`: pasted from a web page as tab-separated rows; a cell merged from above is missing from
  its row, as a browser copies a <td rowspan>;
* `blocks`: pasted one cell per line with a blank line between cells, as the pages studied copy
  (tests/imports/real/zj_wenzhou_cangnan_2022_blocks.txt); again the merged cell appears once,
  on its first row;
* `xlsx`: built with openpyxl, each 〃 merged into the cell above;
* `docx`: a Word table built with python-docx, each 〃 merged into the cell above;
* for records (no tabs): `text`, `xlsx` with one line per row in column A, and `docx` paragraphs.

Expectations were counted by hand before the importer read these files, as in
tests/imports/real/cases.py (same fields), plus:

* `leads`: every project's lead units in order, where merged cells make the per-row reading the
  point of the table;
* `first_name`, `first_content`: the first project's name and what will be done, where the shape
  holds both in one cell (名称：内容);
* `first_progress`: words the first project's progress text must contain (progress tables);
* `last_assisting`: the last project's assisting units.

Nowhere may a unit or a person be a number, a bullet or a punctuation mark (checked for every case).
"""

from dataclasses import dataclass, field

from tests.imports.real.cases import Case

GRID_FORMS = ("tab", "blocks", "xlsx", "docx")
RECORD_FORMS = ("text", "xlsx", "docx")


@dataclass(frozen=True)
class ShapeCase(Case):
    forms: tuple[str, ...] = GRID_FORMS
    leads: list[list[str]] | None = None
    first_name: str = ""
    first_content: str = ""
    first_progress: str = ""
    last_assisting: list[str] | None = None
    fails_today: dict[str, str] = field(default_factory=dict)


CASES = [
    ShapeCase(
        id="shanfu-2018-town-name-colon-content",
        file="zj_wenzhou_shanfu_2018_name_colon_content.txt",
        source="http://www.wzrd.gov.cn/art/2018/4/16/art_1382130_17369576.html",
        province="浙江", level="town", shape="two columns: 序号 | 项目名称及建设内容, the cell 名称：内容",
        projects=7, first_lead=[], last_lead=[], year=2018, place="山福镇",
        first_name="低保暖心工程", first_content="为全镇低保对象统一投保城乡小额人身意外保险。",
        quirks="the town's people's congress page lists ten projects each as a name and what it does "
               "(农田水利…工程：完成主要河道治理…); put here in the two-column table such lists are printed in; "
               "no unit is named, so none is invented",
    ),
    ShapeCase(
        id="yima-2022-city-key-value-records",
        file="ha_sanmenxia_yima_2022_key_value_records.txt",
        source="https://cb99.cn/pageView/collectionDetail.html?id=2884",
        province="河南", level="county", shape="records: 项目名称：… 项目内容：… 责任单位：… 完成时限：…, no numbers",
        forms=RECORD_FORMS,
        projects=5, first_lead=["市住建局"], last_lead=["市水利局"], year=2022, place="义马市",
        first_name="城区老旧小区改造", first_content="改造千秋路以北老旧小区6个，惠及居民1200户。",
        quirks="义马 (a county-level city of 三门峡) asks each project be given as 项目名称、项目内容、建设意义、"
               "建设时间; its list is published record after record with those labels, no 序号",
    ),
    ShapeCase(
        id="dongpo-2019-district-merged-unit",
        file="sc_meishan_dongpo_2019_merged_unit.txt",
        source="https://www.ms.gov.cn/info/5565/1083570.htm",
        province="四川", level="district", shape="web table, 责任单位 merged over rows; tab rows and one cell a block",
        projects=7, first_lead=["区人社局"], last_lead=["区文广旅局"], year=2019, place="东坡区",
        leads=[["区人社局"], ["区交通运输局"], ["区交通运输局"], ["区教体局"], ["区民政局"], ["区民政局"],
               ["区文广旅局"]],
        quirks="眉山's 完成情况表 (东坡区 one of its rows) is copied one cell per block and names each unit once over "
               "the rows it is responsible for (merged cells); our table a district's own list in that shape",
    ),
    ShapeCase(
        id="huichang-2023-county-progress-unknown-headers",
        file="jx_ganzhou_huichang_2023_unknown_headers.txt",
        source="http://www.huichang.gov.cn/hcxxxgk/hc1373/202403/ac532136c88e40c999782114a0b6a02f.shtml",
        province="江西", level="county", shape="progress table: 工作事项 | 推进情况 | 承办部门 | 完成率",
        projects=6, first_lead=["县教科体局"], last_lead=["县文广新旅局"], year=2023, place="会昌县",
        first_name="新建城区公办幼儿园2所，新增学位720个", first_progress="主体完工",
        quirks="the county's monthly 通报 of its 民生实事 counts 完成率 and 开工率; its table's header words are "
               "none of the vocabulary's (工作事项, 推进情况, 承办部门, 完成率)",
    ),
    ShapeCase(
        id="xiaoxian-2025-county-progress-words-unknown",
        file="ah_suzhou_xiaoxian_2025_unknown_headers.txt",
        source="https://www.ahxx.gov.cn/xxdt/ztzl/xxmsgc/gggs/163042521.html",
        province="安徽", level="county", shape="progress table: 实事内容 | 目前进度 | 主体单位 | 完成率, no word known",
        projects=6, first_lead=["县民政局"], last_lead=["县住建局"], year=2025, place="萧县",
        first_name="建设嵌入式养老机构2个", first_progress="已建成1个",
        quirks="the county's 民生办 reports each month how far each 实事 has come, as a count done and a percent "
               "(2个嵌入式养老机构建设已完成1个（50%）); our table puts that in columns whose header words the "
               "vocabulary does not know, so the roles come from the cells",
    ),
    ShapeCase(
        id="shangcheng-2019-district-numbered-units",
        file="zj_hangzhou_shangcheng_2019_numbered_units.txt",
        source="https://www.hzsc.gov.cn/art/2019/8/23/art_1229231327_1983682.html",
        province="浙江", level="district", shape="配合部门 cells holding numbered lists: 1.区财政局 2.各街道办事处",
        projects=5, first_lead=["区住房和城建局"], last_lead=["区教育局"], year=2019, place="上城区",
        first_assisting=["区财政局", "各街道办事处"], last_assisting=["区财政局", "区住房和城建局"],
        quirks="the district's 目标任务分解表 (序号 | 任务名称 | 指标要求 | 牵头部门 | 配合部门 | 目标类型) lists many "
               "配合部门 in one cell; here numbered inside the cell (1. 1、 ①) as Word tables often do",
    ),
]
