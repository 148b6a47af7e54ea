from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("<str:code>.pdf", views.certificate_pdf, name="pdf"),
    path("verify/<str:code>/", views.certificate_verify, name="verify"),
]
