"""The coordinator's form for a draft circular's wording; the figures are not fields of it."""

from django import forms
from django.utils.translation import gettext_lazy as _

# A circular's paragraph is a few lines; the limit only keeps a pasted book out of the page.
WORDING_LENGTH = 5000


def _wording(label, rows: int, help_text=""):
    return forms.CharField(label=label, required=False, max_length=WORDING_LENGTH, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows}))


class CircularForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    opening = _wording(_("Opening"), 4)
    summary_remarks = _wording(_("Remarks on the overall situation"), 4,
                               _("Printed after the figures of the overall situation."))
    requirements = _wording(_("Next-step requirements"), 8, _("One paragraph a line."))
