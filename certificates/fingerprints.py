"""The fingerprint a certificate PDF carries: SHA-256 of the certificate's canonical data, and the check of an
uploaded PDF against the record.

The canonical data is what the certificate certifies, written the same way every time (JSON, keys sorted, no spaces,
UTF-8, times in UTC to the second). The PDF carries the fingerprint in its metadata and prints it; the check finds
the record by the code in the file, recomputes the fingerprint from the record and compares, then makes sure the
words a reader sees (name, course, dates, code) are the record's: a file whose visible text was edited, or whose
metadata was copied onto another PDF, is reported as altered.
"""

import datetime
import hashlib
import io
import json
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

# Names of the PDF's document information entries (lower-case letters and digits: WeasyPrint lower-cases meta names
# and drops anything else).
METADATA_FINGERPRINT = "certificatesha256"
METADATA_CODE = "certificatecode"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def _utc(moment: datetime.datetime | None) -> str | None:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def certificate_canonical_data(certificate) -> dict:
    return {
        "code": certificate.code,
        "holder": certificate.holder_name,
        "course": certificate.course_title,
        "score": f"{certificate.score:.2f}",
        "completed_at": _utc(certificate.completed_at),
        "issued_at": _utc(certificate.issued_at),
        "valid_until": certificate.valid_until.isoformat(),
        "course_revision": certificate.course_revision_id,
        "acknowledged_at": _utc(certificate.acknowledged_at),
    }


def certificate_fingerprint(certificate) -> str:
    canonical = json.dumps(
        certificate_canonical_data(certificate), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def certificate_date(day) -> str:
    """A date as certificates print it (PDF, verification page): the active language's DATE_FORMAT."""
    return date_format(day, "DATE_FORMAT")


def printed_facts(certificate) -> list[str]:
    """What a reader of the PDF sees and must find unchanged: name, course, completion date, expiry, code (the
    dates as the active language prints them)."""
    return [
        certificate.holder_name,
        certificate.course_title,
        certificate_date(timezone.localdate(certificate.completed_at)),
        certificate_date(certificate.valid_until),
        certificate.code,
    ]


def _printed_facts_found(certificate, seen: str) -> bool:
    """Whether the squashed text `seen` holds every printed fact, in any one language a PDF may be worded in."""
    for language in dict.fromkeys([translation.get_language(), *(code for code, _name in settings.LANGUAGES)]):
        with translation.override(language):
            if all(_squashed(fact) in seen for fact in printed_facts(certificate)):
                return True
    return False


@dataclass
class PdfCheck:
    """The outcome of checking an uploaded file: `authentic` with the certificate, or not, and why."""

    authentic: bool
    reason: str
    certificate: object = None


def _squashed(text: str) -> str:
    # Layout breaks long strings over lines and spaces glyphs out: compare without any whitespace.
    return re.sub(r"\s+", "", text)


def certificate_pdf_check(data: bytes) -> PdfCheck:
    """Whether `data` is a certificate PDF of ours, unaltered."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    from .models import Certificate

    not_ours = _("This file is not a certificate from this site, or it has been altered.")
    if len(data) > MAX_UPLOAD_BYTES:
        return PdfCheck(False, _("This file is too large to be one of our certificates."))
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        metadata = reader.metadata or {}
        code = str(metadata.get(f"/{METADATA_CODE}", "")).strip()
        fingerprint = str(metadata.get(f"/{METADATA_FINGERPRINT}", "")).strip()
        text = "\n".join(page.extract_text() or "" for page in reader.pages[:3])
    except (PdfReadError, ValueError, TypeError, KeyError, OSError, RecursionError):
        return PdfCheck(False, _("This file is not a PDF we can read."))
    certificate = Certificate.objects.filter(code=code).first() if code else None
    if certificate is None or not fingerprint:
        return PdfCheck(False, not_ours)
    altered = _("This file has been altered: it does not match our record of the certificate with its code (below).")
    if fingerprint != certificate_fingerprint(certificate):
        return PdfCheck(False, altered, certificate)
    if not _printed_facts_found(certificate, _squashed(text)):
        return PdfCheck(False, altered, certificate)
    return PdfCheck(True, _("This file is authentic: it is the certificate below, unaltered."), certificate)
