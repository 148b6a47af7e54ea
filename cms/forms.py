"""Admin edit forms for pages whose fields need more than Wagtail's defaults."""

from wagtail.admin.forms import WagtailAdminPageForm


class CodeOfConductLessonForm(WagtailAdminPageForm):
    """Starts "Requires re-acknowledgement" unticked on every new edit of a published lesson.

    The box is saved with each revision, so the form would otherwise open with the tick of the version last
    published, and the next small fix would ask everyone to confirm again. A draft not yet published keeps its tick
    (an editor coming back to it, a reviewer opening it).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        if page.pk and page.live and not page.has_unpublished_changes:
            self.initial["requires_reacknowledgement"] = False
