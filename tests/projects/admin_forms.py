"""The admin's change forms posted as a browser posts them: what the page rendered, with one field changed."""

import signal
from contextlib import contextmanager

import lxml.html
from django.db import connection


def rendered_form(client, url: str) -> dict[str, list[str]]:
    """The values the page's admin form would send untouched (a select with nothing selected sends its first option)."""
    page = client.get(url)
    assert page.status_code == 200, url
    form = lxml.html.fromstring(page.content).xpath("//form[@method='post' and contains(@id, '_form')]")[0]
    values: dict[str, list[str]] = {}
    for name, value in form.form_values():
        values.setdefault(name, []).append(value)
    return values


def post_changed(client, url: str, **changes: str):
    """GET the change page, change the named fields, POST it with the save button."""
    values = rendered_form(client, url)
    values.update({name: [value] for name, value in changes.items()})
    return client.post(url, {**values, "_save": ["Save"]})


@contextmanager
def within(seconds: int):
    """Fail instead of hanging: a walk that never ends is an error after `seconds`."""

    def give_up(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def loop_already_in_data(child, parent) -> None:
    """Make `child` the parent of `parent` as a row from before the guard would: the trigger is dropped
    inside the test's transaction, which puts it back when the test ends."""
    drop = {"sqlite": "DROP TRIGGER IF EXISTS jurisdiction_no_parent_loop",
            "postgresql": "DROP TRIGGER IF EXISTS jurisdiction_no_parent_loop ON projects_jurisdiction"}
    with connection.cursor() as cursor:
        cursor.execute(drop[connection.vendor])
        cursor.execute("UPDATE projects_jurisdiction SET parent_id = %s WHERE id = %s", [child.pk, parent.pk])
