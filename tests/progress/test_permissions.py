"""Who gets what at every address of the product: a matrix of (kind of user, address) -> answer.

The rule the matrix writes out: someone who may not see a project gets 404 for every address about
it (never its data, never a 403 that tells it exists); someone who may see it but not act on it
gets 403 (or the view's redirect with an error message); anonymous visitors are sent to /login/.

The world (two districts of 泉州市, project P of 鲤城区 with a submitted report R, project Q of
丰泽区 with its own) is built once for the module; every test runs inside a savepoint that is
rolled back afterwards (as Django's TestCase.setUpTestData does), so each POST starts from the
same fresh world. An address added to config.urls without a row here fails
test_every_route_has_a_row_in_the_matrix."""

import struct
import zlib
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.urls import URLResolver, get_resolver
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from imports.models import ImportRecord, SavedLayout, SavedReading
from progress import services, verification
from progress.models import AssistingNote, Attachment, CoordinationRequest, Report, Revision, Verification
from projects.models import Funding, FundingSource, Plan, Project, ProjectOrganization, ProjectPerson
from supervision import circulars as circular_services
from supervision import sheets as sheet_services
from supervision.instructions import write_instruction
from supervision.models import Chase, Circular, Event, Instruction, InstructionSheet, PeriodClose, Snapshot
from tests.factories import make_jurisdiction, make_organization, make_person, make_plan, make_project, make_user
from tests.supervision.factories import make_close

pytestmark = pytest.mark.django_db

# ---------------------------------------------------------------------------------------------
# The kinds of user, in the order of the matrix's columns.
#   anon      not signed in
#   lead      information officer of 鲤城区 区住建局, P's lead unit
#   assist    information officer of 鲤城区 区财政局, P's assisting unit
#   other     information officer of 鲤城区 区教育局, not on P
#   fz_coord  coordinator of 丰泽区
#   fz_offi   information officer of 丰泽区 区住建局 (same name as P's lead unit, other district; Q's lead unit)
#   leader    leader of 鲤城区, P's supervising leader
#   coord     coordinator of 鲤城区
#   city      coordinator of 泉州市 (sees 鲤城区 and 丰泽区)
#   admin     administrator of 鲤城区 (is_staff, not superuser)
#   root      superuser
USERS = ("anon", "lead", "assist", "other", "fz_coord", "fz_offi", "leader", "coord", "city", "admin", "root")

# Which of the two projects each kind may see; every page it gets must not name the other one.
SEES = {
    "anon": set(), "lead": {"P"}, "assist": {"P"}, "other": set(), "fz_coord": {"Q"}, "fz_offi": {"Q"},
    "leader": {"P"}, "coord": {"P"}, "city": {"P", "Q"}, "admin": {"P"}, "root": {"P", "Q"},
}

# Answers other than a plain status code: a 302 to the place named.
LOGIN = "302 /login/?next=…"
ADMIN_LOGIN = "302 /admin/login/?next=…"
ADMIN_HOME = "302 /admin/"  # the admin site's "does not exist (perhaps it was deleted?)"
TASKS = "302 /tasks/"
UPLOAD = "302 /imports/"  # the import page, with an error message
DONE = "302 done"  # the action happened; redirected to the row's page (POST_ROWS[...].done_at)

# Names and words that exist only in P's or Q's records: the markers of a leak.
SECRETS = {"P": ("甲项目鲤城老旧小区改造", "甲项目已开工", "甲区责任分解表.xlsx"),
           "Q": ("乙项目丰泽背街小巷整治", "乙项目已开工", "乙区责任分解表.xlsx")}

