# A monthly report becomes a report for one reporting period (monthly, quarterly or on listed
# dates): the model and its month are renamed; the reports imported so far stay, as accepted.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("progress", "0001_initial"),
        ("projects", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="monthlyreport", name="report_once_per_unit_and_month"),
        migrations.RemoveConstraint(model_name="monthlyreport", name="report_month_is_first_day"),
        migrations.RenameModel("MonthlyReport", "Report"),
        migrations.RenameField(model_name="report", old_name="month", new_name="period"),
    ]
