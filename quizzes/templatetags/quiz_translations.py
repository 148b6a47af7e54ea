from django import template

from cms.translated_texts import translated as translated_text

register = template.Library()


@register.filter
def translated(instance, field: str) -> str:
    """`{{ quiz|translated:"title" }}`: the field in the active language, else in the source language."""
    return translated_text(instance, field)
