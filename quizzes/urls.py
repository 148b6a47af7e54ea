from django.urls import path

from config import converters  # noqa: F401 (registers <id:...>)

from . import views

app_name = "quizzes"

urlpatterns = [
    path("learn/courses/<id:course_id>/quiz/", views.quiz_take, name="take"),
    path("learn/progress/", views.learner_progress, name="progress"),
    path("quiz/attempts/<id:attempt_id>/submit/", views.attempt_submit, name="attempt_submit"),
    path("quiz/attempts/<id:attempt_id>/save/", views.attempt_save, name="attempt_save"),
    path("quiz/attempts/<id:attempt_id>/", views.attempt_result, name="attempt_result"),
    path("quiz/marking/", views.marking_queue, name="marking_queue"),
    path("quiz/marking/<id:item_id>/", views.marking_item, name="marking_item"),
]
