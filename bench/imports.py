"""Benchmark of the table import (preview_import + apply_import), against django-import-export.

    python bench/imports.py [--rows N] [--repeat R] [--database-url URL] [--ie-default-rows M]
                            [--shapes long,short,prose,many-units,merged,perf-table] [--no-details]

Per shape (--shapes, default all), on one generated .xlsx of N data rows each:
* long: the layout of fixtures/001_*.txt described below (15 columns, quarters, money).
* short: 序号, 项目名称, 建设内容 (at most 20 characters), 牵头单位, 责任单位, 责任领导, 完成时限;
  one lead unit and at most one more unit a row, one leader.
* prose: the same columns, 建设内容 of 300-800 characters.
* many-units: the same columns, 5-12 units in 责任单位 (separated by 、 and line breaks), 1-2 lead units.
* merged: the same columns, each numbered project 2-4 rows with 序号, 项目名称, 牵头单位 and 责任领导
  merged down over them (as fixtures/003_*.txt), each row its own 建设内容, 责任单位 and 完成时限.
  Every row is a data row: N counts rows, not numbered projects.
* perf-table: the table of ../shared/perf/make_table.py (beside the checkout, as in CI), written by running
  that script (--rows N --seed 2024): no title, one header row, 14 columns of short cells (序号, 项目名称,
  建设内容 of ~80 characters, 总投资 and three funding columns, 第一季度..第四季度 of ~30 characters,
  责任领导, 承办单位, 协办单位 with 0-3 units). Imported as its README says: --jurisdiction 测试区 --year 2024.
Ours: `call_command("import_table", path)` in this process after Django is set up, so Django's
start-up is excluded and everything else the command does is timed (reading the file from disk,
preview_import, apply_import, the summary it prints), a new import into empty tables (truncated
between runs), with the project's lru caches emptied first as in a new process.
import-export: its fastest settings (below) on the same file into a flat model
(FlatRow for long, PerfRow for perf-table, ShortRow for the others), including tablib's load of the .xlsx; for `merged`
the rows without a 序号 get a key "number.k" in the timed part, as import-export needs one to
import them. The runs alternate (ours, theirs, ours, …) so drift on a shared machine hits both,
and each starts after gc.collect(), so none pays for collecting the garbage of the one before;
the table shows medians of --repeat runs and ours / import-export in rows per second.

Details of the long shape (unless --no-details), as before the shapes were added:
* A generated .xlsx in the layout of fixtures/001_*.txt (title row, two header rows, a category
  row such as "一、卫生健康方面(48项)" every 30-70 projects, N numbered projects, a totals row).
* Our import, exactly as `manage.py import_table` does it: preview_import() then apply_import(),
  file bytes already in memory. Runs: "new" (empty database; the plan, units, people, funding
  sources and jurisdiction are deleted between repeats), "unchanged" (same file again: every row
  `unchanged`; the file is recognised as the last one applied and not read again),
  "unchanged, read again" (the same, with reuse=False: read and compared row by row, as the
  browser preview does) and "edited" (10 % of rows have a changed 前期准备情况 text: that many `updated`;
  the original file is re-imported, untimed, between repeats).
* django-import-export 4.4 importing the same file (tablib xlsx load included in the time) into a
  flat one-table model `FlatRow` of a throwaway app made in a temporary directory: (i) its
  defaults, on --ie-default-rows rows (rows/s extrapolated to N), (ii) the fastest settings:
  use_bulk, skip_diff, batch_size=1000, CachedInstanceLoader; its re-import adds skip_unchanged
  (which import-export only honours with skip_diff=False).
Seconds are the median of R runs timed with time.perf_counter and nothing else switched on.
Peak MB (tracemalloc peak: Python allocations only, not SQLite/psycopg/lxml C memory) and the
SQL query count (CaptureQueriesContext on the default connection) come from one extra run with
both instruments on, because tracemalloc slows Python code down several-fold.
The database is a fresh temporary SQLite file, or with --database-url postgres://… a database
`shishi_bench` the script drops and creates on that server (the URL's own database is not used).
The last line of output is one JSON object with the results.
"""

import argparse
import contextlib
import copy
import gc
import io
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
# Run as a script, its own folder comes first on sys.path, where this file would shadow the app `imports`.
sys.path[:] = [str(REPO)] + [p for p in sys.path if Path(p or ".").resolve() != REPO / "bench"]

