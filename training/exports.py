"""Exports of the completion report: the rows (one place, for CSV and XLSX alike), the two file writers, the
certificates of the rows as one ZIP file, and the background jobs that make large exports while the browser shows
their progress; old jobs are deleted, and jobs whose worker died are marked failed.

Every writer takes the rows one at a time, so memory stays flat however many there are: the CSV is streamed to the
browser line by line, the XLSX is written by openpyxl's write-only workbook to a temporary file on disk, and the ZIP
file is written to disk one certificate at a time.
"""

import dataclasses
import datetime
import logging
import re
import secrets
import shutil
import tempfile
import time
import typing
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.files import File
from django.db import connections, transaction
from django.db.models import CharField, F, Func, QuerySet, Value
from django.db.models.functions import Coalesce, Concat, NullIf
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .csv_export import FORMULA_PREFIXES, csv_chunks, formula_safe
from .languages import supported_language
from .models import ExportJob
from .permissions import can_download_certificate, can_export
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
# Certificates may take a second each to render: their progress is written at the first one after PROGRESS_SECONDS,
# and every CERTIFICATES_PROGRESS_EVERY of those that were stored already.
CERTIFICATES_PROGRESS_EVERY = 100
PROGRESS_SECONDS = 1.0
RECENT_JOBS = 10

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {
    ExportJob.Format.CSV: "text/csv; charset=utf-8",
    ExportJob.Format.XLSX: XLSX_CONTENT_TYPE,
    ExportJob.Format.ZIP: "application/zip",
}
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


# Certificates as one ZIP file

MANIFEST_NAME = "certificates.csv"
MANIFEST_HEADER = ["code", "holder", "course", "completed", "valid_until", "status", "file"]
CERTIFICATE_CHUNK_SIZE = 500  # certificates fetched from the database at a time
# Bytes of UTF-8, not characters: a name in Hangul takes three bytes a character, and most file systems allow 255
# bytes for a file name. Department, last name, first name, course; the certificate's code is never shortened.
NAME_PART_BYTES = (100, 48, 48, 80)
# The folder of the certificates of people without a department (in the language of whoever asked for the file).
NO_DEPARTMENT = gettext_lazy("No department")
# Characters Windows, macOS or Linux refuse in a file name, and names Windows keeps for devices.
FILE_NAME_FORBIDDEN = frozenset('/\\:*?"<>|')
WINDOWS_DEVICE_NAMES = frozenset(
    ["CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))]
)


class ExportProblem(Exception):
    """Why an export was not made, worded for the person who asked for it (shown as it is on the export's page)."""


def certificate_bundle_rows(rows: QuerySet) -> QuerySet:
    """The rows of `rows` (from `completion_report_rows`) that have a certificate: what a ZIP export holds."""
    return rows.filter(certificate__isnull=False)


def file_name_part(text: str, max_bytes: int) -> str:
    """`text` made safe as (part of) a file name on any system, letters of every script kept as they are.

    Control and formatting characters go too: a right-to-left override could make "fdp.exe" look like "exe.pdf".
    """
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))
    text = "".join(
        "_" if char in FILE_NAME_FORBIDDEN or unicodedata.category(char).startswith("C") else char for char in text
    )
    # Cut at a character boundary; Windows drops dots and spaces at the end of a name.
    text = text.encode("utf-8")[:max_bytes].decode("utf-8", "ignore").strip(" .")
    if text.split(".", 1)[0].upper() in WINDOWS_DEVICE_NAMES:
        text = f"_{text}"
    return text


