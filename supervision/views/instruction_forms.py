"""The forms of the instruction pages: what a leader writes, what a unit answers, why it is closed."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supervision.instructions import MAX_TEXT
from supervision.models import Instruction
from supervision.rules import Resolved


def _text(label, rows: int = 5, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, max_length=MAX_TEXT, required=required,
                           widget=forms.Textarea(attrs={"rows": rows}))


class InstructionForm(forms.Form):
    text = _text(gettext_lazy("Instruction"), rows=6)
    urgency = forms.ChoiceField(label=gettext_lazy("Urgency"), initial=Instruction.Urgency.NORMAL)

    def __init__(self, *args, rules: Resolved, **kwargs):
        super().__init__(*args, **kwargs)
        # Each choice says its limit, as this jurisdiction's office set it.
        self.fields["urgency"].choices = [
            (value, _("%(urgency)s: answer within %(days)s days") % {
                "urgency": label, "days": rules.answer_days(value)})
            for value, label in Instruction.Urgency.choices]


class AnswerForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    text = _text(gettext_lazy("Your unit's answer"))


class CloseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    note = _text(gettext_lazy("Closing note"), rows=2, required=False)
