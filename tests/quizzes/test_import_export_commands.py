"""import_questions and export_questions: what lands in the bank, what is reported, and export → import."""

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from quizzes.interop import gift
from quizzes.interop.services import questions_import
from quizzes.models import Category, Choice, Question, QuizQuestion
from tests.factories import QuizFactory, add_question

MOODLE_FIXTURES = Path(settings.BASE_DIR).parent / "shared" / "interop" / "moodle"
needs_fixtures = pytest.mark.skipif(
    not MOODLE_FIXTURES.is_dir(), reason=f"Moodle fixtures not found in {MOODLE_FIXTURES} (shared/ beside the clone)"
)

pytestmark = pytest.mark.django_db


def run(command, *args, **options):
    """(stdout, stderr, error message or None) of a management command."""
    out, err = StringIO(), StringIO()
    try:
        call_command(command, *args, stdout=out, stderr=err, **options)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), str(error)
    return out.getvalue(), err.getvalue(), None


def write(tmp_path, name, content: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return str(path)


def snapshot(question):
    return (
        tuple(question.category.path_names()) if question.category else None,
        question.kind,
        question.name,
        question.text,
        question.scoring,
        question.explanation,
        [(c.text, c.is_correct, c.fraction, c.feedback) for c in question.choices.order_by("sort_order")],
    )


@needs_fixtures
def test_import_the_moodle_gift_fixture():
    out, _, error = run("import_questions", str(MOODLE_FIXTURES / "questions.gift.txt"))

    assert out.splitlines() == [
        "6 imported, 3 skipped",
        'line 5: matching "Moodle activities": Social Confidence has no matching questions',
        'line 31: numerical "Q5": Social Confidence has no numerical questions',
        'line 34: short answer "Shortanswer": Social Confidence has no short answer questions',
    ]
    assert error == "3 question(s) could not be imported (listed above)."
    assert list(Question.objects.order_by("pk").values_list("name", "kind", "scoring")) == [
        ("Q8", "essay", "all_or_nothing"),
        ("Q2", "single", "all_or_nothing"),
        ("colours", "multiple", "partial"),
        ("Q1", "true_false", "all_or_nothing"),
        ("2-08 TSL", "true_false", "all_or_nothing"),
        ("2-08 TSL", "true_false", "all_or_nothing"),
    ]
    colours = Question.objects.get(name="colours")
    assert [(c.text, c.is_correct, c.fraction, c.feedback) for c in colours.choices.order_by("sort_order")] == [
        ("yellow", True, Decimal("0.5"), "right; good!"),
        ("red", False, Decimal(-1), "wrong"),
        ("off-beige", True, Decimal("0.5"), "right; good!"),
        ("blue", False, Decimal(-1), "wrong"),
    ]
    q1 = Question.objects.get(name="Q1")
    assert q1.explanation == "This is, of course, a Hitchiker's Guide to the Galaxy reference."
    assert list(q1.choices.values_list("text", "is_correct", "feedback")) == [
        ("True", False, "42 is the Ultimate Answer."),
        ("False", True, "You gave the right answer."),
    ]
    assert not Question.objects.get(name="Q8").choices.exists()
    assert not Category.objects.exists()


@needs_fixtures
def test_import_the_moodle_xml_fixture_makes_nested_categories_once():
    path = str(MOODLE_FIXTURES / "nested_categories_with_questions.xml")
    out, _, error = run("import_questions", path)

    assert (out, error) == ("5 imported, 0 skipped\n", None)
    by_category = {}
    for question in Question.objects.select_related("category").order_by("pk"):
        by_category.setdefault(str(question.category), []).append((question.name, question.kind))
    assert by_category == {
        "Iota": [("Iota Question", "true_false")],
        "Iota / Kappa": [("Kappa Essay Question", "essay"), ("Kappa Question", "true_false")],
        "Iota / Kappa / Lambda": [("Lambda Question", "true_false")],
        "Iota / Mu": [("Mu Question", "true_false")],
    }
    assert Category.objects.get(name="Lambda").description == "This is Lambda category for test"

    run("import_questions", path, format="moodle-xml")
    assert Category.objects.count() == 4  # reused, not duplicated
    assert Question.objects.count() == 10


def test_category_option_and_quiz_option(tmp_path):
    quiz = QuizFactory(slug="privacy")
    existing = add_question(quiz)
    parent = Category.objects.create(name="Code of conduct")
    path = write(
        tmp_path, "q.txt", "::One:: First? {=a ~b}\n\n::Two:: Second? {T}\n\n$CATEGORY: Elsewhere\n\n::3:: X{}"
    )

    out, _, error = run("import_questions", path, category="Code of conduct/Privacy", quiz="privacy")

    assert (out, error) == ("3 imported, 0 skipped\n", None)
    privacy = Category.objects.get(name="Privacy", parent=parent)
    assert list(Question.objects.filter(category=privacy).values_list("name", flat=True)) == ["One", "Two"]
    assert Question.objects.get(name="3").category.name == "Elsewhere"
    links = QuizQuestion.objects.filter(quiz=quiz).order_by("sort_order")
    assert [(link.question_id, link.sort_order) for link in links] == [
        (existing.pk, 1),
        *(
            (pk, position)
            for position, pk in enumerate(
                Question.objects.exclude(pk=existing.pk).order_by("pk").values_list("pk", flat=True), start=2
            )
        ),
    ]


def test_unknown_quiz_imports_nothing(tmp_path):
    out, _, error = run("import_questions", write(tmp_path, "q.txt", "Q {T}"), quiz="nope")

    assert error == 'No quiz has the slug "nope". Nothing was imported.'
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("q.txt", b"Caf\xe9 {T}", "not UTF-8"),
        ("q.txt", b"Just prose.\n", "No question found"),
        ("q.xml", b"::Q:: {T}", "not valid XML"),
        ("q.xml", b'<!DOCTYPE quiz [<!ENTITY a "b">]><quiz/>', "declares a document type"),
    ],
)
def test_rejected_files_import_nothing(tmp_path, name, content, message):
    _, _, error = run("import_questions", write(tmp_path, name, content), category="New")

    assert message in error and error.endswith("Nothing was imported.")
    assert not Question.objects.exists() and not Category.objects.exists()


