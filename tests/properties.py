"""Shared pieces of the property-based tests of hostile input (hypothesis): settings, examples that leave no trace,
the values an attacker tries, and a watch on the names that reach the ORM.

Each @given test runs many examples inside one pytest test, so fixtures are made once: every example runs in
`rolled_back()` and starts from the same database.
"""

import contextlib

from django.db import transaction
from django.db.models import F, QuerySet
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st


def examples(count: int):
    """Hypothesis settings for a test of `count` examples: no deadline (a request may take a while on a busy
    machine), and fixtures shared by the examples on purpose (each example is rolled back)."""
    return settings(
        max_examples=count,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@contextlib.contextmanager
def rolled_back():
    """Run the block in a savepoint that is rolled back at the end, whatever happens inside."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# Names an attacker puts in a query string or a form hoping they reach a query: fields they should not see, Python
# internals, lookups and SQL. None of them is a field name the product sorts or groups by.
HOSTILE_NAMES = [
    "password",
    "user__password",
    "-user__password",
    "user__is_superuser",
    "__class__",
    "__dict__",
    "pk__in",
    "id) OR 1=1 --",
    "1; DROP TABLE auth_user; --",
    "' OR '1'='1",
    "name\x00",
    "course__title__regex",
    "user__email__startswith",
    "annotate",
    "extra",
    "%s",
    "{0}",
    "../../etc/passwd",
]

# Numbers as a browser should never send them, as text.
HOSTILE_NUMBERS = ["-1", "0", "00", "2147483648", "9223372036854775808", "1" + "0" * 30, "9" * 5000, "1e3", "0x10",
                   "1.5", "NaN", "inf", "", " ", "²", "١٢", "５", "-0", "+3", "3_0", "null", "None", "[]", "{}"]

# What a form field may receive: any text (all of Unicode but surrogates, which a request cannot carry), and values
# made to look like names, numbers or spreadsheet formulas, a right-to-left override, a byte-order mark, a NUL.
hostile_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    st.sampled_from(HOSTILE_NAMES + HOSTILE_NUMBERS + ["=cmd|' /C calc'!A0", "@SUM(1+1)", "\u202e", "\ufeff", "\x00"]),
)


def form_values(values=hostile_text, max_size: int = 3):
    """One or several values for a form field (a checkbox group sends several under one name)."""
    return st.lists(values, min_size=1, max_size=max_size)


def field_names(value) -> list[str]:
    """The field names in an argument of order_by(), values() or annotate(): a name, or F("name") however deep in
    an expression (Lower(F("x")).desc())."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, F):
        return [value.name]
    sources = getattr(value, "get_source_expressions", lambda: [])()
    return [name for source in sources if source is not None for name in field_names(source)]


class NamesReachingTheOrm:
    """Records every field name passed to order_by(), values(), values_list(), annotate(), alias() and extra()
    while active (the queries themselves run as usual)."""

    METHODS = ("order_by", "values", "values_list", "annotate", "alias", "extra")

    def __init__(self):
        self.names: list[str] = []

    def _wrap(self, method):
        watch = self

        def wrapped(queryset, *args, **kwargs):
            for value in [*args, *kwargs.values()]:
                watch.names.extend(field_names(value))
            watch.names.extend(kwargs)
            return method(queryset, *args, **kwargs)

        return wrapped

    def __enter__(self):
        self._saved = {name: getattr(QuerySet, name) for name in self.METHODS}
        for name, method in self._saved.items():
            setattr(QuerySet, name, self._wrap(method))
        return self

    def __exit__(self, *exc):
        for name, method in self._saved.items():
            setattr(QuerySet, name, method)
        return False

    def hostile(self) -> set[str]:
        """The recorded names that are one of HOSTILE_NAMES (ignoring a leading "-"): none should ever be."""
        bare = {value.lstrip("-") for value in HOSTILE_NAMES}
        return {name for name in self.names if name.lstrip("-") in bare}
