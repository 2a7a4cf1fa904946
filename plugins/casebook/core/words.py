"""Small wording helpers shared by messages and templates."""


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """'1 case', '3 cases', '2 case studies' (plural given when it is not singular + 's')."""
    return f"{number} {singular if number == 1 else (plural or singular + 's')}"


def N_(message: str) -> str:
    """Marks a message for the interface's catalogue where it is declared (scripts/translations
    finds it); it is translated where it is shown."""
    return message