TITLE = "泉州台商投资区党工委、管委会2024年区级为民办实事项目责任分解表"
MONEY_HEADER = "项目总投资及资金来源 (单位: 万元)"
HEADER = ["序号", "项目名称", "推荐理由", "前期准备情况", "2024年进度计划", "", "", "", MONEY_HEADER, "", "", "",
          "区分管领导", "承办单位", "协办单位"]
SUB_HEADER = ["", "", "", "", "1季度", "2季度", "3季度", "4季度", "总投资", "上级补助", "区级补助", "镇村自筹"]
FIELDS = ["number", "name", "reason", "preparation", "q1", "q2", "q3", "q4", "total", "higher", "district",
          "village", "leaders", "lead_units", "assisting_units"]
THEMES = ("卫生健康 教育 社会保障 养老服务 就业创业 住房保障 城乡建设 交通出行 文化体育 生态环境 农业农村 水利 "
          "公共安全 市场监管 政务服务 民政 残疾人服务 妇女儿童 食品安全 便民服务").split()
DEPARTMENTS = ("民生保障局 财政金融与国资局 教育局 卫生健康局 住房和城乡建设局 "
               "交通运输局 自然资源局 生态环境局 农业农村局 "
               "水利局 应急管理局 市场监督管理局 行政审批局 社会治理办公室 "
               "文化体育和旅游局 人力资源和社会保障局 民政局 "
               "退役军人事务局 医疗保障局 城市管理局 公安分局 消防救援大队 税务局 统计局 商务局 工业和信息化局 科技局 "
               "发展和改革局 司法局 信访局 总工会 团委 妇联 残联 红十字会 科协 工商联 融媒体中心 疾病预防控制中心 "
               "妇幼保健院 医院 中医院 行政服务中心 城建集团 文旅集团 水务集团 交通集团 供电公司").split()
TOWNS = ("东园镇 张坂镇 洛阳镇 百崎回族乡 秀涂镇 后龙镇 峰尾镇 南埔镇 "
         "前黄镇 界山镇 山腰镇 东岭镇 涂岭镇 螺阳镇 紫山镇").split()
TOWN_UNITS = ("人民政府 卫生院 综合执法队 便民服务中心 农业服务中心 派出所 "
              "财政所 文化站 水利站 社会事务办 经济发展办").split()
GROUPS = ["各乡镇人民政府", "区直有关单位", "各相关单位"]
LEADERS = ("赖丽水 刘敏坚 王伟 陈志强 林晓东 黄建华 张明 吴海燕 郑国荣 蔡文彬 许少华 杨帆 李婷 周涛 何志勇 庄美玲 洪亮 "
           "谢文辉 苏永平 曾朝阳 叶青 彭小军 卢振兴 邱丽华 罗成 姚建平 潘国栋 肖红 傅俊杰 戴志远").split()
THINGS = ("儿童孤独症筛查干预 妇女两癌筛查 新生儿耳聋基因筛查 中医馆服务能力提升 "
          "老年人助餐点建设 农村供水管网改造 公厕提升改造 "
          "道路白改黑 校园食堂改造 幼儿园扩容 社区卫生服务站建设 体育公园建设 农贸市场改造 污水管网建设 路灯亮化 "
          "城乡居民养老保险 残疾人生活补贴 困难群众救助 就业技能培训 "
          "口袋公园建设 停车位增设 电动自行车充电桩建设").split()
REASONS = ["及早发现问题,预防疾病和并发症,促进群众健康。", "群众反映强烈,列入区人大代表建议重点办理事项。",
           "根据上级文件要求,到2025年覆盖率要达到50%。", "现有设施老化,存在安全隐患,需进一步提升。",
           "泉州市纳入。", "有利于提升政府形象,提高群众幸福感、获得感。", "补齐民生短板,推动城乡基本公共服务均等化。"]
PREPARATIONS = ["做好项目资金预算工作。", "已完成调查摸底,编制实施方案。", "参考2023年完成量,按年度任务数测算。",
                "已完成选址和初步设计。", "需配备相关设备,已完成询价。", "已纳入年度财政预算。"]
QUARTERS = [["制定方案及预算", "公开招标", "采购设备", "项目验收,并投入使用"],
            ["做好调查摸底、培训等前期工作", "完成年度任务数的50%", "完成年度任务数的80%", "完成年度任务数"],
            ["制定方案并启动", "完成年度任务数的30%", "完成年度任务数的70%", "全面完成并形成工作总结"]]
UNITS = ["区" + d for d in DEPARTMENTS] + [t + u for t in TOWNS for u in TOWN_UNITS]


