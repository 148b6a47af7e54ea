from django.urls import path

from config import converters  # noqa: F401 (registers <id:...>)

from . import audit_views, export_views, views
from .staff_import_views import staff_import_page

app_name = "training"

urlpatterns = [
    path("learn/", views.learn, name="learn"),
    path("learn/lessons/<id:lesson_id>/complete/", views.lesson_complete, name="lesson_complete"),
    path("learn/signature/sso/callback/", views.signature_sso_callback, name="signature_sso_callback"),
    path("hr/reacknowledgement/", views.reacknowledgement_report, name="reacknowledgement"),
    path("hr/reacknowledgement.csv", views.reacknowledgement_csv, name="reacknowledgement_csv"),
    path("hr/", views.hr_report, name="hr_report"),
    path("hr/export.csv", export_views.hr_export_csv, name="hr_export_csv"),
    path("hr/export.xlsx", export_views.hr_export_xlsx, name="hr_export_xlsx"),
    path("hr/export.zip", export_views.hr_export_zip, name="hr_export_zip"),
    path("hr/exports/<id:job_id>/", export_views.export_job, name="export_job"),
    path("hr/exports/<id:job_id>/status.json", export_views.export_job_status, name="export_job_status"),
    path("hr/exports/<id:job_id>/download", export_views.export_job_download, name="export_job_download"),
    path("hr/exports/<id:job_id>/again", export_views.export_job_again, name="export_job_again"),
    path("hr/assignments/", views.assignments, name="assignments"),
    path("hr/staff/import/", staff_import_page, name="staff_import"),
    path("hr/audit/", audit_views.audit_trail, name="audit_trail"),
    path("hr/audit/export.csv", audit_views.audit_trail_csv, name="audit_trail_csv"),
    path("hr/people/<id:user_id>/", views.transcript, name="transcript"),
    path("hr/enrolments/<id:enrolment_id>/due-date/", views.enrolment_due_date, name="enrolment_due_date"),
    path("learn/transcript/", views.my_transcript, name="my_transcript"),
]
