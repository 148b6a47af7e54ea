"""URL converters shared by the apps."""

from django.urls import register_converter


class IdConverter:
    """A database id: digits that fit a 64-bit integer (at most 18 of them). A longer number is no id of ours and is
    not found, instead of overflowing the database's integer (SQLite refuses to compare it)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


register_converter(IdConverter, "id")