# ---------------------------------------------------------------------------------------------
# GET: every address, as every kind of user.
# fmt: off
GET_MATRIX = {
    #                       anon         lead         assist       other        fz_coord     fz_offi      leader       coord        city         admin        root
    "home":                (TASKS,       TASKS,       TASKS,       TASKS,       TASKS,       TASKS,       TASKS,       TASKS,       TASKS,       TASKS,       TASKS),
    "login":               (200,         200,         200,         200,         200,         200,         200,         200,         200,         200,         200),
    "logout":              (405,         405,         405,         405,         405,         405,         405,         405,         405,         405,         405),
    "password_change":     (LOGIN,       200,         200,         200,         200,         200,         200,         200,         200,         200,         200),
    "password_change_done": (LOGIN,      200,         200,         200,         200,         200,         200,         200,         200,         200,         200),
    "tasks":               (LOGIN,       200,         200,         200,         200,         200,         200,         200,         200,         200,         200),
    "project_P":           (LOGIN,       200,         200,         404,         404,         404,         200,         200,         200,         200,         200),
    "project_Q":           (LOGIN,       404,         404,         404,         200,         200,         404,         404,         200,         404,         200),
    # The list, its exports and the dashboard: everyone signed in, each seeing only their own (checked on every 200).
    "project_list":        (LOGIN,       200,         200,         200,         200,         200,         200,         200,         200,         200,         200),
    "list_export_xlsx":    (LOGIN,       200,         200,         200,         200,         200,         200,         200,         200,         200,         200),
    "list_export_csv":     (LOGIN,       200,         200,         200,         200,         200,         200,         200,         200,         200,         200),
    "dashboard":           (LOGIN,       200,         200,         200,         200,         200,         200,         200,         200,         200,         200),
    "project_missing":     (LOGIN,       404,         404,         404,         404,         404,         404,         404,         404,         404,         404),
    "report_P":            (LOGIN,       200,         200,         404,         404,         404,         200,         200,         200,         200,         200),
    "report_Q":            (LOGIN,       404,         404,         404,         200,         200,         404,         404,         200,         404,         200),
    "attachment_P":        (LOGIN,       200,         200,         404,         404,         404,         200,         200,         200,         200,         200),
    "attachment_Q":        (LOGIN,       404,         404,         404,         200,         200,         404,         404,         200,         404,         200),
    "export_P":            (LOGIN,       200,         200,         404,         404,         404,         200,         200,         200,         200,         200),
    "plan_table_P":        (LOGIN,       200,         200,         404,         404,         404,         200,         200,         200,         200,         200),
    "plan_table_Q":        (LOGIN,       404,         404,         404,         200,         200,         404,         404,         200,         404,         200),
    "export_Q":            (LOGIN,       404,         404,         404,         200,         200,         404,         404,         200,         404,         200),
    # POST-only addresses answer a GET with 405 before looking anything up, so it reveals nothing.
    "review_get":          (LOGIN,       405,         405,         405,         405,         405,         405,         405,         405,         405,         405),
    "withdraw_get":        (LOGIN,       405,         405,         405,         405,         405,         405,         405,         405,         405,         405),
    "note_get":            (LOGIN,       405,         405,         405,         405,         405,         405,         405,         405,         405,         405),
    "close_request_get":   (LOGIN,       405,         405,         405,         405,         405,         405,         405,         405,         405,         405),
    "imports_upload":      (LOGIN,       403,         403,         403,         403,         403,         403,         403,         403,         200,         200),
    "imports_preview_P":   (LOGIN,       403,         403,         403,         403,         403,         403,         403,         403,         200,         200),
    "imports_preview_Q":   (LOGIN,       403,         403,         403,         403,         403,         403,         403,         403,         404,         200),
    "imports_confirm_get": (405,         405,         405,         405,         405,         405,         405,         405,         405,         405,         405),
    "imports_relayout_get": (405,        405,         405,         405,         405,         405,         405,         405,         405,         405,         405),
    "imports_reread_get":  (405,         405,         405,         405,         405,         405,         405,         405,         405,         405,         405),
    "admin":               (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200,         200),
    "admin_project_P":     (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200,         200),
    "admin_project_Q":     (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_HOME,  200),
    "admin_report_Q":      (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_HOME,  200),
    "admin_request_Q":     (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_HOME,  200),
    "admin_import_Q":      (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_HOME,  200),
    # Lists: 200 for staff, and (checked on every 200) no other district's project in them.
    "admin_projects":      (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200,         200),
    "admin_reports":       (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200,         200),
    # Closed periods: officers have no business there (403 for any address, so it tells nothing); leaders read;
    # a close of a plan one does not see is 404; a compare= naming another plan's close is ignored, not shown.
    "closes":              (LOGIN,       403,         403,         403,         200,         403,         200,         200,         200,         200,         200),
    "close_P":             (LOGIN,       403,         403,         403,         404,         403,         200,         200,         200,         200,         200),
    "close_Q":             (LOGIN,       403,         403,         403,         200,         403,         404,         404,         200,         404,         200),
    "close_P_compare_Q":   (LOGIN,       403,         403,         403,         404,         403,         200,         200,         200,         200,         200),
    # The supervision office's circulars (supervision/views/circulars.py): a published one is read by the office, the
    # leaders and the officers of the units it names (P's lead unit); a draft by the office only.
    "circulars":           (LOGIN,       200,         200,         200,         200,         200,         200,         200,         200,         200,         200),
    "circular_P":          (LOGIN,       200,         404,         404,         404,         404,         200,         200,         200,         200,         200),
    "circular_Q":          (LOGIN,       404,         404,         404,         200,         200,         404,         404,         200,         404,         200),
    "circular_draft_P":    (LOGIN,       404,         404,         404,         404,         404,         404,         200,         200,         200,         200),
    "export_circular_P":   (LOGIN,       200,         404,         404,         404,         404,         200,         200,         200,         200,         200),
    "export_circular_draft_P": (LOGIN,   404,         404,         404,         404,         404,         404,         200,         200,         200,         200),
    "edit_circular_draft_P": (LOGIN,     404,         404,         404,         404,         404,         404,         200,         200,         200,         200),
    "edit_circular_P":     (LOGIN,       403,         404,         404,         404,         404,         403,         403,         403,         403,         403),
    "draft_circular_get":  (LOGIN,       405,         405,         405,         405,         405,         405,         405,         405,         405,         405),
    "regenerate_circular_get": (LOGIN,   405,         405,         405,         405,         405,         405,         405,         405,         405,         405),
    "publish_circular_get": (LOGIN,      405,         405,         405,         405,         405,         405,         405,         405,         405,         405),
    # Leaders' instructions: leaders write on what they see; the page and list go with the project; chasing is the office's.
    "instruction_new_P":   (LOGIN,       403,         403,         404,         404,         404,         200,         403,         403,         403,         403),
    "instruction_new_Q":   (LOGIN,       404,         404,         404,         403,         403,         404,         404,         403,         404,         403),
    "instruction_P":       (LOGIN,       200,         200,         404,         404,         404,         200,         200,         200,         200,         200),
    "instructions":        (LOGIN,       200,         200,         200,         200,         200,         200,         200,         200,         200,         200),
    "chase":               (LOGIN,       403,         403,         403,         200,         403,         403,         200,         200,         200,         200),
    "chase_read_get":      (LOGIN,       405,         405,         405,         405,         405,         405,         405,         405,         405,         405),
    # Verification before done: the decisions are POST only; a verification's photo goes with its project (D, of 鲤城区).
    "verify_get":          (LOGIN,       405,         405,         405,         405,         405,         405,         405,         405,         405,         405),
    "return_completion_get": (LOGIN,     405,         405,         405,         405,         405,         405,         405,         405,         405,         405),
    "verification_photo_D": (LOGIN,      200,         200,         404,         404,         404,         200,         200,         200,         200,         200),
    # Instruction sheets: the list and the escalations for everyone signed in (each seeing only their own); a sheet,
    # its .docx and its answer's files for whoever sees its project and, if an officer, whose unit it names; the
    # issue form for the office of the project's jurisdiction. S is P's sheet (P's assisting unit named on it).
    "sheets":              (LOGIN,       200,         200,         200,         200,         200,         200,         200,         200,         200,         200),
    "escalations":         (LOGIN,       200,         200,         200,         200,         200,         200,         200,         200,         200,         200),
    "issue_sheet_P":       (LOGIN,       403,         403,         404,         404,         404,         403,         200,         200,         200,         200),
    "issue_sheet_Q":       (LOGIN,       404,         404,         404,         200,         403,         404,         404,         200,         404,         200),
    "sheet_P":             (LOGIN,       200,         200,         404,         404,         404,         200,         200,         200,         200,         200),
    "sheet_Q":             (LOGIN,       404,         404,         404,         200,         200,         404,         404,         200,         404,         200),
    "export_sheet_P":      (LOGIN,       200,         200,         404,         404,         404,         200,         200,         200,         200,         200),
    "export_sheet_Q":      (LOGIN,       404,         404,         404,         200,         200,         404,         404,         200,         404,         200),
    "attachment_sheet_P":  (LOGIN,       200,         200,         404,         404,         404,         200,         200,         200,         200,         200),
    "attachment_sheet_Q":  (LOGIN,       404,         404,         404,         200,         200,         404,         404,         200,         404,         200),
}

