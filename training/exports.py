"""Exports of the completion report: the rows (one place, for CSV and XLSX alike), the two file writers, and the
background jobs that make large exports while the browser shows their progress.

Every writer takes the rows one at a time, so memory stays flat however many there are: the CSV is streamed to the
browser line by line, the XLSX is written by openpyxl's write-only workbook to a temporary file on disk.
"""

import dataclasses
import datetime
import logging
import secrets
import tempfile
import typing
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.conf import settings
from django.core.files import File
from django.db import connections, transaction
from django.db.models import CharField, F, Func, QuerySet, Value
from django.db.models.functions import Coalesce, Concat, NullIf
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .csv_export import FORMULA_PREFIXES, csv_chunks, formula_safe
from .models import ExportJob
from .permissions import can_view_reports
from .reports import ReportFilters, completion_report_rows

logger = logging.getLogger(__name__)

EXPORT_HEADER = [
    "email",
    "name",
    "department",
    "course",
    "status",
    "completed_at",
    "score",
    "certificate_code",
]
CHUNK_SIZE = 5000  # rows fetched from the database at a time
PROGRESS_EVERY = 1000  # rows between two progress writes of a background export
RECENT_JOBS = 10

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {ExportJob.Format.CSV: "text/csv; charset=utf-8", ExportJob.Format.XLSX: XLSX_CONTENT_TYPE}
XLSX_WIDTHS = {"email": 32, "name": 26, "department": 22, "course": 36, "completed_at": 20, "certificate_code": 18}
XLSX_DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
XLSX_DATE_FORMAT = "yyyy-mm-dd"


# The rows


def export_rows(rows: QuerySet) -> Iterator[list]:
    """Each enrolment of `rows` (from `completion_report_rows`) as the cells of `EXPORT_HEADER`, typed: text, the
    completion time as a local datetime, the score as a Decimal, None where there is nothing. Each writer turns
    these into its own cells."""
    # Plain column values, not model instances: building seven objects per row was most of an export's time.
    columns = rows.values_list(
        "user__email",
        "user__first_name",
        "user__last_name",
        "user__username",
        "user__employee__department__name",
        "course__title",
        "status",
        "completed_at",
        "score",
        "certificate__code",
    )
    local = timezone.get_current_timezone()
    for email, first, last, username, department, course, status, completed, score, code in columns.iterator(
        chunk_size=CHUNK_SIZE
    ):
        yield [
            email,
            f"{first} {last}".strip() or username,  # as User.get_full_name(), falling back to the username
            department or "",
            course,
            status,
            completed.astimezone(local) if completed else None,
            score,
            code or "",
        ]


# CSV


def csv_cells(row: list) -> list:
    """A row from `export_rows` as the CSV has always written it: text made formula-safe, ISO 8601 times with
    their offset, the score as a number, nothing for None."""
    email, name, department, course, status, completed, score, code = row
    return [
        formula_safe(email),
        formula_safe(name),
        formula_safe(department),
        formula_safe(course),
        status,  # one of EnrolmentStatus's codes
        completed.isoformat() if completed else "",
        "" if score is None else score,
        code,  # base32 letters and digits, or nothing
    ]


def csv_export_chunks(rows: Iterable[list]) -> Iterator[str]:
    """The CSV text of the header and `rows` (from `export_rows`), a chunk of lines at a time."""
    return csv_chunks(EXPORT_HEADER, map(csv_cells, rows), cells_are_safe=True)


def csv_export_stream(rows: QuerySet, progress: typing.Callable[[int], None] | None = None) -> Iterator[bytes]:
    """The CSV file of `rows` (from `completion_report_rows`) as UTF-8 chunks; `progress(n)` hears of every n
    rows written. On PostgreSQL the database writes the CSV itself (COPY), about twice as fast as building the
    rows in Python; the bytes are the same either way."""
    if connections[rows.db].vendor == "postgresql":
        chunks = _csv_copy_chunks(rows)
    else:
        chunks = (chunk.encode("utf-8") for chunk in csv_export_chunks(export_rows(rows)))
    header = 1
    for chunk in chunks:
        if progress:
            progress(chunk.count(b"\n") - header)
            header = 0
        yield chunk


def csv_write(rows: QuerySet, out: typing.BinaryIO, progress: typing.Callable[[int], None]) -> None:
    for chunk in csv_export_stream(rows, progress=progress):
        out.write(chunk)


# CSV written by PostgreSQL: every column as the SQL expression of what `csv_cells` makes of it.

COPY_CHUNK_BYTES = 256 * 1024
# What `str.strip()` removes, for names trimmed the same way in SQL.
PYTHON_WHITESPACE = "".join(char for char in map(chr, range(0x3001)) if char.isspace())


# A bracket expression of FORMULA_PREFIXES for PostgreSQL's regular expressions ("-" last, so it is no range).
FORMULA_PREFIX_PATTERN = "^([" + "".join(sorted(FORMULA_PREFIXES, key=lambda char: char == "-")) + "])"


