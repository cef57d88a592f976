"""The interpret stage: segments -> a PlanDraft (draft_plan.py's draft_plan hands it on).

Which rows are projects, sub-projects and categories and what each cell says (projects_from_rows.py,
with partial_rows.py for rows that are not whole projects and shifted_columns.py for rows wider
than their header), numbers where the table gives none (row_numbers.py), names fitted to their
fields (field_lengths.py), the plan's own checks (plan_checks.py) and its summary (summary.py).
Pure: no database. Imports the shape and read stages and the foundation only."""