def chinese_number(n: int) -> str:
    """1..9999 in Chinese numerals, as category rows count them (一、二十三、一百零五)."""
    digits, result, zero = "零一二三四五六七八九", "", False
    for power, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // power % 10
        if digit:
            result += ("零" if zero and result else "") + ("" if power == 10 and n < 20 else digits[digit]) + unit
            zero = False
        else:
            zero = zero or bool(result)
    return result


def money(rng: random.Random) -> list[Decimal | None]:
    """总投资 and its sources (上级, 区级, 镇村), exact to 0.01 万元; empty where a source pays nothing."""
    parts = [Decimal(rng.randint(1, 500_000)) / 100 if rng.random() < share else None for share in (0.3, 0.9, 0.2)]
    if not any(parts):
        parts[1] = Decimal(rng.randint(1, 500_000)) / 100
    return [sum(p for p in parts if p)] + parts


def make_rows(n: int, seed: int = 2024) -> list[list]:
    """The sheet's rows: title, headers, category and project rows, totals row."""
    rng = random.Random(seed)
    rows, number, category = [[TITLE], HEADER, SUB_HEADER], 0, 0
    sums = [Decimal(0)] * 4
    while number < n:
        category += 1
        size = min(rng.randint(30, 70), n - number)
        rows.append([f"{chinese_number(category)}、{THEMES[category % len(THEMES)]}方面({size}项)"])
        for _ in range(size):
            number += 1
            amounts = money(rng)
            sums = [s + (a or 0) for s, a in zip(sums, amounts)]
            assisting = "、".join(rng.sample(UNITS, rng.randint(0, 2))
                                 + ([rng.choice(GROUPS)] if rng.random() < .3 else []))
            rows.append([
                number, f"{rng.choice(TOWNS)}{rng.choice(THINGS)}项目", "".join(rng.sample(REASONS, rng.randint(1, 3))),
                rng.choice(PREPARATIONS), *rng.choice(QUARTERS), *amounts,
                "、".join(rng.sample(LEADERS, 1 if rng.random() < .85 else 2)), rng.choice(UNITS), assisting,
            ])
    rows.append(["2024年合计(万元):", *[""] * 7, *sums])
    return rows


def edit_rows(rows: list[list], every: int = 10) -> tuple[list[list], int]:
    """A copy of the rows with 前期准备情况 changed in every tenth project row, and how many changed."""
    edited, count = copy.deepcopy(rows), 0
    for row in edited:
        if isinstance(row[0], int) and row[0] % every == 0:
            row[3], count = row[3] + "(已修订)", count + 1
    return edited, count


def write_xlsx(rows: list[list]) -> bytes:
    import openpyxl
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("责任分解表")
    for row in rows:
        sheet.append([None if cell == "" else cell for cell in row])
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as file:
        workbook.save(file.name)
        return Path(file.name).read_bytes()


SHAPES = ("long", "short", "prose", "many-units", "merged", "perf-table")
SHORT_HEADER = ["序号", "项目名称", "建设内容", "牵头单位", "责任单位", "责任领导", "完成时限"]
SHORT_FIELDS = ["number", "name", "content", "lead_units", "assisting_units", "leaders", "deadline"]
DEADLINES = ["2024年6月底", "2024年9月底", "2024年12月底", "2024年底", "2024年10月", "年底前完成"]
VERBS = "新建 改造 提升 新增 完善 建成 实施 开展".split()
PROSE = ["按照“政府主导、部门协同、社会参与”的原则,统筹推进项目建设,确保年内全面完成各项目标任务。",
         "对辖区内现有设施开展全面摸底排查,建立问题清单、任务清单和责任清单,逐项落实整改措施。",
         "项目总建筑面积约3200平方米,主要建设内容包括主体工程、配套管网、室外景观及附属设施等。",
         "同步完善无障碍设施、消防设施和智能化管理系统,提升服务能力和群众满意度。",
         "由牵头单位会同相关部门制定实施方案,明确时间节点和质量标准,定期通报工作进展情况。",
         "加强资金监管,严格执行政府采购和招投标制度,确保资金使用规范、安全、高效。",
         "建立健全长效管护机制,落实日常维护责任主体和经费保障,巩固提升项目建设成效。",
         "充分听取群众意见建议,做好政策宣传解读,营造全社会共同关心支持项目建设的良好氛围。"]