# POST: every action, as every kind of user. DONE: it happened; anything else: nothing changed.
POST_MATRIX = {
    #                       anon         lead         assist       other        fz_coord     fz_offi      leader       coord        city         admin        root
    "report_save_R":       (LOGIN,       403,         403,         404,         404,         404,         403,         403,         403,         403,         403),
    "report_save_new":     (LOGIN,       DONE,        403,         404,         404,         404,         403,         403,         403,         403,         403),
    "review_P":            (LOGIN,       403,         403,         404,         404,         404,         403,         DONE,        DONE,        DONE,        DONE),
    "review_Q":            (LOGIN,       404,         404,         404,         DONE,        403,         404,         404,         DONE,        404,         DONE),
    "withdraw":            (LOGIN,       DONE,        403,         404,         404,         404,         403,         403,         403,         403,         403),
    "note":                (LOGIN,       403,         DONE,        404,         404,         404,         403,         403,         403,         403,         403),
    "close_request":       (LOGIN,       403,         403,         404,         404,         404,         DONE,        DONE,        DONE,        DONE,        DONE),
    "close_request_Q":     (LOGIN,       404,         404,         404,         DONE,        403,         404,         404,         DONE,        404,         DONE),
    "imports_confirm":     (LOGIN,       403,         403,         403,         403,         403,         403,         403,         403,         UPLOAD,      UPLOAD),
    "imports_relayout":    (LOGIN,       403,         403,         403,         403,         403,         403,         403,         403,         UPLOAD,      UPLOAD),
    "imports_reread":      (LOGIN,       403,         403,         403,         403,         403,         403,         403,         403,         UPLOAD,      UPLOAD),
    # Closing last year's December of 鲤城区's old plan: reviewers who see it; 丰泽区's coordinator does not see it.
    "close_plan":          (LOGIN,       403,         403,         403,         404,         403,         403,         DONE,        DONE,        DONE,        DONE),
    "draft_circular":      (LOGIN,       403,         403,         404,         404,         404,         403,         DONE,        DONE,        DONE,        DONE),
    "edit_circular":       (LOGIN,       404,         404,         404,         404,         404,         404,         DONE,        DONE,        DONE,        DONE),
    "regenerate_circular": (LOGIN,       404,         404,         404,         404,         404,         404,         DONE,        DONE,        DONE,        DONE),
    "publish_circular":    (LOGIN,       404,         404,         404,         404,         404,         404,         DONE,        DONE,        DONE,        DONE),
    "instruction_write":   (LOGIN,       403,         403,         404,         404,         404,         DONE,        403,         403,         403,         403),
    "instruction_answer":  (LOGIN,       DONE,        403,         404,         404,         404,         403,         403,         403,         403,         403),
    "instruction_close":   (LOGIN,       403,         403,         404,         404,         404,         DONE,        DONE,        DONE,        DONE,        DONE),
    "chase_unit":          (LOGIN,       403,         403,         403,         404,         403,         403,         DONE,        DONE,        DONE,        DONE),
    "chase_read":          (LOGIN,       DONE,        404,         404,         404,         404,         404,         403,         403,         403,         403),
    # C, of 鲤城区, led by P's units, claims completion: the district's coordinators and administrators decide.
    "verify_completion":   (LOGIN,       403,         403,         404,         404,         404,         403,         DONE,        DONE,        DONE,        DONE),
    "return_completion":   (LOGIN,       403,         403,         404,         404,         404,         403,         DONE,        DONE,        DONE,        DONE),
    # Sheets: the lead unit's officers sign, the office of the sheet's jurisdiction issues and closes.
    "issue_sheet":         (LOGIN,       403,         403,         404,         404,         404,         403,         DONE,        DONE,        DONE,        DONE),
    "sheet_sign":          (LOGIN,       DONE,        403,         404,         404,         404,         403,         403,         403,         403,         403),
    "sheet_close":         (LOGIN,       403,         403,         404,         404,         404,         403,         DONE,        DONE,        DONE,        DONE),
    "sheet_close_Q":       (LOGIN,       404,         404,         404,         DONE,        403,         404,         404,         DONE,        404,         DONE),
}
# fmt: on

# The named route each row walks (None: the admin site, which is Django's and skipped by the route check).
ROUTES = {
    "home": "home", "login": "login", "logout": "logout", "tasks": "tasks",
    "password_change": "password_change", "password_change_done": "password_change_done",
    "project_P": "projects:detail", "project_Q": "projects:detail", "project_missing": "projects:detail",
    "project_list": "projects:list", "list_export_xlsx": "projects:export_xlsx", "list_export_csv": "projects:export_csv",
    "dashboard": "dashboard",
    "report_P": "progress:report", "report_Q": "progress:report",
    "attachment_P": "progress:attachment", "attachment_Q": "progress:attachment",
    "export_P": "progress:export", "export_Q": "progress:export",
    "plan_table_P": "plan_table", "plan_table_Q": "plan_table",
    "review_get": "progress:review", "withdraw_get": "progress:withdraw", "note_get": "progress:note",
    "close_request_get": "progress:close_request",
    "imports_upload": "imports:upload", "imports_preview_P": "imports:preview", "imports_preview_Q": "imports:preview",
    "imports_confirm_get": "imports:confirm", "imports_relayout_get": "imports:relayout",
    "imports_reread_get": "imports:reread",
    "admin": None, "admin_project_P": None, "admin_project_Q": None, "admin_report_Q": None,
    "admin_request_Q": None, "admin_import_Q": None, "admin_projects": None, "admin_reports": None,
    "report_save_R": "progress:report", "report_save_new": "progress:report",
    "review_P": "progress:review", "review_Q": "progress:review", "withdraw": "progress:withdraw",
    "note": "progress:note", "close_request": "progress:close_request", "close_request_Q": "progress:close_request",
    "imports_confirm": "imports:confirm", "imports_relayout": "imports:relayout", "imports_reread": "imports:reread",
    "closes": "supervision:closes", "close_P": "supervision:close", "close_Q": "supervision:close",
    "close_P_compare_Q": "supervision:close", "close_plan": "supervision:closes",
    "circulars": "supervision:circulars", "circular_P": "supervision:circular", "circular_Q": "supervision:circular",
    "circular_draft_P": "supervision:circular", "export_circular_P": "supervision:circular_docx",
    "export_circular_draft_P": "supervision:circular_docx", "edit_circular_draft_P": "supervision:edit_circular",
    "edit_circular_P": "supervision:edit_circular", "draft_circular_get": "supervision:draft_circular",
    "regenerate_circular_get": "supervision:regenerate_circular", "publish_circular_get": "supervision:publish_circular",
    "draft_circular": "supervision:draft_circular", "edit_circular": "supervision:edit_circular",
    "regenerate_circular": "supervision:regenerate_circular", "publish_circular": "supervision:publish_circular",
    "instruction_new_P": "supervision:write_instruction", "instruction_new_Q": "supervision:write_instruction",
    "instruction_P": "supervision:instruction", "instructions": "supervision:instructions",
    "chase": "supervision:chase", "chase_read_get": "supervision:chase_read",
    "instruction_write": "supervision:write_instruction", "instruction_answer": "supervision:instruction",
    "instruction_close": "supervision:instruction", "chase_unit": "supervision:chase", "chase_read": "supervision:chase_read",
    "verify_get": "progress:verify_completion", "return_completion_get": "progress:return_completion",
    "verification_photo_D": "progress:verification_photo",
    "verify_completion": "progress:verify_completion", "return_completion": "progress:return_completion",
    "sheets": "supervision:sheets", "escalations": "supervision:escalations",
    "issue_sheet_P": "supervision:issue_sheet", "issue_sheet_Q": "supervision:issue_sheet",
    "sheet_P": "supervision:sheet", "sheet_Q": "supervision:sheet",
    "export_sheet_P": "supervision:sheet_docx", "export_sheet_Q": "supervision:sheet_docx",
    "attachment_sheet_P": "supervision:sheet_attachment", "attachment_sheet_Q": "supervision:sheet_attachment",
    "issue_sheet": "supervision:issue_sheet", "sheet_sign": "supervision:sheet", "sheet_close": "supervision:sheet",
    "sheet_close_Q": "supervision:sheet",
}

