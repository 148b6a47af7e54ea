from wagtail.snippets.models import register_snippet

from .viewsets import QuizzesViewSetGroup

register_snippet(QuizzesViewSetGroup)
