"""The forms of the sheet pages: issue (and reword) a sheet, answer it, and the one-line reasons of the other moves."""

from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from progress.forms import LONG_TEXT, SHORT_TEXT, MultipleFileField, MultipleFileInput
from projects import clock
from projects.models import Project
from supervision.models import InstructionSheet
from supervision.sheet_wording import (
    CONTENT_LENGTH,
    MATTER_LENGTH,
    MAX_FEEDBACK_DAYS,
    defaults_for,
    people_for,
    units_for,
)

Feedback = InstructionSheet.Feedback
# A first deadline the office may change: a normal instruction's time to answer (published practice).
DEFAULT_DAYS = 15
# The photo and document types progress.attachments accepts, so a phone offers its camera and its files.
ACCEPTED = "image/*,.pdf,.docx,.xlsx,.pptx"


class SheetForm(forms.Form):
    """What a sheet says; its units and leaders are chosen among the project's (supervision.sheets.units_for)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    matter = forms.CharField(label=_("Matter"), max_length=MATTER_LENGTH,
                             help_text=_("One matter per sheet, in a line."))
    content = forms.CharField(label=_("What must be done"), max_length=CONTENT_LENGTH,
                              widget=forms.Textarea(attrs={"rows": 5}))
    instructing_leader = forms.ModelChoiceField(label=_("Instructing leader"), queryset=None, required=False,
                                                empty_label=_("— none —"))
    leader_name = forms.CharField(label=_("Instructing leader as printed"), max_length=50, required=False,
                                  help_text=_("Empty: the name of the leader chosen above."))
    lead_unit = forms.ModelChoiceField(label=_("Lead unit"), queryset=None, empty_label=None)
    assisting_units = forms.ModelMultipleChoiceField(label=_("Assisting units"), queryset=None, required=False,
                                                     widget=forms.CheckboxSelectMultiple)
    responsible_leaders = forms.ModelMultipleChoiceField(label=_("Responsible leaders"), queryset=None,
                                                         required=False, widget=forms.SelectMultiple(attrs={"size": 5}))
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    feedback = forms.ChoiceField(label=_("Feedback"), choices=Feedback.choices, widget=forms.RadioSelect)
    feedback_days = forms.IntegerField(label=_("Feedback every … days"), min_value=1, max_value=MAX_FEEDBACK_DAYS,
                                       required=False, widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    contact_name = forms.CharField(label=_("Contact"), max_length=50, required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=30, required=False,
                                    widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}))

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        people, units = people_for(project), units_for(project)
        self.fields["instructing_leader"].queryset = people
        self.fields["responsible_leaders"].queryset = people
        self.fields["lead_unit"].queryset = units
        self.fields["assisting_units"].queryset = units

    def wording(self) -> dict:
        """The service's keyword arguments (supervision.sheets.issue_sheet, reword_sheet)."""
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["assisting_units"] = list(data["assisting_units"])
        data["responsible_leaders"] = list(data["responsible_leaders"])
        return data


def new_sheet_initial(project: Project, user, *, periods: int | None = None) -> dict:
    """A new sheet's form as the project's table names its units and leaders; a suggestion's matter written out."""
    defaults = defaults_for(project)
    initial = {
        "lead_unit": defaults["lead_unit"], "assisting_units": defaults["assisting_units"],
        "responsible_leaders": defaults["responsible_leaders"], "instructing_leader": defaults["instructing_leader"],
        "deadline": clock.today() + timedelta(days=DEFAULT_DAYS), "feedback": Feedback.ONCE,
        "contact_name": user.get_full_name() or user.username,
    }
    if periods:
        initial["matter"] = _("Behind schedule: red in %(n)s closed periods in a row") % {"n": periods}
    return initial


def sheet_initial(sheet: InstructionSheet) -> dict:
    """The reword form: the sheet as it stands."""
    return {"version": sheet.version, "matter": sheet.matter, "content": sheet.content,
            "instructing_leader": sheet.instructing_leader, "lead_unit": sheet.lead_unit,
            # Shown only when typed apart from the chosen leader's name, so a new choice prints its own name.
            "leader_name": "" if sheet.instructing_leader and sheet.leader_name == sheet.instructing_leader.name
            else sheet.leader_name,
            "assisting_units": list(sheet.assisting_units.all()),
            "responsible_leaders": list(sheet.responsible_leaders.all()), "deadline": sheet.deadline,
            "feedback": sheet.feedback, "feedback_days": sheet.feedback_days, "contact_name": sheet.contact_name,
            "contact_phone": sheet.contact_phone}


class AnswerForm(forms.Form):
    """The lead unit's answer, from a phone in a few taps: the text, then photos or files."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    text = forms.CharField(label=_("What was done"), max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 5}))
    files = MultipleFileField(label=_("Photos and documents"), required=False,
                              widget=MultipleFileInput(attrs={"accept": ACCEPTED}))
    photo = forms.FileField(label=_("Take a photo"), required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}))

    def uploads(self) -> list:
        photo = self.cleaned_data.get("photo")
        return list(self.cleaned_data.get("files") or []) + ([photo] if photo else [])


class ReasonForm(forms.Form):
    """A move's reason or note: a dispute, a returned answer, a closing note."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reason = forms.CharField(label=_("Reason"), max_length=SHORT_TEXT, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))