def certificate_file_name(enrolment) -> str:
    """Where a certificate goes in the ZIP file: `Nursing/Müller-Anna-Course title-CODE.pdf`.

    The folder is the holder's department today, the name their name today (so HR finds them where they are now);
    the code makes every name unique.
    """
    department_bytes, last_bytes, first_bytes, course_bytes = NAME_PART_BYTES
    certificate, user = enrolment.certificate, enrolment.user
    try:
        department = user.employee.department.name if user.employee.department_id else ""
    except ObjectDoesNotExist:
        department = ""
    names = [file_name_part(user.last_name, last_bytes), file_name_part(user.first_name, first_bytes)]
    names = [name for name in names if name] or [file_name_part(certificate.holder_name or user.username, last_bytes)]
    parts = [*names, file_name_part(certificate.course_title, course_bytes), certificate.code]
    folder = file_name_part(department, department_bytes) or NO_DEPARTMENT
    return f"{folder}/{'-'.join(part for part in parts if part)}.pdf"


def _failure_reason(error: Exception) -> str:
    return str(error) or type(error).__name__


def _zip_entry(name: str, when: datetime.datetime) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=timezone.localtime(when).timetuple()[:6])
    entry.compress_type = zipfile.ZIP_STORED  # PDFs are compressed already
    entry.external_attr = 0o644 << 16  # readable files once unpacked, on Unix too
    return entry


def certificate_bundle_write(
    rows: QuerySet, out: typing.BinaryIO, progress: typing.Callable[[int], None], *, viewer
) -> None:
    """Write the certificates of `rows` (from `certificate_bundle_rows`) that `viewer` may download as a ZIP file
    to `out`: each PDF under `certificate_file_name`, then the manifest `certificates.csv` listing every
    certificate and the file it is in, or why it is not included.

    A PDF that cannot be had (rendering failed or timed out, its file unreadable) is listed as "not included: why"
    and the others carry on; when not one could be included, ExportProblem says why. Memory stays flat: one PDF at
    a time, and the manifest goes to a temporary file until the PDFs are written.
    """
    from certificates.services import certificate_pdf_bytes

    today = timezone.localdate()
    outcome = {"included": 0, "failed": 0, "first_failure": ""}

    def manifest_rows() -> Iterator[list]:
        for enrolment in rows.iterator(chunk_size=CERTIFICATE_CHUNK_SIZE):
            certificate = enrolment.certificate
            if not can_download_certificate(viewer, certificate):
                progress(1)
                continue
            name = certificate_file_name(enrolment)
            try:
                pdf = certificate_pdf_bytes(certificate=certificate)
            except Exception as error:
                logger.warning("Certificate %s left out of export bundle", certificate.code, exc_info=True)
                reason = _failure_reason(error)
                outcome["failed"] += 1
                outcome["first_failure"] = outcome["first_failure"] or reason
                entry = f"not included: {reason}"
            else:
                bundle.writestr(_zip_entry(name, certificate.issued_at), pdf)
                outcome["included"] += 1
                entry = name
            yield [
                certificate.code,
                certificate.holder_name,
                certificate.course_title,
                timezone.localdate(certificate.completed_at).isoformat(),
                certificate.valid_until.isoformat(),
                certificate.status_on(today),
                entry,
            ]
            progress(1)

    with tempfile.TemporaryFile() as manifest, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as bundle:
        # With a byte-order mark, so that Excel reads the names in Korean or Chinese as UTF-8.
        manifest.write("\ufeff".encode())
        for chunk in csv_chunks(MANIFEST_HEADER, manifest_rows()):
            manifest.write(chunk.encode("utf-8"))
        if not outcome["included"]:
            if outcome["failed"]:
                raise ExportProblem(
                    _("None of the %(count)s certificates could be included: %(reason)s")
                    % {
                        "count": formats.number_format(outcome["failed"], force_grouping=True),
                        "reason": outcome["first_failure"],
                    }
                )
            raise ExportProblem(_("There are no certificates among these rows, so there is nothing to download."))
        size = manifest.tell()
        manifest.seek(0)
        with bundle.open(_zip_entry(MANIFEST_NAME, timezone.now()), "w", force_zip64=size > zipfile.ZIP64_LIMIT) as to:
            shutil.copyfileobj(manifest, to)


