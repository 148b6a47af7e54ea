from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cms.models import CoursePage
from training.selectors import course_outline

from . import selectors, services
from .models import Attempt


def _take_context(*, attempt, course, questions, error=""):
    return {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "course": course,
        "questions": questions,
        "error": error,
    }


@never_cache
@login_required
def quiz_take(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    outline = course_outline(user=request.user, course=course)
    if outline.enrolment is None or course.quiz_id is None:
        raise Http404("No quiz for you on this course.")
    if outline.completed:
        messages.info(request, "You have already completed this course.")
        return redirect(course.url)
    if not outline.all_lessons_done:
        messages.error(request, "Finish every lesson before you take the final quiz.")
        return redirect(course.url)
    try:
        attempt = services.attempt_start(user=request.user, quiz=course.quiz, enrolment=outline.enrolment)
    except services.QuizError as error:
        messages.error(request, str(error))
        return redirect(course.url)
    questions = selectors.attempt_questions(attempt=attempt)
    return render(request, "quizzes/quiz_take.html", _take_context(attempt=attempt, course=course, questions=questions))


@never_cache
@login_required
@require_POST
def attempt_submit(request, attempt_id: int):
    attempt = get_object_or_404(
        Attempt.objects.select_related("quiz", "enrolment__course"), pk=attempt_id, user=request.user
    )
    course = attempt.enrolment.course if attempt.enrolment else None
    try:
        answers = services.parse_answers(request.POST)
        attempt = services.attempt_submit(user=request.user, attempt_id=attempt.pk, answers=answers)
    except services.AttemptNotFound:
        raise Http404("This quiz attempt does not exist.") from None
    except services.AttemptAlreadySubmitted as error:
        messages.warning(request, str(error))
        return redirect("quizzes:attempt_result", attempt_id=attempt.pk)
    except services.AnswerErrors as error:
        questions = selectors.attempt_questions(attempt=attempt, selected=answers, errors=error.errors)
        context = _take_context(attempt=attempt, course=course, questions=questions, error=str(error))
        return render(request, "quizzes/quiz_take.html", context, status=400)
    except services.QuizError as error:
        questions = selectors.attempt_questions(attempt=attempt)
        context = _take_context(attempt=attempt, course=course, questions=questions, error=str(error))
        return render(request, "quizzes/quiz_take.html", context, status=400)
    return redirect("quizzes:attempt_result", attempt_id=attempt.pk)


@never_cache
@login_required
def attempt_result(request, attempt_id: int):
    attempt = get_object_or_404(
        Attempt.objects.select_related("quiz", "enrolment__course", "enrolment__certificate"),
        pk=attempt_id,
        user=request.user,
    )
    if attempt.status == Attempt.Status.IN_PROGRESS:
        return redirect("quizzes:take", course_id=attempt.enrolment.course_id)
    review = selectors.attempt_review(attempt=attempt)
    enrolment = attempt.enrolment
    return render(
        request,
        "quizzes/attempt_result.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "course": enrolment.course if enrolment else None,
            "certificate": getattr(enrolment, "certificate", None) if enrolment else None,
            "review": review,
            "wrong_topics": sorted({item.topic for item in review if not item.correct and item.topic}),
        },
    )
