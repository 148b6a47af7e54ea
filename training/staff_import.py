"""Staff import from a CSV file: `manage.py import_staff FILE` and HR's upload page at /hr/staff/import/.

`staff_file_read(data)` refuses a file in the wrong format whole (`StaffFileError`) and otherwise returns one
`StaffRow` per line, with the problems found in that line alone. `staff_import(rows=..., dry_run=...)` matches the
rows to the people already here, resolves managers and saves every row without a problem, in one transaction; a
dry run saves nothing and reports what the import would do. Importing the same file twice changes nothing.
"""

import codecs
import csv
import datetime
import functools
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Department, Employee, Location

REQUIRED_COLUMNS = ("employee_id", "email", "first_name", "last_name", "department", "status")
OPTIONAL_COLUMNS = ("manager_email", "location", "language", "hire_date")
# In the order of the documentation's example header; changes and problems are listed in this order.
COLUMNS = (
    "employee_id",
    "email",
    "first_name",
    "last_name",
    "department",
    "manager_email",
    "location",
    "language",
    "hire_date",
    "status",
)
MAX_ROWS = 100_000
BATCH_SIZE = 1000
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
LANGUAGES = Employee.Language.values
STATUSES = Employee.Status.values

CREATED, UPDATED, DEACTIVATED, UNCHANGED = "created", "updated", "deactivated", "unchanged"
# A person whose group changes may now be covered by other assignments.
MOVES = {"department", "manager_email", "location"}


class StaffFileError(Exception):
    """The file is not a staff CSV file: nothing in it is imported."""


@dataclass(frozen=True)
class Problem:
    line: int
    field: str
    reason: str

    def __str__(self):
        return f"line {self.line}, field {self.field}: {self.reason}"


@dataclass
class StaffRow:
    """One line of the file with its cells cleaned up, and the problems found in that line alone."""

    line: int
    columns: frozenset[str]  # the file's columns: an optional column the file lacks leaves that field as it is
    employee_id: str = ""
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    department: tuple[str, ...] = ()  # the path, top department first
    status: str = ""
    manager_email: str = ""
    location: str = ""
    language: str = Employee.Language.EN
    hire_date: datetime.date | None = None
    problems: list[Problem] = field(default_factory=list)

    def add_problem(self, field_name: str, reason: str) -> None:
        self.problems.append(Problem(self.line, field_name, reason))

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)


@dataclass
class StaffFile:
    rows: list[StaffRow]
    ignored_columns: list[str]


# Reading the file


def staff_file_read(data: bytes) -> StaffFile:
    """The rows of a staff CSV file, each checked on its own. Raises StaffFileError for a file in the wrong format."""
    reader = csv.reader(io.StringIO(_text(data), newline=""), strict=True)
    try:
        header_line, names = _header(reader)
        records = []
        previous_end = reader.line_num
        for record in reader:
            line, previous_end = previous_end + 1, reader.line_num
            if any(cell.strip() for cell in record):
                records.append((line, record))
                if len(records) > MAX_ROWS:
                    raise StaffFileError(
                        _("The file has more than %(max)s rows. Split it into files of at most %(max)s rows.")
                        % {"max": number_format(MAX_ROWS, force_grouping=True)}
                    )
    except csv.Error as error:
        raise StaffFileError(
            _("This is not a CSV file the import can read (line %(line)d: %(error)s).")
            % {"line": reader.line_num, "error": error}
        ) from None
    if not records:
        raise StaffFileError(
            _("The file has a header (line %(line)d) but no rows of staff below it.") % {"line": header_line}
        )
    index = {name: position for position, name in enumerate(names) if name in COLUMNS}
    columns, limits = frozenset(index), _limits()
    rows = [_row(line, record, index, len(names), columns, limits) for line, record in records]
    _flag_duplicates(rows, "email", lambda row: row.email.casefold())
    _flag_duplicates(rows, "employee_id", lambda row: row.employee_id)
    ignored = [name for name in names if name and name not in COLUMNS]
    return StaffFile(rows=rows, ignored_columns=ignored)