# Each writes the file of a job's rows to `out`, telling `progress(n)` of every n rows written.
WRITERS = {ExportJob.Format.CSV: csv_write, ExportJob.Format.XLSX: xlsx_file_write}


def _export_kind(format: str) -> str:
    return "certificates" if format == ExportJob.Format.ZIP else "completion"


def export_file_name(format: str, on: datetime.date | None = None) -> str:
    """The name a downloaded export gets: completion-2026-03-01.xlsx, certificates-2026-03-01.zip."""
    return f"{_export_kind(format)}-{(on or timezone.localdate()).isoformat()}.{format}"


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


def export_job_rows(*, viewer, format: str, filters: ReportFilters) -> QuerySet:
    """What an export of `format` holds: the report rows `viewer` may see through `filters`, or, for a ZIP file,
    those of them with a certificate."""
    rows = completion_report_rows(viewer=viewer, filters=filters)
    return certificate_bundle_rows(rows) if format == ExportJob.Format.ZIP else rows


def export_job_create(*, requested_by, format: str, filters: ReportFilters, rows_total: int = 0) -> ExportJob:
    """Record an export of the report rows `requested_by` may see through `filters`, and queue the task that makes
    it once this transaction has committed.

    Old exports are deleted by a daily command; so that they go even where no one set it up, a new export also
    queues the clean-up when there is anything to clean (one query to find out).
    """
    job = ExportJob(requested_by=requested_by, format=format, filters=filters_to_json(filters), rows_total=rows_total)
    job.full_clean()
    job.save()
    transaction.on_commit(lambda: _queue_run(job.pk))
    if ExportJob.objects.filter(updated_at__lt=export_keep_cutoff()).exists():
        transaction.on_commit(_queue_cleanup)
    return job


def export_job_restart(*, job: ExportJob, requested_by) -> ExportJob:
    """A new export of the same format and filters as `job` (one that failed), for `requested_by`."""
    filters = filters_from_json(job.filters)
    rows_total = export_job_rows(viewer=requested_by, format=job.format, filters=filters).count()
    return export_job_create(requested_by=requested_by, format=job.format, filters=filters, rows_total=rows_total)


def _queue_run(job_id: int) -> None:
    from .tasks import export_job_run_task

    export_job_run_task.enqueue(job_id=job_id)


def _queue_cleanup() -> None:
    from .tasks import export_jobs_cleanup_task

    export_jobs_cleanup_task.enqueue()


class ExportRefused(ExportProblem):
    """The person who asked for an export may no longer make it."""


class ExportAbandoned(Exception):
    """The job stopped being this worker's while it ran: marked failed as stalled, or deleted."""


REFUSED_MESSAGES = {
    ExportJob.Format.ZIP: gettext_lazy(
        "You may no longer download other people's certificates, so this export was not made."
    ),
}
REFUSED_MESSAGE = gettext_lazy("You may no longer see completion reports, so this export was not made.")


def export_job_run(*, job_id: int) -> ExportJob:
    """Make the file of a queued export job, and record its progress as it goes.

    The rows are computed now, for what the requester may see now: someone who may no longer see reports (for a ZIP
    of certificates: no longer HR) gets a failed job that says so, not a file. Any error marks the job failed, with
    the error. A job that is not queued (already made, being made by another worker, or given up as stalled) is left
    alone, so running the task twice is harmless; and a worker that finds its job given up while it runs stops
    without a word, so a slow worker never overwrites what the page already told the user.

    The error, and the file's folder names, are in the requester's language: the task runs outside their request.
    """
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.QUEUED).update(
        status=ExportJob.Status.RUNNING, updated_at=timezone.now()
    )
    job = ExportJob.objects.select_related(
        "requested_by", "requested_by__wagtail_userprofile", "requested_by__employee"
    ).get(pk=job_id)
    if not claimed:
        return job
    with translation.override(_requester_language(job.requested_by)):
        return _export_job_make(job)


