import io

from pypdf import PdfReader


def pdf_text(content: bytes) -> str:
    """The text of every page of a PDF, as a reader would copy it."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
