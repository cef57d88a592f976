"""A district's table whose header words the importer does not know (次第, 工程, 协调, 主抓, 盘子).

Every role is read from the cells. 协调 and 主抓 both hold units; the first is taken as the lead,
which is wrong here: 主抓 leads, 协调 only assists. Shared by the view tests and the browser test
of correcting a column's role.
"""

import io

from openpyxl import Workbook

TITLE = "成都市武侯区2024年民生工程清单"
HEADER = ["次第", "工程", "协调", "主抓", "盘子（万元）"]
SIGNATURE = "次第|工程|协调|主抓|盘子"
# Column indexes in the form's field names: role-<layout>-<column>.
COORDINATING, LEADING = 2, 3

MARCH = [
    ["1", "老旧小区改造", "区财政局", "区住建局", "1200"],
    ["2", "社区食堂建设", "区财政局", "区民政局", "300"],
    ["3", "学校操场翻新", "区财政局", "区教育局", "450"],
    ["4", "社区卫生站提升", "区发改局", "区卫健局", "260"],
]
# Next month: the same header, other rows.
APRIL = [
    ["1", "背街小巷整治", "区财政局", "区城管局", "800"],
    ["2", "公园步道修缮", "区发改局", "区公园城市局", "150"],
    ["3", "养老服务站建设", "区财政局", "区民政局", "520"],
]


def workbook(rows: list[list[str]], header: list[str] = HEADER, title: str = TITLE) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in [[title], header, *rows]:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
