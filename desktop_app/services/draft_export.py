"""The open draft as a file: Markdown, plain text, a web page, a Word document or a PDF.

The draft is parsed once (domain.markup) and every format renders those blocks; Markdown is
the writer's own text, written as it is. A PDF needs Qt's text layout (QtGui, UI-only), so
the UI hands in the function that lays the web page out as PDF.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path

from desktop_app.domain.i18n import translate
from desktop_app.domain.markup import (
    Block,
    Heading,
    ListItem,
    Run,
    continues_list,
    is_right_to_left,
    normalize_newlines,
    parse_markup,
    plain,
)
from desktop_app.services.atomic_file import write_atomically

log = logging.getLogger(__name__)

HtmlToPdf = Callable[[str, str], bytes]  # (title, standalone HTML) -> PDF bytes


class ExportFormat(StrEnum):
    MARKDOWN = "md"
    TEXT = "txt"
    HTML = "html"
    DOCX = "docx"
    PDF = "pdf"

    @property
    def suffix(self) -> str:
        return f".{self.value}"


_BY_SUFFIX = {
    **{f.suffix: f for f in ExportFormat},
    ".markdown": ExportFormat.MARKDOWN,
    ".text": ExportFormat.TEXT,
    ".htm": ExportFormat.HTML,
}


def format_for_path(path: Path) -> ExportFormat | None:
    return _BY_SUFFIX.get(path.suffix.lower())


_NOT_IN_FILE_NAMES = re.compile(r'[\x00-\x1f<>:"/\\|?*]+')


def file_name_for(title: str) -> str:
    """A file name from a draft's title, without what Windows, macOS or Linux refuse."""
    return _NOT_IN_FILE_NAMES.sub("-", title).strip(" .") or "draft"


class ExportError(Exception):
    """An export failed; the message is meant for the user. No file was changed."""


def render_draft(
    fmt: ExportFormat, title: str, body: str, html_to_pdf: HtmlToPdf | None = None
) -> bytes:
    if fmt is ExportFormat.MARKDOWN:
        return _text_file(normalize_newlines(body)).encode("utf-8")
    blocks = parse_markup(body)
    try:
        if fmt is ExportFormat.TEXT:
            return render_text(blocks).encode("utf-8")
        if fmt is ExportFormat.HTML:
            return render_html(title, blocks).encode("utf-8")
        if fmt is ExportFormat.DOCX:
            # python-docx and lxml take some 70 ms to import: not on the way to the window.
            from desktop_app.services.docx_format import render_docx

            return render_docx(title, blocks)
        if html_to_pdf is None:
            raise ValueError("no PDF writer is available")
        return html_to_pdf(title, render_html(title, blocks))
    # The converters include third-party code on the writer's text: whatever one raises,
    # it is a failed export to report, and nothing has been written yet.
    except Exception as exc:
        log.exception("rendering %s failed", fmt)
        raise ExportError(
            translate("Export", "The {format} file could not be made: {detail}").format(
                format=fmt.value.upper(), detail=exc
            )
        ) from exc


def save_export(path: Path, data: bytes) -> None:
    try:
        write_atomically(path, data)
    except OSError as exc:
        raise ExportError(
            translate("Export", "{file} could not be written in {folder}: {reason}.").format(
                file=path.name, folder=path.parent, reason=exc.strerror or exc
            )
        ) from exc


def render_text(blocks: Iterable[Block]) -> str:
    """The words without the markup; list items keep a bullet or their number."""
    parts: list[str] = []
    previous: Block | None = None
    number = 0
    for block in blocks:
        text = plain(block.runs)
        if isinstance(block, ListItem):
            number = number + 1 if continues_list(previous, block) else block.number
            marker = f"{number}. " if block.ordered else "• "
            text = marker + text.replace("\n", "\n" + " " * len(marker))
        if previous is not None:
            parts.append("\n" if continues_list(previous, block) else "\n\n")
        parts.append(text)
        previous = block
    return _text_file("".join(parts))


def render_html(title: str, blocks: Iterable[Block]) -> str:
    """A standalone UTF-8 page. Each block says its direction, worked out as browsers do for
    `dir="auto"`: Qt, which lays the page out for PDF, does not know "auto"."""
    body: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if isinstance(previous, ListItem) and not continues_list(previous, block):
            body.append(f"</{_list_tag(previous)}>")
        inline = "".join(_html_run(run) for run in block.runs)
        direction = "rtl" if is_right_to_left(plain(block.runs)) else "ltr"
        if isinstance(block, ListItem):
            if not continues_list(previous, block):
                start = f' start="{block.number}"' if block.ordered and block.number != 1 else ""
                body.append(f"<{_list_tag(block)}{start}>")
            body.append(f'<li dir="{direction}">{inline}</li>')
        elif isinstance(block, Heading):
            body.append(f'<h{block.level} dir="{direction}">{inline}</h{block.level}>')
        else:
            body.append(f'<p dir="{direction}">{inline}</p>')
        previous = block
    if isinstance(previous, ListItem):
        body.append(f"</{_list_tag(previous)}>")
    return _PAGE.format(title=html.escape(title), body="\n".join(body))


def _list_tag(item: ListItem) -> str:
    return "ol" if item.ordered else "ul"


def _html_run(run: Run) -> str:
    text = html.escape(run.text).replace("\n", "<br>\n")
    if run.emphasis:
        text = f"<em>{text}</em>"
    return f"<strong>{text}</strong>" if run.strong else text


def _text_file(text: str) -> str:
    """Text with one final newline, as editors and version control expect."""
    return text.rstrip("\n") + "\n" if text else ""


_PAGE = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Inkwell">
<title>{title}</title>
<style>
body {{ max-width: 40em; margin: 2em auto; padding: 0 1em; line-height: 1.5;
       font-family: Georgia, "Noto Serif", "Times New Roman", serif; }}
</style>
</head>
<body>
{body}
</body>
</html>
"""
