"""StreamField blocks shared by every lesson kind. Each block renders with its own template in blocks/."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "hr"]


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[
            ("do", pgettext_lazy("callout", "Do")),
            ("dont", pgettext_lazy("callout", "Don't")),
            ("note", pgettext_lazy("callout", "Note")),
        ],
        default="do",
        help_text=_("Do and Don't callouts are coloured and labelled so they stand out from the text."),
    )
    title = blocks.CharBlock(max_length=120, required=False)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "blocks/callout_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(max_length=200, required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"


class FigureBlock(blocks.StructBlock):
    image = ImageBlock()
    caption = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/figure_block.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(help_text=_("Link to a YouTube or Vimeo video."))
    caption = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"


class KeyTakeawaysBlock(blocks.StructBlock):
    items = blocks.ListBlock(blocks.CharBlock(max_length=300), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Key takeaways")
        template = "blocks/key_takeaways_block.html"


class LessonStreamBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, template="blocks/rich_text_block.html")
    callout = CalloutBlock()
    quote = QuoteBlock()
    image = FigureBlock()
    video = VideoBlock()
    key_takeaways = KeyTakeawaysBlock()
