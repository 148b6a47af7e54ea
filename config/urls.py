from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from certificates import credential_views
from training.accounts import AccountPasswordForm
from training.languages import language_switch

urlpatterns = [
    # The public keys that verify the site's digital badges (docs/certificates.md).
    path(".well-known/jwks.json", credential_views.key_set, name="jwks"),
    # Setting a password by e-mail also reaches imported staff who have none yet (training/accounts.py).
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(
            form_class=AccountPasswordForm,
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("language/", language_switch, name="language_switch"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("certificates/", include("certificates.urls")),
    path("", include("training.urls")),
    path("", include("quizzes.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if settings.OIDC_ENABLED:
    urlpatterns += [path("oidc/", include("mozilla_django_oidc.urls"))]

# Everything else is a Wagtail page (the home page, courses and lessons): this must come last.
urlpatterns += [path("", include(wagtail_urls))]