# Every named route of config.urls (admin/ and i18n/ aside) that the matrices above walk.
COVERED = {
    "home", "login", "logout", "password_change", "password_change_done",
    "tasks", "progress:report", "progress:note", "progress:review", "progress:withdraw",
    "progress:close_request", "progress:attachment", "progress:export",
    "projects:detail", "projects:list", "projects:export_xlsx", "projects:export_csv", "dashboard", "plan_table",
    "imports:upload", "imports:preview", "imports:confirm", "imports:relayout", "imports:reread",
    "supervision:closes", "supervision:close",
    "supervision:circulars", "supervision:circular", "supervision:circular_docx", "supervision:edit_circular",
    "supervision:draft_circular", "supervision:regenerate_circular", "supervision:publish_circular",
    "supervision:write_instruction", "supervision:instruction", "supervision:instructions", "supervision:chase",
    "supervision:chase_read",
    "progress:verify_completion", "progress:return_completion", "progress:verification_photo",
    "supervision:sheets", "supervision:issue_sheet", "supervision:sheet", "supervision:sheet_docx",
    "supervision:sheet_attachment", "supervision:escalations",
}

# Bugs found while writing the matrix are marked here (xfail, strict) until mended: (row, kind) -> why.
KNOWN_BUGS: dict[tuple[str, str], str] = {}


# ---------------------------------------------------------------------------------------------
# The world.


def tiny_png(red: int) -> bytes:
    """A real 1×1 PNG (signature, IHDR, IDAT, IEND), one colour per project."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes([0, red, 0, 0])))
            + chunk(b"IEND", b""))


@dataclass
class World:
    users: dict[str, User | None]
    P: int
    Q: int
    missing: int
    plan_P: int
    plan_Q: int
    R: int
    RQ: int
    month: date  # R's (and RQ's) period
    draft_month: date | None  # an opened period of P with no report yet
    attachment_P: int
    attachment_Q: int
    png_P: bytes
    png_Q: bytes
    request_P: int
    request_Q: int
    record_P: int
    record_Q: int
    assist_unit: int
    close_P: int  # January of P's plan, closed (made directly: tests/supervision/factories.py)
    close_Q: int
    plan_old: int  # last year's plan of 鲤城区, whose December nobody has closed
    old_month: date
    close_new: int  # a close of P's plan with no circular yet
    circular_P: int  # published, on a close of P's plan
    circular_Q: int  # published, on a close of Q's plan
    circular_draft_P: int  # a draft, on another close of P's plan
    lead_unit: int
    instruction_P: int  # a leader's instruction on P, open
    chase_P: int  # a chase of P's lead unit, unread
    C: int  # claims completion (a submitted 100 % report), not yet decided
    claim_C: int
    D: int  # verified complete, with a photo
    verification_D: int
    png_D: bytes
    sheets: dict[str, int]  # S, S_answered, SQ and their answers' files file_P, file_Q (build_sheets)


def build_world() -> World:
    today = timezone.localdate()
    year = today.year
    city = make_jurisdiction(name="泉州市", level="city")
    licheng = make_jurisdiction(name="鲤城区")  # under 泉州市
    fengze = make_jurisdiction(name="丰泽区", parent=city)
    assert licheng.parent_id == city.pk

    plan_p, plan_q = make_plan(jurisdiction=licheng, year=year), make_plan(jurisdiction=fengze, year=year)
    p = make_project(plan=plan_p, name=SECRETS["P"][0])
    q = make_project(plan=plan_q, name=SECRETS["Q"][0])
    lead_unit, assist_unit, other_unit = (make_organization(name=name, jurisdiction=licheng)
                                          for name in ("区住建局", "区财政局", "区教育局"))
    fz_unit = make_organization(name="区住建局", jurisdiction=fengze)
    ProjectOrganization.objects.create(project=p, organization=lead_unit, role="lead")
    ProjectOrganization.objects.create(project=p, organization=assist_unit, role="assisting")
    ProjectOrganization.objects.create(project=q, organization=fz_unit, role="lead")
    leader = make_person(name="王伟", jurisdiction=licheng)
    ProjectPerson.objects.create(project=p, person=leader, role="leader")
    source, _ = FundingSource.objects.get_or_create(name="区财政")
    Funding.objects.create(project=p, source=source, amount=Decimal("120"))
    Funding.objects.create(project=q, source=source, amount=Decimal("80"))

    def user(name, **fields):  # no password: force_login only, and no hashing to wait for
        return make_user(username=name, password=None, **fields)

    users = {
        "anon": None,
        "lead": user("lead", role=Role.OFFICER, organization=lead_unit),
        "assist": user("assist", role=Role.OFFICER, organization=assist_unit),
        "other": user("other", role=Role.OFFICER, organization=other_unit),
        "fz_coord": user("fz_coord", role=Role.COORDINATOR, jurisdiction=fengze),
        "fz_offi": user("fz_offi", role=Role.OFFICER, organization=fz_unit),
        "leader": user("leader", role=Role.LEADER, person=leader, jurisdiction=licheng),
        "coord": user("coord", role=Role.COORDINATOR, jurisdiction=licheng),
        "city": user("city", role=Role.COORDINATOR, jurisdiction=city),
        "admin": user("admin", role=Role.ADMIN, jurisdiction=licheng, is_staff=True),
        "root": user("root", is_staff=True, is_superuser=True),
    }
    assert users["fz_offi"].jurisdiction_id == fengze.pk and users["lead"].jurisdiction_id == licheng.pk

    month = date(year, 1, 1)  # January's period opens on 1 January: always open in the current year
    png_p, png_q = tiny_png(255), tiny_png(128)
    r = services.save_report(
        user=users["lead"], project=p, month=month, version=0, submit=True,
        data=services.ReportInput(percent_complete=40, progress=SECRETS["P"][1], problems="需协调"),
        files=[SimpleUploadedFile("site.png", png_p, content_type="image/png")])
    rq = services.save_report(
        user=users["fz_offi"], project=q, month=month, version=0, submit=True,
        data=services.ReportInput(percent_complete=20, progress=SECRETS["Q"][1], problems="丰泽需协调"),
        files=[SimpleUploadedFile("street.png", png_q, content_type="image/png")])
    opened = [period.month for period in plan_p.schedule.periods(year) if period.opens <= today and period.month != month]
    plan_old = make_plan(jurisdiction=licheng, year=year - 1)
    make_project(plan=plan_old, name="往年项目")

    def record(plan, file_name):
        return ImportRecord.objects.create(file_name=file_name, checksum="0" * 64, status="previewed", plan=plan,
                                           result={"plan": {"title": plan.title, "year": plan.year}, "projects": []})

    # Two more projects of P's plan and units: C claims completion, D's completion was verified with a photo.
    c, d = make_project(plan=plan_p, name="丙项目待核验"), make_project(plan=plan_p, name="丁项目已核验")
    claims = {}
    for project in (c, d):
        ProjectOrganization.objects.create(project=project, organization=lead_unit, role="lead")
        ProjectOrganization.objects.create(project=project, organization=assist_unit, role="assisting")
        claims[project.pk] = services.save_report(user=users["lead"], project=project, month=month, version=0,
                                                  submit=True, data=services.ReportInput(percent_complete=100))
    png_d = tiny_png(64)
    verified_d = verification.verify_completion(user=users["coord"], project=d, note="现场核验",
                                                photo=SimpleUploadedFile("d.png", png_d, content_type="image/png"))

    return World(
        users=users, P=p.pk, Q=q.pk, missing=Project.objects.order_by("-pk").first().pk + 1000,
        plan_P=plan_p.pk, plan_Q=plan_q.pk, R=r.pk, RQ=rq.pk, month=month,
        draft_month=opened[-1] if opened else None,
        attachment_P=r.attachments.get().pk, attachment_Q=rq.attachments.get().pk, png_P=png_p, png_Q=png_q,
        request_P=CoordinationRequest.objects.get(report=r).pk, request_Q=CoordinationRequest.objects.get(report=rq).pk,
        record_P=record(plan_p, SECRETS["P"][2]).pk, record_Q=record(plan_q, SECRETS["Q"][2]).pk,
        assist_unit=assist_unit.pk,
        close_P=make_close(plan=plan_p, month=month, rows=[(p, "green", 40)]).pk,
        close_Q=make_close(plan=plan_q, month=month, rows=[(q, "green", 20)]).pk,
        plan_old=plan_old.pk, old_month=date(year - 1, 12, 1),
        **circulars(users, plan_p, plan_q, {p: lead_unit, q: fz_unit}),
        **_supervision_world(users, p, plan_p, lead_unit),
        C=c.pk, claim_C=claims[c.pk].pk, D=d.pk, verification_D=verified_d.pk, png_D=png_d,
        sheets=build_sheets(users, p, q, png_p, png_q),
    )


def circulars(users: dict, plan_p, plan_q, lead_units: dict) -> dict:
    """P's plan: a published circular, a draft, and a close without one; Q's plan: a published circular.

    Months 2 to 4: January of both plans is closed for the close pages' rows."""
    year = timezone.localdate().year

    def close(plan, month):
        return make_close(plan=plan, month=date(year, month, 1), rows=[(project, "green", 40) for project in lead_units
                                                                       if project.plan_id == plan.pk],
                          details={project: {"organization": unit, "lead_unit": unit.name}
                                   for project, unit in lead_units.items()})

    def published(plan, user):
        circular = circular_services.draft_circular(user=user, close=close(plan, 2))
        return circular_services.publish_circular(user=user, circular=circular, version=circular.version).pk

    return {"circular_P": published(plan_p, users["coord"]), "circular_Q": published(plan_q, users["fz_coord"]),
            "circular_draft_P": circular_services.draft_circular(user=users["coord"], close=close(plan_p, 3)).pk,
            "close_new": close(plan_p, 4).pk}


