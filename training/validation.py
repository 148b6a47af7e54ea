"""Validation shared by the write paths: field values on the quiz submit path, and the reasons people give."""

from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

MAX_REASON_LENGTH = 1000


def fields_clean(instance, fields) -> None:
    """Validate the values of `fields` only (length, range, choices), not related rows nor uniqueness.

    The database enforces foreign keys, unique and check constraints anyway; checking them here as well would
    cost a query each on the busiest request of all (a passing submit completes the course and issues the
    certificate). Raises ValidationError like `full_clean()`.
    """
    fields = set(fields)
    exclude = {field.name for field in instance._meta.concrete_fields if field.name not in fields}
    instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)


def reason_clean(reason: str | None, *, missing: str) -> str:
    """The reason a person gives for changing a record (kept in the audit trail), trimmed; `missing` is the message
    when there is none."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(missing)
    if len(reason) > MAX_REASON_LENGTH:
        raise ValidationError(
            ngettext(
                "Keep the reason under %(limit)d character.",
                "Keep the reason under %(limit)d characters.",
                MAX_REASON_LENGTH,
            )
            % {"limit": MAX_REASON_LENGTH}
        )
    return reason
