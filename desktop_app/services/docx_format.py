"""Word documents (.docx) to and from the drafts' Markdown, through python-docx.

Headings, emphasis, strong and lists travel as Word's own styles ("Heading 1", bold and
italic runs, "List Bullet", "List Number"), so the text stays editable as Word text.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run as WordRun

from desktop_app.domain.markup import Block, Heading, ListItem, is_right_to_left, plain

_HEADING_STYLE = re.compile(r"Heading ([1-9])")
_MARKDOWN_HEADING_LEVELS = 6
# Word's own manual line break and page break characters, as they arrive in pasted text.
_WORD_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
# What XML 1.0, and so a Word document, cannot hold at all.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render_docx(title: str, blocks: Iterable[Block]) -> bytes:
    document = docx.Document()
    properties = document.core_properties
    # The built-in template says "python-docx" wrote it in 2013; a client would see that.
    properties.title = _NOT_IN_XML.sub("", title)  # only the file's metadata
    properties.author = properties.comments = ""
    properties.created = properties.modified = datetime.now(UTC)
    numbered_list: str | None = None  # the numId of the numbered list being written
    for block in blocks:
        if isinstance(block, Heading):
            paragraph = document.add_heading(level=block.level)
        elif isinstance(block, ListItem):
            paragraph = document.add_paragraph(
                style="List Number" if block.ordered else "List Bullet"
            )
        else:
            paragraph = document.add_paragraph()
        if isinstance(block, ListItem) and block.ordered:
            # Each numbered list counts from its own first number; the style alone would
            # carry on counting from the list before it.
            numbered_list = numbered_list or _new_numbering(document, block.number)
            _set_numbering(paragraph, numbered_list)
        else:
            numbered_list = None
        if is_right_to_left(plain(block.runs)):
            paragraph._p.get_or_add_pPr().append(OxmlElement("w:bidi"))
        for run in block.runs:
            word_run = paragraph.add_run(_word_text(run.text))  # "\n": a line break
            font = word_run.font
            # Hebrew, Arabic and other complex scripts take their bold and italic from the
            # cs_ properties; Latin and CJK from the plain ones. Setting both covers each.
            font.bold = font.cs_bold = run.strong or None
            font.italic = font.cs_italic = run.emphasis or None
            if is_right_to_left(run.text):
                font.rtl = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _word_text(text: str) -> str:
    """The text for a Word run; ValueError naming a character that Word cannot hold, rather
    than a document silently without it."""
    text = text.translate(_WORD_BREAKS)
    if (found := _NOT_IN_XML.search(text)) is not None:
        before = " ".join(text[: found.start()].split()[-3:])
        raise ValueError(
            f"the draft holds the control character U+{ord(found[0]):04X}"
            + (f" after “{before}”" if before else "")
            + ", which a Word document cannot hold. Delete it and export again."
        )
    return text


def _new_numbering(document: Document, start: int) -> str:
    """A new instance of the "List Number" numbering, starting at `start`."""
    numbering = document.part.numbering_part.element
    style_num = document.styles["List Number"].element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
    abstract = numbering.xpath(f'./w:num[@w:numId="{style_num[0]}"]/w:abstractNumId/@w:val')
    num = numbering.add_num(int(abstract[0]))
    override = num.add_lvlOverride(ilvl=0)
    override.add_startOverride(start)
    return str(num.numId)


def _set_numbering(paragraph: WordParagraph, num_id: str) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().set(qn("w:val"), "0")
    num_pr.get_or_add_numId().set(qn("w:val"), num_id)


def read_docx(path: Path) -> str:
    """The document's text as Markdown: one block per Word paragraph, tables included."""
    document = docx.Document(str(path))
    numbering = _numbering_formats(document)
    parts: list[str] = []
    last_marker: str | None = None
    for paragraph in _paragraphs(document):
        style = paragraph.style.name if paragraph.style is not None else ""
        heading = _HEADING_STYLE.fullmatch(style or "")
        level = 1 if style == "Title" else int(heading[1]) if heading else 0
        marker = _list_marker(paragraph, numbering) if not level else None
        text = _inline(_runs(paragraph), in_heading=bool(level))
        if not text.strip():
            continue
        if level:
            text = "#" * min(level, _MARKDOWN_HEADING_LEVELS) + " " + " ".join(text.split())
        elif marker:
            text = marker + text.strip()
        # Items of one list follow one another line by line; everything else is a paragraph.
        if parts:
            parts.append("\n" if marker and marker == last_marker else "\n\n")
        parts.append(text)
        last_marker = marker
    return "".join(parts)


