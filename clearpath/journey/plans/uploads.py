"""Checking an uploaded document by what it contains, not only by its name.

Accepted: PDF, Word (.docx), OpenDocument text (.odt), JPEG and PNG images. The size limit is
the council's setting PLAN_UPLOAD_MAX_BYTES (10 MB unless set)."""

import io
import zipfile
from dataclasses import dataclass

KINDS = {
    "pdf": ("PDF", (".pdf",)),
    "docx": ("Word document", (".docx",)),
    "odt": ("OpenDocument text", (".odt",)),
    "jpeg": ("JPEG image", (".jpg", ".jpeg")),
    "png": ("PNG image", (".png",)),
}
ALLOWED_WORDS = "a PDF, Word (.docx), OpenDocument (.odt), JPEG or PNG file"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


class UploadRefused(ValueError):
    pass


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    kind: str
    size: int


def sniff(content: bytes) -> str | None:
    """The kind of document these bytes are, from their content; None if not one we accept."""
    if content.startswith(b"%PDF-"):
        return "pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if content.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as z:
                names = set(z.namelist())
                if "mimetype" in names:
                    info = z.getinfo("mimetype")
                    if info.file_size <= 100 and z.read("mimetype").strip() == ODT_MIMETYPE:
                        return "odt"
                if "[Content_Types].xml" in names and "word/document.xml" in names:
                    return "docx"
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
            return None
    return None


def check_upload(*, name: str, content: bytes, max_bytes: int) -> CheckedUpload:
    """The upload if it is an accepted kind within the size limit; UploadRefused saying why."""
    name = (name or "document").replace("\\", "/").rsplit("/", 1)[-1].strip()[:200] or "document"
    if not content:
        raise UploadRefused("The selected file is empty")
    if len(content) > max_bytes:
        raise UploadRefused(
            f"The selected file must be smaller than {max_bytes // (1024 * 1024)} MB "
            f"(it is {len(content) / (1024 * 1024):.1f} MB)"
        )
    kind = sniff(content)
    if kind is None:
        raise UploadRefused(f"The selected file must be {ALLOWED_WORDS}")
    words, extensions = KINDS[kind]
    if not name.lower().endswith(extensions):
        raise UploadRefused(
            f"The selected file is a {words}, but its name does not end in "
            f"{' or '.join(extensions)}. Rename it, or choose another file"
        )
    return CheckedUpload(name=name, kind=kind, size=len(content))
