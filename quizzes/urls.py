from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("learn/courses/<int:course_id>/quiz/", views.quiz_take, name="take"),
    path("quiz/attempts/<int:attempt_id>/submit/", views.attempt_submit, name="attempt_submit"),
    path("quiz/attempts/<int:attempt_id>/", views.attempt_result, name="attempt_result"),
]
