"""The Moodle XML reader and writer, against Moodle's own fixture and the question types Moodle exports."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from quizzes.interop import ImportFileError, ParsedChoice, ParsedQuestion, moodle_xml

MOODLE_FIXTURES = Path(settings.BASE_DIR).parent / "shared" / "interop" / "moodle"
needs_fixtures = pytest.mark.skipif(
    not MOODLE_FIXTURES.is_dir(), reason=f"Moodle fixtures not found in {MOODLE_FIXTURES} (shared/ beside the clone)"
)


def quiz_xml(*questions: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n' + "\n".join(questions) + "\n</quiz>\n").encode()


def question_xml(qtype: str, name: str, body: str = "", text: str = "Question?") -> str:
    return (
        f'  <question type="{qtype}">\n'
        f"    <name><text>{name}</text></name>\n"
        f'    <questiontext format="html"><text><![CDATA[<p>{text}</p>]]></text></questiontext>\n'
        f"{body}"
        f"  </question>"
    )


def answer_xml(fraction: str, text: str, feedback: str = "", text_format: str = "html") -> str:
    return (
        f'    <answer fraction="{fraction}" format="{text_format}"><text>{text}</text>'
        f'<feedback format="html"><text>{feedback}</text></feedback></answer>\n'
    )


def choices(question):
    return [(choice.text, choice.fraction, choice.feedback) for choice in question.choices]


@needs_fixtures
def test_moodle_fixture_nested_categories():
    parsed = moodle_xml.parse((MOODLE_FIXTURES / "nested_categories_with_questions.xml").read_bytes())

    assert [(q.line, q.qtype, q.name, q.text, q.category, q.kind) for q in parsed.questions] == [
        (15, "truefalse", "Iota Question", "Testing Iota Question", ("Iota",), "true_false"),
        (55, "essay", "Kappa Essay Question", "Testing Kappa Essay Question", ("Iota", "Kappa"), "essay"),
        (83, "truefalse", "Kappa Question", "Testing Kappa Question", ("Iota", "Kappa"), "true_false"),
        (123, "truefalse", "Lambda Question", "Testing Lambda Question", ("Iota", "Kappa", "Lambda"), "true_false"),
        (163, "truefalse", "Mu Question", "Testing Mu Question", ("Iota", "Mu"), "true_false"),
    ]
    assert not any(q.problem for q in parsed.questions)
    assert choices(parsed.questions[0]) == [("True", 1, ""), ("False", 0, "")]
    assert parsed.category_descriptions[("Iota", "Kappa", "Lambda")] == "This is Lambda category for test"


def test_multichoice_one_and_several_answers():
    parsed = moodle_xml.parse(
        quiz_xml(
            question_xml(
                "multichoice",
                "One",
                '    <generalfeedback format="html"><text>&lt;p&gt;Because &amp;amp; so.&lt;/p&gt;</text>'
                "</generalfeedback>\n"
                "    <single>true</single>\n"
                + answer_xml("100", "&lt;p&gt;Garden&lt;/p&gt;", "Yes")
                + answer_xml("0", "Chart", "&lt;b&gt;No&lt;/b&gt;"),
            ),
            question_xml(
                "multichoice",
                "Several",
                "    <single>false</single>\n"
                + answer_xml("50", "a", text_format="moodle_auto_format")
                + answer_xml("50", "b")
                + answer_xml("-33.33333", "c"),
            ),
        )
    )
    one, several = parsed.questions

    assert (one.kind, one.text, one.explanation) == ("single", "Question?", "Because & so.")
    assert choices(one) == [("Garden", 1, "Yes"), ("Chart", 0, "No")]
    assert (several.kind, several.scoring) == ("multiple", "partial")
    assert choices(several) == [("a", Decimal("0.5"), ""), ("b", Decimal("0.5"), ""), ("c", Decimal("-0.33333"), "")]
    assert (one.category, one.line, several.line) == (None, 3, 11)


def test_unsupported_types_are_reported_with_their_line():
    parsed = moodle_xml.parse(
        quiz_xml(
            question_xml("matching", "Match"),
            question_xml("match", "Match 2"),
            question_xml("numerical", "Number"),
            question_xml("shortanswer", "Short"),
            question_xml("multianswer", "Cloze"),
            question_xml("description", "Just text"),
            question_xml("ddwtos", "Drag"),
            question_xml(
                "multichoice",
                "With image",
                answer_xml("100", '&lt;img src="@@PLUGINFILE@@/a.png"&gt;') + answer_xml("0", "b"),
            ),
            question_xml("truefalse", "Odd answers", answer_xml("100", "yes") + answer_xml("0", "no")),
            question_xml("essay", "Fine"),
        )
    )

    assert [q.report_line() for q in parsed.questions if q.problem] == [
        'line 3: matching "Match": Social Confidence has no matching questions',
        'line 7: matching "Match 2": Social Confidence has no matching questions',
        'line 11: numerical "Number": Social Confidence has no numerical questions',
        'line 15: short answer "Short": Social Confidence has no short answer questions',
        'line 19: cloze "Cloze": Social Confidence has no cloze questions',
        'line 23: description "Just text": Social Confidence has no description questions',
        'line 27: drag and drop into text "Drag": Social Confidence has no drag and drop into text questions',
        'line 31: multiple choice "With image": it uses embedded files (images, audio...), which cannot be imported',
        'line 37: true/false "Odd answers": a true/false question needs exactly the answers "true" and "false"',
    ]
    assert parsed.questions[-1].kind == "essay"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe<quiz/>", "not UTF-8"),
        (b"::Q:: A GIFT file? {T}", "not valid XML"),
        (b"<quiz><question type='essay'></quiz>", "not valid XML: mismatched tag"),
        (b"<html><body/></html>", "not a Moodle question file"),
        (b"<quiz><question type='category'><category><text>A</text></category></question></quiz>", "No question"),
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>\n'
            b"<quiz><question type='essay'><name><text>&lol2;</text></name></question></quiz>",
            "declares a document type",
        ),
        (
            b'<!DOCTYPE quiz SYSTEM "file:///etc/passwd"><quiz><question type="essay"/></quiz>',
            "declares a document type",
        ),
        (b"<quiz><question type='essay'><name><text>&secret;</text></name></question></quiz>", "undefined entity"),
    ],
)
def test_files_that_are_not_moodle_xml_are_rejected_whole(data, message):
    with pytest.raises(ImportFileError, match=message):
        moodle_xml.parse(data)


def test_written_xml_reads_back_the_same():
    questions = [
        ParsedQuestion(
            line=0,
            qtype="multichoice",
            name='Less < more & "quotes"',
            text="Line one\nLine <two>",
            kind="single",
            explanation="Why & how",
            choices=[ParsedChoice("Right", Decimal("0.75"), "Mostly"), ParsedChoice("Wrong", Decimal(0), "")],
            category=("Code of conduct", "Privacy/Safety"),
        ),
        ParsedQuestion(
            line=0,
            qtype="multichoice",
            name="",
            text="Several",
            kind="multiple",
            choices=[ParsedChoice("a", Decimal("0.33333"), ""), ParsedChoice("b", Decimal("-1"), "no")],
        ),
        ParsedQuestion(
            line=0,
            qtype="truefalse",
            name="TF",
            text="True?",
            kind="true_false",
            choices=[ParsedChoice("True", Decimal(1), "yes"), ParsedChoice("False", Decimal(0), "no")],
            category=("Other",),
        ),
        ParsedQuestion(line=0, qtype="essay", name="E", text="Tell us.", kind="essay", category=("Other",)),
    ]

    written = moodle_xml.serialize(questions, {("Code of conduct", "Privacy/Safety"): "About privacy"})
    parsed = moodle_xml.parse(written.encode())

    def key(question):
        return (question.name, question.text, question.kind, question.explanation, choices(question), question.category)

    assert [key(q) for q in parsed.questions] == [key(q) for q in questions]
    assert parsed.category_descriptions[("Code of conduct", "Privacy/Safety")] == "About privacy"
    assert "<text>$course$/top/Code of conduct/Privacy//Safety</text>" in written
