"""An import record's summary kept within a size, so that the import pages stay fast whatever the file."""

import json

from django.conf import settings

from imports.result import ImportResult

# Cut in this order of need: errors first (they say why nothing can be imported), names last.
LISTS = ("errors", "warnings", "projects", "organizations", "people")


def _size(value) -> int:
    return len(json.dumps(value, ensure_ascii=False).encode())


def bounded(whole: ImportResult) -> ImportResult:
    """The result with its long lists shortened to fit settings.IMPORT_PREVIEW_MAX_KB of JSON.

    Its `cut` then says, per list, how many entries were left out. Confirming an import reads
    the file again, so nothing is lost by what a preview does not keep."""
    limit = settings.IMPORT_PREVIEW_MAX_KB * 1024
    result = whole.to_json()
    if _size(result) <= limit:
        return whole
    kept = {key: value for key, value in result.items() if key not in LISTS}
    budget = limit - _size(kept)
    cut = {}
    for key in LISTS:
        entries = result.get(key) or []
        taken = []
        for entry in entries:
            size = _size(entry) + 1
            if size > budget:
                break
            taken.append(entry)
            budget -= size
        kept[key] = taken
        if len(taken) < len(entries):
            cut[key] = len(entries) - len(taken)
    kept["cut"] = cut
    return ImportResult.from_json(kept)