def _content(rng: random.Random, shape: str) -> str:
    if shape != "prose":
        return f"{rng.choice(VERBS)}{rng.choice(THINGS)}{rng.randint(1, 60)}处"[:20]
    target, text = rng.randint(300, 800), ""
    while len(text) < target:
        text += rng.choice(PROSE)
    return text[:target]


def _assisting(rng: random.Random, shape: str) -> str:
    if shape != "many-units":
        return rng.choice(UNITS) if rng.random() < .5 else ""
    text = ""
    for index, unit in enumerate(rng.sample(UNITS, rng.randint(5, 12))):
        text += ("" if index == 0 else rng.choice(("、", "、", "、\n", "\n"))) + unit
    return text


def make_shape_rows(shape: str, n: int, seed: int = 2024) -> tuple[list[list], list[tuple[int, int, int]]]:
    """The sheet's rows of a 7-column shape (N data rows), and its vertical merges (first row, last row,
    column), counted from 1 as Excel does."""
    rng = random.Random(seed)
    rows, merges, number, data, category = [[TITLE], SHORT_HEADER], [], 0, 0, 0
    while data < n:
        if shape != "merged":
            category += 1
            size = min(rng.randint(30, 70), n - data)
            rows.append([f"{chinese_number(category)}、{THEMES[category % len(THEMES)]}方面({size}项)"])
        else:
            size = 1
        for _ in range(size):
            number += 1
            name = f"{rng.choice(TOWNS)}{rng.choice(THINGS)}项目"
            lead = "、".join(rng.sample(UNITS, 2 if shape == "many-units" and rng.random() < .5 else 1))
            leader = rng.choice(LEADERS)
            items = min(rng.randint(2, 4), n - data) if shape == "merged" else 1
            first = len(rows) + 1
            for item in range(items):
                head = item == 0
                rows.append([number if head else "", name if head else "", _content(rng, shape),
                             lead if head else "", _assisting(rng, shape), leader if head else "",
                             rng.choice(DEADLINES)])
            if items > 1:
                merges += [(first, first + items - 1, column) for column in (1, 2, 4, 6)]
            data += items
    return rows, merges


def shape_rows(shape: str, n: int) -> tuple[list[list], list[tuple[int, int, int]]]:
    return (make_rows(n), []) if shape == "long" else make_shape_rows(shape, n)


def write_merged_xlsx(rows: list[list], merges: list[tuple[int, int, int]]) -> bytes:
    """Like write_xlsx, with vertical merges (openpyxl's write-only mode cannot merge)."""
    import openpyxl
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "责任分解表"
    for row in rows:
        sheet.append([None if cell == "" else cell for cell in row])
    for first, last, column in merges:
        sheet.merge_cells(start_row=first, start_column=column, end_row=last, end_column=column)
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as file:
        workbook.save(file.name)
        return Path(file.name).read_bytes()


MAKE_TABLE = REPO.parent / "shared" / "perf" / "make_table.py"
PERF_FIELDS = ["number", "name", "content", "total", "higher", "district", "village", "q1", "q2", "q3", "q4",
               "leaders", "lead_units", "assisting_units"]


def write_perf_table(path: Path, n: int) -> bytes:
    """The workbook of shared/perf/make_table.py, written by that script itself (it is not part of the repo)."""
    if not MAKE_TABLE.is_file():
        sys.exit(f"{MAKE_TABLE} not found: the perf-table shape needs ../shared beside the checkout")
    subprocess.run([sys.executable, str(MAKE_TABLE), str(path), "--rows", str(n), "--seed", "2024"],
                   check=True, stdout=subprocess.DEVNULL)
    return path.read_bytes()


FLAT_MODELS = """from django.db import models
class FlatRow(models.Model):
    number = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=500)
""" + "".join(f"    {name} = models.TextField(blank=True)\n" for name in FIELDS[2:8] + FIELDS[12:]) + "".join(
    f"    {name} = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)\n"
    for name in FIELDS[8:12])
FLAT_MODELS += """class ShortRow(models.Model):
    key = models.CharField(max_length=30, unique=True)
    number = models.CharField(max_length=20, blank=True)
    name = models.CharField(max_length=500, blank=True)
""" + "".join(f"    {name} = models.TextField(blank=True, null=True)\n" for name in SHORT_FIELDS[2:])
FLAT_MODELS += """class PerfRow(models.Model):
    number = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=500)
""" + "".join(f"    {name} = models.TextField(blank=True, null=True)\n"
              for name in PERF_FIELDS[2:3] + PERF_FIELDS[7:]) + "".join(
    f"    {name} = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)\n"
    for name in PERF_FIELDS[3:7])


