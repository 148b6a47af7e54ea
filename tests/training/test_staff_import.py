"""Staff import from CSV: the service, `manage.py import_staff`, and HR's upload page with its preview."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import EmployeeFactory, manager_of
from training.models import Assignment, Department, Employee, Enrolment, Location
from training.services import assignment_create
from training.staff_import import StaffFileError, staff_file_read, staff_import

pytestmark = pytest.mark.django_db
User = get_user_model()

HEADER = "employee_id,email,first_name,last_name,department,manager_email,location,language,hire_date,status"
IMPORT = reverse("training:staff_import")
BOM = b"\xef\xbb\xbf"

# Reports come before their managers; names in Korean, Chinese and German; a three-level department path.
STAFF = [
    "E100,jiwoo.park@example.org,지우,박,Clinical/Nursing/Ward 7,mei.chen@example.org,Seoul,ko,2024-03-01,active",
    "E101,mei.chen@example.org,美玲,陳,Clinical/Nursing,jurgen.schafer@example.org,Taipei,zh-hant,2019-06-15,active",
    "E102,jurgen.schafer@example.org,Jürgen,Schäfer,Clinical,,Berlin,de,2015-01-10,active",
    "E103,anne.oberg@example.org,Änne,Öberg,Clinical/Pharmacy,Jurgen.Schafer@Example.org,berlin,de,2021-09-01,active",
    "E104,sam.leaver@example.org,Sam,Leaver,Clinical/Nursing/Ward 7,mei.chen@example.org,Seoul,en,2018-02-01,left",
]


def csv_file(*lines, header=HEADER, bom=True) -> bytes:
    data = "\r\n".join([header, *lines]).encode("utf-8") + b"\r\n"
    return BOM + data if bom else data


def run_import(data: bytes, *, dry_run=False, today=None):
    return staff_import(rows=staff_file_read(data).rows, dry_run=dry_run, today=today)


def employee(email) -> Employee:
    return Employee.objects.select_related("user", "department__parent", "manager", "location").get(
        user__email__iexact=email
    )


def department_path(department) -> str:
    parts = []
    while department is not None:
        parts.insert(0, department.name)
        department = department.parent
    return "/".join(parts)


def problems(result) -> list[tuple[int, str]]:
    return [(problem.line, problem.field) for problem in result.problems]


@pytest.fixture
def sam(db):
    """An employee already here, with a password, who the HR file says has left."""
    return EmployeeFactory(
        user__username="sam", user__email="sam.leaver@example.org", user__first_name="Sam", user__last_name="Leaver"
    ).user


# The service


def test_realistic_file_creates_people_departments_locations_and_managers(sam):
    result = run_import(csv_file(*STAFF))

    assert (len(result.created), len(result.updated), len(result.deactivated), len(result.unchanged)) == (4, 0, 1, 0)
    assert result.problems == []
    assert result.new_departments == ["Clinical", "Clinical/Nursing", "Clinical/Nursing/Ward 7", "Clinical/Pharmacy"]
    assert result.new_locations == ["Berlin", "Seoul", "Taipei"]  # "berlin" is the same place as "Berlin"

    jiwoo = employee("jiwoo.park@example.org")
    assert (jiwoo.user.username, jiwoo.user.first_name, jiwoo.user.last_name) == (
        "jiwoo.park@example.org",
        "지우",
        "박",
    )
    assert department_path(jiwoo.department) == "Clinical/Nursing/Ward 7"
    assert jiwoo.manager.email == "mei.chen@example.org"  # defined two lines later in the file
    assert (jiwoo.employee_id, jiwoo.location.name, jiwoo.language) == ("E100", "Seoul", "ko")
    assert (jiwoo.hire_date, jiwoo.status, jiwoo.user.is_active) == (datetime.date(2024, 3, 1), "active", True)
    assert not jiwoo.user.has_usable_password()  # single sign-on, or an administrator sets a password

    assert (employee("mei.chen@example.org").user.first_name, employee("mei.chen@example.org").language) == (
        "美玲",
        "zh-hant",
    )
    anne = employee("anne.oberg@example.org")
    assert (anne.user.first_name, anne.user.last_name, anne.location.name) == ("Änne", "Öberg", "Berlin")
    assert anne.manager.email == "jurgen.schafer@example.org"  # manager email matched ignoring case
    assert employee("jurgen.schafer@example.org").manager is None
    assert Department.objects.filter(name="Nursing").get().parent.name == "Clinical"
    assert Department.objects.count() == 4 + Department.objects.filter(employees__user=sam).count()

    leaver = employee("sam.leaver@example.org")
    assert leaver.user_id == sam.pk  # matched by email: no second account
    assert (leaver.status, leaver.left_on, leaver.user.is_active) == ("left", timezone.localdate(), False)
    assert leaver.employee_id == "E104"  # filled in: the account had no employee id


def test_reimporting_the_same_file_changes_nothing(sam):
    data = csv_file(*STAFF)
    run_import(data, today=datetime.date(2025, 1, 1))

    with CaptureQueriesContext(connection) as queries:
        result = run_import(data)

    assert (len(result.created), len(result.updated), len(result.deactivated), len(result.unchanged)) == (0, 0, 0, 5)
    assert result.new_departments == result.new_locations == []
    writes = [q["sql"] for q in queries if q["sql"].split(" ", 1)[0] in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []
    assert employee("sam.leaver@example.org").left_on == datetime.date(2025, 1, 1)  # the first import's date stays


def test_left_employee_can_no_longer_use_their_session(client, sam):
    client.force_login(sam)
    assert client.get(reverse("training:learn")).status_code == 200

    result = run_import(csv_file("E104,sam.leaver@example.org,Sam,Leaver,Clinical,,,,,left"))

    assert len(result.deactivated) == 1
    response = client.get(reverse("training:learn"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_updates_match_by_employee_id_first_then_by_email_ignoring_case(db):
    sales = Department.objects.create(name="Sales")
    names = {"user__first_name": "Old", "user__last_name": "Name", "department": sales}
    by_id = EmployeeFactory(user__username="old", user__email="old@example.org", employee_id="E1", **names).user
    by_email = EmployeeFactory(user__username="kim", user__email="Kim@Example.org", **names).user
    department = sales.name

    result = run_import(
        csv_file(
            f"E1,new@example.org,Ada,Lovelace,{department},,,,,active",
            f"E2,kim@example.org,Kim,Lee,{department},new@example.org,,,,active",
        )
    )

    assert (len(result.created), len(result.updated)) == (0, 2)
    assert result.updated[0].changes == ("email", "first_name", "last_name")
    assert result.updated[1].changes == ("employee_id", "email", "first_name", "last_name", "manager_email")
    by_id.refresh_from_db()
    assert (by_id.email, by_id.username, by_id.first_name) == ("new@example.org", "old", "Ada")
    kim = employee("kim@example.org")
    assert (kim.user_id, kim.employee_id, kim.manager_id) == (by_email.pk, "E2", by_id.pk)


def test_employee_id_of_one_person_with_the_email_of_another_is_a_problem(db):
    EmployeeFactory(user__username="one", user__email="one@example.org", employee_id="E1")
    EmployeeFactory(user__username="two", user__email="two@example.org", employee_id="E2")

    result = run_import(
        csv_file(
            "E1,two@example.org,One,Person,Sales,,,,,active",
            "E9,one@example.org,One,Person,Sales,,,,,active",
        )
    )

    assert [str(problem) for problem in result.problems] == [
        "line 2, field employee_id: belongs to one@example.org, but two@example.org is the email of another account",
        "line 3, field employee_id: one@example.org belongs to the employee with id E1, not this one",
    ]
    assert employee("one@example.org").employee_id == "E1"


def test_accounts_without_an_employee_record_and_accounts_that_clash(db):
    admin = User.objects.create_user("admin@example.org", email="", password="x")
    User.objects.create_user("ann", email="Shared@example.org")
    User.objects.create_user("ann2", email="shared@example.org")
    editor = User.objects.create_user("editor", email="editor@example.org", first_name="Ed", last_name="Itor")

    result = run_import(
        csv_file(
            "E1,admin@example.org,Ad,Min,Ops,,,,,active",
            "E2,shared@example.org,Ann,Shared,Ops,,,,,active",
            "E3,editor@example.org,Ed,Itor,Ops,,,,,active",
            "E4,e4@example.org,Same,Person,Ops,,,,,active",
            "E4,e5@example.org,Same,Person,Ops,,,,,active",
        )
    )

    assert [str(problem) for problem in result.problems] == [
        "line 2, field email: another account already has this email as its user name",
        "line 3, field email: more than one account has this email: an administrator must merge them",
        "line 5, field employee_id: “E4” is on more than one line (5, 6)",
        "line 6, field employee_id: “E4” is on more than one line (5, 6)",
    ]
    assert [(outcome.email, outcome.changes) for outcome in result.updated] == [
        ("editor@example.org", ("employee_id", "department"))
    ]
    assert employee("editor@example.org").user == editor  # an employee record was made for the account
    assert not User.objects.filter(email__in=["e4@example.org", "e5@example.org"]).exists()
    assert admin.has_usable_password() and not hasattr(User.objects.get(pk=admin.pk), "employee")


def test_every_row_with_a_problem_is_reported_and_the_valid_rows_are_imported(db):
    result = run_import(
        csv_file(
            "E1,ok@example.org,Valid,Person,Sales/EMEA,,,,,active",
            "E2,not-an-email,Bad,Email,Sales,,,,,active",
            "E3,lang@example.org,Bad,Language,Sales,,,fr,,active",
            "E4,date@example.org,Bad,Date,Sales,,,,01/03/2024,active",
            "E5,date2@example.org,Bad,Date,Sales,,,,2024-02-30,active",
            "E6,status@example.org,Bad,Status,Sales,,,,,retired",
            "E7,path@example.org,Bad,Path,Sales//EMEA,,,,,active",
            "E8,nomanager@example.org,No,Manager,Sales,ghost@example.org,,,,active",
            "E9,dup@example.org,Dup,One,Sales,,,,,active",
            "E10,DUP@example.org,Dup,Two,Sales,,,,,active",
            "E11,x@example.org,Same,Id,Sales,,,,,active",
            "E11,y@example.org,Same,Id,Sales,,,,,active",
            "E12,cells@example.org,Too,Few",
            "E13,ok2@example.org,Also,Valid,Sales/EMEA,ok@example.org,,KO,,ACTIVE",
        )
    )

    assert problems(result) == [
        (3, "email"),
        (4, "language"),
        (5, "hire_date"),
        (6, "hire_date"),
        (7, "status"),
        (8, "department"),
        (9, "manager_email"),
        (10, "email"),
        (11, "email"),
        (12, "employee_id"),
        (13, "employee_id"),
        (14, "row"),
        (14, "department"),
        (14, "status"),
    ]
    reasons = {(problem.line, problem.field): problem.reason for problem in result.problems}
    assert reasons[(4, "language")] == "“fr” is not a language: use en, ko, zh-hant, de"
    assert reasons[(8, "department")] == "“Sales//EMEA” has an empty part: write the path as Parent/Child"
    assert reasons[(9, "manager_email")] == "no one has the email ghost@example.org, here or in the file"
    assert reasons[(10, "email")] == "“dup@example.org” is on more than one line (10, 11)"
    assert reasons[(11, "email")] == "“DUP@example.org” is on more than one line (10, 11)"
    assert reasons[(14, "row")] == "has 4 cells but the header has 10 columns"
    assert result.rows_with_problems == 12
    assert sorted(o.email for o in result.created) == ["ok2@example.org", "ok@example.org"]
    assert sorted(User.objects.values_list("email", flat=True)) == ["ok2@example.org", "ok@example.org"]
    assert employee("ok2@example.org").language == "ko" and employee("ok2@example.org").manager.email == (
        "ok@example.org"
    )


def test_a_manager_loop_is_a_problem_and_so_are_the_reports_of_a_rejected_new_manager(db):
    result = run_import(
        csv_file(
            "A,a@example.org,A,A,Sales,b@example.org,,,,active",
            "B,b@example.org,B,B,Sales,a@example.org,,,,active",
            "C,c@example.org,C,C,Sales,a@example.org,,,,active",
            "D,d@example.org,D,D,Sales,d@example.org,,,,active",
        )
    )

    assert [str(problem) for problem in result.problems] == [
        "line 2, field manager_email: makes a reporting loop: a@example.org → b@example.org → a@example.org",
        "line 3, field manager_email: makes a reporting loop: b@example.org → a@example.org → b@example.org",
        "line 4, field manager_email: the manager's own row (line 2) is not imported",
        "line 5, field manager_email: makes a reporting loop: d@example.org → d@example.org",
    ]
    assert not User.objects.exists()


def test_a_manager_loop_through_someone_not_in_the_file_is_a_problem(db):
    boss = EmployeeFactory(user__username="boss", user__email="boss@example.org").user
    report = EmployeeFactory(user__username="rep", user__email="rep@example.org", manager=boss).user

    result = run_import(csv_file(f"B,boss@example.org,Big,Boss,Sales,{report.email},,,,active"))

    assert problems(result) == [(2, "manager_email")]
    assert employee("boss@example.org").manager is None


def test_formula_looking_cells_are_stored_as_given(db):
    run_import(csv_file('E1,f@example.org,=HYPERLINK("http://x"),+1,@Sales/-Ops,,=Seoul,,,active'))

    person = employee("f@example.org")
    assert (person.user.first_name, person.user.last_name) == ('=HYPERLINK("http://x")', "+1")
    assert department_path(person.department) == "@Sales/-Ops"
    assert person.location.name == "=Seoul"


def test_missing_optional_columns_leave_those_fields_as_they_are(db):
    seoul = Location.objects.create(name="Seoul")
    boss = EmployeeFactory(user__username="boss").user
    existing = EmployeeFactory(
        user__username="p", user__email="p@example.org", employee_id="E1", manager=boss, location=seoul, language="ko"
    )

    result = run_import(
        csv_file(
            f"E1,p@example.org,{existing.user.first_name},{existing.user.last_name},{existing.department.name},active",
            header="employee_id,email,first_name,last_name,department,status",
            bom=False,
        )
    )

    assert len(result.unchanged) == 1
    person = employee("p@example.org")
    assert (person.manager, person.location, person.language) == (boss, seoul, "ko")


def test_columns_in_any_order_with_unknown_columns_ignored(db):
    data = csv_file(
        "active,Seoul,Min,e@example.org,Kim,Sales,shoe size 9,",
        header="status,Location,first_name,EMAIL,last_name,department,notes,Employee_ID",
    )
    staff_file = staff_file_read(data)
    staff_import(rows=staff_file.rows, dry_run=False)

    assert staff_file.ignored_columns == ["notes"]
    person = employee("e@example.org")
    assert (person.user.first_name, person.location.name, person.employee_id) == ("Min", "Seoul", "")


def test_rejoining_reactivates_the_account(db):
    person = EmployeeFactory(user__username="back", user__email="back@example.org", status="left")
    Employee.objects.filter(pk=person.pk).update(left_on=datetime.date(2024, 1, 1))
    User.objects.filter(pk=person.user_id).update(is_active=False)
    row = f",back@example.org,{person.user.first_name},{person.user.last_name},{person.department.name},,,,,active"

    result = run_import(csv_file(row))

    assert [outcome.changes for outcome in result.updated] == [("status",)]
    person = employee("back@example.org")
    assert (person.status, person.left_on, person.user.is_active) == ("active", None, True)


def test_dry_run_saves_nothing(sam):
    result = run_import(csv_file(*STAFF), dry_run=True)

    assert (len(result.created), len(result.deactivated)) == (4, 1)
    assert result.dry_run
    assert User.objects.count() == 1 and Location.objects.count() == 0
    assert employee(sam.email).status == "active"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\r\n  \r\n", "The file is empty."),
        (HEADER.encode() + b"\nE1,m\xfcller@example.org,A,B,Sales,,,,,active\n", "not UTF-8 text (line 2"),
        (b"\xff\xfee\x00m\x00", "not UTF-8"),  # UTF-16, as Excel's "Unicode text" writes
        (b"PK\x03\x04\x14\x00\x06\x00", "holds binary data"),  # an .xlsx renamed .csv
        (b"employee_id;email;first_name\nE1;a@example.org;A\n", "separated by semicolons"),
        (b'employee_id,email,first_name,last_name,department,status\nE1,"a@example.org,A,B,C,active\n', "not a CSV"),
        (b"employee_id,email,first_name,last_name,status\nE1,a@example.org,A,B,active\n", "no column “department”"),
        (b"email,first_name\na@example.org,A\n", "no column “employee_id”, “last_name”, “department”, “status”"),
        (HEADER.encode() + b",email\n", "the column “email” twice"),
        (HEADER.encode() + b"\n", "no rows of staff"),
    ],
    ids=[
        "empty",
        "blank",
        "latin-1",
        "utf-16",
        "xlsx",
        "semicolons",
        "broken-quotes",
        "missing-column",
        "missing-columns",
        "duplicate-column",
        "header-only",
    ],
)
def test_a_file_in_the_wrong_format_is_rejected_whole(data, message):
    with pytest.raises(StaffFileError) as error:
        staff_file_read(data)
    assert message in str(error.value)


def test_more_than_100000_rows_are_rejected_whole():
    rows = "".join(f"E{n},p{n}@example.org,P,Q,Sales,,,,,active\n" for n in range(100_001))
    with pytest.raises(StaffFileError, match="more than 100,000 rows"):
        staff_file_read((HEADER + "\n" + rows).encode())


def test_a_file_of_100000_rows_is_read():
    rows = "".join(f"E{n},p{n}@example.org,P,Q,Sales,,,,,active\n" for n in range(100_000))
    assert len(staff_file_read((HEADER + "\n" + rows).encode()).rows) == 100_000


def test_line_numbers_count_blank_lines_and_multiline_cells():
    data = csv_file(
        "",
        'E1,a@example.org,"Two\nlines",B,Sales,,,,,active',
        "E2,bad,C,D,Sales,,,,,active",
    )
    assert [row.line for row in staff_file_read(data).rows] == [3, 5]
    assert [str(p) for p in staff_file_read(data).rows[1].problems] == [
        "line 5, field email: “bad” is not a valid email address"
    ]


# New joiners and movers are enrolled by the assignments that cover them


def test_new_joiner_is_enrolled_by_an_assignment_due_days_after_hire(course, hr_user):
    ward = Department.objects.create(name="Ward 7", parent=Department.objects.create(name="Nursing"))
    assignment = assignment_create(
        created_by=hr_user,
        course=course,
        target=Assignment.Target.DEPARTMENT,
        department=ward.parent,
        due_days_after_hire=30,
    )
    mover = EmployeeFactory(
        user__username="mover", user__email="mover@example.org", hire_date=datetime.date(2026, 1, 5)
    ).user
    assert not Enrolment.objects.filter(user=mover).exists()

    result = run_import(
        csv_file(
            "E1,new@example.org,Nina,New,Nursing/Ward 7,,,,2026-02-01,active",
            f",mover@example.org,{mover.first_name},{mover.last_name},Nursing,,,,2026-01-05,active",
            "E3,gone@example.org,Gus,Gone,Nursing,,,,2026-02-01,left",
        )
    )

    assert result.enrolled == 2
    joined = Enrolment.objects.get(user__email="new@example.org")
    assert (joined.course_id, joined.assignment, joined.due_date) == (course.pk, assignment, datetime.date(2026, 3, 3))
    assert Enrolment.objects.get(user=mover).due_date == datetime.date(2026, 2, 4)
    assert not Enrolment.objects.filter(user__email="gone@example.org").exists()


# The command


def command(*args):
    """(stdout, error message or None) of `import_staff`."""
    out = StringIO()
    try:
        call_command("import_staff", *args, stdout=out)
    except CommandError as error:
        return out.getvalue(), str(error)
    return out.getvalue(), None


def write(tmp_path, data: bytes) -> str:
    path = tmp_path / "staff.csv"
    path.write_bytes(data)
    return str(path)


def test_command_imports_and_prints_a_summary(tmp_path, sam):
    out, error = command(write(tmp_path, csv_file(*STAFF)))

    assert error is None
    assert out.splitlines() == [
        "4 created, 0 updated, 1 deactivated, 0 unchanged, 0 rows with problems",
        "New departments: Clinical, Clinical/Nursing, Clinical/Nursing/Ward 7, Clinical/Pharmacy",
        "New locations: Berlin, Seoul, Taipei",
        "Enrolments made by assignments: 0",
    ]
    assert User.objects.count() == 5

    out, error = command(write(tmp_path, csv_file(*STAFF)))
    assert out.splitlines()[0] == "0 created, 0 updated, 0 deactivated, 5 unchanged, 0 rows with problems"


def test_command_lists_each_problem_and_fails(tmp_path):
    path = write(tmp_path, csv_file("E1,ok@example.org,A,B,Sales,,,,,active", "E2,bad,C,D,Sales,,,xx,,active"))

    out, error = command(path)

    assert out.splitlines()[-2:] == [
        "line 3, field email: “bad” is not a valid email address",
        "line 3, field language: “xx” is not a language: use en, ko, zh-hant, de",
    ]
    assert out.splitlines()[0] == "1 created, 0 updated, 0 deactivated, 0 unchanged, 1 row with problems"
    assert error == "1 row(s) had problems and were not imported (listed above)."
    assert User.objects.filter(email="ok@example.org").exists()


def test_command_dry_run_saves_nothing(tmp_path):
    out, error = command(write(tmp_path, csv_file(*STAFF[:4])), "--dry-run")

    assert error is None
    assert out.splitlines()[:2] == [
        "Dry run: nothing was saved. The import would make:",
        "4 created, 0 updated, 0 deactivated, 0 unchanged, 0 rows with problems",
    ]
    assert not User.objects.exists()


def test_command_rejects_a_file_in_the_wrong_format(tmp_path):
    path = write(tmp_path, b"email,name\na@example.org,A\n")

    out, error = command(path)

    assert error.startswith(f"{path}: The header (line 1) has no column “employee_id”")
    assert error.endswith("Nothing was imported.")
    assert out == ""


def test_command_reports_a_missing_file(tmp_path):
    _, error = command(str(tmp_path / "nope.csv"))
    assert error == f"{tmp_path / 'nope.csv'}: No such file or directory. Nothing was imported."


# The page


def upload(client, data: bytes, name="staff.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data, content_type="text/csv")})


@pytest.fixture
def hr_client(client, hr_user):
    client.force_login(hr_user)
    return client


def test_preview_shows_what_would_change_and_saves_nothing_then_confirm_imports(hr_client, sam):
    data = csv_file(*STAFF, "E200,bad,X,Y,Clinical,,,,,active")

    response = upload(hr_client, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Preview of staff.csv" in page
    for text in ("4 to create", "0 to update", "1 to deactivate", "0 unchanged", "1 row with problems, not imported"):
        assert text in page
    assert "“bad” is not a valid email address" in page
    assert "지우" in page and "Jürgen" in page
    assert "New departments: Clinical, Clinical/Nursing, Clinical/Nursing/Ward 7, Clinical/Pharmacy" in page
    assert User.objects.count() == 2  # HR and Sam: nothing saved
    token = response.context["token"]

    response = hr_client.post(IMPORT, {"token": token}, follow=True)

    assert response.redirect_chain == [(IMPORT, 302)]
    messages = [str(message) for message in response.context["messages"]]
    assert messages == [
        "Imported staff.csv: 4 created, 0 updated, 1 deactivated, 0 unchanged, 1 row with problems.",
        "1 row(s) with problems were not imported; correct them and import the file again (rows already imported "
        "will show as unchanged).",
    ]
    assert employee("jiwoo.park@example.org").manager.email == "mei.chen@example.org"
    assert employee(sam.email).status == "left"

    response = hr_client.post(IMPORT, {"token": token}, follow=True)
    assert "Nothing to import" in str(list(response.context["messages"])[0])
    assert User.objects.count() == 6


def test_confirm_imports_the_previewed_file_not_a_later_one(hr_client):
    first = upload(hr_client, csv_file("E1,a@example.org,A,A,Sales,,,,,active")).context["token"]
    second = upload(hr_client, csv_file("E2,b@example.org,B,B,Sales,,,,,active")).context["token"]

    assert "Nothing to import" in str(
        list(hr_client.post(IMPORT, {"token": first}, follow=True).context["messages"])[0]
    )
    hr_client.post(IMPORT, {"token": second})
    assert list(User.objects.filter(employee__employee_id__in=["E1", "E2"]).values_list("email", flat=True)) == [
        "b@example.org"
    ]


def test_a_file_in_the_wrong_format_is_refused_on_the_page(hr_client):
    response = upload(hr_client, b"name,email\nA,a@example.org\n", name="people.csv")

    assert response.status_code == 200
    assert "people.csv: The header (line 1) has no column" in response.content.decode()
    assert "token" not in response.context


def test_a_file_over_the_size_limit_is_refused(hr_client, monkeypatch):
    monkeypatch.setattr("training.staff_import_views.MAX_UPLOAD_BYTES", 100)

    response = upload(hr_client, csv_file(*STAFF))

    assert "larger than 20 MB" in response.content.decode()
    assert not User.objects.exclude(username="hrperson").exists()


def test_a_file_that_changes_nothing_has_no_import_button(hr_client, hr_user):
    employee_ = hr_user.employee
    row = f",{hr_user.email},{hr_user.first_name},{hr_user.last_name},{employee_.department.name},,,,,active"
    response = upload(hr_client, csv_file(row))

    assert "This file changes no one." in response.content.decode()
    assert 'name="token"' not in response.content.decode()


def test_only_hr_may_import_staff(client, employee, outsider):
    boss = manager_of(outsider, username="boss")
    response = client.get(IMPORT)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    for user in (employee, boss):
        client.force_login(user)
        assert client.get(IMPORT).status_code == 403
        assert upload(client, csv_file(*STAFF)).status_code == 403
    assert not User.objects.filter(email="jiwoo.park@example.org").exists()


def test_hr_report_links_to_the_import_for_hr_only(client, hr_user, employee, outsider):
    client.force_login(hr_user)
    assert f'href="{IMPORT}"' in client.get(reverse("training:hr_report")).content.decode()
    assert client.get(IMPORT).status_code == 200

    client.force_login(manager_of(outsider, username="boss"))
    assert f'href="{IMPORT}"' not in client.get(reverse("training:hr_report")).content.decode()
