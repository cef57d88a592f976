"""Admin autocomplete that does not cost a query per inline row."""

from django.contrib.admin.widgets import AutocompleteSelect


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """Renders the selected option from labels fetched once for the whole formset.

    Django's widget looks up each selected value on its own, so a project with forty units
    would cost forty queries; the inline fetches all labels in one and hands them over."""

    def __init__(self, field, admin_site, labels: dict[str, str], **kwargs):
        super().__init__(field, admin_site, **kwargs)
        self.labels = labels

    def optgroups(self, name, value, attr=None):
        selected = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if any(v not in self.labels for v in selected):
            # A value the form was posted with, unknown when the page was built.
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        for index, pk in enumerate(selected, start=len(options)):
            options.append(self.create_option(name, pk, self.labels[pk], True, index))
        return [(None, options, 0)]
