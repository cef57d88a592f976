from decimal import Decimal


def plain(value: Decimal) -> str:
    """An amount in 万元 as people write it, without trailing zeros: 28.959, 100, 20.5."""
    return format(value.normalize(), "f")
