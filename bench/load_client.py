"""The virtual users of bench/load.py: people signing in and working through the site over HTTP.

    python bench/load_client.py PLAN.json RESULTS.json

Run by bench/load.py as a second process (standard library only, so it shares nothing with the
server's Python). PLAN.json says where the server is, how long and how many requests, and who
signs in with which scenario; each person is one thread with its own connection and cookies, who
signs in through the real form (its CSRF token taken from the page) and then loops their
scenario with think time between pages, as a browser would (redirects followed, static files not
fetched: a browser has them cached after the first page). RESULTS.json gets every request
(page, seconds since start, milliseconds, status or error) and the markers of the drafts the
server acknowledged; bench/load.py turns them into figures.
"""

import http.client
import json
import random
import re
import sys
import threading
import time
import uuid
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode

TIMEOUT_S = 60  # longer than gunicorn's --timeout, so that a killed worker shows as the server's error
MARKER = re.compile(r"\[load [0-9a-f]+ [\w-]+ \d+\] ?")
REPORT_LINK = re.compile(r'href="/projects/(\d+)/"')
SIGNED_OUT = "/login/"
SIGN_IN_LIMIT_S = 180  # after the ramp, the most the sign-ins may take before the work starts regardless
STALE = (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)


class FormReader(HTMLParser):
    """The fields of the first <form> whose class contains `css_class`, as a browser would send them."""

    def __init__(self, css_class: str):
        super().__init__(convert_charrefs=True)
        self.css_class, self.inside, self.done = css_class, False, False
        self.fields: dict[str, str] = {}
        self.textarea: str | None = None
        self.select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.done:
            return
        if tag == "form" and self.css_class in (attrs.get("class") or "").split():
            self.inside = True
        elif not self.inside:
            return
        elif tag == "input" and attrs.get("name") and attrs.get("type") not in ("file", "submit", "checkbox"):
            self.fields[attrs["name"]] = attrs.get("value") or ""
        elif tag == "textarea":
            self.textarea = attrs.get("name")
            self.fields[self.textarea] = ""
        elif tag == "select":
            self.select = attrs.get("name")
            self.fields.setdefault(self.select, "")
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields[self.select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside, self.done = False, True
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data


def read_form(body: str, css_class: str) -> dict[str, str]:
    reader = FormReader(css_class)
    reader.feed(body)
    return reader.fields


def multipart(fields: dict[str, str]) -> tuple[bytes, str]:
    """The body a browser sends for an enctype="multipart/form-data" form without files."""
    boundary = "----load" + uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
             for name, value in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename=""\r\n'
                 f"Content-Type: application/octet-stream\r\n\r\n\r\n--{boundary}--\r\n")
    return "".join(parts).encode(), f"multipart/form-data; boundary={boundary}"


class Run:
    """What every person shares: the clock, the request budget and what was recorded."""

    def __init__(self, plan: dict):
        self.plan, self.lock = plan, threading.Lock()
        self.start = time.monotonic()
        # Everyone signs in during the ramp; the work measured starts once all have (not before the ramp
        # ends), as in an office where people signed in earlier in the morning: `arrive` sets these two.
        self.work = self.start + plan["ramp"]
        self.end = self.work + SIGN_IN_LIMIT_S + plan["seconds"]
        self.arrived = 0
        self.working = threading.Event()
        self.budget = plan["max_requests"]
        self.requests: list[list] = []
        self.drafts_acked: list[str] = []
        self.conflicts = 0
        self.reconnects = 0
        self.signed_in = 0

    def arrive(self) -> None:
        """One person has signed in, or failed to; after the last one, the work starts."""
        with self.lock:
            self.arrived += 1
            if self.arrived < len(self.plan["people"]):
                return
            self.work = max(self.work, time.monotonic())
            self.end = self.work + self.plan["seconds"]
        if self.plan.get("working_file"):  # bench/load.py samples the server's CPU from then on
            with open(self.plan["working_file"], "w") as file:
                file.write(f"{self.work - self.start:.3f}\n")
        self.working.set()

    def take(self) -> bool:
        """One request from the budget, if time and count allow."""
        with self.lock:
            if self.budget <= 0 or time.monotonic() >= self.end:
                return False
            self.budget -= 1
            return True

    def over(self) -> bool:
        return time.monotonic() >= self.end or self.budget <= 0


