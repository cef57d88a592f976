from decimal import Decimal


def plain(value: Decimal) -> str:
    """An amount in 万元 as people write it, without trailing zeros: 28.959, 100, 20.5.

    The one way every page, form and export writes an amount, so 350.5 never reads 350.5000 elsewhere."""
    return format(value.normalize(), "f")


def shown(value: Decimal | float | int | None) -> str:
    """An amount on a page: `plain`, or "" when there is none (templates add their own "—").

    A database sum may come back as a float or an int on some backends; it goes through str, never float."""
    if value is None or value == "":
        return ""
    return plain(value if isinstance(value, Decimal) else Decimal(str(value)))