def _requester_language(user) -> str:
    """`languages.user_language(user)`, from the rows read with the job rather than two more queries."""
    profile = getattr(user, "wagtail_userprofile", None)
    employee = getattr(user, "employee", None)
    return (
        supported_language(profile.preferred_language if profile else None)
        or supported_language(employee.language if employee else None)
        or settings.LANGUAGE_CODE
    )


def _export_job_make(job: ExportJob) -> ExportJob:
    """The part of `export_job_run` after the job is claimed."""
    job_id = job.pk
    running = ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.RUNNING)
    try:
        viewer = job.requested_by
        if not can_export(viewer, job.format):
            raise ExportRefused(REFUSED_MESSAGES.get(job.format, REFUSED_MESSAGE))
        rows = export_job_rows(viewer=viewer, format=job.format, filters=filters_from_json(job.filters))
        job.rows_total = rows.count()
        running.update(rows_total=job.rows_total, updated_at=timezone.now())
        with tempfile.TemporaryFile() as out:
            if job.format == ExportJob.Format.ZIP:
                counter = _ProgressCounter(job.pk, every=CERTIFICATES_PROGRESS_EVERY, seconds=PROGRESS_SECONDS)
                certificate_bundle_write(rows, out, counter.add, viewer=viewer)
            else:
                counter = _ProgressCounter(job.pk)
                WRITERS[job.format](rows, out, counter.add)
            out.seek(0)
            # A name no one can guess, should the storage ever be reachable from outside the app.
            name = f"{_export_kind(job.format)}-{job.pk}-{secrets.token_urlsafe(16)}.{job.format}"
            job.file.save(name, File(out), save=False)
    except ExportAbandoned:
        logger.info("Export job %s was given up while it ran; its file was not kept", job_id)
        return ExportJob.objects.filter(pk=job_id).first() or job
    except Exception as error:
        if not isinstance(error, ExportProblem):
            logger.exception("Export job %s failed", job_id)
        job.status = ExportJob.Status.FAILED
        job.error = (
            str(error)
            if isinstance(error, ExportProblem)
            else _("The export failed: %(error)s") % {"error": repr(error)}
        )
        job.finished_at = job.updated_at = timezone.now()
        running.update(status=job.status, error=job.error, finished_at=job.finished_at, updated_at=job.updated_at)
        return job
    # The rows may have changed since they were counted: the file holds `done` of them.
    job.rows_done = job.rows_total = counter.done
    job.status = ExportJob.Status.DONE
    job.finished_at = job.updated_at = timezone.now()
    finished = running.update(
        file=job.file.name,
        rows_done=job.rows_done,
        rows_total=job.rows_total,
        status=job.status,
        finished_at=job.finished_at,
        updated_at=job.updated_at,
    )
    if not finished:
        # Given up as stalled while the file was being stored: nobody will ask for this file.
        job.file.delete(save=False)
        return ExportJob.objects.filter(pk=job_id).first() or job
    return job


class _ProgressCounter:
    """Counts the rows (or certificates) written, and writes the figure to the job now and then: every `every` of
    them, or, with `seconds`, at the first one after that many seconds, for exports where each takes a while."""

    def __init__(self, job_id: int, *, every: int | None = None, seconds: float | None = None):
        self.job_id = job_id
        self.every = every or PROGRESS_EVERY
        self.seconds = seconds
        self.done = 0
        self.written_at = time.monotonic()

    def add(self, rows: int) -> None:
        """Count `rows` more, writing the figure when it passes another `every`, or `seconds` have passed.

        Each write also tells that the job is alive (`updated_at`). It raises ExportAbandoned when the job is no
        longer running: the page has given it up, and the work would be wasted."""
        before, self.done = self.done, self.done + rows
        due = before // self.every != self.done // self.every
        if self.seconds is not None and time.monotonic() - self.written_at >= self.seconds:
            due = True
        if not due:
            return
        updated = ExportJob.objects.filter(pk=self.job_id, status=ExportJob.Status.RUNNING).update(
            rows_done=self.done, updated_at=timezone.now()
        )
        self.written_at = time.monotonic()
        if not updated:
            raise ExportAbandoned


