"""Admin panels of our own."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from wagtail.admin.panels import HelpPanel

from .translations import source_of


class TranslationStatusPanel(HelpPanel):
    """On a translation's edit page: a warning when its source page was published after the translation was last
    saved, so the translator knows there is a change to bring over (and have reviewed) before learners see it."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.content = self._behind_source() if self.instance.pk else ""

        def _behind_source(self) -> str:
            page = self.instance
            source = source_of(page)
            saved = page.latest_revision_created_at
            if source.pk == page.pk or source.last_published_at is None or saved is None:
                return ""
            if source.last_published_at <= saved:
                return ""
            message = _(
                "The source page was published again on %(published)s, after this translation was last saved "
                "(%(saved)s). Bring its changes into this translation, then submit it for review."
            ) % {
                "published": date_format(localtime(source.last_published_at), "SHORT_DATETIME_FORMAT"),
                "saved": date_format(localtime(saved), "SHORT_DATETIME_FORMAT"),
            }
            return format_html(
                '<p class="help-block help-warning" role="status">{} <a href="{}">{}</a></p>',
                message,
                reverse("wagtailadmin_pages:edit", args=[source.pk]),
                _("Open the source page"),
            )

        def is_shown(self):
            return bool(self.content)
