"""What the page tree looks like to learners, kept in the cache between requests.

Some answers are asked for on most page views and change only when editors change pages: which lesson follows which
(cms.lesson_order) and which locale a language is (cms.translations). They are cached under a key that holds a
*generation*, replaced whenever any page, site or locale is saved, moved or deleted (publishing and unpublishing
save the page), and after every migrate or flush: each answer then goes at once, including those about pages whose
addresses changed because a page above them was renamed.

The generation is replaced when the change happens and again when its transaction commits: a page view that read
the tree between the two would otherwise keep the old answer under the new generation. Where each web process has a
cache of its own (the default local-memory cache), a change made in one process reaches the others when their
entries expire, after `PAGE_TREE_CACHE_SECONDS`; a shared cache (`CACHE_URL`) makes it immediate everywhere.
"""

import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver
from wagtail.models import Locale, Page, Site, get_page_models
from wagtail.signals import post_page_move

GENERATION_KEY = "page-tree:generation"


def _generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY, "")
    return generation


def _forget() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def tree_cache_forget() -> None:
    """Forget every answer kept about the page tree, now and once the current transaction commits."""
    _forget()
    transaction.on_commit(_forget)


def _tree_changed(**kwargs):
    tree_cache_forget()


@receiver(post_page_move)
@receiver(post_migrate)
def _tree_replaced(**kwargs):
    _forget()


def tree_cache_connect() -> None:
    """Listen to saves and deletes of every page type, sites and locales (CmsConfig.ready). Only theirs: a
    listener for every model would cost every bulk delete in the product a query, as Django then reads the rows
    before deleting them to send each one's signal."""
    for model in {Page, *get_page_models(), Site, Locale}:
        label = model._meta.label
        post_save.connect(_tree_changed, sender=model, dispatch_uid=f"tree-cache-save-{label}")
        post_delete.connect(_tree_changed, sender=model, dispatch_uid=f"tree-cache-delete-{label}")


def tree_cached(key: str, compute: Callable):
    """The answer kept under `key`, else `compute()`, kept until the page tree changes. `compute` may raise: then
    nothing is kept."""
    key = f"page-tree:{_generation()}:{key}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.PAGE_TREE_CACHE_SECONDS)
    return value
