"""Checking an uploaded document by what it contains, not only by its name.

Accepted: PDF, Word (.docx), OpenDocument text (.odt), JPEG and PNG images. The size limit is
the council's setting PLAN_UPLOAD_MAX_BYTES (10 MB unless set).

Also refused: a file that is two things at once (a PDF or image with a web page or script inside,
which a browser could be tricked into running), a PDF that carries JavaScript or launches programs,
and a Word or OpenDocument file that would unpack to more than PLAN_UPLOAD_MAX_UNPACKED_BYTES (100 MB
unless set) or has more than MAX_PARTS parts (a "zip bomb")."""

import io
import re
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
MAX_PARTS = 5000  # a long Word document has a few hundred
# What a browser reads as a web page or script, wherever it is in the file (polyglots hide it in
# a PDF comment or after an image's end).
HIDDEN_HTML = re.compile(
    rb"<(html|script|body|iframe|svg|object|embed|meta|!doctype\s+html)[\s>/]", re.I
)
# Names long enough that compressed image or font data will not contain them by chance.
PDF_ACTIONS = re.compile(rb"/(JavaScript|Launch|EmbeddedFiles?|RichMedia|SubmitForm)\b")


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


def _refuse_zip_bomb(content: bytes, kind: str, max_unpacked: int) -> None:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        parts = z.infolist()
    unpacked = sum(p.file_size for p in parts)
    if len(parts) > MAX_PARTS or unpacked > max_unpacked:
        raise UploadRefused(
            f"The selected {KINDS[kind][0]} is too big once opened "
            f"({len(parts)} parts, {unpacked / (1024 * 1024):.0f} MB; the limit is "
            f"{MAX_PARTS} parts and {max_unpacked // (1024 * 1024)} MB). "
            "Save it again without large pictures, or as a PDF"
        )


def check_upload(
    *, name: str, content: bytes, max_bytes: int, max_unpacked: int = 100 * 1024 * 1024
) -> CheckedUpload:
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
    if kind in ("pdf", "jpeg", "png") and HIDDEN_HTML.search(content):
        raise UploadRefused(
            f"The selected file is not a plain {KINDS[kind][0]}: it has a web page or script "
            "inside it. Save it again as a new file (for example, print it to PDF) and upload that"
        )
    if kind == "pdf" and PDF_ACTIONS.search(content):
        raise UploadRefused(
            "The selected PDF contains scripts, attachments or actions, which we do not accept. "
            "Save it again as a new PDF (for example, print it to PDF) and upload that"
        )
    if kind in ("docx", "odt"):
        _refuse_zip_bomb(content, kind, max_unpacked)
    words, extensions = KINDS[kind]
    if not name.lower().endswith(extensions):
        raise UploadRefused(
            f"The selected file is a {words}, but its name does not end in "
            f"{' or '.join(extensions)}. Rename it, or choose another file"
        )
    return CheckedUpload(name=name, kind=kind, size=len(content))
