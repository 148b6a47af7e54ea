"""Hostile filters and forms of the HR pages: the report and its exports, the audit trail, assignments, a due date,
and looking up a certificate. Any query string or form gets an answer, never a server error; a name from the request
never reaches order_by(), values() or annotate(); a form that is refused changes nothing and says why."""

from urllib.parse import quote, urlencode

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from hypothesis import event, given
from hypothesis import strategies as st

from certificates.models import Certificate
from tests.properties import (
    HOSTILE_NAMES,
    HOSTILE_NUMBERS,
    NamesReachingTheOrm,
    examples,
    form_values,
    hostile_text,
    rolled_back,
)
from training.models import Assignment, AuditEvent, Enrolment, Location
from training.reports import SORTS

pytestmark = pytest.mark.django_db

# Names a request might use to choose how rows are sorted, grouped or which columns come back.
SNEAKY_KEYS = ["order", "order_by", "ordering", "o", "group_by", "fields", "values", "annotate", "columns", "select",
               "sort[]", "__class__", "password"]
DATES = ["0001-01-01", "9999-12-31", "2026-02-30", "2026-13-01", "31/12/2026", "12/31/2026", "2026-1-1", "-1",
         "1970-01-01", "today", "2026-06-15T12:00", ""]
SORT_VALUES = [*SORTS, *(f"-{key}" for key in SORTS), "--name", "-", "name,password", "name desc"]
REPORT_URLS = [
    "training:hr_report",
    "training:hr_export_csv",
    "training:hr_export_xlsx",
    "training:hr_export_zip",
    "training:reacknowledgement",
    "training:reacknowledgement_csv",
    "quizzes:marking_queue",
]


@pytest.fixture
def ids(staff, roles):
    """The ids a filter may name: real ones among the rest."""
    seoul = Location.objects.create(name="Seoul")
    return [
        staff["nursing"].pk,
        staff["pharmacy"].pk,
        staff["boss"].pk,
        staff["ivan"].pk,
        staff["completed"].course_id,
        seoul.pk,
    ]


def query(keys: list[str], ids: list[int]):
    values = st.one_of(
        st.sampled_from(HOSTILE_NAMES),
        st.sampled_from(HOSTILE_NUMBERS),
        st.sampled_from(DATES),
        st.sampled_from(SORT_VALUES),
        st.sampled_from(ids).map(str),
        hostile_text,
    )
    names = st.one_of(st.sampled_from(keys), st.sampled_from(keys), st.sampled_from(SNEAKY_KEYS), st.text(max_size=10))
    return st.dictionaries(names, form_values(values, max_size=2), max_size=6)


def consumed(response) -> str:
    """The body, read to the end (an export is streamed: its queries run as it is read)."""
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def assert_errors_shown(response, form) -> None:
    page = response.content.decode()
    for errors in form.errors.values():
        assert all(escape(error) in page for error in errors), errors


# The report and its exports


@given(data=st.data())
@examples(60)
def test_report_filters_never_fail_and_never_choose_a_field(client, settings, staff, hr_user, ids, data):
    settings.TIME_ZONE = "Asia/Seoul"  # ahead of UTC: the first day of the calendar starts before the first UTC one
    viewer = data.draw(st.sampled_from([hr_user, staff["boss"]]))
    url = reverse(data.draw(st.sampled_from(REPORT_URLS)))
    params = data.draw(
        query(["department", "location", "manager", "course", "status", "completed_from", "completed_to", "sort",
               "page", "refresh", "lesson"], ids)
    )
    with rolled_back():
        client.force_login(viewer)
        with NamesReachingTheOrm() as watch:
            if url == reverse("training:hr_export_zip"):  # a POST, its filters in the query string
                response = client.post(f"{url}?{urlencode(params, doseq=True)}")
            else:
                response = client.get(url, params)
            consumed(response)

        assert response.status_code in (200, 302, 403), response.status_code
        event(f"status {response.status_code}")
        assert not watch.hostile(), watch.hostile()
        if response.status_code == 200 and response.context and "form" in response.context:
            form = response.context["form"]
            assert form.filters().sort in {"", *SORTS, *(f"-{key}" for key in SORTS)}
            assert_errors_shown(response, form)


def test_sorting_takes_names_from_the_fixed_list_only():
    from training.reports import DEFAULT_ORDER, sort_fields

    allowed = {name for names in SORTS.values() for name in names} | set(DEFAULT_ORDER) | {"pk"}
    for sort in [*SORT_VALUES, *HOSTILE_NAMES, "user__password", "-user__password"]:
        for field in sort_fields(sort):
            name = field if isinstance(field, str) else field.expression.name
            assert name in allowed, (sort, name)


# The audit trail


@pytest.fixture
def trail(staff, hr_user):
    """HR on the trail of the staff's training (their enrolments, quiz and certificate made events)."""
    assert AuditEvent.objects.exists()
    return hr_user