def _supervision_world(users: dict, p: Project, plan_p: Plan, lead_unit) -> dict:
    """An open instruction on P, a chase of P's lead unit, and a project of that unit whose report fell due on
    1 January, so that the unit owes something to chase on every day of the year but the first."""
    owed = make_project(plan=make_plan(jurisdiction=plan_p.jurisdiction, year=plan_p.year, kind="work_report",
                                       report_frequency="dates", report_dates="1-1"), name="催报示例项目")
    ProjectOrganization.objects.create(project=owed, organization=lead_unit, role="lead")
    instruction = write_instruction(user=users["leader"], project=p, text="请加快进度。", urgency="normal")
    chase = Chase.objects.create(organization=lead_unit, sent_at=timezone.now() - timedelta(days=1),
                                 sent_by=users["coord"])
    return {"lead_unit": lead_unit.pk, "instruction_P": instruction.pk, "chase_P": chase.pk}


def build_sheets(users: dict, p: Project, q: Project, png_p: bytes, png_q: bytes) -> dict[str, int]:
    """S: an issued sheet on P; S_answered: one answered with P's photo; SQ: Q's, answered with Q's photo."""
    deadline = timezone.localdate() + timedelta(days=30)

    def sheet(office, officer, project, png=None):
        issued = sheet_services.issue_sheet(user=office, project=project, matter=f"{project.name}督办事项",
                                            content=f"{project.name}须办结", deadline=deadline)
        if png is None:
            return issued, None
        sheet_services.sign_sheet(user=officer, sheet=issued)
        sheet_services.answer_sheet(user=officer, sheet=issued, text=f"{project.name}已办",
                                    files=[SimpleUploadedFile("answer.png", png, content_type="image/png")])
        return issued, issued.attachments.get().pk

    s, _none = sheet(users["coord"], users["lead"], p)
    answered, file_p = sheet(users["coord"], users["lead"], p, png_p)
    sq, file_q = sheet(users["fz_coord"], users["fz_offi"], q, png_q)
    return {"S": s.pk, "S_answered": answered.pk, "SQ": sq.pk, "file_P": file_p, "file_Q": file_q}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once; each test's own transaction (a savepoint inside this one) is rolled back after it."""
    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))), django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def signed_in(client, world: World, kind: str):
    if world.users[kind] is not None:
        client.force_login(world.users[kind])
    return client


def ym(month: date) -> str:
    return f"{month:%Y-%m}"


# ---------------------------------------------------------------------------------------------
# The addresses.

