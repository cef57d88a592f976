from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from progress.models import Report
from progress.services import ReportInput
from projects.amounts import plain
from projects.models import MONEY, Project

# Every form label ends in Django's label_suffix, gettext(":"); Django's own zh_Hans catalogue leaves it the
# ASCII ":", so ours gives "：". Marked here so that the entry stays in the catalogue.
gettext_noop(":")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


# Long enough for any real report, short enough that no page is made unreadable by one field.
LONG_TEXT, SHORT_TEXT = 10000, 2000


def money_field(label: str) -> forms.DecimalField:
    return forms.DecimalField(label=label, required=False, min_value=Decimal(0), **MONEY,
                              widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}))


class ReportForm(forms.Form):
    """The lead unit's report; one disbursement field per funding source when the project has several."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    percent_complete = forms.IntegerField(
        label=_("Percent complete"), min_value=0, max_value=100, required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": 100}),
    )
    progress = forms.CharField(label=_("Done this period"), required=False, max_length=LONG_TEXT,
                               widget=forms.Textarea(attrs={"rows": 4}))
    milestone_status = forms.ChoiceField(
        label=_("This quarter's milestone"), required=False,
        choices=[("", _("— not reported —"))] + list(Report.Milestone.choices),
    )
    milestone_note = forms.CharField(label=_("Milestone note"), required=False, max_length=SHORT_TEXT,
                                     widget=forms.Textarea(attrs={"rows": 2}))
    problems = forms.CharField(
        label=_("Problems needing a leader or another unit"), required=False, max_length=LONG_TEXT,
        help_text=_("Anything written here is raised as a coordination request when the report is submitted."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    next_plan = forms.CharField(label=_("Plan for the next period"), required=False, max_length=LONG_TEXT,
                                widget=forms.Textarea(attrs={"rows": 3}))
    files = MultipleFileField(label=_("Photos and documents"), required=False)
    photo = forms.FileField(
        label=_("Take a photo"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.sources = [funding.source for funding in project.fundings.select_related("source")]
        if len(self.sources) > 1:
            for source in self.sources:
                self.fields[f"disbursed_{source.pk}"] = money_field(
                    _("Disbursed to date from %(source)s (万元)") % {"source": source.name})
        else:
            self.fields["disbursed_all"] = money_field(_("Disbursed to date (万元)"))
        self.order_fields(["version", "percent_complete", "progress", "milestone_status", "milestone_note"]
                          + [name for name in self.fields if name.startswith("disbursed_")])

    @property
    def disbursement_fields(self):
        return [self[name] for name in self.fields if name.startswith("disbursed_")]

    def check_submission(self) -> None:
        """A submitted report says how far the project is and what was done."""
        if self.cleaned_data.get("percent_complete") is None:
            self.add_error("percent_complete", _("Give the percent complete before submitting."))
        if not self.cleaned_data.get("progress", "").strip():
            self.add_error("progress", _("Say what was done this period before submitting."))

    def to_input(self) -> ReportInput:
        data = self.cleaned_data
        if len(self.sources) > 1:
            disbursed = {source.pk: data.get(f"disbursed_{source.pk}") for source in self.sources}
        else:
            only = self.sources[0].pk if self.sources else None
            disbursed = {only: data.get("disbursed_all")}
        return ReportInput(
            percent_complete=data.get("percent_complete"), progress=data.get("progress", ""),
            milestone_status=data.get("milestone_status", ""), milestone_note=data.get("milestone_note", ""),
            problems=data.get("problems", ""), next_plan=data.get("next_plan", ""),
            disbursed={source: amount for source, amount in disbursed.items() if amount is not None},
        )

    def uploads(self) -> list:
        photo = self.cleaned_data.get("photo")
        return list(self.cleaned_data.get("files") or []) + ([photo] if photo else [])


def initial_from(report: Report | None, previous: Report | None) -> dict:
    """The form's starting values: the report as saved, or last period's figures to edit."""
    source = report or previous
    initial = {"version": report.version if report else 0}
    if source is None:
        return initial
    for name in ("percent_complete", "milestone_status", "milestone_note", "problems", "next_plan"):
        initial[name] = getattr(source, name)
    if report is not None:
        initial["progress"] = report.progress
    if report is None:
        # A new period starts from last period's figures; its milestone is this quarter's to judge.
        initial.pop("milestone_status"), initial.pop("milestone_note")
    for disbursement in source.disbursements.all():
        initial[f"disbursed_{disbursement.source_id}"] = plain(disbursement.amount)
        initial["disbursed_all"] = plain(disbursement.amount)
    return initial


class ReviewForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    comment = forms.CharField(label=_("Comment to the unit"), required=False, max_length=SHORT_TEXT,
                              widget=forms.Textarea(attrs={"rows": 3}))


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Your unit's note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=LONG_TEXT)


class CloseRequestForm(forms.Form):
    resolution = forms.CharField(label=_("How it was settled"), widget=forms.Textarea(attrs={"rows": 2}),
                                 max_length=SHORT_TEXT)


class VerifyForm(forms.Form):
    """A coordinator's verification of a claimed completion: a note and a site photo, both optional."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    note = forms.CharField(label=_("What was checked"), required=False, max_length=SHORT_TEXT,
                           widget=forms.Textarea(attrs={"rows": 2}))
    # Checked by its bytes in the service (progress/attachments.py), as a report's photos are.
    photo = forms.FileField(label=_("Site photo"), required=False, widget=forms.FileInput(attrs={"accept": "image/*"}))


class ReturnCompletionForm(forms.Form):
    # Left optional here: the service refuses an empty reason with its own words.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(label=_("Why it is not verified"), required=False, max_length=SHORT_TEXT,
                             widget=forms.Textarea(attrs={"rows": 2}))