def _text(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise StaffFileError(
            _(
                "The file is not UTF-8 text (line %(line)d has bytes that are not UTF-8). "
                "Save it as “CSV UTF-8” and import it again."
            )
            % {"line": line}
        ) from None
    if "\x00" in text:
        raise StaffFileError(_("This is not a CSV file: it holds binary data. Save the sheet as “CSV UTF-8”."))
    if not text.strip():
        raise StaffFileError(_("The file is empty."))
    return text


def _header(reader) -> tuple[int, list[str]]:
    for record in reader:
        if any(cell.strip() for cell in record):
            break
    names = [cell.strip().lower() for cell in record]
    if len(names) == 1 and (";" in names[0] or "\t" in names[0]):
        raise StaffFileError(
            _(
                "The columns are separated by semicolons or tabs, not commas. Save the sheet as “CSV UTF-8 (comma "
                "delimited)”."
            )
        )
    duplicates = sorted({name for name in names if name and names.count(name) > 1})
    if duplicates:
        raise StaffFileError(
            ngettext(
                "The header has the column %(columns)s twice.",
                "The header has the columns %(columns)s twice.",
                len(duplicates),
            )
            % {"columns": _quoted(duplicates)}
        )
    missing = [name for name in REQUIRED_COLUMNS if name not in names]
    if missing:
        raise StaffFileError(
            _(
                "The header (line %(line)d) has no column %(columns)s. The first line must name the columns: "
                "%(required)s are required; %(optional)s are optional."
            )
            % {
                "line": reader.line_num,
                "columns": _quoted(missing),
                "required": ", ".join(REQUIRED_COLUMNS),
                "optional": ", ".join(OPTIONAL_COLUMNS),
            }
        )
    return reader.line_num, names


def _quoted(names) -> str:
    return ", ".join(f"“{name}”" for name in names)


@functools.cache
def _limits() -> dict[str, int]:
    """The longest value each column may hold: the model fields' max_length."""
    user_model = get_user_model()
    return {
        "employee_id": Employee._meta.get_field("employee_id").max_length,
        # The email is also the new account's user name.
        "email": min(user_model._meta.get_field(name).max_length for name in ("email", "username")),
        "first_name": user_model._meta.get_field("first_name").max_length,
        "last_name": user_model._meta.get_field("last_name").max_length,
        "department": Department._meta.get_field("name").max_length,
        "location": Location._meta.get_field("name").max_length,
    }


def _row(line: int, record: list[str], index: dict[str, int], width: int, columns, limits) -> StaffRow:
    row = StaffRow(line=line, columns=columns)
    if len(record) < width or any(cell.strip() for cell in record[width:]):
        row.add_problem(
            "row",
            # Translators: a problem of a line of the staff file, shown after the name of the field (column).
            _("has %(cells)d cells but the header has %(columns)d columns") % {"cells": len(record), "columns": width},
        )
    cells = {name: record[position].strip() if position < len(record) else "" for name, position in index.items()}
    for name in ("employee_id", "email", "first_name", "last_name", "location"):
        if len(cells.get(name, "")) > limits[name]:
            row.add_problem(name, _("is longer than %(limit)d characters") % {"limit": limits[name]})

    row.employee_id = cells["employee_id"]
    # As the account will keep it (its clean() writes the domain in lower case): a preview then shows what is saved,
    # and importing the file again finds nothing to change.
    row.email = BaseUserManager.normalize_email(cells["email"])
    _check_email(row, "email", row.email, required=True)
    row.first_name, row.last_name = cells["first_name"], cells["last_name"]
    if not (row.first_name or row.last_name):
        row.add_problem("first_name", _("first_name and last_name are both empty"))

    path = cells["department"]
    row.department = tuple(part.strip() for part in path.split("/"))
    if not path:
        row.add_problem("department", _("is empty: give the department's path, e.g. Nursing/Ward 7"))
    elif not all(row.department):
        row.add_problem(
            "department", _("“%(path)s” has an empty part: write the path as Parent/Child") % {"path": path}
        )
    elif any(len(part) > limits["department"] for part in row.department):
        row.add_problem(
            "department", _("has a name longer than %(limit)d characters") % {"limit": limits["department"]}
        )

    row.status = cells["status"].lower()
    if row.status not in STATUSES:
        # Translators: "active" and "left" are the values to write in the file: keep them in English.
        row.add_problem("status", _("“%(value)s” is not a status: use active or left") % {"value": cells["status"]})

    row.manager_email = cells.get("manager_email", "")
    _check_email(row, "manager_email", row.manager_email, required=False)

    row.location = cells.get("location", "")

    language = cells.get("language", "")
    row.language = language.lower() or Employee.Language.EN.value
    if row.language not in LANGUAGES:
        row.add_problem(
            "language",
            _("“%(value)s” is not a language: use %(languages)s")
            % {"value": language, "languages": ", ".join(LANGUAGES)},
        )

    hire_date = cells.get("hire_date", "")
    if hire_date:
        try:
            if not ISO_DATE.fullmatch(hire_date):
                raise ValueError
            row.hire_date = datetime.date.fromisoformat(hire_date)
        except ValueError:
            row.add_problem(
                "hire_date",
                _("“%(value)s” is not a date: write it as YYYY-MM-DD, e.g. 2024-03-01") % {"value": hire_date},
            )
    return row


def _check_email(row: StaffRow, field_name: str, value: str, *, required: bool) -> None:
    if not value:
        if required:
            row.add_problem(field_name, _("is empty"))
        return
    if not _is_email(value):
        row.add_problem(field_name, _("“%(value)s” is not a valid email address") % {"value": value})


@functools.lru_cache(maxsize=10_000)  # a manager's email is on each of their reports' lines
def _is_email(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def _flag_duplicates(rows: list[StaffRow], field_name: str, key) -> None:
    """Every line holding a value that another line holds too gets a problem."""
    lines = defaultdict(list)
    for row in rows:
        if value := key(row):
            lines[value].append(row)
    for group in lines.values():
        if len(group) > 1:
            where = ", ".join(str(row.line) for row in group[:10]) + (", …" if len(group) > 10 else "")
            for row in group:
                row.add_problem(
                    field_name,
                    _("“%(value)s” is on more than one line (%(lines)s)")
                    % {"value": getattr(row, field_name), "lines": where},
                )


# Importing the rows


@dataclass
class StaffOutcome:
    """What an import does (or a dry run would do) with one row without problems."""

    line: int
    email: str
    name: str
    action: str  # CREATED, UPDATED, DEACTIVATED or UNCHANGED
    changes: tuple[str, ...] = ()  # the columns whose value changes, for an existing person


@dataclass
class StaffImportResult:
    dry_run: bool
    outcomes: list[StaffOutcome]
    problems: list[Problem]
    new_departments: list[str]
    new_locations: list[str]
    enrolled: int = 0  # enrolments made by assignments for new joiners and people who moved

    def _of(self, action: str) -> list[StaffOutcome]:
        return [outcome for outcome in self.outcomes if outcome.action == action]

    @property
    def created(self) -> list[StaffOutcome]:
        return self._of(CREATED)

    @property
    def updated(self) -> list[StaffOutcome]:
        return self._of(UPDATED)

    @property
    def deactivated(self) -> list[StaffOutcome]:
        return self._of(DEACTIVATED)

    @property
    def unchanged(self) -> list[StaffOutcome]:
        return self._of(UNCHANGED)

    @property
    def rows_with_problems(self) -> int:
        return len({problem.line for problem in self.problems})

    @property
    def changes_anything(self) -> bool:
        return any(outcome.action != UNCHANGED for outcome in self.outcomes)

    def summary(self) -> str:
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, {len(self.deactivated)} deactivated, "
            f"{len(self.unchanged)} unchanged, {self.rows_with_problems} row{'s' * (self.rows_with_problems != 1)} "
            "with problems"
        )


def staff_import(
    *,
    rows: list[StaffRow],
    dry_run: bool,
    today: datetime.date | None = None,
    actor=None,
    file_name: str = "",
) -> StaffImportResult:
    """Create, update and deactivate people from `rows`, all in one transaction; rows with a problem are reported
    and left out. A dry run saves nothing. New joiners and people who moved are enrolled by the active assignments
    that now cover them. The audit trail gets an event for each person saved and, when anything changed, one for the
    import (`actor`: who imported, None for the command; `file_name`: the file's name)."""
    from .services import assignments_apply_for_users
    from .snapshots import report_snapshot_request

    with transaction.atomic():
        plan = _StaffPlan(rows, today=today or timezone.localdate())
        result = plan.result(dry_run=dry_run)
        if not dry_run:
            before = _audit_before(plan)  # saving overwrites the values the trail shows as old
            plan.save()
            _audit_people(plan, before=before, actor=actor)
            result.enrolled = assignments_apply_for_users(user_ids=plan.user_ids_to_enrol(), actor=actor)
            if result.changes_anything or result.enrolled:
                # An import that changes nothing writes nothing, not even to the trail.
                _audit_import(result, actor=actor, file_name=file_name)
            report_snapshot_request()  # people may have moved department: the dashboard counts by department
    return result


class _Tree:
    """Departments (nested) or locations (flat) found by name, ignoring case, and made where missing."""

    def __init__(self, model, *, nested: bool):
        self.model, self.nested = model, nested
        self.exact: dict[tuple, int] = {}
        self.folded: dict[tuple, int] = {}
        fields = ("pk", "name", "parent_id") if nested else ("pk", "name")
        for pk, name, *parent in model.objects.order_by("pk").values_list(*fields):
            self._remember(parent[0] if parent else None, name, pk)

    def _remember(self, parent_id, name, pk):
        self.exact.setdefault((parent_id, name), pk)
        self.folded.setdefault((parent_id, name.casefold()), pk)

    def _child(self, parent_id, name):
        return self.exact.get((parent_id, name)) or self.folded.get((parent_id, name.casefold()))

    def find(self, path: tuple[str, ...]) -> tuple[int | None, int]:
        """(the id of the node at `path` or None, how many parts of the path exist already)."""
        node = None
        for depth, name in enumerate(path):
            child = self._child(node, name)
            if child is None:
                return None, depth
            node = child
        return node, len(path)

    def ensure(self, path: tuple[str, ...]) -> int:
        node = None
        for name in path:
            child = self._child(node, name)
            if child is None:
                instance = self.model(name=name, **({"parent_id": node} if self.nested else {}))
                instance.full_clean()
                instance.save()
                self._remember(node, name, instance.pk)
                child = instance.pk
            node = child
        return node


class _StaffPlan:
    """The rows matched to people, checked against the database, and what saving them would change."""

    def __init__(self, rows: list[StaffRow], *, today: datetime.date):
        self.today = today
        self.problems = {row.line: list(row.problems) for row in rows}
        self.rows = rows
        self.departments = _Tree(Department, nested=True)
        self.locations = _Tree(Location, nested=False)
        self._load_people()
        self._match()
        self._resolve_managers()
        self.ok_rows = [row for row in rows if not self.problems[row.line]]
        self._load_matched()
        self.changes = {row.line: self._changes(row) for row in self.ok_rows}
        self.actions = {row.line: self._action(row) for row in self.ok_rows}
        self.saved: list[StaffRow] = []

    def _reject(self, row: StaffRow, field_name: str, reason: str) -> None:
        self.problems[row.line].append(Problem(row.line, field_name, reason))

    def _valid(self):
        return (row for row in self.rows if not self.problems[row.line])

    # What is here already

    def _load_people(self) -> None:
        """Every account's email and user name, and every employee's id and manager, as a few plain values:
        matching thousands of rows one query at a time would be slow."""
        self.user_ids_by_email: dict[str, list[int]] = defaultdict(list)
        self.usernames: set[str] = set()
        self.email_of: dict[int, str] = {}
        for pk, email, username in get_user_model().objects.values_list("pk", "email", "username").iterator():
            if email:
                self.user_ids_by_email[email.casefold()].append(pk)
            self.usernames.add(username.casefold())
            self.email_of[pk] = email or username
        self.user_id_by_employee_id: dict[str, int] = {}
        self.employee_id_of: dict[int, str] = {}
        self.manager_of: dict[int, int | None] = {}
        for user_id, employee_id, manager_id in Employee.objects.values_list(
            "user_id", "employee_id", "manager_id"
        ).iterator():
            if employee_id:
                self.user_id_by_employee_id[employee_id] = user_id
                self.employee_id_of[user_id] = employee_id
            self.manager_of[user_id] = manager_id

    def _match(self) -> None:
        """Each row's existing account: by employee id first, else by email (ignoring case); None for a new one."""
        self.user_id: dict[int, int | None] = {}
        claimed: dict[int, list[StaffRow]] = defaultdict(list)
        for row in self._valid():
            by_email = self.user_ids_by_email.get(row.email.casefold(), [])
            by_id = self.user_id_by_employee_id.get(row.employee_id) if row.employee_id else None
            if by_id is not None:
                if by_email and by_id not in by_email:
                    self._reject(
                        row,
                        "employee_id",
                        _("belongs to %(owner)s, but %(email)s is the email of another account")
                        % {"owner": self.email_of[by_id], "email": row.email},
                    )
                    continue
                user_id = by_id
            elif len(by_email) > 1:
                self._reject(row, "email", _("more than one account has this email: an administrator must merge them"))
                continue
            elif by_email:
                user_id = by_email[0]
                current_id = self.employee_id_of.get(user_id, "")
                if row.employee_id and current_id and current_id != row.employee_id:
                    self._reject(
                        row,
                        "employee_id",
                        _("%(email)s belongs to the employee with id %(id)s, not this one")
                        % {"email": row.email, "id": current_id},
                    )
                    continue
            else:
                user_id = None
                if row.email.casefold() in self.usernames:
                    self._reject(row, "email", _("another account already has this email as its user name"))
                    continue
            self.user_id[row.line] = user_id
            if user_id is not None:
                claimed[user_id].append(row)
        for user_id, same in claimed.items():
            if len(same) > 1:
                lines = ", ".join(str(row.line) for row in same)
                for row in same:
                    self._reject(
                        row,
                        "email",
                        _("lines %(lines)s are all the same person, %(person)s")
                        % {"lines": lines, "person": self.email_of[user_id]},
                    )

    def _person(self, row: StaffRow):
        """The key of the person a row is about: their user id, or ("new", line) for someone not here yet."""
        user_id = self.user_id[row.line]
        return ("new", row.line) if user_id is None else user_id

    # Managers: a second pass, so a manager may come after their reports in the file

    def _resolve_managers(self) -> None:
        """Each row's manager, found among this file's valid rows or the accounts here. A row that is rejected can
        leave another without its manager, and so on: repeat until nothing more is rejected."""
        while self._managers_pass() + self._loops_pass():
            pass

    def _managers_pass(self) -> int:
        self.manager: dict[int, object] = {}
        valid_by_email = {row.email.casefold(): row for row in self._valid()}
        lines_by_email = {row.email.casefold(): row.line for row in self.rows}
        rejected = 0
        for row in list(self._valid()):
            if not row.manager_email:
                self.manager[row.line] = None
                continue
            key = row.manager_email.casefold()
            existing = self.user_ids_by_email.get(key, [])
            if key in valid_by_email:
                self.manager[row.line] = self._person(valid_by_email[key])
                continue
            if len(existing) == 1:
                self.manager[row.line] = existing[0]
                continue
            rejected += 1
            if existing:
                self._reject(row, "manager_email", _("more than one account has this email"))
            elif key in lines_by_email:
                self._reject(
                    row,
                    "manager_email",
                    _("the manager's own row (line %(line)d) is not imported") % {"line": lines_by_email[key]},
                )
            else:
                self._reject(
                    row,
                    "manager_email",
                    _("no one has the email %(email)s, here or in the file") % {"email": row.manager_email},
                )
        return rejected

    def _loops_pass(self) -> int:
        """Reject the rows that would make someone their own (indirect) manager."""
        graph = dict(self.manager_of)
        email = dict(self.email_of)
        valid = list(self._valid())
        for row in valid:
            email[self._person(row)] = row.email
            if "manager_email" in row.columns:
                graph[self._person(row)] = self.manager[row.line]
        rejected = 0
        for row in valid:
            start = self._person(row)
            chain, seen, node = [start], {start}, graph.get(start)
            while node is not None and node not in seen:
                chain.append(node)
                seen.add(node)
                node = graph.get(node)
            if node == start:
                rejected += 1
                loop = " → ".join(email.get(person, "?") for person in [*chain, start])
                self._reject(row, "manager_email", _("makes a reporting loop: %(loop)s") % {"loop": loop})
        return rejected

    # What changes

    def _load_matched(self) -> None:
        user_ids = [self.user_id[row.line] for row in self.ok_rows if self.user_id[row.line] is not None]
        self.users: dict[object, object] = {
            user.pk: user for user in _in_batches(get_user_model().objects.all(), "pk", user_ids)
        }
        self.employees = {
            employee.user_id: employee for employee in _in_batches(Employee.objects.all(), "user_id", user_ids)
        }

    def _target(self, row: StaffRow, employee: Employee | None) -> dict[str, object]:
        """The row's values, by column, in the form the current values are compared in. A new department, location
        or manager is a value no existing person can have."""
        department_id, _ = self.departments.find(row.department)
        left = row.status == Employee.Status.LEFT
        left_on = ((employee.left_on if employee else None) or self.today) if left else None
        target = {
            "email": row.email,
            "first_name": row.first_name,
            "last_name": row.last_name,
            "department": department_id or ("new", row.department),
            "status": (row.status, not left, left_on),
        }
        if row.employee_id:
            target["employee_id"] = row.employee_id
        if "manager_email" in row.columns:
            target["manager_email"] = self.manager[row.line]
        if "location" in row.columns:
            target["location"] = (
                (self.locations.find((row.location,))[0] or ("new", row.location)) if row.location else None
            )
        if "language" in row.columns:
            target["language"] = row.language
        if "hire_date" in row.columns:
            target["hire_date"] = row.hire_date
        return target

    def _changes(self, row: StaffRow) -> tuple[str, ...] | None:
        """The columns whose value changes for an existing person; None for a new one."""
        user_id = self.user_id[row.line]
        if user_id is None:
            return None
        user, employee = self.users[user_id], self.employees.get(user_id)
        current = {"email": user.email, "first_name": user.first_name, "last_name": user.last_name}
        now = employee or Employee()  # an account without an employee record has the defaults
        current |= {
            "employee_id": now.employee_id,
            "department": now.department_id,
            "manager_email": now.manager_id,
            "location": now.location_id,
            "language": now.language,
            "hire_date": now.hire_date,
            "status": (now.status, user.is_active, now.left_on),
        }
        target = self._target(row, employee)
        return tuple(column for column in COLUMNS if column in target and target[column] != current[column])

    def _action(self, row: StaffRow) -> str:
        changes = self.changes[row.line]
        if changes is None:
            return CREATED
        if not changes:
            return UNCHANGED
        user_id = self.user_id[row.line]
        employee = self.employees.get(user_id)
        was_active = self.users[user_id].is_active or (
            employee is not None and employee.status == Employee.Status.ACTIVE
        )
        if row.status == Employee.Status.LEFT and was_active:
            return DEACTIVATED
        return UPDATED

    def result(self, *, dry_run: bool) -> StaffImportResult:
        new_departments, new_locations = {}, {}
        for row in self.ok_rows:
            _, found = self.departments.find(row.department)
            for depth in range(found + 1, len(row.department) + 1):
                path = row.department[:depth]
                new_departments.setdefault(tuple(part.casefold() for part in path), "/".join(path))
            if "location" in row.columns and row.location and self.locations.find((row.location,))[0] is None:
                new_locations.setdefault(row.location.casefold(), row.location)
        return StaffImportResult(
            dry_run=dry_run,
            outcomes=[
                StaffOutcome(row.line, row.email, row.name, self.actions[row.line], self.changes[row.line] or ())
                for row in self.ok_rows
            ],
            problems=sorted(
                (problem for problems in self.problems.values() for problem in problems),
                key=lambda problem: (problem.line, _column_order(problem.field)),
            ),
            new_departments=sorted(new_departments.values(), key=str.casefold),
            new_locations=sorted(new_locations.values(), key=str.casefold),
        )

    # Saving

    def save(self) -> None:
        """Save every valid row that changes something: accounts first, so that managers new in this file have an
        id, then the employee records. What did not change is not written."""
        user_model = get_user_model()
        self.saved = [row for row in self.ok_rows if self.actions[row.line] != UNCHANGED]
        new_users, changed_users = [], []
        for row in self.saved:
            changes = self.changes[row.line]
            if changes is None:
                user = user_model(username=row.email)
                # No password: people sign in through single sign-on, or an administrator sets one.
                user.set_unusable_password()
                self.users[self._person(row)] = user
                new_users.append(user)
            elif USER_COLUMNS.intersection(changes):
                user = self.users[self._person(row)]
                changed_users.append(user)
            else:
                continue
            user.email, user.first_name, user.last_name = row.email, row.first_name, row.last_name
            user.is_active = row.status == Employee.Status.ACTIVE
            # User names are emails here, which may hold characters Django's user name rule refuses (o'brien@…).
            user.full_clean(exclude=["username", "password"], validate_unique=False, validate_constraints=False)
        user_model.objects.bulk_create(new_users, batch_size=BATCH_SIZE)
        user_model.objects.bulk_update(changed_users, USER_FIELDS, batch_size=BATCH_SIZE)
        new_employees, changed_employees = [], []
        for row in self.saved:
            changes = self.changes[row.line]
            user = self.users[self._person(row)]
            employee = self.employees.get(user.pk)
            if employee is None:
                employee = Employee(user=user)
                new_employees.append(employee)
            elif EMPLOYEE_COLUMNS.intersection(changes):
                changed_employees.append(employee)
            else:
                continue
            self._employee_set(employee, row)
        Employee.objects.bulk_create(new_employees, batch_size=BATCH_SIZE)
        Employee.objects.bulk_update(changed_employees, EMPLOYEE_FIELDS, batch_size=BATCH_SIZE)

    def _employee_set(self, employee: Employee, row: StaffRow) -> None:
        if row.employee_id:
            employee.employee_id = row.employee_id
        employee.department_id = self.departments.ensure(row.department)
        if "manager_email" in row.columns:
            manager = self.manager[row.line]
            # An existing manager is a user id; one new in this file was created above.
            employee.manager_id = manager if manager is None or isinstance(manager, int) else self.users[manager].pk
        if "location" in row.columns:
            employee.location_id = self.locations.ensure((row.location,)) if row.location else None
        if "language" in row.columns:
            employee.language = row.language
        if "hire_date" in row.columns:
            employee.hire_date = row.hire_date
        employee.status = row.status
        if row.status == Employee.Status.LEFT:
            employee.left_on = employee.left_on or self.today
        else:
            employee.left_on = None
        employee.full_clean(
            exclude=["user", "department", "manager", "location"], validate_unique=False, validate_constraints=False
        )

    def user_ids_to_enrol(self) -> set[int]:
        """Active new joiners, and active people whose department, location or manager changed or who came back."""
        ids = set()
        for row in self.saved:
            if row.status != Employee.Status.ACTIVE:
                continue
            changes = self.changes[row.line]
            if changes is None or MOVES.intersection(changes) or "status" in changes:
                ids.add(self.users[self._person(row)].pk)
        return ids


USER_FIELDS = ["email", "first_name", "last_name", "is_active"]
USER_COLUMNS = {"email", "first_name", "last_name", "status"}
EMPLOYEE_FIELDS = ["employee_id", "department", "manager", "location", "language", "hire_date", "status", "left_on"]
EMPLOYEE_COLUMNS = set(COLUMNS) - {"email", "first_name", "last_name"}


def _column_order(name: str) -> int:
    return COLUMNS.index(name) if name in COLUMNS else -1


def _in_batches(queryset, field_name: str, values: list):
    """`queryset` filtered on `field_name` in `values`, a thousand values per query (SQLite caps parameters)."""
    for start in range(0, len(values), BATCH_SIZE):
        yield from queryset.filter(**{f"{field_name}__in": values[start : start + BATCH_SIZE]})


# The audit trail: one event per person created, changed or deactivated, with the changed columns' values before and
# after, as HR reads them (department paths, manager emails, location names rather than ids).

AUDIT_ACTIONS = {CREATED: "person_created", UPDATED: "person_updated", DEACTIVATED: "person_deactivated"}


def _audit_before(plan: _StaffPlan) -> dict[int, dict]:
    """The changing columns' current values, by line, for the existing people an import changes."""
    departments, locations = _tree_names(plan.departments), _tree_names(plan.locations)
    before = {}
    for row in plan.ok_rows:
        changes = plan.changes[row.line]
        if not changes:
            continue  # new, or unchanged
        user_id = plan.user_id[row.line]
        user, employee = plan.users[user_id], plan.employees.get(user_id) or Employee()
        current = {
            "employee_id": employee.employee_id,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "department": _tree_path(departments, employee.department_id),
            "manager_email": plan.email_of.get(employee.manager_id, "") if employee.manager_id else "",
            "location": _tree_path(locations, employee.location_id),
            "language": employee.language,
            "hire_date": employee.hire_date,
            "status": _status_text(employee.status, user.is_active, employee.left_on),
        }
        before[row.line] = {column: current[column] for column in changes}
    return before


def _audit_people(plan: _StaffPlan, *, before: dict[int, dict], actor) -> None:
    from .audit import audit_record_many

    departments, locations = _tree_names(plan.departments), _tree_names(plan.locations)
    entries = []
    for row in plan.saved:
        user = plan.users[plan._person(row)]
        employee = plan.employees.get(user.pk)
        left_on = (employee.left_on if employee else None) or plan.today
        saved = {
            "employee_id": row.employee_id,
            "email": row.email,
            "first_name": row.first_name,
            "last_name": row.last_name,
            "department": _tree_path(departments, plan.departments.find(row.department)[0]),
            "manager_email": row.manager_email,
            "location": _tree_path(locations, plan.locations.find((row.location,))[0]) if row.location else "",
            "language": row.language,
            "hire_date": row.hire_date,
            "status": _status_text(row.status, row.status == Employee.Status.ACTIVE, left_on),
        }
        old = before.get(row.line)
        columns = old.keys() if old else [column for column in COLUMNS if column in row.columns and saved[column]]
        entries.append(
            {
                "action": AUDIT_ACTIONS[plan.actions[row.line]],
                "actor": actor,
                "person": user,
                "subject": user,
                "old": old,
                "new": {column: saved[column] for column in columns},
            }
        )
    audit_record_many(entries)


def _audit_import(result: StaffImportResult, *, actor, file_name: str) -> None:
    from .audit import Action, audit_record

    audit_record(
        action=Action.STAFF_IMPORTED,
        actor=actor,
        new={
            "file": file_name,
            "created": len(result.created),
            "updated": len(result.updated),
            "deactivated": len(result.deactivated),
            "unchanged": len(result.unchanged),
            "rows_with_problems": result.rows_with_problems,
            "enrolled": result.enrolled,
            "new_departments": result.new_departments,
            "new_locations": result.new_locations,
        },
    )


def _tree_names(tree: _Tree) -> dict[int, tuple[int | None, str]]:
    """Each node's parent and name, by id."""
    return {pk: (parent_id, name) for (parent_id, name), pk in tree.exact.items()}


def _tree_path(names: dict[int, tuple[int | None, str]], pk: int | None) -> str:
    parts = []
    while pk is not None:
        pk, name = names[pk]
        parts.append(name)
    return "/".join(reversed(parts))


def _status_text(status: str, account_active: bool, left_on: datetime.date | None) -> str:
    if status == Employee.Status.LEFT:
        return f"left on {left_on:%Y-%m-%d}" if left_on else "left"
    return "active" if account_active else "active (account deactivated)"
