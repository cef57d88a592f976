from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.services import create_demo_accounts
from projects.models import Jurisdiction, Organization, Person


class Command(BaseCommand):
    help = "Load the demo data and create one demo account per role (prints the passwords)."

    @transaction.atomic
    def handle(self, *args, **options):
        city, _ = Jurisdiction.objects.get_or_create(name="泉州市", parent=None, defaults={"level": "city"})
        district, _ = Jurisdiction.objects.get_or_create(name="鲤城区", parent=city)
        unit, _ = Organization.objects.get_or_create(jurisdiction=district, name="区住建局")
        leader, _ = Person.objects.get_or_create(jurisdiction=district, name="王伟")
        accounts = create_demo_accounts(organization=unit, person=leader)
        self.stdout.write("Demo accounts (user name / password / role):")
        for username, password, role in accounts:
            self.stdout.write(f"  {username:<12} {password:<24} {role.value}")