def _paragraphs(container: Document | Table) -> Iterator[WordParagraph]:
    items = (
        container.iter_inner_content()
        if isinstance(container, Document)
        else (
            item
            for row in container.rows
            for cell in dict.fromkeys(row.cells)  # a merged cell is listed once per column
            for item in cell.iter_inner_content()
        )
    )
    for item in items:
        if isinstance(item, WordParagraph):
            yield item
        else:
            yield from _paragraphs(item)


def _runs(paragraph: WordParagraph) -> Iterator[WordRun]:
    for item in paragraph.iter_inner_content():
        if isinstance(item, Hyperlink):
            yield from item.runs  # the link's text; the address has no place in a draft
        else:
            yield item


def _inline(runs: Iterable[WordRun], *, in_heading: bool) -> str:
    """Runs as Markdown; a heading's bold is its style's, not the writer's emphasis."""

    def style_of(run: WordRun) -> tuple[bool, bool]:
        character = run.style.name if run.style is not None else ""
        strong = bool(run.bold) or character == "Strong"
        return (strong and not in_heading, bool(run.italic) or character == "Emphasis")

    pieces: list[str] = []
    for (strong, emphasis), group in itertools.groupby(runs, key=style_of):
        text = "".join(run.text for run in group)
        marker = "**" * strong + "*" * emphasis
        core = text.strip()
        if marker and core:
            # Spaces stay outside the asterisks, where Markdown still reads them as markup.
            start = text.index(core)
            text = f"{text[:start]}{marker}{core}{marker}{text[start + len(core) :]}"
        pieces.append(text)
    return "".join(pieces)


def _numbering_formats(document: Document) -> dict[tuple[str, str], str]:
    """(numId, level) → number format ("bullet", "decimal", ...) for the document's lists."""
    try:
        numbering = document.part.numbering_part.element
    except NotImplementedError:  # a document without any lists has no numbering part
        return {}
    formats: dict[tuple[str, str], str] = {}
    for num in numbering.xpath("./w:num"):
        abstract = num.xpath("./w:abstractNumId/@w:val")
        levels = numbering.xpath(f'./w:abstractNum[@w:abstractNumId="{abstract[0]}"]/w:lvl')
        for lvl in levels if abstract else ():
            fmt = lvl.find(qn("w:numFmt"))  # a plain lxml element: no w: prefix for xpath
            key = (num.get(qn("w:numId")), lvl.get(qn("w:ilvl")))
            formats[key] = "" if fmt is None else fmt.get(qn("w:val"), "")
    return formats


def _list_marker(paragraph: WordParagraph, formats: dict[tuple[str, str], str]) -> str | None:
    """The Markdown marker of a list paragraph ("1. " when numbered, else "- "), or None."""
    style = paragraph.style
    # The paragraph's own numbering, else its style's (as in "List Number").
    candidates = [paragraph._p, *([style.element] if style is not None else [])]
    for element in candidates:
        num_id = element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
        if num_id:
            if num_id[0] == "0":  # numbering switched off for this paragraph
                return None
            level = element.xpath("./w:pPr/w:numPr/w:ilvl/@w:val") or ["0"]
            fmt = formats.get((num_id[0], level[0]), "bullet")
            return "- " if fmt in ("bullet", "none", "") else "1. "
    # A template's list styles may draw their bullets some other way; "List Paragraph"
    # without numbering is only indented text.
    name = (style.name if style is not None else "") or ""
    if name.startswith("List Number"):
        return "1. "
    return "- " if name.startswith("List Bullet") else None
