"""Validation for the write paths that run on every quiz submit."""


def fields_clean(instance, fields) -> None:
    """Validate the values of `fields` only (length, range, choices), not related rows nor uniqueness.

    The database enforces foreign keys, unique and check constraints anyway; checking them here as well would
    cost a query each on the busiest request of all (a passing submit completes the course and issues the
    certificate). Raises ValidationError like `full_clean()`.
    """
    fields = set(fields)
    exclude = {field.name for field in instance._meta.concrete_fields if field.name not in fields}
    instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
