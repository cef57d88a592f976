"""Lists numbered in a way the importer does not read without help: items lettered A. B. C., under
categories numbered 一、 or none. Written for these tests (no public document's text); shared by the
view tests and the browser test of choosing how to read a list.

Without help the lettered list ends in 未找到表头: A. is no number the importer knows, and its role
lines alone are no items. Read with "each line starting with A. is a project", it is five projects,
each with its lead unit from the 责任单位 line under it.
"""

TITLE = "成都市武侯区2025年民生实事项目"

LETTERED = f"""{TITLE}
A.新建社区托育点3个，新增托位150个
责任单位：区教育局
B.改造中小学运动场4片
责任单位：区教育局、区体育局
C.改造老旧小区12个，惠及居民3200户
责任单位：区住建局
D.新建口袋公园5处
责任单位：区公园城市局
E.整治背街小巷20条
责任单位：区城管局
"""
# Hand-counted: 11 lines, 5 projects, their names and lead units.
LETTERED_LINES = 11
LETTERED_LEADS = {
    "新建社区托育点3个，新增托位150个": ["区教育局"],
    "改造中小学运动场4片": ["区教育局", "区体育局"],
    "改造老旧小区12个，惠及居民3200户": ["区住建局"],
    "新建口袋公园5处": ["区公园城市局"],
    "整治背街小巷20条": ["区城管局"],
}

# Next year's list of the same office: same title but the year, same marks, other projects.
NEXT_YEAR = """成都市武侯区2026年民生实事项目
A.新建社区食堂4个
责任单位：区民政局
B.改造农贸市场2个
责任单位：区商务局
C.增设公共停车位300个
责任单位：区交通运输局
"""

# Today read as two projects, 一 and 二, each swallowing its lettered lines: with 一、 lines as
# categories and A. lines as projects, two categories of 2 and 3 projects.
CATEGORISED = f"""{TITLE}
一、教育
A.新建社区托育点3个，新增托位150个
责任单位：区教育局
B.改造中小学运动场4片
责任单位：区教育局、区体育局
二、城市建设
A.改造老旧小区12个，惠及居民3200户
责任单位：区住建局
B.新建口袋公园5处
责任单位：区公园城市局
C.整治背街小巷20条
责任单位：区城管局
"""
CATEGORIES = {"教育": 2, "城市建设": 3}
