"""How a person's name is written on what we issue them."""

import re

# Hangul syllables and jamo, CJK unified ideographs (with extension A) and compatibility ideographs.
_EAST_ASIAN = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def display_name(user) -> str:
    """Given name then family name ("Jürgen Weber"); for a name written in Hangul or Han characters, family name
    first and no space, as it is written in Korean and Chinese (김민준, 陳怡君). The user name when there is none."""
    first, last = user.first_name.strip(), user.last_name.strip()
    if first and last and _EAST_ASIAN.fullmatch(first) and _EAST_ASIAN.fullmatch(last):
        return f"{last}{first}"
    return f"{first} {last}".strip() or user.get_username()
