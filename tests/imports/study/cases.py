"""Study of issue 17: tables of our own after 22 real ones nobody here had studied.

Each case is a small text of our own in the shape of one public page (its address in `source`):
the way its list is written (flattened into one line, 一是…二是…, （1）…（2）… run together,
《…》《…》 titles, items glued two to a line, role brackets, role lines, numbers glued to the
name, numbering restarting under each category, a number alone on its line). Names of places
and units and some figures carry over; the wording is ours and leader names are invented.

The expectations were counted by hand before the importer ever read these texts, as in
tests/imports/real/cases.py, plus:

* `categories`: how many categories a reader sees (一、产业项目 over its items, 已完成任务 /
  已开工建设任务 over theirs); None where the only headings are the notice's own sections
  (一、工作目标 二、工作任务 三、保障措施): a reader calls them neither categories nor projects,
  and either reading of them is acceptable as long as no section becomes a project;
* `forms`: the forms the table arrives in. Every table here is a web page or a notice's prose,
  so it arrives as pasted text, as an Excel sheet with one paragraph per row in column A, and as
  a Word document of paragraphs;
* `fails_today`: form -> what goes wrong today, in a few words. The test marks those forms
  xfail(strict=True), so the day a change makes one read right the suite says so and the entry
  is removed.

Where an item names no unit, none is invented (lead units stay empty for the admin to fill),
as with 暨阳 and 樟木 in the first study.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from tests.imports.real.cases import Case

FORMS = ("text", "xlsx", "docx")
# The 19 provinces and municipalities of the first study (README, tests/imports/real/cases.py).
STUDIED_BEFORE = {
    "浙江", "江苏", "安徽", "江西", "山东", "河南", "河北", "山西", "内蒙古", "辽宁", "湖北", "湖南", "广东",
    "广西", "四川", "重庆", "陕西", "北京", "上海",
}


@dataclass(frozen=True)
class StudyCase(Case):
    categories: int | None = None
    forms: tuple[str, ...] = FORMS
    fails_today: dict[str, str] = field(default_factory=dict)


CASES = [
    # --- places outside the first study ------------------------------------------------------
    StudyCase(
        id="gangu-2020-county-list-in-one-line",
        file="gs_tianshui_gangu_2020_flattened_parens.txt",
        source="http://www.gangu.gov.cn/info/1481/326551.htm",
        province="甘肃", level="county", shape="news prose; （1）…（8） run together inside one paragraph",
        projects=8, categories=0, first_lead=[], last_lead=[], year=2020, place="甘谷县",
        quirks="the county's 融媒体中心 report of the 政府工作报告: the whole list follows 分别是： in the same "
               "paragraph, items closed by 。 and numbered （1） to （15） (ours 8); an 索引号 line; no unit named",
    ),
    StudyCase(
        id="qinan-2015-county-semicolon-run",
        file="gs_tianshui_qinan_2015_semicolon_run.txt",
        source="http://yhg994208.cn/news/qa/201502112048124472.html",
        province="甘肃", level="county", shape="news prose; unnumbered items separated by ； in one sentence",
        projects=7, categories=0, first_lead=[], last_lead=[], year=2015, place="秦安县",
        quirks="mirror of the 天水 news of 秦安县's 十件民生实事 (ours seven): no numbers at all, the items are the "
               "clauses of one sentence after 分别是：, split by ； and closed by 。; blank lines between paragraphs",
    ),
    StudyCase(
        id="tianzhu-2023-county-book-title-list",
        file="gs_wuwei_tianzhu_2023_book_title_list.txt",
        source="http://www.gstianzhu.gov.cn/art/2023/7/3/art_3818_1118397.html",
        province="甘肃", level="county",
        shape="政策解读 prose; the items as 《…》《…》 titles run together in one line",
        projects=7, categories=None, first_lead=[], last_lead=[], year=2023, place="天祝藏族自治县",
        quirks="the 解读 of the county's 实施方案 lists the 10 县列 实事 (ours 7) as document titles in book-title "
               "marks, one after another inside a sentence; the first 《通知》 is the notice, not an item; "
               "sections 一、出台的目的 二、主要内容 三、保障措施; an autonomous county's full name",
    ),
    StudyCase(
        id="qiongshan-2016-district-yishi-ershi",
        file="hi_haikou_qiongshan_2016_yishi_ershi.txt",
        source="http://m.yinhu3.com/news/content/2016-02/25/content_2840283.htm",
        province="海南", level="district", shape="news prose; 一是…。二是…。 run together in one paragraph",
        projects=7, categories=0, first_lead=[], last_lead=[], year=2016, place="琼山区",
        quirks="repost of 海口网's report on 琼山区's 10件民生实事 (ours 7): every item starts with 一是/二是… inside "
               "one paragraph; the place is 海口市琼山区; no unit named",
    ),
    StudyCase(
        id="qiandongnan-2023-progress-numbering-restarts-per-status",
        file="gz_qiandongnan_2023_progress_status_sections.txt",
        source="http://www.dg-xinl.com/html/2023/qdnnews_0508/206668.shtml",
        province="贵州", level="city",
        shape="progress prose; （一）已完成任务共2项 status sections, 1. restarting, （责任单位：…） then 推进情况：",
        projects=6, categories=2, first_lead=["州人力资源社会保障局"],
        last_lead=["州交通运输局", "各县（市）人民政府"], year=2023, place="黔东南州", first_assisting=[],
        quirks="mirror of the 州's 1-3月推进情况 (in traditional characters there): the sections group the items by "
               "status (已完成 / 已开工建设), numbering starts at 1 in each; each item's unit in a trailing "
               "bracket and its progress on the next line after 推进情况：; 责任单位 only, so its units lead",
    ),
    StudyCase(
        id="anshun-2019-completion-items-with-subitems",
        file="gz_anshun_2019_completion_items_subitems.txt",
        source="http://asxw.net/c/2020-01-09/529464.shtml",
        province="贵州", level="city",
        shape="completion prose; 一、实事（责任单位：…）已全面完成, 1./2. sub-items with their own bracket, "
              "status lines",
        projects=4, sub_projects=4, categories=0,
        first_lead=["市扶贫办", "市生态移民局", "各县区政府〈管委会〉"], last_lead=["市卫生健康局"],
        year=2019, place="安顺市",
        quirks="the city's 十件实事 16项 completion report: each 实事 is an 一、 line with its units and "
               "该件实事已全面完成 after the bracket; some have 1./2. 项 of their own (each with units), "
               "others only a 此项工作已完成 line. The 件 is the project and each of its 项 a sub-project "
               "(一 and 三 have two 项 each: 4 projects, 4 sub-projects). Counted first as 4 + 2 after 漯河, "
               "whose 件 is a heading naming no unit, so its first 项 gives the project its units; here the "
               "件 names units of its own and each 项 others (市扶贫办，各县区 / 市生态移民局，西秀区…), as "
               "rows of a grid under a merged 序号 each with cells of its own are each a sub-project, so "
               "merging the first 项 into its 件 would lose its units; "
               "〈管委会〉 in angle brackets is part of the unit as written",
    ),
    StudyCase(
        id="qianjin-2024-district-numbers-glued-to-names",
        file="hl_jiamusi_qianjin_2024_glued_numbers.txt",
        source="http://wasg.jmsqjq.gov.cn/e/action/ShowInfo.php?classid=109&id=18923&tempid=14",
        province="黑龙江", level="district",
        shape="notice prose; 一、 categories, items numbered 1前进区… with no separator, 4、, a heading "
              "that lost its 二",
        projects=5, categories=2, first_lead=[], last_lead=[], year=2024, place="前进区",
        investment=Decimal("744.04"),
        quirks="the 区水务局's 公告 of its 衔接资金 projects: items 1-3 have the number glued to the name (1前进区…), "
               "item 4 has 4、; the second category lost its numeral (、其他项目) and numbering restarts under it "
               "at 1.; money as 计划投资…万元 inside each item; 发布者 is the publisher, not a unit of the items",
    ),
    StudyCase(
        id="harbin-2024-city-name-content-unit-bracket",
        file="hl_harbin_2024_name_content_bracket.txt",
        source="http://tgflt.cn/haerbin/c104546/202410/c01_1018664.shtml",
        province="黑龙江", level="city",
        shape="notice prose; 1.名称。内容。（责任单位：…，各区、县（市）政府） under 二、工作任务",
        projects=6, categories=None, first_lead=["市人力资源和社会保障局", "市财政局", "各区、县（市）政府"],
        last_lead=["市交通运输局", "各县（市）政府"], year=2024, place="哈尔滨市", first_assisting=[],
        quirks="mirror of 哈政办发〔2024〕29号: the item's first sentence is its name, the rest its content, the units "
               "in a trailing bracket; 各区、县（市）政府 is ONE unit though it holds 、; 三、保障措施 has "
               "（一）（二） measures that are not projects; 责任单位 only, so all listed units lead",
    ),
    StudyCase(
        id="heilongjiang-2013-items-glued-role-brackets",
        file="hl_province_2013_glued_role_brackets.txt",
        source="http://wisor.cc/policy/show.php?from=client&itemid=100941",
        province="黑龙江", level="province",
        shape="notice prose; （一）…（X主办，Y协办）（二）… two items to a line; 一 sections beside （一） items",
        projects=8, categories=2, first_lead=["省财政厅"], first_assisting=["省国税局", "省地税局"],
        last_lead=["省发改委"], year=2013, place="黑龙江省",
        quirks="the province's 2013 分工 (a province, kept for its shape: county notices copy it): the unit bracket "
               "has no label, only 负责 or 主办/协办 after the names; two items share a line where the page lost "
               "a line break, in both numbering styles; under 一 the items are （一）…, under 二 （一） is a "
               "subsection heading with 1. items below it",
    ),
    StudyCase(
        id="qiandongnan-2024-number-alone-on-its-line",
        file="gz_qiandongnan_2024_number_alone.txt",
        source="http://qdnwm.gov.cn/jujiaoqdn/4742.html",
        province="贵州", level="city",
        shape="news prose; （一） alone on a line, the item on the next, name before the comma",
        projects=6, categories=0, first_lead=[], last_lead=[], year=2024, place="黔东南州",
        quirks="the 州 news of the 十件民生实事 (ours six): the page sets each number in a paragraph of its own; "
               "the item's name is its first clause (促进群众就业增收，…); the body names the 州 in full "
               "(黔东南苗族侗族自治州)",
    ),
    StudyCase(
        id="kunming-2023-city-items-yi-with-role-lines",
        file="yn_kunming_2023_role_lines.txt",
        source="http://m.chuanshu.nancai.net/diaoyan/2023/0223/10270.html",
        province="云南", level="city",
        shape="notice prose; items numbered 一、 (not categories) each followed by "
              "牵头单位：/责任单位：/完成时限： lines",
        projects=5, categories=0, first_lead=["市教育体育局"],
        first_assisting=["各县（市）区人民政府", "滇中新区管委会"], last_lead=["市住房城乡建设局"],
        year=2023, place="昆明市",
        quirks="repost of the city's 10件惠民实事 分解 (ours five): the items carry the 一、 numbering that elsewhere "
               "marks categories, and no item has sub-items; three role lines under each item",
    ),
    StudyCase(
        id="daan-2021-county-named-works-money-semicolons",
        file="jl_baicheng_daan_2021_category_semicolons.txt",
        source="https://xitao.net/yingchao/36687.html",
        province="吉林", level="county",
        shape="news prose; unnumbered 名称。投资X亿元，part；part。 lines",
        projects=5, categories=0, first_lead=[], last_lead=[], year=2021, place="大安市",
        investment=Decimal("282000"),
        quirks="repost of the 吉林日报 report on the county-level city's 五大工程: each line is one 工程 named before "
               "the first 。, its money in 亿元 right after, its parts split by ； (content, not sub-projects); "
               "no numbers and no unit",
    ),
    StudyCase(
        id="tianjin-2025-bureau-share-numbered-name-dot",
        file="tj_2025_city_bureau_numbered.txt",
        source="https://wxredian.com/art?id=e58b2f93bd70220eeb1d9a8d44f7d476",
        province="天津", level="city",
        shape="notice prose; 1.名称。内容 or 1.名称，内容; the unit named once above the list for all items",
        projects=6, categories=0, first_lead=["市城市管理委"], last_lead=["市城市管理委"], year=2025, place="天津市",
        quirks="the 城管委's share of the municipality's 20项民心工程: 由市城市管理委负责以下6个子项任务 above the "
               "list names the unit of every item, as a section heading naming its unit does; names end at 。 in "
               "items 1-4 and at the first ，in 5-6",
    ),
    # --- provinces of the first study, places not studied before -----------------------------
    StudyCase(
        id="langao-2023-county-circled-numbers",
        file="sn_ankang_langao_2023_circled_numbers.txt",
        source="https://www.langao.gov.cn/Content-2537328.html",
        province="陕西", level="county", shape="news prose; ①…⑧ items ending in ；, a byline after the list",
        projects=8, categories=0, first_lead=[], last_lead=[], year=2023, place="岚皋县",
        quirks="the county's news of the 票决 result (十大, ours eight): circled numbers, each item a bare project "
               "name; the byline （图文/记者 …） under the list is not an item; no unit",
    ),
    StudyCase(
        id="luyi-2024-county-name-sentence-then-content",
        file="ha_zhoukou_luyi_2024_name_dot_content.txt",
        source="http://vocabexpress.net/szb/pc/col/202403/01/content_228274.html",
        province="河南", level="county", shape="news prose; 1.名称。内容。 one item a line",
        projects=7, categories=0, first_lead=[], last_lead=[], year=2024, place="鹿邑县",
        quirks="repost of the 周口 paper's page on 鹿邑's 十件实事 (ours seven): the first sentence of each item is "
               "its name; no unit",
    ),
    StudyCase(
        id="jixian-2016-county-two-lists-each-in-one-line",
        file="sx_linfen_jixian_2016_two_enum_lists.txt",
        source="http://ryehollerboys.com/jixian/2538923.html",
        province="山西", level="county",
        shape="news prose; two lists, each 'N项…为：A、B、C。' in one line, each list a category",
        projects=12, categories=2, first_lead=[], last_lead=[], year=2016, place="吉县",
        quirks="repost of the 临汾新闻网 report on 吉县's 双十 (ours six and six): each list is a line of names "
               "separated by 、 after its label, so the labels are the categories; no unit",
    ),
    StudyCase(
        id="hanbin-laocheng-2014-subdistrict-zhiyi",
        file="sn_ankang_hanbin_laocheng_2014_zhiyi.txt",
        source="https://xiexiebang.com/a2/2019051217/47572cef00f26564.html",
        province="陕西", level="town", shape="report prose; 之一：“名称”——内容 items",
        projects=5, categories=0, first_lead=[], last_lead=[], year=2014, place="老城街道",
        quirks="repost of a 街道办事处's 十大民生工程 (ours five): numbered 之一：…之五：, the name in quotation marks "
               "and the content after a dash; no unit (the 办事处 carries them all)",
    ),
    StudyCase(
        id="luan-2017-progress-name-then-lead-inline",
        file="ah_luan_2017_progress_name_role_inline.txt",
        source="http://wxrb.luaninfo.com/p/a.aspx?id=11118&t=3&time=2017-08-11",
        province="安徽", level="city",
        shape="progress prose; 1、名称，牵头部门：X。进展 under 二、; a ranking section that is not a list of projects",
        projects=5, categories=None, first_lead=["市交通局"], last_lead=["市住建委"], year=2017, place="六安市",
        first_assisting=[],
        quirks="the city 民生办's monthly 通报: 一、 ranks the counties (第一名金寨县；…), 二、 lists projects as "
               "name, 牵头部门：unit。 and a progress sentence on one line; signed by the 民生办 under the list",
    ),
    StudyCase(
        id="gonghe-2022-town-items-numbered-yi",
        file="gd_jiangmen_heshan_gonghe_2022_town_items_yi.txt",
        source="http://hayleyrahl.com/zwgk/xxgk/hssghz/gzdt/tzgg/content/post_2623298.html",
        province="广东", level="town",
        shape="公告 prose; items numbered 一、…七、 with no sub-items, a signature block",
        projects=7, categories=0, first_lead=[], last_lead=[], year=2022, place="共和镇",
        quirks="repost of the town 人大 主席团's 公告 of the 十大民生实事 (ours seven): 一、 numbers items, not "
               "categories; the last item lacks its 。; 现予公告 and the 主席团 and date close the notice",
    ),
    StudyCase(
        id="yuanjiang-2023-county-city-ballot-list",
        file="hn_yiyang_yuanjiang_2023_ballot_list.txt",
        source="http://yuanjiang.gov.cn/20816/content_1699384.html",
        province="湖南", level="county", shape="公告 prose; 1.名称； list, one number followed by a space",
        projects=8, categories=0, first_lead=[], last_lead=[], year=2023, place="沅江市",
        quirks="the county-level city's 票决 公告 (ten, ours eight), issued in December of the year before the "
               "plan's year; 7. followed by a space; the 主席团 signature split over two lines",
    ),
    StudyCase(
        id="ninghai-2021-county-names-in-one-sentence",
        file="zj_ningbo_ninghai_2021_enum_in_sentence.txt",
        source="http://nh.cnnb.com.cn/system/2021/01/23/012194244.shtml",
        province="浙江", level="county", shape="news prose; 分别是A工程、B工程… inside one sentence",
        projects=8, categories=0, first_lead=[], last_lead=[], year=2021, place="宁海县",
        quirks="宁海新闻网's report of the 票决 (ten, ours eight): the names follow 分别是 in one sentence split "
               "by 、; a later paragraph gives last year's money, which is not this list's",
    ),
    StudyCase(
        id="jingzhouqu-2023-district-items-yi-semicolons",
        file="hb_jingzhou_jingzhouqu_2023_items_yi_semicolons.txt",
        source="https://hbdiao.com/www/ztzl_9/jj2023lh/bgjd/202301/t20230105_805470",
        province="湖北", level="district", shape="公告 prose; items 一、…； closed by 现予以公告 and a signature",
        projects=8, categories=0, first_lead=[], last_lead=[], year=2023, place="荆州区",
        quirks="repost of the district 人大's 公告 (10项, ours 8) issued in December before the plan year; 一、 items "
               "ending in ；; a 公告（第1号） line above",
    ),
]
