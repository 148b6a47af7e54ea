from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.translated_texts import translations_panel

from .models import CertificateTemplate


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = _("Certificate templates")
    add_to_settings_menu = True
    list_display = ["name", "is_default", "title", "paper", "orientation"]
    # The headings are the form's labels, in the reader's language (the model's field names stay as they are).
    panels = [
        FieldRowPanel([FieldPanel("name", heading=_("Name")), FieldPanel("is_default", heading=_("Is default"))]),
        MultiFieldPanel(
            [
                FieldPanel("organisation", heading=_("Organisation")),
                FieldPanel("title", heading=_("Title")),
                FieldPanel("statement", heading=_("Statement")),
            ],
            heading=_("What it says"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("logo", heading=_("Logo")),
                FieldPanel("accent_colour", heading=_("Accent colour")),
                FieldRowPanel(
                    [FieldPanel("paper", heading=_("Paper")), FieldPanel("orientation", heading=_("Orientation"))]
                ),
            ],
            heading=_("How it looks"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("signatory_name", heading=_("Signatory name")),
                FieldPanel("signatory_title", heading=_("Signatory title")),
                FieldPanel("signature", heading=_("Signature")),
            ],
            heading=_("Signed by"),
        ),
        translations_panel(CertificateTemplate.translated_fields),
    ]
