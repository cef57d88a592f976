"""Every management command runs as the context "command NAME", so what it writes is recorded as the command's.

Django sends no signal when a command starts, so BaseCommand.execute (which both manage.py and call_command
go through) is wrapped once, at start-up."""

from functools import wraps

from django.core.management.base import BaseCommand

from audit.context import command


def command_name(instance: BaseCommand) -> str:
    return type(instance).__module__.rsplit(".", 1)[-1]


def wrap_commands() -> None:
    if getattr(BaseCommand.execute, "_audit_wrapped", False):
        return
    execute = BaseCommand.execute

    @wraps(execute)
    def execute_as_command(self, *args, **options):
        with command(command_name(self)):
            return execute(self, *args, **options)

    execute_as_command._audit_wrapped = True
    BaseCommand.execute = execute_as_command
