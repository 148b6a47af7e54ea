import pytest

from tests.factories import UserFactory
from training.names import display_name


@pytest.mark.django_db
@pytest.mark.parametrize(
    "first, last, printed",
    [
        ("Jürgen", "Weber", "Jürgen Weber"),
        ("민준", "김", "김민준"),
        ("怡君", "陳", "陳怡君"),
        ("Minjun", "Kim", "Minjun Kim"),
        ("민준", "Kim", "민준 Kim"),  # mixed scripts: as entered
        ("", "", "someone"),
        ("  Ana ", "", "Ana"),
    ],
)
def test_names_are_printed_in_the_order_of_their_script(first, last, printed):
    assert display_name(UserFactory(username="someone", first_name=first, last_name=last)) == printed