class Stop(Exception):
    """Time or the request budget ran out."""


class Person:
    def __init__(self, run: Run, who: dict, seed: int):
        self.run, self.who, self.rng = run, who, random.Random(seed)
        self.connection = http.client.HTTPConnection(run.plan["host"], run.plan["port"], timeout=TIMEOUT_S)
        self.cookies: dict[str, str] = {}
        self.origin = f"http://{run.plan['host']}:{run.plan['port']}"

    def think(self) -> None:
        low, high = self.run.plan["think"]
        pause = self.rng.uniform(low, high)
        if time.monotonic() + pause >= self.run.end:
            raise Stop
        time.sleep(pause)

    def request(self, page: str, method: str, path: str, body: bytes | None = None,
                content_type: str | None = None) -> tuple[int, dict, str]:
        """One request, recorded under `page`; (status, headers, text), status 0 for a broken connection."""
        if not self.run.take():
            raise Stop
        headers = {"Host": f"{self.run.plan['host']}:{self.run.plan['port']}", "Accept-Language": "zh-CN",
                   "User-Agent": "shishi-bench-load", "X-Load-Page": page}  # for bench/load_gunicorn.py
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers |= {"Content-Type": content_type, "Origin": self.origin, "Referer": self.origin + path}
        error = None
        for attempt in (1, 2):
            reused = self.connection.sock is not None
            started = time.monotonic()
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                text = response.read().decode("utf-8", "replace")
                status, answer = response.status, {k.lower(): v for k, v in response.getheaders()}
                for value in response.headers.get_all("Set-Cookie") or []:
                    for name, morsel in SimpleCookie(value).items():
                        self.cookies[name] = morsel.value
                break
            except (OSError, http.client.HTTPException) as failure:
                self.connection.close()
                status, answer, text, error = 0, {}, "", f"{type(failure).__name__}: {failure}"
                # The server closed a kept-alive connection while this person was thinking (gunicorn's
                # --keep-alive is 2 s): the request never reached it, and a browser sends it again at once.
                if not (reused and attempt == 1 and isinstance(failure, STALE)):
                    break
                error = None
                with self.run.lock:
                    self.run.reconnects += 1
        elapsed = time.monotonic() - started
        if status == 302 and answer.get("location", "").startswith(SIGNED_OUT) and page != "sign_in":
            error = "signed out"
        elif status >= 500 or (status >= 400 and status != 409):
            error = f"HTTP {status}"
        with self.run.lock:
            self.run.requests.append([page, round(started - self.run.start, 3), round(elapsed * 1000, 1), status,
                                      error])
        return status, answer, text

    def get(self, page: str, path: str) -> str:
        status, headers, text = self.request(page, "GET", path)
        return text if status == 200 else ""

    def sign_in(self) -> bool:
        form = read_form(self.get("login", "/login/"), "login")
        form |= {"username": self.who["username"], "password": self.run.plan["password"]}
        status, headers, _text = self.request("sign_in", "POST", "/login/", urlencode(form).encode(),
                                              "application/x-www-form-urlencoded")
        if status != 302 or "sessionid" not in self.cookies:
            return False
        with self.run.lock:
            self.run.signed_in += 1
        return True

    def live(self) -> None:
        try:
            # People arrive over the first part of the ramp rather than all in the same second, and start
            # work after it at their own moment.
            time.sleep(self.rng.uniform(0, self.run.plan["ramp"] * 0.75))
            try:
                signed_in = self.sign_in()
            finally:
                self.run.arrive()
            if not signed_in:
                return
            self.run.working.wait()
            time.sleep(max(0.0, self.run.work - time.monotonic()) + self.rng.uniform(0, self.run.plan["think"][1]))
            scenario = getattr(self, self.who["role"])
            while not self.run.over():
                scenario()
        except Stop:
            pass
        except Exception as failure:  # a fault of this client: counted with the errors, never silently lost
            with self.run.lock:
                self.run.requests.append(["client", round(time.monotonic() - self.run.start, 3), 0.0, 0,
                                          f"client {type(failure).__name__}: {failure}"])
        finally:
            self.connection.close()

    # --- the scenarios: one round of each role's work

    def officer(self) -> None:
        self.get("tasks_officer", "/tasks/")
        self.think()
        project, month = self.rng.choice(self.who["reports"])
        self.get("project", f"/projects/{project}/")
        self.think()
        path = f"/projects/{project}/reports/{month}/"
        form = read_form(self.get("report", path), "report-form")
        self.think()
        if "version" not in form:
            return  # the report was handed in meanwhile (or the page failed, recorded above)
        with self.run.lock:
            self.who["saved"] = self.who.get("saved", 0) + 1
            marker = f"[load {self.run.plan['run']} {self.who['username']} {self.who['saved']}]"
        form["progress"] = marker + " " + MARKER.sub("", form.get("progress", ""))
        body, content_type = multipart(form | {"save": ""})
        status, headers, _text = self.request("report_save", "POST", path, body, content_type)
        if status == 302:
            with self.run.lock:
                self.run.drafts_acked.append(marker)
            self.get("report", headers["location"])
        elif status == 409:
            with self.run.lock:
                self.run.conflicts += 1
        self.think()

    def coordinator(self) -> None:
        self.get("tasks_coordinator", "/tasks/")
        self.think()
        query = self.rng.choice(self.who["lists"])
        # As a browser sends it: the query's Chinese percent-encoded.
        query = urlencode(parse_qsl(query))
        body = self.get("list_filtered" if query else "list", "/projects/" + (f"?{query}" if query else ""))
        self.think()
        projects = REPORT_LINK.findall(body) or [str(self.rng.choice(self.who["projects"]))]
        self.get("project", f"/projects/{self.rng.choice(projects)}/")
        self.think()
        jurisdiction, kind = self.rng.choice(self.who["dashboards"])
        self.get(f"dashboard_{kind}", f"/dashboard/?jurisdiction={jurisdiction}&year={self.run.plan['year']}")
        self.think()

    def leader(self) -> None:
        self.get("tasks_leader", "/tasks/")
        self.think()
        self.get("dashboard_leader", "/dashboard/")
        self.think()
        body = self.get("list_leader", f"/projects/?leader={self.who['person']}")
        self.think()
        projects = REPORT_LINK.findall(body)
        if projects:
            self.get("project", f"/projects/{self.rng.choice(projects)}/")
            self.think()


def main() -> None:
    plan_path, results_path = sys.argv[1:3]
    with open(plan_path, encoding="utf-8") as file:
        plan = json.load(file)
    run = Run(plan)
    people = [Person(run, who, seed=i) for i, who in enumerate(plan["people"])]
    threads = [threading.Thread(target=person.live, daemon=True) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:  # run.end moves once everyone has signed in, so it is read for each
        thread.join(timeout=max(1.0, run.end - time.monotonic()) + TIMEOUT_S + 5)
    with run.lock:  # a thread still stuck in a request is not waited for; what it did so far counts
        results = {"requests": list(run.requests), "drafts_acked": list(run.drafts_acked),
                   "conflicts": run.conflicts, "reconnects": run.reconnects, "signed_in": run.signed_in,
                   "elapsed_s": round(time.monotonic() - run.start, 2),
                   "work_from_s": round(run.work - run.start, 2)}
    with open(results_path, "w", encoding="utf-8") as file:
        json.dump(results, file)


if __name__ == "__main__":
    main()
