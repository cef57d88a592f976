"""The annual plan and everything its responsibility table says about each project."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from projects import schedule as schedules

# Money is in 万元 (10,000 yuan), exact to 0.0001 万元 = 1 yuan.
MONEY = {"max_digits": 14, "decimal_places": 4}
# A foreign key with db_index=False is the first field of a unique constraint of its model, whose
# index serves every lookup by it; a second index would only slow down the writes of an import.


class JurisdictionManager(models.Manager):
    def get_queryset(self):
        # A jurisdiction is shown with its parent (泉州市 › 鲤城区), in lists and filters alike.
        return super().get_queryset().select_related("parent")


class Jurisdiction(models.Model):
    """A government that owns plans: a city, district, county, sub-district or town."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("province")
        CITY = "city", _("city")
        DISTRICT = "district", _("district / county")
        SUBDISTRICT = "subdistrict", _("sub-district / town")

    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent"),
        db_index=False,
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.DISTRICT)
    # Status-light thresholds; empty means the parent's, and at the top the product's defaults.
    late_days = models.PositiveSmallIntegerField(
        _("days late before red"), null=True, blank=True,
        help_text=_("A report late by up to this many days turns a project yellow; later, red. "
                    "Empty: as the parent (7)."),
    )
    request_days = models.PositiveSmallIntegerField(
        _("days a coordination request may stay open"), null=True, blank=True,
        help_text=_("A coordination request open longer than this turns its project red. Empty: as the parent (30)."),
    )
    # Percentage points behind the time-proportional target (序时进度), as offices publish them:
    # more than yellow_points behind is yellow, more than red_points behind is red.
    yellow_points = models.PositiveSmallIntegerField(
        _("points behind the target before yellow"), null=True, blank=True,
        help_text=_("A project more than this many percentage points behind the time-proportional target turns "
                    "yellow. Empty: as the parent (10)."),
    )
    red_points = models.PositiveSmallIntegerField(
        _("points behind the target before red"), null=True, blank=True,
        help_text=_("A project more than this many percentage points behind the time-proportional target turns "
                    "red. Empty: as the parent (30)."),
    )

    objects = JurisdictionManager()

    class Meta:
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="jurisdiction_unique_name_in_parent"),
            models.UniqueConstraint(
                fields=["name"], condition=Q(parent__isnull=True), name="jurisdiction_unique_top_level_name"
            ),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="jurisdiction_not_own_parent"),
        ]

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def clean(self) -> None:
        # Checked here, not by a CheckConstraint: adding one makes SQLite rebuild the table, which drops
        # migration 0004's trigger. Points inherited from a parent are the parent's to keep in order.
        if self.yellow_points is not None and self.red_points is not None and self.red_points < self.yellow_points:
            raise ValidationError({"red_points": _("Red cannot start fewer points behind the target than yellow.")})
        # The database refuses a loop as well (migration 0004's trigger); this says so in words first.
        moved = self.pk is None or not Jurisdiction.objects.filter(pk=self.pk, parent_id=self.parent_id).exists()
        if self.parent_id and moved and self.pk in ancestor_ids(self.parent_id):
            raise ValidationError({"parent": _("A jurisdiction cannot be placed under itself or one of its own "
                                               "sub-jurisdictions.")})


def ancestor_ids(pk: int | None) -> list[int]:
    """`pk` and the jurisdictions above it, nearest first; stops at a loop already in the data."""
    ids: list[int] = []
    while pk is not None and pk not in ids:
        ids.append(pk)
        pk = Jurisdiction.objects.filter(pk=pk).values_list("parent_id", flat=True).first()
    return ids


