"""The five real responsibility tables, as shipped in fixtures/ (copied unchanged from the seeds)."""

import re
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def seed_path(number: str) -> Path:
    return next(FIXTURES.glob(f"{number}_*.txt"))


def seed_bytes(number: str) -> bytes:
    return seed_path(number).read_bytes()


SEEDS = ["000", "001", "002", "003", "004"]


def rows_000() -> list[list[str]]:
    """Project rows of fixture 000: a cell starts on a tab-prefixed line, wrapped lines follow."""
    cells = [cell.strip() for cell in re.split(r"\n\t", seed_bytes("000").decode())]
    return [cells[i : i + 8] for i, cell in enumerate(cells) if cell.isdigit()]


def rows_004() -> dict[str, list[str]]:
    """Task rows of fixture 004 by number: 序号, 具体任务, 牵头单位, 责任单位, 分管领导."""
    rows = [line.split("\t") for line in seed_bytes("004").decode().splitlines()]
    return {row[0]: row for row in rows if len(row) == 5 and row[0].isdigit()}
