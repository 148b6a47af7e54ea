import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cms.models import CoursePage
from cms.translations import shown_page, source_of
from training.selectors import course_outline

from . import selectors, services
from .models import Attempt, AttemptQuestion, Quiz
from .permissions import can_mark_essays


def _take_context(*, attempt, course, questions, error=""):
    quiz = attempt.quiz
    seconds_left = None
    if attempt.deadline:
        # Rounded up: the page's countdown must not reach 0:00 (and submit) before the server's deadline.
        seconds_left = max(math.ceil((attempt.deadline - timezone.now()).total_seconds()), 0)
    return {
        "attempt": attempt,
        "quiz": quiz,
        "course": shown_page(course) if course else None,
        "questions": questions,
        "error": error,
        "seconds_left": seconds_left,
        "check_each": quiz.review_mode == Quiz.ReviewMode.AFTER_EACH,
        "attempts_left": services.attempts_left(user=attempt.user, quiz=quiz, enrolment=attempt.enrolment),
    }


def _render_take(request, attempt, *, answers=None, errors=None, error="", status=200):
    questions = selectors.attempt_questions(attempt=attempt, answers=answers, errors=errors)
    course = attempt.enrolment.course if attempt.enrolment else None
    context = _take_context(attempt=attempt, course=course, questions=questions, error=error)
    return render(request, "quizzes/quiz_take.html", context, status=status)


@never_cache
@login_required
def quiz_take(request, course_id: int):
    # The course in the default language, which enrolments are on (a translation's address leads there too).
    course = source_of(get_object_or_404(CoursePage.objects.live(), pk=course_id))
    outline = course_outline(user=request.user, course=course)
    if outline.enrolment is None or course.quiz_id is None:
        raise Http404("No quiz for you on this course.")
    if outline.completed:
        messages.info(request, _("You have already completed this course."))
        return redirect(course.url)
    if not outline.all_lessons_done:
        messages.error(request, _("Finish every lesson before you take the final quiz."))
        return redirect(course.url)
    expired = Attempt.objects.filter(user=request.user, quiz=course.quiz, status=Attempt.Status.IN_PROGRESS).first()
    if expired and services.attempt_close_if_time_is_up(attempt_id=expired.pk):
        # Coming back after the time limit: show what was submitted rather than silently opening a new attempt.
        messages.warning(
            request, _("Time ran out: your attempt was submitted with the answers saved before the limit.")
        )
        return redirect("quizzes:attempt_result", attempt_id=expired.pk)
    try:
        attempt = services.attempt_start(user=request.user, quiz=course.quiz, enrolment=outline.enrolment)
    except services.QuizError as error:
        messages.error(request, str(error))
        return redirect(course.url)
    return _render_take(request, attempt)


def _own_attempt(request, attempt_id: int) -> Attempt:
    return get_object_or_404(
        Attempt.objects.select_related("quiz", "enrolment__course"), pk=attempt_id, user=request.user
    )


@never_cache
@login_required
@require_POST
def attempt_submit(request, attempt_id: int):
    # The service locks and checks the attempt itself; the view reads it only to show an error (a submit is the
    # busiest request of all, so it does not fetch the attempt twice).
    answers = None
    try:
        answers = services.parse_answers(request.POST)
        sequence = services.parse_sequence(request.POST.get("sequence"))
        if request.POST.get("check"):
            attempt = _own_attempt(request, attempt_id)
            question_id = services.parse_question_id(request.POST["check"])
            services.attempt_check(
                user=request.user,
                attempt_id=attempt.pk,
                sequence=sequence,
                question_id=question_id,
                answer=answers.get(question_id, services.Answer()),
            )
            position = AttemptQuestion.objects.filter(attempt=attempt, question_id=question_id).values_list(
                "position", flat=True
            )
            return redirect(
                reverse("quizzes:take", kwargs={"course_id": attempt.enrolment.course_id})
                + f"#question-{position.first() or 1}"
            )
        attempt = services.attempt_submit(user=request.user, attempt_id=attempt_id, answers=answers, sequence=sequence)
    except services.AttemptNotFound:
        raise Http404("This quiz attempt does not exist.") from None
    except (services.AttemptAlreadySubmitted, services.TimeUp) as error:
        messages.warning(request, str(error))
        return redirect("quizzes:attempt_result", attempt_id=attempt_id)
    except services.StaleAttempt as error:
        return _render_take(request, _own_attempt(request, attempt_id), error=str(error), status=409)
    except services.AnswerErrors as error:
        attempt = _own_attempt(request, attempt_id)
        return _render_take(request, attempt, answers=answers, errors=error.errors, error=str(error), status=400)
    except services.QuizError as error:
        return _render_take(request, _own_attempt(request, attempt_id), answers=answers, error=str(error), status=400)
    if attempt.submitted_automatically:
        messages.warning(
            request, _("Time ran out: your attempt was submitted with the answers saved before the limit.")
        )
    return redirect("quizzes:attempt_result", attempt_id=attempt.pk)


