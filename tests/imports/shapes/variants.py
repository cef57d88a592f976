"""Variants of three shapes of tests/imports/shapes/cases.py, so the reader is built for the kind, not the page.

The web tables of 山福镇, 萧县 and 上城区, pasted one cell a block, did not read: a title taken into
the header, header words none of the vocabulary's, one unknown word in the middle of the header.
Each variant here is a table of our own in one of those shapes with other wording, another number
of columns, a short line (附件, 民生实事) just above the header, a note under the table or a unit
merged over two rows; `source` is the page whose shape it varies. Every variant is read in every
form, as the cases are (tests/imports/test_table_shapes.py), and was counted by hand before the
importer read it.
"""

from tests.imports.shapes.cases import ShapeCase

SHANFU = "http://www.wzrd.gov.cn/art/2018/4/16/art_1382130_17369576.html"
XIAOXIAN = "https://www.ahxx.gov.cn/xxdt/ztzl/xxmsgc/gggs/163042521.html"
SHANGCHENG = "https://www.hzsc.gov.cn/art/2019/8/23/art_1229231327_1983682.html"

VARIANTS = [
    # 名称：内容 cells under a title line that names a column itself (民生实事 is a 项目名称 word).
    ShapeCase(
        id="variant-zeya-2020-name-colon-content-under-a-column-word",
        file="variant_name_colon_content_titled.txt", source=SHANFU,
        province="浙江", level="town", shape="序号 | 项目名称及内容 | 责任单位 under a line 民生实事",
        projects=5, first_lead=["镇农业办"], last_lead=["镇文化站"], year=2020, place="泽雅镇",
        first_name="饮水安全工程", first_content="完成3个村供水管网改造，惠及群众2000人。",
        quirks="three columns; the line above the header is one header word, which the header words alone "
               "take as its first column",
    ),
    ShapeCase(
        id="variant-dajing-2021-name-colon-content-two-columns-and-a-note",
        file="variant_name_colon_content_two_columns.txt", source=SHANFU,
        province="浙江", level="town", shape="编号 | 实事项目 under 附件, a 注： line under the table",
        projects=6, first_lead=[], last_lead=[], year=2021, place="大荆镇",
        first_name="幼儿园扩容", first_content="新建公办幼儿园1所，新增学位270个。",
        quirks="two columns, neither 序号 nor 项目名称 as words; a one-word line above the header and a note "
               "under the last row",
    ),
    # Progress tables whose header words the vocabulary lacks: the roles come from the cells.
    ShapeCase(
        id="variant-lingbi-2024-progress-six-unknown-words",
        file="variant_progress_six_unknown_words.txt", source=XIAOXIAN,
        province="安徽", level="county", shape="位次 | 实事名目 | 推进目标 | 当前状况 | 承接主体 | 百分比, a note",
        projects=5, first_lead=["县教育局"], last_lead=["县商务局"], year=2024, place="灵璧县",
        first_name="城区公办幼儿园建设", first_progress="2所主体完工",
        quirks="six header words, every one unknown (位次 included, so not even the number column is known "
               "by its word); a title without …表; a note under the table",
    ),
    ShapeCase(
        id="variant-sixian-2023-progress-eight-columns",
        file="variant_progress_eight_columns.txt", source=XIAOXIAN,
        province="安徽", level="county", shape="序号 and seven unknown words: two unit columns, a leader, a percent",
        projects=5, first_lead=["县水利局"], last_lead=["县住建局"], year=2023, place="泗县",
        first_assisting=["各乡镇", "县财政局"], last_assisting=["县城管局"],
        first_name="城乡供水一体化", first_progress="已完成管网铺设120公里", first_leaders=["王建华"],
        quirks="eight columns; the first unit column leads, the second assists, 挂点 holds leaders' names",
    ),
    # One unknown word in the middle of a header the words otherwise name.
    ShapeCase(
        id="variant-gongshu-2020-unknown-word-and-a-merged-unit",
        file="variant_unknown_word_merged_unit.txt", source=SHANGCHENG,
        province="浙江", level="district", shape="序号 | 项目 | 具体指标 | 责任单位, the unit merged over rows 1-2",
        projects=5, first_lead=["区住建局"], last_lead=["区文广旅体局"], year=2020, place="拱墅区",
        leads=[["区住建局"], ["区住建局"], ["区民政局"], ["区卫健局"], ["区文广旅体局"]],
        quirks="four columns; 具体指标 unknown after only two known words; row 2 has no unit block of its own "
               "(merged with row 1's), so the rows are not all as far apart",
    ),
    ShapeCase(
        id="variant-fuyang-2022-unknown-word-six-columns",
        file="variant_unknown_word_six_columns.txt", source=SHANGCHENG,
        province="浙江", level="district",
        shape="序号 | 任务名称 | 量化要求 | 完成时限 | 牵头单位 | 配合单位, under 附件",
        projects=5, first_lead=["区教育局"], last_lead=["区市场监管局"], year=2022, place="富阳区",
        first_assisting=["区财政局", "区自然资源规划局"], last_assisting=["区商务局", "各乡镇（街道）"],
        first_name="城区学校扩容",
        quirks="six columns; a one-word line 附件 between the title and the header; a note under the table",
    ),
]
