"""The shape stage: raw tables -> segments (split.py's split_segments hands on a ShapedTables).

Which rows are headers, sections, totals, notes and data, and what each column is for: by the
header's words, from the cells (roles_from_cells.py), or as a numbered list (prose/) or labelled
records (labelled_records.py); the text above the tables (preamble.py); and which tables of a
workbook make separate plans (plan_groups.py). Imports the read stage and the foundation only."""