def export_job_state(job: ExportJob) -> dict:
    """What the progress page's script shows: the status, the rows done and the error, as JSON."""
    from django.urls import reverse

    done = job.status == ExportJob.Status.DONE
    return {
        "id": job.pk,
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "rows_done": job.rows_done,
        "rows_total": job.rows_total,
        "progress": job.progress_label,
        "error": job.error,
        "download_url": reverse("training:export_job_download", kwargs={"job_id": job.pk}) if done else None,
    }


def recent_export_jobs(*, user) -> list[ExportJob]:
    """The last exports `user` asked for, newest first."""
    return list(ExportJob.objects.filter(requested_by=user).order_by("-created_at", "-pk")[:RECENT_JOBS])


# Stalled and old jobs

# Written in the language of the request that finds the job stalled (the requester's own, or the site's for the
# daily clean-up).
STALLED_MESSAGE = gettext_lazy("The export stopped (the server doing it was restarted). Start it again.")


def export_keep_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    """Exports that last changed before this time are deleted, with their files (EXPORT_KEEP_DAYS)."""
    return (now or timezone.now()) - datetime.timedelta(days=settings.EXPORT_KEEP_DAYS)


def export_jobs_fail_stalled(*, requested_by=None, now: datetime.datetime | None = None) -> int:
    """Mark failed the queued and running exports (of `requested_by`, or everyone's) whose progress has not moved
    for EXPORT_STALLED_MINUTES; returns how many.

    A running job writes its progress every few seconds, so one that has been silent this long lost its worker (a
    restart, a deploy, a killed process), and without this it would say "In progress" for ever. A worker that is
    merely slow finds its job given up at its next progress write and stops (`ExportAbandoned`)."""
    now = now or timezone.now()
    stalled = ExportJob.objects.filter(
        status__in=[ExportJob.Status.QUEUED, ExportJob.Status.RUNNING],
        updated_at__lt=now - datetime.timedelta(minutes=settings.EXPORT_STALLED_MINUTES),
    )
    if requested_by is not None:
        stalled = stalled.filter(requested_by=requested_by)
    # `updated_at` stays the last sign of life: the clean-up counts the days from there.
    return stalled.update(status=ExportJob.Status.FAILED, error=STALLED_MESSAGE, finished_at=now)


@dataclasses.dataclass
class ExportCleanup:
    stalled: int = 0  # queued or running exports marked failed
    deleted: int = 0  # exports deleted, with their files
    kept: int = 0  # old exports whose file could not be deleted: tried again next time


def export_jobs_cleanup(*, now: datetime.datetime | None = None) -> ExportCleanup:
    """Delete every export, finished, failed or never started, that has not changed for EXPORT_KEEP_DAYS, with its
    file; then mark the stalled ones among the others failed. Running it twice at once, or again, is harmless."""
    now = now or timezone.now()
    report = ExportCleanup()
    storage = ExportJob._meta.get_field("file").storage
    # A week's exports at most: a short list.
    old = list(ExportJob.objects.filter(updated_at__lt=export_keep_cutoff(now)).values_list("pk", "file"))
    deletable = []
    for job_id, name in old:
        if name:
            try:
                storage.delete(name)  # a file already gone is no error
            except Exception:
                logger.exception("Could not delete the file %s of export job %s", name, job_id)
                report.kept += 1
                continue
        deletable.append(job_id)
    if deletable:
        report.deleted, _ = ExportJob.objects.filter(pk__in=deletable).delete()
    report.stalled = export_jobs_fail_stalled(now=now)
    return report