def test_missing_file(tmp_path):
    _, _, error = run("import_questions", str(tmp_path / "nope.txt"))

    assert "No such file" in error


def test_a_question_that_does_not_fit_is_skipped_whole(tmp_path):
    long_name = "N" * 300
    content = f"::{long_name}:: Too long a name {{=a ~b}}\n\n::Ok:: Fine {{=a ~b}}\n\n::None right:: {{~a ~b}}"

    out, _, error = run("import_questions", write(tmp_path, "q.txt", content))

    assert out.splitlines()[0] == "1 imported, 2 skipped"
    assert out.splitlines()[1].startswith(f'line 1: multiple choice "{long_name}": name: Ensure this value has at most')
    assert (
        out.splitlines()[2] == 'line 5: multiple choice "None right": no answer is right (none has a weight above 0%)'
    )
    assert error
    assert list(Question.objects.values_list("name", flat=True)) == ["Ok"]
    assert Choice.objects.count() == 2


def test_an_error_half_way_leaves_nothing_behind(monkeypatch):
    parsed = gift.parse(b"::A:: One {=a ~b}\n\n::B:: Two {=a ~b}\n\n$CATEGORY: New\n\n::C:: Three {=a ~b}")
    original_save, calls = Choice.save, []

    def failing_save(self, *args, **kwargs):
        calls.append(self)
        if len(calls) == 5:
            raise RuntimeError("disk full")
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(Choice, "save", failing_save)
    with pytest.raises(RuntimeError):
        questions_import(parsed=parsed)

    assert not Question.objects.exists() and not Choice.objects.exists() and not Category.objects.exists()


def make_bank():
    """Questions of every kind in nested categories, with fractions, feedback and names."""
    privacy = Category.objects.create(name="Privacy", parent=Category.objects.create(name="Code of conduct"))
    other = Category.objects.create(name="Other / misc", description="Odds and ends")

    def question(category, kind, name, text, choices=(), **fields):
        q = Question.objects.create(category=category, kind=kind, name=name, text=text, **fields)
        for position, (choice_text, correct, fraction, feedback) in enumerate(choices):
            Choice.objects.create(
                question=q,
                text=choice_text,
                is_correct=correct,
                fraction=fraction,
                feedback=feedback,
                sort_order=position,
            )
        return q

    return [
        question(
            None,
            "single",
            "No category",
            "Which is fine: {this} or that?",
            [("This = fine", True, Decimal(1), "Yes #1"), ("That", False, Decimal(0), "")],
            explanation="Because: reasons.",
        ),
        question(
            privacy,
            "multiple",
            "Partial",
            "Pick the safe ones\nall of them",
            [
                ("Garden", True, Decimal("0.5"), "Fine"),
                ("Slide", True, Decimal("0.5"), ""),
                ("Chart", False, Decimal(-1), "Never"),
            ],
            scoring="partial",
        ),
        question(
            privacy,
            "multiple",
            "All or nothing",
            "Pick both",
            [("A", True, Decimal(1), ""), ("B", True, Decimal(1), ""), ("C", False, Decimal(-1), "No")],
        ),
        question(
            privacy,
            "true_false",
            "TF",
            "Posting a ward photo is fine.",
            [("True", False, Decimal(0), "It is not."), ("False", True, Decimal(1), "Right.")],
            explanation="Patients may be in it.",
        ),
        question(other, "essay", "Essay", "Describe a risk.", explanation="Any patient detail is a risk."),
        question(
            other,
            "single",
            "",
            "[html] is not a format marker here",
            [("x", True, Decimal(1), ""), ("y", False, 0, "")],
        ),
    ]


