from django.urls import path

from . import views
from .staff_import_views import staff_import_page

app_name = "training"

urlpatterns = [
    path("learn/", views.learn, name="learn"),
    path("learn/lessons/<int:lesson_id>/complete/", views.lesson_complete, name="lesson_complete"),
    path("hr/", views.hr_report, name="hr_report"),
    path("hr/export.csv", views.hr_export_csv, name="hr_export_csv"),
    path("hr/assignments/", views.assignments, name="assignments"),
    path("hr/staff/import/", staff_import_page, name="staff_import"),
    path("hr/people/<int:user_id>/", views.transcript, name="transcript"),
    path("learn/transcript/", views.my_transcript, name="my_transcript"),
]
