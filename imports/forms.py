from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PASTED_NAME = "粘贴文本.txt"


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File (.xlsx, .xls, .docx, .csv or .txt)"), required=False)
    text = forms.CharField(label=gettext_lazy("…or paste the table"), required=False,
                           widget=forms.Textarea(attrs={"rows": 8}))
    jurisdiction = forms.CharField(
        label=gettext_lazy("Jurisdiction"), required=False, max_length=100,
        help_text=gettext_lazy("Only when the title does not say it, e.g. 温州市/鹿城区."),
    )
    year = forms.IntegerField(label=gettext_lazy("Year"), required=False, min_value=2000, max_value=2100)

    def clean(self):
        data = super().clean()
        file, text = data.get("file"), (data.get("text") or "").strip()
        if bool(file) == bool(text):
            raise forms.ValidationError(_("Choose a file or paste a table (one of the two)."))
        limit = settings.MAX_UPLOAD_BYTES
        if file and file.size > limit:
            raise forms.ValidationError(_("The file is %(size)s, more than the %(limit)s allowed.")
                                        % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)})
        return data

    def upload(self) -> tuple[str, bytes]:
        """(file name, bytes) of what was sent."""
        file = self.cleaned_data.get("file")
        if file:
            return file.name, file.read()
        return PASTED_NAME, self.cleaned_data["text"].encode()


class ConfirmForm(forms.Form):
    """The admin's one choice when confirming: whether projects no longer in the table go."""

    delete_missing = forms.BooleanField(required=False)