GET_URLS = {
    "home": lambda w: "/",
    "login": lambda w: "/login/",
    "logout": lambda w: "/logout/",
    "password_change": lambda w: "/password/",
    "password_change_done": lambda w: "/password/done/",
    "tasks": lambda w: "/tasks/",
    "project_list": lambda w: "/projects/",
    "list_export_xlsx": lambda w: "/projects/export.xlsx",
    "list_export_csv": lambda w: "/projects/export.csv",
    "dashboard": lambda w: "/dashboard/?mine=0",
    "project_P": lambda w: f"/projects/{w.P}/",
    "project_Q": lambda w: f"/projects/{w.Q}/",
    "project_missing": lambda w: f"/projects/{w.missing}/",
    "report_P": lambda w: f"/projects/{w.P}/reports/{ym(w.month)}/",
    "report_Q": lambda w: f"/projects/{w.Q}/reports/{ym(w.month)}/",
    "attachment_P": lambda w: f"/attachments/{w.attachment_P}/",
    "attachment_Q": lambda w: f"/attachments/{w.attachment_Q}/",
    "export_P": lambda w: f"/plans/{w.plan_P}/progress.xlsx?period={ym(w.month)}",
    "plan_table_P": lambda w: f"/plans/{w.plan_P}/table.xlsx",
    "plan_table_Q": lambda w: f"/plans/{w.plan_Q}/table.xlsx",
    "export_Q": lambda w: f"/plans/{w.plan_Q}/progress.xlsx?period={ym(w.month)}",
    "review_get": lambda w: f"/reports/{w.R}/review/",
    "withdraw_get": lambda w: f"/reports/{w.R}/withdraw/",
    "note_get": lambda w: f"/projects/{w.P}/notes/{ym(w.month)}/",
    "close_request_get": lambda w: f"/requests/{w.request_P}/close/",
    "imports_upload": lambda w: "/imports/",
    "imports_preview_P": lambda w: f"/imports/{w.record_P}/",
    "imports_preview_Q": lambda w: f"/imports/{w.record_Q}/",
    "imports_confirm_get": lambda w: f"/imports/{w.record_P}/confirm/",
    "imports_relayout_get": lambda w: f"/imports/{w.record_P}/columns/",
    "imports_reread_get": lambda w: f"/imports/{w.record_P}/reading/",
    "admin": lambda w: "/admin/",
    "admin_project_P": lambda w: f"/admin/projects/project/{w.P}/change/",
    "admin_project_Q": lambda w: f"/admin/projects/project/{w.Q}/change/",
    "admin_report_Q": lambda w: f"/admin/progress/report/{w.RQ}/change/",
    "admin_request_Q": lambda w: f"/admin/progress/coordinationrequest/{w.request_Q}/change/",
    "admin_import_Q": lambda w: f"/admin/imports/importrecord/{w.record_Q}/change/",
    "admin_projects": lambda w: "/admin/projects/project/",
    "admin_reports": lambda w: "/admin/progress/report/",
    "closes": lambda w: "/supervision/closes/",
    "close_P": lambda w: f"/supervision/closes/{w.close_P}/",
    "close_Q": lambda w: f"/supervision/closes/{w.close_Q}/",
    "close_P_compare_Q": lambda w: f"/supervision/closes/{w.close_P}/?compare={w.close_Q}",
    "circulars": lambda w: "/supervision/circulars/",
    "circular_P": lambda w: f"/supervision/circulars/{w.circular_P}/",
    "circular_Q": lambda w: f"/supervision/circulars/{w.circular_Q}/",
    "circular_draft_P": lambda w: f"/supervision/circulars/{w.circular_draft_P}/",
    "export_circular_P": lambda w: f"/supervision/circulars/{w.circular_P}/circular.docx",
    "export_circular_draft_P": lambda w: f"/supervision/circulars/{w.circular_draft_P}/circular.docx",
    "edit_circular_draft_P": lambda w: f"/supervision/circulars/{w.circular_draft_P}/edit/",
    "edit_circular_P": lambda w: f"/supervision/circulars/{w.circular_P}/edit/",
    "draft_circular_get": lambda w: f"/supervision/closes/{w.close_new}/circular/",
    "regenerate_circular_get": lambda w: f"/supervision/circulars/{w.circular_draft_P}/regenerate/",
    "publish_circular_get": lambda w: f"/supervision/circulars/{w.circular_draft_P}/publish/",
    "instruction_new_P": lambda w: f"/supervision/projects/{w.P}/instructions/new/",
    "instruction_new_Q": lambda w: f"/supervision/projects/{w.Q}/instructions/new/",
    "instruction_P": lambda w: f"/supervision/instructions/{w.instruction_P}/",
    "instructions": lambda w: "/supervision/instructions/",
    "chase": lambda w: "/supervision/chase/",
    "chase_read_get": lambda w: f"/supervision/chases/{w.chase_P}/read/",
    "verify_get": lambda w: f"/projects/{w.C}/completion/verify/",
    "return_completion_get": lambda w: f"/projects/{w.C}/completion/return/",
    "verification_photo_D": lambda w: f"/verifications/{w.verification_D}/photo/",
    "sheets": lambda w: "/supervision/sheets/",
    "escalations": lambda w: "/supervision/escalations/",
    "issue_sheet_P": lambda w: f"/supervision/projects/{w.P}/sheets/new/",
    "issue_sheet_Q": lambda w: f"/supervision/projects/{w.Q}/sheets/new/",
    "sheet_P": lambda w: f"/supervision/sheets/{w.sheets['S_answered']}/",
    "sheet_Q": lambda w: f"/supervision/sheets/{w.sheets['SQ']}/",
    "export_sheet_P": lambda w: f"/supervision/sheets/{w.sheets['S']}/sheet.docx",
    "export_sheet_Q": lambda w: f"/supervision/sheets/{w.sheets['SQ']}/sheet.docx",
    "attachment_sheet_P": lambda w: f"/supervision/sheets/files/{w.sheets['file_P']}/",
    "attachment_sheet_Q": lambda w: f"/supervision/sheets/files/{w.sheets['file_Q']}/",
}


def _report(pk: int) -> Report:
    return Report.objects.get(pk=pk)


def _circular(pk: int) -> Circular:
    return Circular.objects.get(pk=pk)


@dataclass
class PostRow:
    url: object  # world -> address
    data: object  # world -> form
    done: object  # (world, user) -> bool: what DONE must have changed
    done_at: object  # world -> where DONE redirects


