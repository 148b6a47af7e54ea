from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("learn/", views.learn, name="learn"),
    path("learn/lessons/<int:lesson_id>/complete/", views.lesson_complete, name="lesson_complete"),
    path("hr/", views.hr_report, name="hr_report"),
    path("hr/export.csv", views.hr_export_csv, name="hr_export_csv"),
    path("hr/assignments/", views.assignments, name="assignments"),
]
