from django.apps import AppConfig, apps
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from accounts.idle import start_the_clock


def _sync_roles(sender, using="default", **kwargs) -> None:
    # Django creates permissions after migrate, app by app; ours may run before the domain
    # apps' turn, so it makes them all first (idempotent) and then gives each role its share.
    from django.contrib.auth.management import create_permissions

    from accounts.services import sync_role_permissions

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    sync_role_permissions()


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="accounts.sync_roles")
        # Every sign-in (the form, the admin's, a test's force_login) goes through login(), which sends
        # this signal: the idle clock starts there, so the first page after it writes nothing more.
        user_logged_in.connect(start_the_clock, dispatch_uid="accounts.start_the_clock")