@pytest.mark.parametrize("file_format", ["gift", "moodle-xml"])
def test_export_then_import_gives_the_same_questions(tmp_path, file_format):
    originals = [snapshot(question) for question in make_bank()]
    out, err, error = run("export_questions", format=file_format)
    assert (err, error) == ("", None)

    Question.objects.all().delete()
    out, _, error = run("import_questions", write(tmp_path, "bank.data", out), format=file_format)

    assert (out, error) == ("6 imported, 0 skipped\n", None)
    assert [snapshot(q) for q in Question.objects.order_by("pk")] == originals
    assert Category.objects.count() == 3


def test_blank_fractions_export_as_grading_reads_them():
    quiz = QuizFactory()
    add_question(quiz, kind="single", text="One?", right=("R",), wrong=("W1", "W2"))
    several = add_question(quiz, kind="multiple", text="Several?", right=("R1", "R2", "R3"), wrong=("W",))
    Question.objects.filter(pk=several.pk).update(scoring="partial")
    add_question(quiz, kind="multiple", text="All?", right=("R1", "R2"), wrong=("W",))

    out, _, _ = run("export_questions", quiz=quiz.slug)

    assert out == (
        "One?{\n\t=R\n\t~W1\n\t~W2\n}\n\n"
        "Several?{\n\t~%33.333%R1\n\t~%33.333%R2\n\t~%33.334%R3\n\t~%-33.333%W\n}\n\n"
        "All?{\n\t~%100%R1\n\t~%100%R2\n\t~%-100%W\n}\n"
    )


def test_scenario_exports_as_multiple_choice_with_the_case_first():
    question = Question.objects.create(
        kind="scenario", scenario="<p>A nurse posts a <b>selfie</b>.</p><p>A chart is visible.</p>", text="Is it ok?"
    )
    Choice.objects.create(question=question, text="No", is_correct=True, sort_order=0)
    Choice.objects.create(question=question, text="Yes", is_correct=False, sort_order=1)

    out, _, error = run("export_questions")

    assert error is None
    assert out == "A nurse posts a selfie.\\nA chart is visible.\\n\\nIs it ok?{\n\t=No\n\t~Yes\n}\n"
    (parsed,) = gift.parse(out.encode()).questions
    assert (parsed.kind, parsed.text) == ("single", "A nurse posts a selfie.\nA chart is visible.\n\nIs it ok?")


def test_export_a_quiz_in_its_order_or_a_category_with_those_inside():
    bank = make_bank()
    quiz = QuizFactory(slug="final")
    for position, question in enumerate([bank[3], bank[0], bank[4]], start=1):
        QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=position)

    out, _, _ = run("export_questions", quiz="final")
    assert [(q.name, q.category) for q in gift.parse(out.encode()).questions] == [
        ("TF", ("Code of conduct", "Privacy")),
        ("No category", None),
        ("Essay", ("Other / misc",)),
    ]

    out, _, _ = run("export_questions", category="Code of conduct", format="moodle-xml")
    assert "Odds and ends" not in out
    assert [q.name for q in gift.parse(run("export_questions", category="Code of conduct")[0].encode()).questions] == [
        "Partial",
        "All or nothing",
        "TF",
    ]

    out, _, _ = run("export_questions", category="Other // misc", format="moodle-xml")
    assert "<text>Odds and ends</text>" in out

    assert run("export_questions", quiz="nope")[2] == 'No quiz has the slug "nope".'
    assert run("export_questions", category="Nope/Deeper")[2] == 'No question category "Nope/Deeper".'


def test_questions_that_cannot_be_exported_are_reported():
    Question.objects.create(kind="single", name="Empty", text="No answers yet")
    Question.objects.create(kind="essay", name="Fine", text="Essay")

    out, err, error = run("export_questions")

    assert out == "::Fine::Essay{}\n"
    assert err.strip().endswith('"Empty": it needs at least two answers')
    assert error == "1 question(s) could not be exported (listed above)."