class Plan(models.Model):
    """One annual responsibility table of one jurisdiction."""

    class Kind(models.TextChoices):
        # 为民办实事 and 民生实事 are two names for the same thing (see the glossary).
        PUBLIC_SERVICE = "public_service", _("public-service projects")
        WORK_REPORT = "work_report", _("work-report tasks")
        PROGRESS_REPORT = "progress_report", _("progress report table")

    class ReportFrequency(models.TextChoices):
        MONTHLY = schedules.MONTHLY, _("monthly")
        QUARTERLY = schedules.QUARTERLY, _("quarterly")
        DATES = schedules.DATES, _("on listed dates")

    jurisdiction = models.ForeignKey(
        Jurisdiction, models.PROTECT, related_name="plans", verbose_name=_("jurisdiction"), db_index=False
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    issued_on = models.DateField(_("issue date"), null=True, blank=True)
    declared_count = models.PositiveSmallIntegerField(
        _("declared number of projects"), null=True, blank=True,
        help_text=_("As announced in the notice, e.g. 14 件实事; checked against the table."),
    )
    source_file = models.CharField(_("source file"), max_length=255, blank=True)
    # When units report (the notice says: 每月22日前; 6月25日、12月25日前).
    report_frequency = models.CharField(
        _("reporting"), max_length=10, choices=ReportFrequency.choices, default=ReportFrequency.MONTHLY
    )
    report_day = models.PositiveSmallIntegerField(
        _("report due on day"), default=schedules.DEFAULT_DAY, validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_("For monthly and quarterly reporting: the day of the month by which the report is due."),
    )
    report_dates = models.CharField(
        _("report due dates"), max_length=100, blank=True,
        help_text=_("For reporting on listed dates: month-day pairs, e.g. 6-25, 12-25."),
    )

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-year", "jurisdiction__name", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "year", "kind"], name="plan_unique_per_year_and_kind"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="plan_year_in_range"),
            models.CheckConstraint(condition=Q(report_day__gte=1, report_day__lte=28), name="plan_report_day_1_to_28"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.report_frequency == self.ReportFrequency.DATES:
            try:
                pairs = schedules.parse_dates(self.report_dates)
            except ValueError:
                pairs = []
            if not pairs:
                raise ValidationError({"report_dates": _(
                    "Write the due dates as month-day pairs between 1-1 and 12-28, e.g. 6-25, 12-25."
                )})
            self.report_dates = schedules.format_dates(pairs)

    @property
    def schedule(self) -> schedules.Schedule:
        return schedules.Schedule(frequency=self.report_frequency, day=self.report_day, dates=self.report_dates)


class Category(models.Model):
    """An ordered group of projects inside a plan (社会救助类; 一、卫生健康方面(8项))."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="categories", verbose_name=_("plan"), db_index=False)
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=200)
    declared_count = models.PositiveSmallIntegerField(_("declared number of projects"), null=True, blank=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="category_unique_position"),
            models.UniqueConstraint(fields=["plan", "name"], name="category_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    """A responsible unit of a jurisdiction, or a placeholder for a group of units."""

    class Kind(models.TextChoices):
        UNIT = "unit", _("unit")
        # 各街道党工委、办事处 / 区直有关单位: a group, nobody to assign a report to.
        GROUP = "group", _("group of units")

    jurisdiction = models.ForeignKey(
        Jurisdiction, models.PROTECT, related_name="organizations", verbose_name=_("jurisdiction"), db_index=False
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.UNIT)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["jurisdiction__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "name"], name="organization_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class OrganizationAlias(models.Model):
    """Another name of the same unit, as printed in brackets: 区工信局 (区委军民融合办)."""

    organization = models.ForeignKey(
        Organization, models.CASCADE, related_name="aliases", verbose_name=_("organization"), db_index=False
    )
    name = models.CharField(_("alias"), max_length=200)

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="alias_unique")]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """A named official or staff member of a jurisdiction (never a placeholder like 各副区长)."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, models.PROTECT, related_name="people", verbose_name=_("jurisdiction"), db_index=False
    )
    name = models.CharField(_("name"), max_length=50)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["jurisdiction__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "name"], name="person_unique_name"),
            # Names are stored without the spaces tables pad them with (王  伟 is 王伟).
            models.CheckConstraint(condition=~Q(name__contains=" "), name="person_name_has_no_spaces"),
        ]

    def __str__(self) -> str:
        return self.name


class FundingSource(models.Model):
    """Who pays: 区财政, 市财政配套, 上级补助, 区级补助, 镇村自筹, 企业自筹 …"""

    name = models.CharField(_("name"), max_length=50, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Project(models.Model):
    """One row of the responsibility table; a sub-project is a row without a number under it."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="projects", verbose_name=_("plan"), db_index=False)
    category = models.ForeignKey(
        Category, models.SET_NULL, null=True, blank=True, related_name="projects", verbose_name=_("category")
    )
    parent = models.ForeignKey(
        "self", models.CASCADE, null=True, blank=True, related_name="sub_projects", verbose_name=_("parent project")
    )
    position = models.PositiveIntegerField(_("position"), help_text=_("Order of the row in the table."))
    number = models.CharField(_("number"), max_length=20, blank=True)
    # Stable identity across re-imports of a corrected table: "24", "24.2" (second item of 24).
    key = models.CharField(_("key"), max_length=40)
    name = models.CharField(_("name"), max_length=500)
    content = models.TextField(_("content"), blank=True)
    reason = models.TextField(_("reason"), blank=True)
    preparation = models.TextField(_("preparation"), blank=True)
    work_plan = models.TextField(_("work plan"), blank=True)
    construction_period = models.CharField(_("construction period"), max_length=50, blank=True)
    deadline = models.CharField(_("deadline"), max_length=200, blank=True)
    total_investment = models.DecimalField(_("total investment (万元)"), null=True, blank=True, **MONEY)
    annual_investment = models.DecimalField(_("annual investment (万元)"), null=True, blank=True, **MONEY)
    investment_is_approximate = models.BooleanField(_("investment is approximate"), default=False)
    funding_text = models.TextField(_("funding as written"), blank=True)
    remarks = models.TextField(_("remarks"), blank=True)
    # Columns the importer did not recognise, kept by their header so no word is lost.
    extra = models.JSONField(_("other columns"), default=dict, blank=True)
    # Digest of the row as last imported: an unchanged row is skipped without comparing fields.
    # Editing the project by hand clears it, so the next import writes the table's version back.
    import_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    organizations = models.ManyToManyField(
        Organization, through="ProjectOrganization", related_name="projects", verbose_name=_("units")
    )
    people = models.ManyToManyField(Person, through="ProjectPerson", related_name="projects", verbose_name=_("people"))

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="project_unique_position"),
            models.UniqueConstraint(fields=["plan", "key"], name="project_unique_key"),
            models.UniqueConstraint(
                fields=["plan", "number"], condition=Q(parent__isnull=True) & ~Q(number=""),
                name="project_unique_number_in_plan",
            ),
            models.UniqueConstraint(
                fields=["parent", "number"], condition=Q(parent__isnull=False) & ~Q(number=""),
                name="project_unique_number_in_parent",
            ),
            models.CheckConstraint(condition=Q(total_investment__gte=0), name="project_total_investment_not_negative"),
            models.CheckConstraint(
                condition=Q(annual_investment__gte=0), name="project_annual_investment_not_negative"
            ),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="project_not_own_parent"),
        ]
        # A province holds 200,000 projects (README: Page speed). Beside these, on PostgreSQL only, trigram
        # indexes answer the list's substring search (migration 0006: pg_trgm's GIN operator class).
        indexes = [
            # "The projects of these plans" (every visible_projects subquery) read from the index alone.
            models.Index(fields=["plan", "id"], name="project_plan_and_id"),
            # The list sorted by investment walks this index and stops after a page.
            models.Index(fields=["total_investment", "id"], name="project_by_investment"),
            # The search's exact number, beside the trigram indexes of name and content.
            models.Index(fields=["number"], name="project_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}" if self.number else self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.pk])

    def clean(self) -> None:
        if self.parent_id and self.parent.plan_id != self.plan_id:
            raise ValidationError({"parent": _("A sub-project must belong to the same plan as its parent.")})
        if self.category_id and self.category.plan_id != self.plan_id:
            raise ValidationError({"category": _("The category belongs to another plan.")})


class ProjectOrganization(models.Model):
    """A unit's part in a project: lead (承办/牵头) or assisting (协办/配合), in printed order."""

    class Role(models.TextChoices):
        LEAD = "lead", _("lead unit")
        ASSISTING = "assisting", _("assisting unit")

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="unit_roles", verbose_name=_("project"), db_index=False
    )
    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="project_roles", verbose_name=_("organization")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("project unit")
        verbose_name_plural = _("project units")
        ordering = ["project", "role", "position"]
        constraints = [
            models.UniqueConstraint(fields=["project", "organization", "role"], name="project_unit_once_per_role"),
            models.CheckConstraint(condition=Q(role__in=["lead", "assisting"]), name="project_unit_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_role_display()})"


class ProjectPerson(models.Model):
    """A person's part in a project: supervising leader or responsible staff, in printed order."""

    class Role(models.TextChoices):
        LEADER = "leader", _("supervising leader")
        STAFF = "staff", _("responsible staff")

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="person_roles", verbose_name=_("project"), db_index=False
    )
    person = models.ForeignKey(Person, models.PROTECT, related_name="project_roles", verbose_name=_("person"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("project person")
        verbose_name_plural = _("project people")
        ordering = ["project", "role", "position"]
        constraints = [
            models.UniqueConstraint(fields=["project", "person", "role"], name="project_person_once_per_role"),
            models.CheckConstraint(condition=Q(role__in=["leader", "staff"]), name="project_person_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class Funding(models.Model):
    """How much one source pays towards a project, in 万元."""

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="fundings", verbose_name=_("project"), db_index=False
    )
    source = models.ForeignKey(FundingSource, models.PROTECT, related_name="fundings", verbose_name=_("source"))
    amount = models.DecimalField(_("amount (万元)"), **MONEY)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("funding")
        verbose_name_plural = _("fundings")
        ordering = ["project", "source__position", "source__name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "source"], name="funding_once_per_source"),
            models.CheckConstraint(condition=Q(amount__gte=Decimal(0)), name="funding_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.amount}"


class QuarterlyMilestone(models.Model):
    """What a project should have reached by the end of a quarter of the plan year."""

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="milestones", verbose_name=_("project"), db_index=False
    )
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    planned = models.TextField(_("planned"))
    target_percent = models.PositiveSmallIntegerField(
        _("target percent"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("quarterly milestone")
        verbose_name_plural = _("quarterly milestones")
        ordering = ["project", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["project", "quarter"], name="milestone_once_per_quarter"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="milestone_quarter_1_to_4"),
            models.CheckConstraint(condition=Q(target_percent__lte=100), name="milestone_percent_at_most_100"),
        ]

    def __str__(self) -> str:
        return _("Q%(quarter)s: %(planned)s") % {"quarter": self.quarter, "planned": self.planned[:40]}