def prepare_database(url: str | None, workdir: Path) -> tuple[str, str]:
    """(DATABASE_URL to use, "sqlite" or "postgresql"): a new SQLite file, or a re-created shishi_bench."""
    if not url:
        return f"sqlite:///{workdir / 'bench.sqlite3'}", "sqlite"
    import psycopg
    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS shishi_bench WITH (FORCE)")
        connection.execute("CREATE DATABASE shishi_bench")
    return urlunsplit(parts._replace(path="/shishi_bench")), "postgresql"


def setup_django(database_url: str, workdir: Path) -> None:
    """The project's settings, plus import_export and the throwaway app bench_flat, on our database."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ.setdefault("MAX_UPLOAD_MB", "200")
    os.environ.setdefault("SECRET_KEY", "bench-imports-" + "x" * 50)  # settings refuse to start without one
    app = workdir / "bench_flat"
    app.mkdir()
    (app / "__init__.py").write_text("")
    (app / "models.py").write_text(FLAT_MODELS)
    sys.path.insert(0, str(workdir))
    import django
    from django.conf import settings

    import config.settings as project
    values = {name: getattr(project, name) for name in dir(project) if name.isupper()}
    values["INSTALLED_APPS"] = [*values["INSTALLED_APPS"], "import_export", "bench_flat"]
    settings.configure(**values)
    django.setup()
    from django.core.management import call_command
    call_command("migrate", run_syncdb=True, verbosity=0)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def measure(run, repeat: int, before=None) -> dict:
    """Median seconds over `repeat` plain runs, then one run under tracemalloc and CaptureQueriesContext."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    seconds, results = [], []
    for _ in range(repeat):
        if before:
            before()
        gc.collect()
        start = time.perf_counter()
        results.append(run())
        seconds.append(time.perf_counter() - start)
    if before:
        before()
    tracemalloc.start()
    with CaptureQueriesContext(connection) as queries:
        run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"seconds": statistics.median(seconds), "peak_mb": round(peak / 2**20, 1),
            "queries": len(queries), "results": results}


def our_import(data: bytes, expect: dict, reuse: bool = True):
    from imports.services import apply_import, preview_import

    def run():
        start = time.perf_counter()
        preview = preview_import(file_name="bench.xlsx", data=data, reuse=reuse)
        assert not preview.errors, preview.errors[:3]
        middle = time.perf_counter()
        apply_import(preview=preview)
        split = (middle - start, time.perf_counter() - middle)
        summary = preview.summary()
        assert all(summary[key] == value for key, value in expect.items()), (expect, summary["created"],
                                                                             summary["updated"], summary["unchanged"])
        return split
    return run


def empty_our_tables() -> None:
    from audit.protection import erasing
    from imports.models import ImportRecord
    from projects.models import FundingSource, Jurisdiction, Organization, Person, Plan
    with erasing("bench"):  # applied imports are kept for good otherwise (audit/protection.py)
        for model in (ImportRecord, Plan, Organization, Person, FundingSource, Jurisdiction):
            model.objects.all().delete()


def ie_import(data: bytes, fast: bool, unchanged: bool = False):
    """import-export importing the project rows (not category/totals rows) of the same workbook."""
    import tablib
    from bench_flat.models import FlatRow
    from import_export import instance_loaders, resources

    class Meta:
        model, import_id_fields, fields = FlatRow, ["number"], FIELDS
        if fast:
            use_bulk, batch_size, skip_diff, skip_unchanged = True, 1000, not unchanged, unchanged
            instance_loader_class = instance_loaders.CachedInstanceLoader
    resource_class = type("FlatResource", (resources.ModelResource,), {"Meta": Meta})

    def run():
        # The header row (after the title) sets the width; shorter rows are padded to it.
        raw = tablib.Dataset().load(data, format="xlsx", headers=True, skip_lines=1)
        projects = [row[:len(FIELDS)] for row in raw if isinstance(row[0], (int, float))]
        result = resource_class().import_data(tablib.Dataset(*projects, headers=FIELDS), dry_run=False)
        assert not result.has_errors() and not result.has_validation_errors(), result.base_errors[:1]
        return result.totals
    return run


def empty_flat_table() -> None:
    from bench_flat.models import FlatRow
    FlatRow.objects.all().delete()


