"""What a chase or a reminder says, and the two ways it goes out: e-mail and the group robot.

One function, `compose`, writes the text for every channel, in the site's language whoever sends
it: the same words reach the unit by e-mail and in the WeCom or DingTalk group."""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import groupby
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from projects.models import Organization, Project
from projects.schedule import Period

ROBOT_TIMEOUT = 5  # seconds: a robot that does not answer by then has failed
# How much text each robot takes (bytes of UTF-8): WeCom refuses a text message over 2,048 bytes.
ROBOT_LIMITS = {"wecom": 2048, "dingtalk": 18000}


class Kind(StrEnum):
    LATE = "late"  # 催报: past the due date
    DUE_SOON = "due_soon"  # 提醒: due within a few days


@dataclass(frozen=True)
class Missing:
    """One report a unit owes: its project and period, and how many days late it is (negative: days left)."""

    project: Project
    period: Period
    days_late: int

    @property
    def days_left(self) -> int:
        return -self.days_late


@dataclass(frozen=True)
class Message:
    subject: str
    body: str

    @property
    def text(self) -> str:
        """The whole message as one text, for the group robot."""
        return f"{self.subject}\n{self.body}"


def compose(*, unit: Organization, items: Sequence[Missing], kind: Kind) -> Message:
    """The chase or reminder for one unit, listing each report by plan, in the site's language."""
    with override(settings.LANGUAGE_CODE):
        count = len(items)
        if kind == Kind.LATE:
            subject = ngettext("Chase: %(count)s progress report is late",
                               "Chase: %(count)s progress reports are late", count) % {"count": count}
            opening = _("%(unit)s: these progress reports are past their due date; please hand them in "
                        "as soon as possible.") % {"unit": unit.name}
        else:
            subject = _("%(count)s progress reports due soon") % {"count": count}
            opening = _("%(unit)s: these progress reports fall due soon.") % {"unit": unit.name}
        lines = [opening]
        for plan, group in groupby(items, key=lambda item: item.project.plan):
            lines.append(f"【{plan.title}】")
            lines += [f"· {_line(item, kind)}" for item in group]
        return Message(subject=subject, body="\n".join(lines))


def _line(item: Missing, kind: Kind) -> str:
    facts = {"project": str(item.project), "period": item.period.key, "due": item.period.due.isoformat(),
             "days": item.days_late}
    if kind == Kind.LATE:
        return ngettext("%(project)s: the report for %(period)s was due by %(due)s, %(days)s day late.",
                        "%(project)s: the report for %(period)s was due by %(due)s, %(days)s days late.",
                        item.days_late) % facts
    return _("%(project)s: the report for %(period)s is due by %(due)s.") % facts


def send_email(message: Message, addresses: list[str], connection=None) -> str:
    """One e-mail to the unit's officers; the mail server's refusal as text ("" when it was sent)."""
    try:
        EmailMessage(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, addresses,
                     connection=connection).send(fail_silently=False)
    except Exception as error:  # noqa: BLE001 - any refusal is recorded on the chase, the others still go out
        return f"{type(error).__name__}: {error}"[:500]
    return ""


class _NoRedirect(HTTPRedirectHandler):
    # A robot's address that answers with a redirect has moved: it is not followed (a POST turned
    # into a GET elsewhere posts nothing, and an address must not lead the server to another).
    def redirect_request(self, *args, **kwargs):
        return None


_opener = build_opener(_NoRedirect)


def post_to_robot(*, url: str, kind: str, text: str) -> str:
    """Post a text message to a WeCom or DingTalk group robot; what went wrong as text ("" when it was taken)."""
    if urlsplit(url).scheme not in ("http", "https"):
        return _("The group robot's address is not an http or https address.")
    content = _fitted(text, ROBOT_LIMITS.get(kind, ROBOT_LIMITS["wecom"]))
    # WeCom's and DingTalk's robots take the same text message.
    body = json.dumps({"msgtype": "text", "text": {"content": content}}, ensure_ascii=False).encode()
    request = Request(url, data=body, method="POST", headers={"Content-Type": "application/json; charset=utf-8"})
    try:
        with _opener.open(request, timeout=ROBOT_TIMEOUT) as response:
            answer = response.read(4096)
    except HTTPError as error:
        return f"HTTP {error.code} {error.reason}"[:500]
    except (URLError, OSError, ValueError) as error:
        return f"{type(error).__name__}: {getattr(error, 'reason', error)}"[:500]
    # Both answer 200 with {"errcode": 0, "errmsg": "ok"}; anything else is a refusal (45009: over 20 a minute).
    try:
        reply = json.loads(answer or b"{}")
    except ValueError:
        reply = {}
    if isinstance(reply, dict) and str(reply.get("errcode", 0)) != "0":
        return f"errcode {reply.get('errcode')}: {reply.get('errmsg', '')}"[:500]
    return ""


def _fitted(text: str, limit: int) -> str:
    """The text cut at a line to fit the robot's limit, saying that the rest is in the e-mail and the system."""
    if len(text.encode()) <= limit:
        return text
    with override(settings.LANGUAGE_CODE):
        tail = "\n" + _("… (the full list is in the system)")
    kept = []
    size = len(tail.encode())
    for line in text.split("\n"):
        size += len(line.encode()) + 1
        if size > limit:
            break
        kept.append(line)
    return "\n".join(kept) + tail
