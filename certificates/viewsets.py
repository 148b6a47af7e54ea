from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CertificateTemplate


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = "Certificate templates"
    add_to_settings_menu = True
    list_display = ["name", "is_default", "title", "paper", "orientation"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("is_default")]),
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("title"), FieldPanel("statement")], heading="What it says"
        ),
        MultiFieldPanel(
            [
                FieldPanel("logo"),
                FieldPanel("accent_colour"),
                FieldRowPanel([FieldPanel("paper"), FieldPanel("orientation")]),
            ],
            heading="How it looks",
        ),
        MultiFieldPanel(
            [FieldPanel("signatory_name"), FieldPanel("signatory_title"), FieldPanel("signature")],
            heading="Signed by",
        ),
    ]
