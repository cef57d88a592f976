"""The project list's pages, read so that a province's 200,000 projects cost about what a city's do.

Django's paginator reads page N as the whole row (its long texts, its plan, place and light) with
OFFSET (N - 1) × size, so the database joins and sorts every visible row at full width to keep fifty.
Here a page is one query whose subquery chooses the page's ids, and the outer query reads only those
rows in full. The ids are chosen one of two ways:

* the list's own order (by plan: year, place, plan, then the project's position) and the order by
  number: the count is taken per plan (one grouped query, from the index of projects by plan, which
  also gives the total), so the page knows which plan or two it falls in and sorts only their rows;
* any other order (investment, name, light…): from the narrow rows the order and the filters need,
  an index answering it where there is one (by investment); past the middle the ids are read from
  the other end in the reversed order, so the last page costs what the first does."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, QuerySet
from django.utils.functional import cached_property
from django_tables2.rows import BoundRows

# Orders whose keys before the project's position all belong to its plan (pages/lists.py DEFAULT_ORDER, and
# the table's number column) are walked plan by plan.
PLAN_KEYS = ("plan", "plan_id", "plan__")


def total_order(queryset: QuerySet) -> list:
    """The queryset's order with the id last, so that it is total and its reverse is exactly it backwards."""
    return [*(queryset.query.order_by or queryset.model._meta.ordering), "pk"]


def plan_keys(order: list) -> list[str] | None:
    """The plan's keys of an order made of them and then the project's position, or None for any other order."""
    if not all(isinstance(key, str) for key in order):
        return None
    keys = [key for key in order if key.lstrip("-") not in ("pk", "id")]
    if len(keys) < 2 or keys[-1].lstrip("-") != "position":
        return None
    names = [key.lstrip("-") for key in keys[:-1]]
    return keys[:-1] if all(name in PLAN_KEYS[:2] or name.startswith(PLAN_KEYS[2]) for name in names) else None


def per_plan(queryset: QuerySet, keys: list[str]) -> list[tuple[int, int]]:
    """(plan id, rows) for every plan with rows, in the order of the plans' keys.

    The rows are grouped by plan alone and the groups then ordered by their plan's keys (the same for every
    row of a group, so any aggregate of them is the key): grouping by the keys too had the database sort all
    of a province's rows, to disk; a subquery counting each plan's rows read every plan's rows with a filter."""
    aggregates, order = {}, []
    for i, key in enumerate(keys):
        name = key.lstrip("-")
        field = "plan_id" if name in ("plan", "plan_id") else f"plan_key_{i}"
        if field != "plan_id":
            aggregates[field] = Max(name)
        order.append(key[:len(key) - len(name)] + field)
    counted = queryset.order_by().values("plan_id").annotate(rows=Count("pk"), **aggregates)
    return list(counted.order_by(*order, "plan_id").values_list("plan_id", "rows"))


def plan_slice(queryset: QuerySet, plans: list[tuple[int, int]], start: int, stop: int) -> QuerySet:
    """Ids of rows start..stop when the rows come plan by plan: only the plans the page falls in are sorted."""
    spanned, before, seen = [], None, 0
    for plan, rows in plans:
        if seen + rows > start and seen < stop:
            spanned.append(plan)
            before = seen if before is None else before
        seen += rows
    offset = start - (before or 0)
    return queryset.filter(plan_id__in=spanned).values("pk")[offset:offset + stop - start]


def page_slice(queryset: QuerySet, start: int, stop: int, total: int,
               plans: list[tuple[int, int]] | None = None) -> QuerySet:
    """Rows start..stop (of `total`) of the ordered queryset, in its order, with all it selects and prefetches."""
    ordered = queryset.order_by(*total_order(queryset))
    if plans is not None:
        ids = plan_slice(ordered, plans, start, stop)
    elif start > total - stop:
        ids = ordered.values("pk").reverse()[max(0, total - stop):total - start]
    else:
        ids = ordered.values("pk")[start:stop]
    return ordered.filter(pk__in=ids)


class TwoStepPaginator(Paginator):
    """A django-tables2 paginator whose pages are read by page_slice; the count is the database's exact count."""

    @cached_property
    def queryset(self) -> QuerySet:
        return self.object_list.data.data

    @cached_property
    def plans(self) -> list[tuple[int, int]] | None:
        keys = plan_keys(total_order(self.queryset))
        return None if keys is None else per_plan(self.queryset, keys)

    @cached_property
    def count(self) -> int:
        return super().count if self.plans is None else sum(rows for _plan, rows in self.plans)

    def page(self, number) -> Page:
        number = self.validate_number(number)
        start = (number - 1) * self.per_page
        stop = start + self.per_page
        if stop + self.orphans >= self.count:
            stop = self.count
        records = list(page_slice(self.queryset, start, stop, self.count, self.plans)) if stop > start else []
        return self._get_page(BoundRows(records, table=self.object_list.table), number, self)