@never_cache
@login_required
@require_POST
def attempt_save(request, attempt_id: int):
    """Autosave of one answer (the quiz page calls it as the learner answers). JSON in, JSON out."""
    attempt = _own_attempt(request, attempt_id)
    result_url = reverse("quizzes:attempt_result", kwargs={"attempt_id": attempt.pk})
    try:
        question_id = int(request.POST.get("question", ""))
        sequence = int(request.POST.get("sequence", ""))
        answer = services.Answer(
            choice_ids=frozenset(int(value) for value in request.POST.getlist("choice")),
            text=services.parse_text(request.POST.get("text", "")),
        )
    except ValueError:
        return JsonResponse({"error": _("The answer could not be read. Reload the page.")}, status=400)
    try:
        attempt = services.attempt_save(
            user=request.user, attempt_id=attempt.pk, sequence=sequence, question_id=question_id, answer=answer
        )
    except services.AttemptNotFound:
        raise Http404("This quiz attempt does not exist.") from None
    except (services.AttemptAlreadySubmitted, services.TimeUp) as error:
        # Said again on the result page the browser is sent to.
        messages.warning(request, str(error))
        return JsonResponse({"error": str(error), "result_url": result_url}, status=409)
    except services.StaleAttempt as error:
        return JsonResponse({"error": str(error), "reload": True}, status=409)
    except services.AnswerErrors as error:
        return JsonResponse({"error": error.errors.get(question_id, str(error))}, status=400)
    except services.QuizError as error:
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse({"sequence": attempt.sequence, "saved_at": timezone.now().isoformat()})


@never_cache
@login_required
def attempt_result(request, attempt_id: int):
    attempt = get_object_or_404(
        Attempt.objects.select_related("quiz", "enrolment__course", "enrolment__certificate"),
        pk=attempt_id,
        user=request.user,
    )
    if attempt.is_open:
        if not services.attempt_close_if_time_is_up(attempt_id=attempt.pk):
            return redirect("quizzes:take", course_id=attempt.enrolment.course_id)
        attempt.refresh_from_db()
    enrolment = attempt.enrolment
    if enrolment:
        enrolment.refresh_from_db()
    return render(
        request,
        "quizzes/attempt_result.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "course": shown_page(enrolment.course) if enrolment else None,
            "enrolment": enrolment,
            "certificate": getattr(enrolment, "certificate", None) if enrolment else None,
            "review": selectors.attempt_review(attempt=attempt),
            "wrong_topics": selectors.wrong_topics(attempt=attempt),
            "can_retry": bool(
                enrolment
                and not enrolment.completed_at
                and services.attempts_left(user=request.user, quiz=attempt.quiz, enrolment=enrolment) != 0
            ),
        },
    )


@never_cache
@login_required
def learner_progress(request):
    return render(
        request,
        "quizzes/progress.html",
        {
            "categories": selectors.learner_category_progress(user=request.user),
            "attempts": selectors.learner_attempt_history(user=request.user),
        },
    )


def _require_marker(request):
    if not can_mark_essays(request.user):
        raise PermissionDenied(_("Only HR and editors can mark written answers."))


@never_cache
@login_required
def marking_queue(request):
    _require_marker(request)
    return render(request, "quizzes/marking_queue.html", {"items": selectors.essays_to_mark()})


@never_cache
@login_required
def marking_item(request, item_id: int):
    _require_marker(request)
    item = get_object_or_404(
        AttemptQuestion.objects.select_related("question", "attempt__quiz", "attempt__user", "marked_by"),
        pk=item_id,
        question__kind="essay",
    )
    error = ""
    if request.method == "POST":
        try:
            services.essay_mark(
                marker=request.user,
                item_id=item.pk,
                credit_percent=request.POST.get("mark"),
                comment=request.POST.get("comment", ""),
            )
        except services.QuizError as exc:
            error = str(exc)
        else:
            learner = item.attempt.user.get_full_name() or item.attempt.user
            messages.success(request, _("Marked. %(learner)s will see it.") % {"learner": learner})
            return redirect("quizzes:marking_queue")
    return render(request, "quizzes/marking_item.html", {"item": item, "error": error}, status=400 if error else 200)