class _FormulaSafe(Func):
    """Text as `formula_safe` writes it: an apostrophe before a leading FORMULA_PREFIXES character; NULL (an
    empty cell) for no text."""

    function = "regexp_replace"
    output_field = CharField()

    def __init__(self, expression):
        super().__init__(NullIf(expression, Value("")), Value(FORMULA_PREFIX_PATTERN), Value(r"'\1"))


class _LocalIsoFormat(Func):
    """A time as `datetime.isoformat()` writes it in the session's time zone: microseconds only when there are
    any, and the UTC offset."""

    arity = 1
    output_field = CharField()
    template = (
        "(to_char(%(expressions)s, 'YYYY-MM-DD\"T\"HH24:MI:SS')"
        " || CASE WHEN date_trunc('second', %(expressions)s) = %(expressions)s THEN ''"
        " ELSE to_char(%(expressions)s, '.US') END"
        " || to_char(%(expressions)s, 'TZH:TZM'))"
    )


def _csv_copy_chunks(rows: QuerySet) -> Iterator[bytes]:
    import psycopg

    columns = rows.annotate(
        csv_email=_FormulaSafe(F("user__email")),
        csv_name=_FormulaSafe(
            Coalesce(
                NullIf(
                    Func(
                        Concat(F("user__first_name"), Value(" "), F("user__last_name")),
                        Value(PYTHON_WHITESPACE),
                        function="btrim",
                    ),
                    Value(""),
                ),
                F("user__username"),
            )
        ),
        csv_department=_FormulaSafe(F("user__employee__department__name")),
        csv_course=_FormulaSafe(F("course__title")),
        csv_completed=_LocalIsoFormat(F("completed_at")),
    ).values_list(
        "csv_email", "csv_name", "csv_department", "csv_course", "status", "csv_completed", "score", "certificate__code"
    )
    sql, params = columns.query.sql_with_params()
    connection = connections[rows.db]
    yield "".join(csv_chunks(EXPORT_HEADER, [])).encode("utf-8")
    with transaction.atomic(using=rows.db), connection.cursor() as cursor:
        # Times in the viewer's time zone, as the other exports write them. Django reads times assuming the
        # session's zone is its own, so the zone is put back right after the COPY.
        cursor.execute("SELECT current_setting('TimeZone')")
        (session_zone,) = cursor.fetchone()
        cursor.execute("SELECT set_config('TimeZone', %s, true)", [timezone.get_current_timezone_name()])
        try:
            # COPY takes no server-side parameters: this cursor binds them on the client, quoted by psycopg.
            with (
                psycopg.ClientCursor(connection.connection) as copy_cursor,
                copy_cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params) as copy,
            ):
                pending = bytearray()
                for block in copy:
                    pending += block
                    if len(pending) >= COPY_CHUNK_BYTES:
                        # PostgreSQL ends lines with LF; the CSV files have always used CRLF, as Python's writer.
                        yield bytes(pending).replace(b"\n", b"\r\n")
                        pending.clear()
                if pending:
                    yield bytes(pending).replace(b"\n", b"\r\n")
        except BaseException:
            raise  # a download stopped half-way: leaving the block rolls back, which puts the zone back too
        else:
            cursor.execute("SELECT set_config('TimeZone', %s, true)", [session_zone])


# XLSX