POST_ROWS = {
    "report_save_R": PostRow(
        url=lambda w: f"/projects/{w.P}/reports/{ym(w.month)}/",
        data=lambda w: {"version": _report(w.R).version, "percent_complete": 90, "progress": "改写", "submit": "1"},
        done=None, done_at=None),
    "report_save_new": PostRow(
        url=lambda w: f"/projects/{w.P}/reports/{ym(w.draft_month)}/",
        data=lambda w: {"version": 0, "percent_complete": 50, "progress": "草稿"},
        done=lambda w, u: Report.objects.filter(project_id=w.P, period=w.draft_month, status="draft",
                                                reported_by=u, progress="草稿").exists(),
        done_at=lambda w: f"/projects/{w.P}/reports/{ym(w.draft_month)}/"),
    "review_P": PostRow(
        url=lambda w: f"/reports/{w.R}/review/",
        data=lambda w: {"version": _report(w.R).version, "accept": "1"},
        done=lambda w, u: (_report(w.R).status, _report(w.R).reviewed_by) == ("accepted", u),
        done_at=lambda w: f"/projects/{w.P}/reports/{ym(w.month)}/"),
    "review_Q": PostRow(
        url=lambda w: f"/reports/{w.RQ}/review/",
        data=lambda w: {"version": _report(w.RQ).version, "accept": "1"},
        done=lambda w, u: (_report(w.RQ).status, _report(w.RQ).reviewed_by) == ("accepted", u),
        done_at=lambda w: f"/projects/{w.Q}/reports/{ym(w.month)}/"),
    "withdraw": PostRow(
        url=lambda w: f"/reports/{w.R}/withdraw/",
        data=lambda w: {"version": _report(w.R).version},
        done=lambda w, u: _report(w.R).status == "withdrawn",
        done_at=lambda w: f"/projects/{w.P}/reports/{ym(w.month)}/"),
    "note": PostRow(
        url=lambda w: f"/projects/{w.P}/notes/{ym(w.month)}/",
        data=lambda w: {"text": "协办单位意见"},
        done=lambda w, u: AssistingNote.objects.filter(project_id=w.P, organization_id=w.assist_unit, period=w.month,
                                                       text="协办单位意见", author=u).exists(),
        done_at=lambda w: f"/projects/{w.P}/reports/{ym(w.month)}/"),
    "close_request": PostRow(
        url=lambda w: f"/requests/{w.request_P}/close/",
        data=lambda w: {"resolution": "已协调解决"},
        done=lambda w, u: CoordinationRequest.objects.filter(pk=w.request_P, closed_by=u, closed_at__isnull=False,
                                                             resolution="已协调解决").exists(),
        done_at=lambda w: f"/projects/{w.P}/"),
    "close_request_Q": PostRow(
        url=lambda w: f"/requests/{w.request_Q}/close/",
        data=lambda w: {"resolution": "已协调解决"},
        done=lambda w, u: CoordinationRequest.objects.filter(pk=w.request_Q, closed_by=u, closed_at__isnull=False,
                                                             resolution="已协调解决").exists(),
        done_at=lambda w: f"/projects/{w.Q}/"),
    # The staged file is not there (nothing was uploaded), so even an administrator is turned back
    # to the import page with a message: the row checks who gets past the permission, and that
    # nobody changes anything.
    "imports_confirm": PostRow(url=lambda w: f"/imports/{w.record_P}/confirm/", data=lambda w: {},
                               done=None, done_at=None),
    # Reading the file again with other column roles: the same gate, and nothing remembered.
    "imports_relayout": PostRow(url=lambda w: f"/imports/{w.record_P}/columns/", data=lambda w: {"role-0-1": "lead"},
                                done=None, done_at=None),
    # Reading a list again another way: the same gate, and nothing remembered.
    "imports_reread": PostRow(url=lambda w: f"/imports/{w.record_P}/reading/", data=lambda w: {"items": "line"},
                              done=None, done_at=None),
    "close_plan": PostRow(
        url=lambda w: "/supervision/closes/",
        data=lambda w: {"plan": w.plan_old, "period": ym(w.old_month)},
        done=lambda w, u: PeriodClose.objects.filter(plan_id=w.plan_old, period=w.old_month, closed_by=u).exists(),
        done_at=lambda w: f"/supervision/closes/{PeriodClose.objects.get(plan_id=w.plan_old, period=w.old_month).pk}/"),
    "draft_circular": PostRow(
        url=lambda w: f"/supervision/closes/{w.close_new}/circular/", data=lambda w: {},
        done=lambda w, u: Circular.objects.filter(close_id=w.close_new, created_by=u, status="draft").exists(),
        done_at=lambda w: f"/supervision/circulars/{Circular.objects.get(close_id=w.close_new).pk}/"),
    "edit_circular": PostRow(
        url=lambda w: f"/supervision/circulars/{w.circular_draft_P}/edit/",
        data=lambda w: {"version": _circular(w.circular_draft_P).version, "opening": "改写的开头",
                        "summary_remarks": "", "requirements": "要求"},
        done=lambda w, u: _circular(w.circular_draft_P).opening == "改写的开头",
        done_at=lambda w: f"/supervision/circulars/{w.circular_draft_P}/"),
    "regenerate_circular": PostRow(
        url=lambda w: f"/supervision/circulars/{w.circular_draft_P}/regenerate/",
        data=lambda w: {"version": _circular(w.circular_draft_P).version},
        done=lambda w, u: Event.objects.filter(subject="circular", subject_id=w.circular_draft_P,
                                               action="regenerated", author=u).exists(),
        done_at=lambda w: f"/supervision/circulars/{w.circular_draft_P}/"),
    "publish_circular": PostRow(
        url=lambda w: f"/supervision/circulars/{w.circular_draft_P}/publish/",
        data=lambda w: {"version": _circular(w.circular_draft_P).version},
        done=lambda w, u: (_circular(w.circular_draft_P).status, _circular(w.circular_draft_P).published_by) == (
            "published", u),
        done_at=lambda w: f"/supervision/circulars/{w.circular_draft_P}/"),
    "instruction_write": PostRow(
        url=lambda w: f"/supervision/projects/{w.P}/instructions/new/",
        data=lambda w: {"text": "新的批示", "urgency": "urgent"},
        done=lambda w, u: Instruction.objects.filter(project_id=w.P, author=u, text="新的批示").exists(),
        done_at=lambda w: f"/supervision/instructions/{Instruction.objects.latest('pk').pk}/"),
    "instruction_answer": PostRow(
        url=lambda w: f"/supervision/instructions/{w.instruction_P}/",
        data=lambda w: {"answer": "", "version": Instruction.objects.get(pk=w.instruction_P).version, "text": "已办理"},
        done=lambda w, u: Instruction.objects.filter(pk=w.instruction_P, status="answered", answered_by=u).exists(),
        done_at=lambda w: f"/supervision/instructions/{w.instruction_P}/"),
    "instruction_close": PostRow(
        url=lambda w: f"/supervision/instructions/{w.instruction_P}/",
        data=lambda w: {"close": "", "version": Instruction.objects.get(pk=w.instruction_P).version, "note": "已办结"},
        done=lambda w, u: Instruction.objects.filter(pk=w.instruction_P, status="closed", closed_by=u).exists(),
        done_at=lambda w: f"/supervision/instructions/{w.instruction_P}/"),
    # On 1 January nothing has fallen due yet: the chase is asked for and, rightly, nothing is sent.
    "chase_unit": PostRow(
        url=lambda w: "/supervision/chase/",
        data=lambda w: {"unit": w.lead_unit},
        done=lambda w, u: (Chase.objects.filter(organization_id=w.lead_unit, sent_by=u).exclude(pk=w.chase_P).exists()
                           or timezone.localdate().timetuple().tm_yday == 1),
        done_at=lambda w: "/supervision/chase/"),
    "chase_read": PostRow(
        url=lambda w: f"/supervision/chases/{w.chase_P}/read/",
        data=lambda w: {},
        done=lambda w, u: Chase.objects.filter(pk=w.chase_P, read_by=u, read_at__isnull=False).exists(),
        done_at=lambda w: "/"),
    "verify_completion": PostRow(
        url=lambda w: f"/projects/{w.C}/completion/verify/", data=lambda w: {"note": "现场核验"},
        done=lambda w, u: (Verification.objects.filter(project_id=w.C, outcome="verified", by=u).exists()
                           and _report(w.claim_C).status == "accepted"),
        done_at=lambda w: f"/projects/{w.C}/"),
    "return_completion": PostRow(
        url=lambda w: f"/projects/{w.C}/completion/return/", data=lambda w: {"reason": "尚有两处未完工"},
        done=lambda w, u: (Verification.objects.filter(project_id=w.C, outcome="returned", by=u).exists()
                           and _report(w.claim_C).review_comment == "尚有两处未完工"),
        done_at=lambda w: f"/projects/{w.C}/"),
    "issue_sheet": PostRow(
        url=lambda w: f"/supervision/projects/{w.P}/sheets/new/",
        data=lambda w: {"matter": "新督办事项", "content": "须办结", "lead_unit": _sheet(w.sheets["S"]).lead_unit_id,
                        "deadline": (timezone.localdate() + timedelta(days=20)).isoformat(), "feedback": "once"},
        done=lambda w, u: InstructionSheet.objects.filter(project_id=w.P, matter="新督办事项", issued_by=u).exists(),
        done_at=lambda w: f"/supervision/sheets/{InstructionSheet.objects.latest('pk').pk}/"),
    "sheet_sign": PostRow(
        url=lambda w: f"/supervision/sheets/{w.sheets['S']}/",
        data=lambda w: {"action": "sign", "version": _sheet(w.sheets["S"]).version},
        done=lambda w, u: (_sheet(w.sheets["S"]).status, _sheet(w.sheets["S"]).signed_by) == ("signed", u),
        done_at=lambda w: f"/supervision/sheets/{w.sheets['S']}/"),
    "sheet_close": PostRow(
        url=lambda w: f"/supervision/sheets/{w.sheets['S']}/",
        data=lambda w: {"action": "close", "version": _sheet(w.sheets["S"]).version, "reason": "撤销"},
        done=lambda w, u: (_sheet(w.sheets["S"]).status, _sheet(w.sheets["S"]).closed_by) == ("closed", u),
        done_at=lambda w: f"/supervision/sheets/{w.sheets['S']}/"),
    "sheet_close_Q": PostRow(
        url=lambda w: f"/supervision/sheets/{w.sheets['SQ']}/",
        data=lambda w: {"action": "close", "version": _sheet(w.sheets["SQ"]).version, "reason": "办结"},
        done=lambda w, u: (_sheet(w.sheets["SQ"]).status, _sheet(w.sheets["SQ"]).closed_by) == ("closed", u),
        done_at=lambda w: f"/supervision/sheets/{w.sheets['SQ']}/"),
}


