"""Texts of quizzes, questions, answers and certificate templates in each language.

A question is one question whatever language it is put in: its answers, right answers, scores and item analysis are
shared, and only its words change. So each translatable model keeps its translations in one JSON field,
{"ko": {"text": "…", "explanation": "…"}, "de": {…}}, edited in the admin next to the source text, and learners see
the text in their language, or the source text where no translation was written.
"""

import json

from django import forms
from django.conf import settings
from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def translation_languages() -> list[tuple[str, str]]:
    """The languages translations are written in: every language but the source language."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def _active_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).lower()


def translated(instance, field: str, language: str | None = None) -> str:
    """`instance`'s `field` in `language` (default: the active language), else in the source language."""
    language = (language or _active_language()).lower()
    if language != settings.LANGUAGE_CODE:
        text = (instance.translations or {}).get(language, {}).get(field)
        if text:
            return text
    return getattr(instance, field)


def translations_clean(value, *, fields: dict[str, str], rich_text_features: list[str]) -> dict:
    """`value` kept to known languages and fields, without blanks; rich-text fields cleaned to what the editor
    allows (the same rules as the source field), so a translation can't carry markup the source couldn't."""
    if not isinstance(value, dict):
        return {}
    from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

    known = dict(translation_languages())
    converter = EditorHTMLConverter(features=rich_text_features)
    cleaned = {}
    for language, texts in value.items():
        if language not in known or not isinstance(texts, dict):
            continue
        kept = {}
        for field, kind in fields.items():
            text = texts.get(field)
            if not isinstance(text, str) or not text.strip():
                continue
            kept[field] = converter.to_database_format(text) if kind == "rich" else text.strip()
        if kept:
            cleaned[language] = kept
    return cleaned


class TranslationsWidget(forms.Widget):
    """One input per language and field, stored as the JSON the `translations` field holds.

    `fields`: (name, label, kind) with kind "line", "text" or "rich" (HTML, cleaned on save)."""

    def __init__(self, fields, attrs=None):
        super().__init__(attrs)
        self.fields = fields

    def _values(self, value) -> dict:
        if isinstance(value, str):
            try:
                value = json.loads(value or "{}")
            except ValueError:
                value = {}
        return value if isinstance(value, dict) else {}

    def value_from_datadict(self, data, files, name):
        value = {}
        for language, _name in translation_languages():
            texts = {field: data.get(f"{name}-{language}-{field}", "") for field, _label, _kind in self.fields}
            if any(text.strip() for text in texts.values()):
                value[language] = texts
        return json.dumps(value, ensure_ascii=False)

    def value_omitted_from_data(self, data, files, name):
        return not any(key.startswith(f"{name}-") for key in data)

    def render(self, name, value, attrs=None, renderer=None):
        values = self._values(value)
        languages = []
        for language, language_name in translation_languages():
            inputs = []
            for field, label, kind in self.fields:
                input_name = f"{name}-{language}-{field}"
                text = values.get(language, {}).get(field, "")
                if kind == "line":
                    control = format_html(
                        '<input type="text" name="{}" id="id_{}" value="{}" lang="{}">',
                        input_name,
                        input_name,
                        text,
                        language,
                    )
                else:
                    control = format_html(
                        '<textarea name="{}" id="id_{}" rows="{}" lang="{}">{}</textarea>',
                        input_name,
                        input_name,
                        4 if kind == "rich" else 3,
                        language,
                        text,
                    )
                hint = _("HTML: <p>, <b>, <i>, <ul>, <ol>, <li>, <a href>") if kind == "rich" else ""
                inputs.append((input_name, label, control, hint))
            languages.append(
                format_html(
                    '<details class="translation" lang="{}"{}><summary>{}</summary>{}</details>',
                    language,
                    " open" if values.get(language) else "",
                    language_name,
                    format_html_join(
                        "",
                        '<p><label for="id_{}">{}</label><br>{} <small>{}</small></p>',
                        inputs,
                    ),
                )
            )
        return format_html(
            '<div class="translations">{}</div>', format_html_join("", "{}", ((item,) for item in languages))
        )


class TranslatedTexts(models.Model):
    """A model whose texts (`translated_fields`: name -> (label, kind)) are written in each language."""

    translated_fields: dict[str, tuple[str, str]] = {}
    rich_text_features: list[str] = []

    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_("The same texts in other languages. Learners see the source text where one is left empty."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.translations = translations_clean(
            self.translations,
            fields={name: kind for name, (_label, kind) in self.translated_fields.items()},
            rich_text_features=self.rich_text_features,
        )
        super().save(*args, **kwargs)

    def translated(self, field: str, language: str | None = None) -> str:
        return translated(self, field, language)


def translations_panel(translated_fields: dict[str, tuple[str, str]]):
    """The admin panel that edits a `TranslatedTexts` model's translations of `translated_fields`."""
    from wagtail.admin.panels import FieldPanel

    fields = [(name, label, kind) for name, (label, kind) in translated_fields.items()]
    return FieldPanel("translations", widget=TranslationsWidget(fields), heading=_("Translations"))
