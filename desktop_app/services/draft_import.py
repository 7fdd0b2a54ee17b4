"""Files a writer brings in (.txt, .md, .docx), read whole into the text of a new draft.

A file is read completely, or not at all: any failure raises `ImportFailed`, whose message
names the file and the cause, before a draft exists.
"""

from __future__ import annotations

import codecs
import logging
import zipfile
from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain.i18n import translate
from desktop_app.domain.markup import normalize_newlines

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
DOCX_SUFFIX = ".docx"
MAX_TEXT_BYTES = 20 * 1024 * 1024  # some twenty novels; anything larger is not a draft
MAX_DOCX_UNPACKED_BYTES = 200 * 1024 * 1024  # images included: a zip bomb stops here

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
LEGACY_ENCODING = "cp1252"  # Windows Western European: what old Notepad files usually are


class ImportFailed(Exception):
    """A file could not be imported; the message names it and says why.

    `reason` is the why alone, where the file's content was the trouble (for callers that
    say it in a sentence of their own); None where the file could not be read at all."""

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ImportedFile:
    title: str  # the file's name without its extension
    body: str
    legacy_encoding: bool = False  # neither UTF-8 nor marked: read as Windows-1252


def read_draft_file(path: Path) -> ImportedFile:
    suffix = path.suffix.lower()
    if suffix not in (*TEXT_SUFFIXES, DOCX_SUFFIX):
        raise ImportFailed(
            translate(
                "Import", "“{file}” was not imported: Inkwell imports .txt, .md and .docx files."
            ).format(file=path.name)
        )
    try:
        if suffix == DOCX_SUFFIX:
            body, legacy = _read_word(path), False
        else:
            body, legacy = decode_text(_read_bytes(path))
    except OSError as exc:
        raise ImportFailed(
            translate("Import", "“{file}” could not be read: {reason}.").format(
                file=path.name, reason=exc.strerror or exc
            )
        ) from exc
    except ValueError as exc:
        raise ImportFailed(
            translate("Import", "“{file}” was not imported: {reason}").format(
                file=path.name, reason=exc
            ),
            str(exc),
        ) from exc
    return ImportedFile(" ".join(path.stem.split()), normalize_newlines(body), legacy)


def decode_text(data: bytes) -> tuple[str, bool]:
    """The text, and whether it was read in the legacy encoding for want of a better one.

    Raises ValueError for a file that is not text."""
    for mark, encoding in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                text = data[len(mark) :].decode(encoding)
            except UnicodeDecodeError:
                raise ValueError(
                    translate("Import", "it is marked as {encoding} but is not.").format(
                        encoding=encoding.upper()
                    )
                ) from None
            break
    else:
        if b"\0" in data:  # as git decides: text never holds a zero byte, binary nearly always
            raise ValueError(_not_text())
        try:
            return data.decode("utf-8"), False
        except UnicodeDecodeError:
            return data.decode(LEGACY_ENCODING, errors="replace"), True
    if "\0" in text:
        raise ValueError(_not_text())
    return text, False


def _not_text() -> str:
    return translate("Import", "it is not a text file.")


def _damaged_word() -> str:
    return translate("Import", "it is damaged, or not a Word (.docx) document.")


def _read_bytes(path: Path) -> bytes:
    with path.open("rb") as file:
        data = file.read(MAX_TEXT_BYTES + 1)  # never more, whatever the file claims
    if len(data) > MAX_TEXT_BYTES:
        raise ValueError(
            translate("Import", "it is larger than {size} MB.").format(size=MAX_TEXT_BYTES // 2**20)
        )
    return data


def _read_word(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ValueError(_damaged_word()) from None
    if unpacked > MAX_DOCX_UNPACKED_BYTES:
        raise ValueError(
            translate("Import", "it unpacks to more than {size} MB.").format(
                size=MAX_DOCX_UNPACKED_BYTES // 2**20
            )
        )
    from desktop_app.services.docx_format import read_docx  # lazily, as in draft_export

    try:
        return read_docx(path)
    except OSError:
        raise
    # python-docx on a damaged package raises anything from KeyError to XML syntax errors.
    except Exception as exc:
        log.warning("could not read %s as a Word document", path, exc_info=True)
        raise ValueError(_damaged_word()) from exc
