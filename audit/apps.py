from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from audit import commands, model_writes, signins

        model_writes.connect()
        signins.connect()
        commands.wrap_commands()