def truncate(*models) -> None:
    """Empty the models' tables and every table that refers to them: a new import into an empty database."""
    from django.db import connection
    if connection.vendor != "postgresql":
        for model in models:
            model.objects.all().delete()
        return
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE " + ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
                       + " CASCADE")


def our_tables() -> tuple:
    from imports.models import ImportRecord
    from projects.models import FundingSource, Jurisdiction, Organization, Person, Plan
    return ImportRecord, Plan, Organization, Person, FundingSource, Jurisdiction


def cold_caches() -> None:
    """What a new import_table process starts with: the project's memoised parses (units, people,
    header words …) emptied, so a repeat is not timed on the cells its previous run already parsed."""
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] in {"imports", "projects", "progress"}:
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def our_command(path: Path, **options):
    """The import_table command, in this process: all it does but Django's start-up. Returns what it printed."""
    from django.core.management import call_command

    def run() -> str:
        output = io.StringIO()
        call_command("import_table", str(path), stdout=output, **options)
        return output.getvalue()
    return run


def ie_shape_import(data: bytes, shape: str):
    """import-export at its fastest on a shape's workbook: key = 序号, or 序号.k on the rows a merge covers."""
    if shape == "long":
        return ie_import(data, fast=True)
    if shape == "perf-table":
        return ie_perf_import(data)
    import tablib
    from bench_flat.models import ShortRow
    from import_export import instance_loaders, resources

    class Meta:
        model, import_id_fields, fields = ShortRow, ["key"], ["key", *SHORT_FIELDS]
        use_bulk, batch_size, skip_diff = True, 1000, True
        instance_loader_class = instance_loaders.CachedInstanceLoader
    resource_class = type("ShortResource", (resources.ModelResource,), {"Meta": Meta})

    def run():
        raw = tablib.Dataset().load(data, format="xlsx", headers=True, skip_lines=1)
        projects, head, item = [], None, 0
        for row in raw:
            row = row[:len(SHORT_FIELDS)]
            if isinstance(row[0], (int, float)):
                head, item = int(row[0]), 1
                projects.append((str(head), *row))
            elif row[0] is None and head is not None and any(row[1:]):
                item += 1
                projects.append((f"{head}.{item}", *row))
        result = resource_class().import_data(tablib.Dataset(*projects, headers=["key", *SHORT_FIELDS]), dry_run=False)
        assert not result.has_errors() and not result.has_validation_errors(), result.base_errors[:1]
        assert result.totals["new"] == len(projects), result.totals
        return result.totals
    return run


def ie_perf_import(data: bytes):
    """import-export at its fastest on make_table.py's workbook: every row below the header is a project,
    upserted on 序号 (the settings shared/perf/README.md names)."""
    import tablib
    from bench_flat.models import PerfRow
    from import_export import instance_loaders, resources

    class Meta:
        model, import_id_fields, fields = PerfRow, ["number"], PERF_FIELDS
        use_bulk, batch_size, skip_diff = True, 1000, True
        instance_loader_class = instance_loaders.CachedInstanceLoader
    resource_class = type("PerfResource", (resources.ModelResource,), {"Meta": Meta})

    def run():
        raw = tablib.Dataset().load(data, format="xlsx", headers=True)
        dataset = tablib.Dataset(*(row[:len(PERF_FIELDS)] for row in raw), headers=PERF_FIELDS)
        result = resource_class().import_data(dataset, dry_run=False)
        assert not result.has_errors() and not result.has_validation_errors(), result.base_errors[:1]
        assert result.totals["new"] == len(dataset), result.totals
        return result.totals
    return run


@contextlib.contextmanager
def timed_commits():
    """The seconds of each COMMIT on the default connection while inside: on PostgreSQL, where the
    deferred foreign-key checks of every row written run."""
    from django.db.backends.base.base import BaseDatabaseWrapper
    commits, original = [], BaseDatabaseWrapper._commit

    def commit(self):
        start = time.perf_counter()
        try:
            return original(self)
        finally:
            commits.append(time.perf_counter() - start)
    BaseDatabaseWrapper._commit = commit
    try:
        yield commits
    finally:
        BaseDatabaseWrapper._commit = original


