"""Hypothesis' budget for the fuzz tests: fixed and reproducible in CI, larger when asked for.

Every fuzz test takes its number of examples from `budget(n)`: n in the default "ci" profile, which
draws the same examples on every run (a red CI run is red again on any machine), LONG_FACTOR times n
with fresh random examples under HYPOTHESIS_PROFILE=long, for a campaign run by hand."""

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings

# Hypothesis caches Unicode tables (and, with a database, failing examples) in a .hypothesis folder
# of the working directory: kept out of the checkout, in the machine's temporary folder instead.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(Path(tempfile.gettempdir()) / "shishi-hypothesis"))

LONG_FACTOR = 50
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")

# Each example runs inside the test's transaction (pytest-django's db fixture) in a savepoint the test
# rolls back itself, so sharing a function-scoped fixture between examples is what is meant.
_SHARED = {
    "deadline": None,  # an import's time depends on the machine's load, never a failure here
    "database": None,  # nothing written into the checkout; a failure prints the example to replay
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                              HealthCheck.data_too_large, HealthCheck.large_base_example],
}
settings.register_profile("ci", derandomize=True, print_blob=True, **_SHARED)
settings.register_profile("long", derandomize=False, print_blob=True, **_SHARED)
settings.load_profile(PROFILE)


def budget(examples: int) -> settings:
    """The settings of a fuzz test that runs `examples` examples in CI."""
    return settings(max_examples=examples * LONG_FACTOR if PROFILE == "long" else examples)
