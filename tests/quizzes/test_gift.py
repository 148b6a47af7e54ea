"""The GIFT reader and writer, against Moodle's own fixture and the syntax Moodle documents. No database."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from quizzes.interop import ImportFileError, ParsedChoice, ParsedQuestion, gift

MOODLE_FIXTURES = Path(settings.BASE_DIR).parent / "shared" / "interop" / "moodle"
needs_fixtures = pytest.mark.skipif(
    not MOODLE_FIXTURES.is_dir(), reason=f"Moodle fixtures not found in {MOODLE_FIXTURES} (shared/ beside the clone)"
)


def parse(text: str):
    return gift.parse(text.encode()).questions


def choices(question):
    return [(choice.text, choice.fraction, choice.feedback) for choice in question.choices]


@needs_fixtures
def test_moodle_fixture_questions_and_what_is_reported():
    questions = gift.parse((MOODLE_FIXTURES / "questions.gift.txt").read_bytes()).questions

    assert [(q.line, q.qtype, q.name, q.kind) for q in questions] == [
        (2, "essay", "Q8", "essay"),
        (5, "match", "Moodle activities", None),
        (14, "multichoice", "Q2", "single"),
        (22, "multichoice", "colours", "multiple"),
        (31, "numerical", "Q5", None),
        (34, "shortanswer", "Shortanswer", None),
        (41, "truefalse", "Q1", "true_false"),
        (46, "truefalse", "2-08 TSL", "true_false"),
        (49, "truefalse", "2-08 TSL", "true_false"),
    ]
    assert [q.report_line() for q in questions if q.problem] == [
        'line 5: matching "Moodle activities": Social Confidence has no matching questions',
        'line 31: numerical "Q5": Social Confidence has no numerical questions',
        'line 34: short answer "Shortanswer": Social Confidence has no short answer questions',
    ]
    essay, _, single, multiple, _, _, q1, tsl_t, tsl_true = questions
    assert essay.text == "How are you?" and essay.choices == []
    assert single.text == "What's between orange and green in the spectrum?"
    assert choices(single) == [
        ("yellow", 1, "right; good!"),
        ("red", 0, "wrong, it's yellow"),
        ("blue", 0, "wrong, it's yellow"),
    ]
    assert multiple.scoring == "partial"
    assert choices(multiple) == [
        ("yellow", Decimal("0.5"), "right; good!"),
        ("red", -1, "wrong"),
        ("off-beige", Decimal("0.5"), "right; good!"),
        ("blue", -1, "wrong"),
    ]
    # FALSE#feedback for the wrong answer#feedback for the right one, then ####general feedback.
    assert choices(q1) == [("True", 0, "42 is the Ultimate Answer."), ("False", 1, "You gave the right answer.")]
    assert q1.explanation == "This is, of course, a Hitchiker's Guide to the Galaxy reference."
    # The fixture has '";' after the closing brace: Moodle reads text after the answers as a missing-word blank.
    assert q1.text == '42 is the Absolute Answer to everything._____";'
    for question in (tsl_t, tsl_true):
        assert question.text == "TSL is blablabla."
        assert choices(question) == [("True", 1, ""), ("False", 0, "")]


def test_names_comments_and_multi_line_questions():
    questions = parse(
        "// A comment line\n"
        "::Privacy 1:: Which post is fine?\n"
        "// a comment inside the question is left out\n"
        "{\n"
        "  =A photo of the hospital garden\n"
        "  ~A photo of a patient's chart\n"
        "}\n"
        "\n\n"
        "Unnamed, see http://example.org {T}\n"
    )

    assert [(q.line, q.name, q.text) for q in questions] == [
        (2, "Privacy 1", "Which post is fine?"),
        (10, "", "Unnamed, see http://example.org"),
    ]
    assert choices(questions[0]) == [("A photo of the hospital garden", 1, ""), ("A photo of a patient's chart", 0, "")]
    assert questions[1].label == "Unnamed, see http://example.org"


def test_escapes_are_plain_characters():
    (question,) = parse(r"::Name\: with colon:: 1 \= 1, \~, \#, \{ \} and \\ backslash\nnew line {=a\#b#fb \= x ~c}")

    assert question.name == "Name: with colon"
    assert question.text == "1 = 1, ~, #, { } and \\ backslash\nnew line"
    assert choices(question) == [("a#b", 1, "fb = x"), ("c", 0, "")]


def test_format_markers_are_stripped_and_html_becomes_text():
    (question,) = parse(
        "[html]<p>Is <b>this</b> &amp; that</p><p>fine?</p>{\n"
        "=[markdown]*yes*#[moodle]good\n"
        "~[plain]no#[html]<i>not</i> really\n"
        "####[html]<p>Because.</p>}"
    )

    assert question.text == "Is this & that\nfine?"
    assert choices(question) == [("*yes*", 1, "good"), ("no", 0, "not really")]
    assert question.explanation == "Because."


def test_weights_and_feedback():
    (question,) = parse(
        "Pick the safe posts {\n"
        "~%50%Garden photo#Fine\n"
        "~%50%Conference slide\n"
        "~%-100%Patient selfie#Never\n"
        "~%-33.33333%Ward rota\n"
        "~Lunch#Harmless but not asked\n"
        "####Two are safe.\n"
        "}"
    )

    assert question.kind == "multiple" and question.scoring == "partial"
    assert choices(question) == [
        ("Garden photo", Decimal("0.5"), "Fine"),
        ("Conference slide", Decimal("0.5"), ""),
        ("Patient selfie", -1, "Never"),
        ("Ward rota", Decimal("-0.33333"), ""),
        ("Lunch", 0, "Harmless but not asked"),
    ]
    assert question.explanation == "Two are safe."


def test_several_answers_without_partial_weights_are_all_or_nothing():
    (question,) = parse("Both? {~%100%a ~%100%b ~%-100%c}")

    assert question.kind == "multiple" and question.scoring == "all_or_nothing"


@pytest.mark.parametrize(
    ("answers", "right", "true_feedback", "false_feedback"),
    [
        ("T", "True", "", ""),
        ("TRUE", "True", "", ""),
        ("F", "False", "", ""),
        ("FALSE#Wrong: it is false.#Right.", "False", "Wrong: it is false.", "Right."),
        ("TRUE#Only feedback for the wrong answer", "True", "", "Only feedback for the wrong answer"),
        ("T####General", "True", "", ""),
    ],
)
def test_true_false(answers, right, true_feedback, false_feedback):
    (question,) = parse(f"The sky is blue. {{{answers}}}")

    assert question.kind == "true_false"
    assert [(c.text, c.is_correct, c.feedback) for c in question.choices] == [
        ("True", right == "True", true_feedback),
        ("False", right == "False", false_feedback),
    ]


def test_essay_with_general_feedback():
    (question,) = parse("::E:: Describe a risk. {####Any answer naming a patient is a risk.}")

    assert (question.kind, question.text, question.explanation) == (
        "essay",
        "Describe a risk.",
        "Any answer naming a patient is a risk.",
    )


def test_missing_word_questions_keep_a_blank():
    (question,) = parse("Patients' {=records ~holidays} are confidential.")

    assert question.text == "Patients' _____ are confidential."
    assert question.kind == "single"


def test_categories_strip_moodle_prefixes_and_nest():
    questions = parse(
        "Before any category {T}\n\n"
        "$CATEGORY: $course$/top/Code of conduct/Privacy\n\n"
        "In privacy {T}\n\n"
        "$CATEGORY: $system$/Either//or\n"
        "Right under the category line {F}\n\n"
        "$CATEGORY: $course$/top\n\n"
        "Back to none {T}"
    )

    assert [(q.text, q.category, q.line) for q in questions] == [
        ("Before any category", None, 1),
        ("In privacy", ("Code of conduct", "Privacy"), 5),
        ("Right under the category line", ("Either/or",), 8),
        ("Back to none", None, 12),
    ]


def test_broken_questions_are_reported_not_guessed():
    questions = parse(
        "No closing brace {=a ~b\n\n"
        "Two questions {T}\nwith no blank line between {F}\n\n"
        "Bad weight {~%abc%a =b}\n\n"
        "Weight too big {~%150%a =b}\n\n"
        "Just a description, no braces\n\n"
        "Fine {T}"
    )

    assert [q.report_line() for q in questions if q.problem] == [
        'line 1: question "No closing brace {=a ~b": its answers are not enclosed in { and }',
        'line 3: question "Two questions": it has more than one { } answer block: separate questions with a blank line',
        "line 6: multiple choice \"Bad weight\": an answer's weight is wrong: 'abc' is not a percentage",
        'line 8: multiple choice "Weight too big": an answer\'s weight is wrong: the weight 150% is not between '
        "-100% and 100%",
        'line 10: description "Just a description, no braces": it has no answers in { }: a description is not a '
        "question",
    ]
    assert questions[-1].kind == "true_false"


def test_files_that_are_not_gift_at_all_are_rejected():
    with pytest.raises(ImportFileError, match="not UTF-8"):
        gift.parse("Caf\xe9 {T}".encode("latin-1"))
    with pytest.raises(ImportFileError, match="No question found"):
        gift.parse(b"// only a comment\n\n$CATEGORY: A\n")
    with pytest.raises(ImportFileError, match="No question found"):
        gift.parse(b"A plain text file.\n\nWith paragraphs but no braces.\n")


def test_a_byte_order_mark_and_windows_line_ends_are_fine():
    (question,) = gift.parse(b"\xef\xbb\xbf::A::Q?\r\n{\r\n=a\r\n~b\r\n}\r\n").questions

    assert (question.name, question.text, question.line) == ("A", "Q?", 1)


def test_written_gift_reads_back_the_same():
    tricky = "Colons: tildes ~ equals = hashes # braces {} backslash \\ and\na new line"
    questions = [
        ParsedQuestion(
            line=0,
            qtype="multichoice",
            name="One: answer",
            text=tricky,
            kind="single",
            explanation="Because {reasons}.",
            choices=[
                ParsedChoice("Right = yes", Decimal(1), "Good # one"),
                ParsedChoice("%50% of staff", Decimal(0), ""),
                ParsedChoice("Half", Decimal("0.5"), ""),
            ],
            category=("Code of conduct", "Privacy/Safety"),
        ),
        ParsedQuestion(
            line=0,
            qtype="multichoice",
            name="",
            text="[html] is not a format here",
            kind="multiple",
            choices=[
                ParsedChoice("a", Decimal("0.33333"), "fb"),
                ParsedChoice("b", Decimal("0.66667"), ""),
                ParsedChoice("c", Decimal(-1), "no"),
            ],
            category=("Code of conduct", "Privacy/Safety"),
        ),
        ParsedQuestion(
            line=0,
            qtype="truefalse",
            name="TF",
            text="True?",
            kind="true_false",
            explanation="General",
            choices=[ParsedChoice("True", Decimal(0), "wrong one"), ParsedChoice("False", Decimal(1), "")],
        ),
        ParsedQuestion(line=0, qtype="essay", name="E", text="Tell us.", kind="essay", explanation="Marked."),
    ]

    written = gift.serialize(questions)
    read = gift.parse(written.encode()).questions

    def key(question):
        return (question.name, question.text, question.kind, question.explanation, choices(question), question.category)

    assert [key(q) for q in read] == [key(q) for q in questions]
    assert "$CATEGORY: $course$/top/Code of conduct/Privacy//Safety\n" in written
    assert "$CATEGORY: $course$/top\n" in written  # the true/false question has no category
