from django.urls import path

from . import credential_views, views

app_name = "certificates"

urlpatterns = [
    path("<str:code>.pdf", views.certificate_pdf, name="pdf"),
    path("verify/", views.certificate_check, name="check"),
    path("verify/<str:code>/", views.certificate_verify, name="verify"),
    path("<str:code>/status.json", views.certificate_pdf_status, name="pdf_status"),
    path("render-again/", views.certificates_render_retry, name="render_retry"),
    path("<str:code>/revoke/", views.certificate_revoke_view, name="revoke"),
    path("<str:code>/reissue/", views.certificate_reissue_view, name="reissue"),
    path("<str:code>.jwt", credential_views.certificate_credential, name="credential"),
    path("issuer.json", credential_views.issuer, name="issuer"),
    path("keys/<str:thumbprint>.json", credential_views.public_key, name="public_key"),
]