def xlsx_cell(sheet, value):
    """A typed cell for openpyxl: numbers stay numbers, times become date cells shown as ISO 8601, text is made
    formula-safe by the same rule as the CSV.

    Only the time cells need a cell object (for their format); openpyxl takes the other values as they are.
    """
    if value is None or isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, datetime.date):
        is_datetime = isinstance(value, datetime.datetime)
        if is_datetime and timezone.is_aware(value):
            value = timezone.make_naive(value)  # Excel has no time zones: the local time, as in the report
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = XLSX_DATETIME_FORMAT if is_datetime else XLSX_DATE_FORMAT
        return cell
    # Control characters are not allowed in an XLSX file; drop them before the formula check, so that
    # "\x01=cmd" cannot turn into "=cmd" afterwards.
    return formula_safe(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


def xlsx_file_write(rows: QuerySet, out: typing.BinaryIO, progress: typing.Callable[[int], None]) -> None:
    def counted(cells: Iterable[list]) -> Iterator[list]:
        for row in cells:
            yield row
            progress(1)

    xlsx_write(counted(export_rows(rows)), out)


def xlsx_write(rows: Iterable[list], out: typing.BinaryIO) -> None:
    """Write the header and `rows` (from `export_rows`) as an XLSX workbook to `out`.

    A write-only workbook keeps no rows in memory: openpyxl writes them to a temporary file as they come, then
    zips it into `out`.
    """
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Completion")
    sheet.freeze_panes = "A2"
    for index, name in enumerate(EXPORT_HEADER, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = XLSX_WIDTHS.get(name, 14)
    bold = Font(bold=True)
    header = []
    for name in EXPORT_HEADER:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([xlsx_cell(sheet, value) for value in row])
    book.save(out)


# Each writes the file of a job's rows to `out`, telling `progress(n)` of every n rows written.
WRITERS = {ExportJob.Format.CSV: csv_write, ExportJob.Format.XLSX: xlsx_file_write}


def export_file_name(format: str, on: datetime.date | None = None) -> str:
    """The name a downloaded export gets: completion-2026-03-01.xlsx."""
    return f"completion-{(on or timezone.localdate()).isoformat()}.{format}"


# Background exports


def export_in_background(rows_total: int) -> bool:
    """Exports of more rows than EXPORT_INLINE_MAX_ROWS are made by a task rather than while the browser waits."""
    return rows_total > settings.EXPORT_INLINE_MAX_ROWS


def filters_to_json(filters: ReportFilters) -> dict:
    """The report filters as JSON for a job to keep: dates in ISO format, unset filters left out."""
    data = {}
    for name, value in dataclasses.asdict(filters).items():
        if value in (None, ""):
            continue
        data[name] = value.isoformat() if isinstance(value, datetime.date) else value
    return data


def filters_from_json(data: dict) -> ReportFilters:
    """The report filters a job kept. A name ReportFilters no longer has is ignored."""
    fields = {field.name: field for field in dataclasses.fields(ReportFilters)}
    values = {}
    for name, value in data.items():
        if name not in fields:
            continue
        if isinstance(value, str) and datetime.date in typing.get_args(fields[name].type):
            value = datetime.date.fromisoformat(value)
        values[name] = value
    return ReportFilters(**values)


def export_job_create(*, requested_by, format: str, filters: ReportFilters, rows_total: int = 0) -> ExportJob:
    """Record an export of the report rows `requested_by` may see through `filters`, and queue the task that makes
    it once this transaction has committed."""
    job = ExportJob(requested_by=requested_by, format=format, filters=filters_to_json(filters), rows_total=rows_total)
    job.full_clean()
    job.save()
    transaction.on_commit(lambda: _queue_run(job.pk))
    return job


def _queue_run(job_id: int) -> None:
    from .tasks import export_job_run_task

    export_job_run_task.enqueue(job_id=job_id)


class ExportRefused(Exception):
    """The person who asked for an export may no longer see the report."""


def export_job_run(*, job_id: int) -> ExportJob:
    """Make the file of a queued export job, and record its progress as it goes.

    The rows are computed now, for what the requester may see now: someone who may no longer see reports gets a
    failed job that says so, not a file. Any error marks the job failed, with the error. A job that is not queued
    (already made, or being made by another worker) is left alone, so running the task twice is harmless.
    """
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.QUEUED).update(
        status=ExportJob.Status.RUNNING
    )
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    if not claimed:
        return job
    try:
        viewer = job.requested_by
        if not can_view_reports(viewer):
            raise ExportRefused("You may no longer see completion reports, so this export was not made.")
        rows = completion_report_rows(viewer=viewer, filters=filters_from_json(job.filters))
        job.rows_total = rows.count()
        ExportJob.objects.filter(pk=job.pk).update(rows_total=job.rows_total)
        counter = _ProgressCounter(job.pk)
        with tempfile.TemporaryFile() as out:
            WRITERS[job.format](rows, out, counter.add)
            out.seek(0)
            # A name no one can guess, should the storage ever be reachable from outside the app.
            name = f"completion-{job.pk}-{secrets.token_urlsafe(16)}.{job.format}"
            job.file.save(name, File(out), save=False)
    except Exception as error:
        if not isinstance(error, ExportRefused):
            logger.exception("Export job %s failed", job_id)
        job.status = ExportJob.Status.FAILED
        job.error = str(error) if isinstance(error, ExportRefused) else f"The export failed: {error!r}"
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
        return job
    # The rows may have changed since they were counted: the file holds `done` of them.
    job.rows_done = job.rows_total = counter.done
    job.status = ExportJob.Status.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["file", "rows_done", "rows_total", "status", "finished_at"])
    return job


class _ProgressCounter:
    def __init__(self, job_id: int):
        self.job_id = job_id
        self.done = 0

    def add(self, rows: int) -> None:
        """Count `rows` more, writing the figure when it passes another PROGRESS_EVERY."""
        before, self.done = self.done, self.done + rows
        if before // PROGRESS_EVERY != self.done // PROGRESS_EVERY:
            ExportJob.objects.filter(pk=self.job_id).update(rows_done=self.done)


def export_job_state(job: ExportJob) -> dict:
    """What the progress page's script shows: the status, the rows done and the error, as JSON."""
    from django.urls import reverse

    done = job.status == ExportJob.Status.DONE
    return {
        "id": job.pk,
        "status": job.status,
        "status_label": job.get_status_display(),
        "rows_done": job.rows_done,
        "rows_total": job.rows_total,
        "progress": job.progress_label,
        "error": job.error,
        "download_url": reverse("training:export_job_download", kwargs={"job_id": job.pk}) if done else None,
    }


def recent_export_jobs(*, user) -> list[ExportJob]:
    """The last exports `user` asked for, newest first."""
    return list(ExportJob.objects.filter(requested_by=user).order_by("-created_at", "-pk")[:RECENT_JOBS])
