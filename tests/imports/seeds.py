"""The five real responsibility tables, as shipped in fixtures/ (copied unchanged from the seeds)."""

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def seed_path(number: str) -> Path:
    return next(FIXTURES.glob(f"{number}_*.txt"))


def seed_bytes(number: str) -> bytes:
    return seed_path(number).read_bytes()


SEEDS = ["000", "001", "002", "003", "004"]
