"""Choices of a select written once and shared by every form that offers them.

A province's coordinator chooses among 1,800 units twice and 1,200 leaders: as plain lists, Django's forms
normalised and deep-copied each of those 5,000 pairs on every request and the select escaped them again,
which was most of the list page's Python time. Options are made when the choice lists are read (and
cached with them), hold their <option> text already escaped, and are never copied."""

from django.utils.choices import BaseChoiceIterator
from django.utils.html import escape


class Options(BaseChoiceIterator):
    """(value, label) pairs with each one's escaped value and label; immutable, so copies are the same object."""

    def __init__(self, choices, first: tuple = ()):
        self.first = tuple(first)  # an empty choice ("all"), kept apart: its label is translated when shown
        self.choices = tuple((value, label) for value, label in choices)
        self.escaped = tuple((str(value), escape(value), escape(label)) for value, label in self.choices)

    def with_first(self, value, label) -> "Options":
        """The same options behind a first choice, sharing what is already written."""
        options = Options.__new__(Options)
        options.first, options.choices, options.escaped = ((value, label),), self.choices, self.escaped
        return options

    def __iter__(self):
        yield from self.first
        yield from self.choices

    def __len__(self) -> int:
        return len(self.first) + len(self.choices)

    def __copy__(self) -> "Options":
        return self

    def __deepcopy__(self, memo) -> "Options":
        return self

    def html(self, chosen: set[str]) -> str:
        """The <option> elements, those whose value is in `chosen` selected."""
        parts = [f'<option value="{escape(value)}"{" selected" if str(value) in chosen else ""}>{escape(label)}'
                 f'</option>' for value, label in self.first]
        parts += [f'<option value="{value}"{" selected" if key in chosen else ""}>{label}</option>'
                  for key, value, label in self.escaped]
        return "".join(parts)
