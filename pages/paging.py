"""The project list's pages, read so that a province's 200,000 projects cost about what a city's do.

Django's paginator reads page N as the whole row (its long texts, its plan, place and light) with
OFFSET (N - 1) × size, so the database joins and sorts every visible row at full width to keep fifty.
Here a page is one query whose subquery chooses the page's ids from the narrow rows the order and
the filters need (indexes the migrations add answer most of it), and the outer query reads only those
rows in full. Past the middle the ids are read from the other end, in the reversed order: the last
page costs what the first does, not a walk over every row before it."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django_tables2.rows import BoundRows


def page_slice(queryset: QuerySet, start: int, stop: int, total: int) -> QuerySet:
    """Rows start..stop (of `total`) of the ordered queryset, in its order, with all it selects and prefetches."""
    # The id last makes the order total, so that the reversed order is exactly the order backwards.
    order = [*(queryset.query.order_by or queryset.model._meta.ordering), "pk"]
    narrow = queryset.order_by(*order).values("pk")
    if start > total - stop:
        ids = narrow.reverse()[max(0, total - stop):total - start]
    else:
        ids = narrow[start:stop]
    return queryset.order_by(*order).filter(pk__in=ids)


class TwoStepPaginator(Paginator):
    """A django-tables2 paginator whose pages are read by page_slice; the count is the database's exact count."""

    def page(self, number) -> Page:
        number = self.validate_number(number)
        start = (number - 1) * self.per_page
        stop = start + self.per_page
        if stop + self.orphans >= self.count:
            stop = self.count
        rows: BoundRows = self.object_list
        records = list(page_slice(rows.data.data, start, stop, self.count))
        return self._get_page(BoundRows(records, table=rows.table), number, self)
