from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _home_translations_after_migrate(sender, **kwargs):
    from .services import home_translations_ensure

    home_translations_ensure()


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Course content"

    def ready(self):
        from .tree_cache import tree_cache_connect

        tree_cache_connect()
        # Sites made before the home page existed in each language get it at their next migrate.
        post_migrate.connect(_home_translations_after_migrate, sender=self)
