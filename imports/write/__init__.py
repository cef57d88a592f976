"""The write stage: a PlanDraft compared with what is stored (compare.py) and written (store.py).

Only imports.services calls the writer; imports.preview compares. Imports the earlier stages only."""