def measure_shape(shape: str, n: int, repeat: int, workdir: Path) -> dict:
    """Ours and import-export's fastest on one shape, alternating, medians of `repeat` runs each."""
    from bench_flat.models import FlatRow, PerfRow, ShortRow

    from projects.models import Project
    path, options = workdir / f"{shape}.xlsx", {}
    if shape == "perf-table":  # no title to name the place and year: given as its README gives them
        data, options = write_perf_table(path, n), {"jurisdiction": "测试区", "year": 2024}
    else:
        rows, merges = shape_rows(shape, n)
        data = write_merged_xlsx(rows, merges) if merges else write_xlsx(rows)
        path.write_bytes(data)
    ours, theirs = our_command(path, **options), ie_shape_import(data, shape)
    flat = {"long": FlatRow, "perf-table": PerfRow}.get(shape, ShortRow)
    seconds = {"ours": [], "ie": [], "commit": []}
    for _ in range(repeat):
        truncate(*our_tables())
        cold_caches()
        gc.collect()  # each run starts with no garbage of the run before it to collect
        with timed_commits() as commits:
            start = time.perf_counter()
            printed = ours()
            seconds["ours"].append(time.perf_counter() - start)
        seconds["commit"].append(sum(commits))
        assert Project.objects.count() == n, printed[:2000]  # every data row stored, checked untimed
        truncate(flat)
        gc.collect()
        start = time.perf_counter()
        theirs()
        seconds["ie"].append(time.perf_counter() - start)
    ours_s, ie_s = statistics.median(seconds["ours"]), statistics.median(seconds["ie"])
    return {"rows": n, "xlsx_mb": round(len(data) / 2**20, 2), "ours_seconds": round(ours_s, 3),
            "ours_commit_seconds": round(statistics.median(seconds["commit"]), 3),
            "ie_seconds": round(ie_s, 3), "ours_rows_per_second": round(n / ours_s, 1),
            "import_export_rows_per_second": round(n / ie_s, 1), "ratio": round(ie_s / ours_s, 2),
            "ours_runs": [round(x, 3) for x in seconds["ours"]], "ie_runs": [round(x, 3) for x in seconds["ie"]]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database-url", help="postgres://user@host:port/db (shishi_bench is created there)")
    parser.add_argument("--ie-default-rows", type=int, default=2_000, help="rows for import-export's defaults")
    parser.add_argument("--shapes", default=",".join(SHAPES), help=f"comma-separated, of {', '.join(SHAPES)}")
    parser.add_argument("--no-details", action="store_true",
                        help="skip the long shape's re-imports and import-export's defaults")
    args = parser.parse_args()
    shapes = [name.strip() for name in args.shapes.split(",") if name.strip()]
    if unknown := [name for name in shapes if name not in SHAPES]:
        parser.error(f"unknown shapes {unknown}; known: {', '.join(SHAPES)}")
    n, repeat = args.rows, args.repeat
    workdir = Path(tempfile.mkdtemp(prefix="shishi_bench_"))
    database_url, database = prepare_database(args.database_url, workdir)
    setup_django(database_url, workdir)
    result = {"database": database, "rows": n}
    if "long" in shapes and not args.no_details:
        result |= long_details(args, database)
    by_shape = {}
    for shape in shapes:
        log(f"shape {shape}: ours (import_table) and import-export fastest, alternating")
        by_shape[shape] = measure_shape(shape, n, repeat, workdir)
    print(f"\n{'shape':<12}{'rows':>7}{'xlsx MB':>9}{'ours s':>8}{'commit s':>10}{'ours rows/s':>13}"
          f"{'i-e rows/s':>12}{'ratio':>7}")
    for shape, run in by_shape.items():
        print(f"{shape:<12}{run['rows']:>7}{run['xlsx_mb']:>9.2f}{run['ours_seconds']:>8.2f}"
              f"{run['ours_commit_seconds']:>10.2f}{run['ours_rows_per_second']:>13.0f}"
              f"{run['import_export_rows_per_second']:>12.0f}{run['ratio']:>6.2f}x")
    print(f"ours: the import_table command in-process (Django's start-up excluded), new import into emptied tables "
          f"(commit s: the part of it spent committing, where PostgreSQL checks the deferred foreign keys of every "
          f"row written); "
          f"i-e: django-import-export's fastest settings into one flat table; medians of {repeat} alternating runs; "
          f"ratio: ours / import-export in rows/s.")
    result["shapes"] = by_shape
    print(json.dumps(result, ensure_ascii=False))
    from django.db import connections
    connections.close_all()
    shutil.rmtree(workdir, ignore_errors=True)


def long_details(args, database: str) -> dict:
    """The long shape's runs as measured before shapes were added: new, unchanged, read again, edited."""
    n, repeat = args.rows, args.repeat
    rows = make_rows(n)
    edited_rows, edited_count = edit_rows(rows)
    data, edited_data = write_xlsx(rows), write_xlsx(edited_rows)
    from imports.services import preview_import
    check = preview_import(file_name="bench.xlsx", data=data)
    summary = check.summary()
    print(f"{database}, {n} rows, xlsx {len(data) / 2**20:.1f} MB, categories {summary['counts']['categories']}, "
          f"units {summary['counts']['organizations']}, people {summary['counts']['people']}, "
          f"errors {len(check.errors)}, warnings {len(summary['warnings'])}, "
          f"failed checks {sum(not c['ok'] for c in summary['checks'])}")
    for warning in summary["warnings"][:3]:
        print(f"  warning: {warning['where']} {warning['message']}")
    assert not check.errors, check.errors[:3]

    log("ours: new")
    runs = {"new": measure(our_import(data, {"created": n}), repeat, before=empty_our_tables)}
    log("ours: unchanged")
    runs["unchanged"] = measure(our_import(data, {"unchanged": n}), repeat)
    log("ours: unchanged, read again row by row")
    runs["unchanged, read again"] = measure(our_import(data, {"unchanged": n}, reuse=False), repeat)
    log("ours: edited")
    runs["edited"] = measure(our_import(edited_data, {"updated": edited_count}), repeat, before=our_import(data, {}))
    ie_rows = min(n, args.ie_default_rows)
    log("import-export")
    ie = {  # the defaults on a file of the first ie_rows projects only: its rows/s would be the same for n
        "ie default, new": (ie_rows, measure(ie_import(write_xlsx(make_rows(ie_rows)), fast=False), repeat,
                                             before=empty_flat_table)),
        "ie fastest, new": (n, measure(ie_import(data, fast=True), repeat, before=empty_flat_table)),
        "ie fastest, unchanged": (n, measure(ie_import(data, fast=True, unchanged=True), repeat)),
    }
    table = ([(f"ours, {name}", n, run) for name, run in runs.items()]
             + [(name, k, run) for name, (k, run) in ie.items()])
    rps = {name.removeprefix("ours, "): count / run["seconds"] for name, count, run in table}

    print(f"\n{'run':<30}{'rows':>7}{'seconds':>9}{'preview':>9}{'apply':>7}{'rows/s':>8}{'peak MB':>9}{'queries':>9}")
    for name, count, run in table:
        split = [statistics.median(part) for part in zip(*run["results"])] if name.startswith("ours") else None
        print(f"{name:<30}{count:>7}{run['seconds']:>9.2f}"
              + (f"{split[0]:>9.2f}{split[1]:>7.2f}" if split else " " * 16)
              + f"{rps[name.removeprefix('ours, ')]:>8.0f}{run['peak_mb']:>9.1f}{run['queries']:>9}")
    print(f"seconds: median of {repeat} plain runs (preview/apply: medians of each part); peak MB (tracemalloc) and "
          f"queries: one more run with both on.\nie default was measured on a file of the first {ie_rows} rows; its "
          f"rows/s is extrapolated as is to {n} rows. import-export writes one flat table; "
          f"ours parses units, people, money and quarters and writes "
          f"7 tables (~10 rows per project).")
    ratios = {
        "new_vs_import_export_fastest": rps["new"] / rps["ie fastest, new"],
        "new_vs_import_export_default": rps["new"] / rps["ie default, new"],
        "unchanged_vs_new": rps["unchanged"] / rps["new"],
        "unchanged_read_again_vs_new": rps["unchanged, read again"] / rps["new"],
        "edited_vs_new": rps["edited"] / rps["new"],
        "unchanged_vs_import_export_fastest_unchanged": rps["unchanged"] / rps["ie fastest, unchanged"],
    }
    ratios = {name: round(value, 2) for name, value in ratios.items()}
    print("ratios of rows/s: " + ", ".join(f"{name} {value}x" for name, value in ratios.items()))
    return {
        "runs": {name: {"rows": n, "rows_per_second": round(rps[name], 1), "peak_mb": run["peak_mb"],
                        "queries": run["queries"], "seconds": round(run["seconds"], 3)} for name, run in runs.items()},
        "import_export": {"default_rows_per_second": round(rps["ie default, new"], 1), "default_rows_measured": ie_rows,
                          "fastest_rows_per_second": round(rps["ie fastest, new"], 1),
                          "fastest_unchanged_rows_per_second": round(rps["ie fastest, unchanged"], 1)},
        "ratios": ratios,
    }


if __name__ == "__main__":
    main()