def _sheet(pk: int) -> InstructionSheet:
    return InstructionSheet.objects.get(pk=pk)


def snapshot() -> tuple:
    """Everything a POST here could change."""
    return (
        sorted(Report.objects.values_list("id", "period", "status", "version", "progress", "reviewed_by")),
        Revision.objects.count(), Attachment.objects.count(),
        sorted(AssistingNote.objects.values_list("project", "organization", "period", "text")),
        sorted(CoordinationRequest.objects.values_list("id", "closed_at", "closed_by", "resolution")),
        sorted(ImportRecord.objects.values_list("id", "status", "plan")), Project.objects.count(),
        SavedLayout.objects.count(), SavedReading.objects.count(),
        PeriodClose.objects.count(), Snapshot.objects.count(),
        sorted(Circular.objects.values_list("id", "close", "status", "version", "opening", "number", "published_by")),
        Event.objects.count(),
        sorted(Instruction.objects.values_list("id", "status", "version", "answer", "closed_by")),
        sorted(Chase.objects.values_list("id", "read_at", "read_by")),
        sorted(Verification.objects.values_list("id", "project", "outcome")),
        sorted(InstructionSheet.objects.values_list("id", "status", "version", "tier")),
    )


# ---------------------------------------------------------------------------------------------
# The checks.


def cases(matrix: dict) -> list:
    params = []
    for row, answers in matrix.items():
        assert len(answers) == len(USERS), row
        for kind, expected in zip(USERS, answers):
            marks = []
            if (row, kind) in KNOWN_BUGS:
                marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[(row, kind)]))
            params.append(pytest.param(row, kind, expected, id=f"{row}-{kind}", marks=marks))
    return params


def body_of(response) -> bytes:
    if getattr(response, "streaming", False):
        # Read to the end: the test client then closes the file itself. (Calling close() here would
        # send request_finished, which closes PostgreSQL's connection in the middle of the test.)
        return b"".join(response.streaming_content)
    return response.content


def assert_answer(response, expected, *, done_at: str | None = None) -> None:
    location = response.headers.get("Location", "")
    if isinstance(expected, int):
        assert response.status_code == expected, location
        return
    assert response.status_code == 302
    wanted = {LOGIN: "/login/?next=", ADMIN_LOGIN: "/admin/login/?next=", ADMIN_HOME: "/admin/", TASKS: "/tasks/",
              UPLOAD: "/imports/", DONE: done_at}[expected]
    if expected in (LOGIN, ADMIN_LOGIN):
        assert location.startswith(wanted), location
    else:
        assert location == wanted


def assert_no_leak(body: bytes, kind: str, expected) -> None:
    """Refusals name no project; answers name only projects the user may see."""
    hidden = {"P", "Q"} if expected != 200 else {"P", "Q"} - SEES[kind]
    text = body.decode("utf-8", "replace")
    for project in sorted(hidden):
        for secret in SECRETS[project]:
            assert secret not in text, f"{kind} reads {project}'s {secret!r}"


@pytest.mark.parametrize(("row", "kind", "expected"), cases(GET_MATRIX))
def test_get(client, world, row, kind, expected):
    response = signed_in(client, world, kind).get(GET_URLS[row](world))
    assert_answer(response, expected)
    body = body_of(response)
    if row.startswith("attachment_") and expected == 200:
        png = world.png_P if row.endswith("_P") else world.png_Q
        assert (body, response["Content-Type"]) == (png, "image/png")
    elif row.startswith("attachment_"):
        assert b"PNG" not in body
    if row.startswith("export_") and expected == 200:
        assert body.startswith(b"PK")  # an .xlsx is a zip
    if row.startswith("verification_photo_"):
        assert (body == world.png_D) == (expected == 200)
    if not row.startswith(("attachment_", "export_")):
        assert_no_leak(body, kind, expected)


@pytest.mark.parametrize(("row", "kind", "expected"), cases(POST_MATRIX))
def test_post(client, world, row, kind, expected):
    spec = POST_ROWS[row]
    if row == "report_save_new" and world.draft_month is None:
        pytest.skip("1–22 January: only January's period has opened, and R holds it")
    data, before = spec.data(world), snapshot()
    response = signed_in(client, world, kind).post(spec.url(world), data)
    assert_answer(response, expected, done_at=spec.done_at(world) if expected == DONE else None)
    assert_no_leak(response.content, kind, expected)
    if expected == DONE:
        assert spec.done(world, world.users[kind])
    else:
        assert snapshot() == before, "a refused request changed the database"


def test_the_world_is_as_the_matrix_assumes(world):
    r, rq = _report(world.R), _report(world.RQ)
    assert (r.status, r.project_id, r.period, rq.status, rq.project_id) == ("submitted", world.P, world.month,
                                                                           "submitted", world.Q)
    assert CoordinationRequest.objects.get(pk=world.request_P).closed_at is None
    assert Attachment.objects.get(pk=world.attachment_P).content_type == "image/png"
    assert not Project.objects.filter(pk=world.missing).exists()
    # Two units named 区住建局, one per district: the officer of 丰泽区's is not P's.
    assert world.users["lead"].organization.name == world.users["fz_offi"].organization.name
    assert world.users["lead"].organization_id != world.users["fz_offi"].organization_id


@pytest.mark.parametrize(("kind", "url", "data"), [
    pytest.param("coord", lambda w: f"/reports/{w.R}/review/", {"accept": "1"}, id="review-without-version"),
    pytest.param("lead", lambda w: f"/reports/{w.R}/withdraw/", {"version": "x"}, id="withdraw-with-bad-version"),
])
def test_a_malformed_form_is_refused_with_a_message_not_a_server_error(client, world, kind, url, data):
    client.raise_request_exception = False
    before = snapshot()
    response = signed_in(client, world, kind).post(url(world), data)
    assert response.status_code in (400, 302)
    assert snapshot() == before


def _named_routes(patterns, prefix: str = "", namespace: str | None = None):
    for pattern in patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route in ("admin/", "i18n/"):
                continue
            inner = pattern.namespace
            space = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            yield from _named_routes(pattern.url_patterns, prefix + route, space)
        else:
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name, prefix + route


def test_every_route_has_a_row_in_the_matrix():
    routes = dict(_named_routes(get_resolver().url_patterns))
    unnamed = [route for name, route in _named_routes(get_resolver().url_patterns) if name is None]
    assert not unnamed, f"routes without a name cannot be checked: {unnamed}"
    assert set(routes) - COVERED == set(), "routes without a row in GET_MATRIX or POST_MATRIX"
    assert COVERED - set(routes) == set(), "COVERED names routes that no longer exist"
    assert COVERED <= set(ROUTES.values()), "COVERED names routes that no row walks"
    assert set(ROUTES) == set(GET_MATRIX) | set(POST_MATRIX)
    assert set(GET_URLS) == set(GET_MATRIX) and set(POST_ROWS) == set(POST_MATRIX)