@given(data=st.data())
@examples(50)
def test_audit_trail_filters_are_applied_or_refused_with_a_reason(client, settings, staff, trail, ids, data):
    settings.TIME_ZONE = "Asia/Seoul"
    url = reverse(data.draw(st.sampled_from(["training:audit_trail", "training:audit_trail_csv"])))
    people = ["learner", "LEARNER@example.org", "ivan@example.org", "ghost", "boss"]
    params = data.draw(query(["person", "course", "date_from", "date_to", "page"], ids))
    if data.draw(st.booleans()):
        params["person"] = [data.draw(st.sampled_from(people))]
    for name in ("date_from", "date_to"):
        if data.draw(st.booleans()):
            params[name] = [data.draw(st.sampled_from(DATES))]
    with rolled_back():
        client.force_login(trail)
        with NamesReachingTheOrm() as watch:
            response = client.get(url, params)
            body = consumed(response)

        assert response.status_code in (200, 400), response.status_code
        event(f"status {response.status_code}")
        assert not watch.hostile(), watch.hostile()
        if response.status_code == 400:
            assert body.strip(), "a refused filter says why"
            if response.context and "form" in response.context:
                assert_errors_shown(response, response.context["form"])


# Assignments


def assignment_state() -> dict:
    return {
        "assignments": sorted(Assignment.objects.values_list("pk", flat=True)),
        "enrolments": sorted(Enrolment.objects.values_list("pk", "user_id", "course_id", "due_date", "assignment_id")),
    }


@given(data=st.data())
@examples(50)
def test_an_assignment_is_made_as_posted_or_refused_whole_with_a_reason(client, staff, hr_user, ids, data):
    target = data.draw(st.sampled_from(Assignment.Target.values))
    goods = {
        "department": [str(staff["nursing"].pk), str(staff["pharmacy"].pk)],
        "location": [str(pk) for pk in ids],
        "team": [str(staff["boss"].pk), str(staff["ivan"].pk)],
        "people": ["ivan@example.org", "NORA@example.org, olga@example.org", "ghost@example.org", " \n "],
    }
    field = {"team": "manager"}.get(target, target)
    form = {
        "course": [str(staff["completed"].course_id)],
        "target": [target],
        field: [data.draw(st.sampled_from(goods[target]))],
        "include_subdepartments": [data.draw(st.sampled_from(["on", ""]))],
        "mandatory": [data.draw(st.sampled_from(["on", ""]))],
    }
    if data.draw(st.booleans()):
        form["due_date"] = [data.draw(st.sampled_from(["2031-01-31", *DATES]))]
    else:
        form["due_days_after_hire"] = [data.draw(st.sampled_from(["30", "1", "730", "731", "0", *HOSTILE_NUMBERS]))]
    for name in data.draw(st.lists(st.sampled_from(["course", "target", field, "due_date", "other"]), max_size=2)):
        form[name] = data.draw(form_values(st.one_of(hostile_text, st.sampled_from(HOSTILE_NUMBERS + DATES))))
    with rolled_back():
        client.force_login(hr_user)
        before = assignment_state()

        response = client.post(reverse("training:assignments"), form)

        after = assignment_state()
        event(f"status {response.status_code}")
        if response.status_code == 302:
            (new,) = set(after["assignments"]) - set(before["assignments"])
            assignment = Assignment.objects.get(pk=new)
            assert str(assignment.course_id) == form["course"][0]
            assert assignment.target == form["target"][0]
            made = set(after["enrolments"]) - set(before["enrolments"])
            assert all(enrolment[4] == new for enrolment in made)
            assert set(before["enrolments"]) <= set(after["enrolments"])
        else:
            assert response.status_code == 400
            assert after == before
            form_shown = response.context["form"]
            assert form_shown.errors
            assert_errors_shown(response, form_shown)


# A due date


@given(due_date=st.sampled_from([*DATES, "2031-01-31", "2030-12-31 ", "１２/31/2030"]), reason=hostile_text)
@examples(40)
def test_a_due_date_changes_as_posted_or_not_at_all_with_a_message(client, staff, hr_user, due_date, reason):
    enrolment = Enrolment.objects.select_related("course").get(user=staff["nora"])
    url = reverse("training:enrolment_due_date", kwargs={"enrolment_id": enrolment.pk})
    client.cookies.pop("messages", None)  # those of the previous example, never shown
    with rolled_back():
        client.force_login(hr_user)
        events = AuditEvent.objects.count()

        response = client.post(url, {"due_date": due_date, "reason": reason})

        assert response.status_code == 302
        messages = [str(message) for message in response.wsgi_request._messages]
        now_due = Enrolment.objects.get(pk=enrolment.pk).due_date
        changed = f"“{enrolment.course.title}” is now due {now_due.isoformat()}."
        event("refused" if AuditEvent.objects.count() == events else "changed")
        if AuditEvent.objects.count() == events:
            assert now_due == enrolment.due_date
            assert messages and changed not in messages, "a refusal says why"
        else:
            assert now_due >= timezone.localdate() and messages == [changed]


# Looking up a certificate


@given(data=st.data())
@examples(60)
def test_any_certificate_code_is_looked_up_or_not_found_never_an_error(client, staff, data):
    code = Certificate.objects.get().code
    spellings = [code, code.lower(), f" {code} ", "-".join(code[i : i + 4] for i in range(0, len(code), 4))]
    candidate = data.draw(st.one_of(st.sampled_from(spellings), hostile_text, st.just("A/B"), st.just(code + "/x")))
    with rolled_back():
        lookup = client.get(reverse("certificates:check"), {"code": candidate})
        assert lookup.status_code in (200, 302)
        if lookup.status_code == 302:
            shown = client.get(lookup.url)
            assert shown.status_code in (200, 404)
            if candidate in spellings:
                assert shown.status_code == 200 and code in shown.content.decode()
            else:
                assert shown.status_code == 404
        path = reverse("certificates:check") + quote(candidate, safe="") + "/"
        direct = client.get(path)
        assert direct.status_code in (200, 301, 404)
