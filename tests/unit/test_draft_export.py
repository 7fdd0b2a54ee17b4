"""Exporting a draft: each format rendered from the one parse of its Markdown."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path

import docx
import pytest

from desktop_app.services import docx_format, draft_export
from desktop_app.services.docx_format import read_docx
from desktop_app.services.draft_export import (
    ExportError,
    ExportFormat,
    file_name_for,
    format_for_path,
    render_draft,
    save_export,
)

DRAFT = """# The Lighthouse

It was *dark* and **stormy**.
A second line.

- bread
- salt

1. open the door
2. climb

## Part *Two*

3. look out
"""
WORLD = "中文：春眠不觉晓 · עברית: שלום עולם · emoji 🌊🦉 · ελληνικά"


def test_markdown_is_the_writers_own_text():
    assert render_draft(ExportFormat.MARKDOWN, "t", "a\r\n*b*").decode() == "a\n*b*\n"
    assert render_draft(ExportFormat.MARKDOWN, "t", "") == b""


def test_plain_text_drops_the_markup_but_keeps_lists():
    text = render_draft(ExportFormat.TEXT, "t", DRAFT).decode()
    assert text == (
        "The Lighthouse\n\n"
        "It was dark and stormy.\nA second line.\n\n"
        "• bread\n• salt\n\n"
        "1. open the door\n2. climb\n\n"
        "Part Two\n\n"
        "3. look out\n"
    )


def test_plain_text_numbers_a_list_written_with_ones():
    text = render_draft(ExportFormat.TEXT, "t", "1. a\n1. b\n   wrapped\n1. c").decode()
    assert text == "1. a\n2. b\n   wrapped\n3. c\n"


def test_html_is_standalone_utf8_and_escaped():
    page = render_draft(
        ExportFormat.HTML, "<Title> & co", "<script>alert(1)</script> & *it*\nnext"
    ).decode("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert "<title>&lt;Title&gt; &amp; co</title>" in page
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <em>it</em><br>\nnext" in page


def test_html_structure():
    page = render_draft(ExportFormat.HTML, "t", DRAFT).decode()
    assert '<h1 dir="ltr">The Lighthouse</h1>' in page
    assert "<strong>stormy</strong>" in page
    assert '<ul>\n<li dir="ltr">bread</li>\n<li dir="ltr">salt</li>\n</ul>' in page
    assert '<ol>\n<li dir="ltr">open the door</li>' in page
    assert '<h2 dir="ltr">Part <em>Two</em></h2>' in page
    assert '<ol start="3">\n<li dir="ltr">look out</li>\n</ol>' in page


def test_docx_uses_words_own_styles():
    document = docx.Document(io.BytesIO(render_draft(ExportFormat.DOCX, "Lighthouse", DRAFT)))
    paragraphs = document.paragraphs
    properties = document.core_properties
    assert properties.title == "Lighthouse"
    assert properties.author == properties.comments == ""  # not "python-docx"
    assert properties.created.year >= 2025
    assert [p.style.name for p in paragraphs] == [
        "Heading 1",
        "Normal",
        "List Bullet",
        "List Bullet",
        "List Number",
        "List Number",
        "Heading 2",
        "List Number",
    ]
    assert paragraphs[0].text == "The Lighthouse"
    runs = {run.text: run for run in paragraphs[1].runs}
    assert runs["stormy"].bold and not runs["stormy"].italic
    assert runs["dark"].italic and not runs["dark"].bold
    assert "A second line." in paragraphs[1].text  # after a line break in the same paragraph
    assert "<w:br/>" in paragraphs[1]._p.xml


def test_docx_numbered_lists_each_count_from_their_first_number():
    document = docx.Document(io.BytesIO(render_draft(ExportFormat.DOCX, "t", DRAFT)))
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    ids = [p._p.xpath("./w:pPr/w:numPr/w:numId/@w:val")[0] for p in numbered]
    assert ids[0] == ids[1] != ids[2]  # the list after the heading is a list of its own
    numbering = document.part.numbering_part.element
    start = numbering.xpath(f'./w:num[@w:numId="{ids[2]}"]//w:startOverride/@w:val')
    assert start == ["3"]


def test_html_gives_each_block_its_direction():
    page = render_draft(ExportFormat.HTML, "t", "# שלום\n\nHello שלום\n\n- مرحبا").decode()
    assert '<h1 dir="rtl">' in page
    assert '<p dir="ltr">Hello' in page
    assert '<li dir="rtl">' in page


def test_docx_marks_right_to_left_paragraphs():
    document = docx.Document(io.BytesIO(render_draft(ExportFormat.DOCX, "t", "שלום **עולם**")))
    [paragraph] = document.paragraphs
    assert paragraph._p.xpath("./w:pPr/w:bidi")
    bold = paragraph.runs[1]
    assert bold.font.bold and bold.font.cs_bold and bold.font.rtl


@pytest.mark.parametrize("fmt", [ExportFormat.MARKDOWN, ExportFormat.TEXT, ExportFormat.HTML])
def test_every_script_survives_the_text_formats(fmt):
    assert WORLD in render_draft(fmt, WORLD, f"# {WORLD}\n\n{WORLD}").decode("utf-8")


def test_every_script_survives_word(tmp_path):
    path = tmp_path / "world.docx"
    path.write_bytes(render_draft(ExportFormat.DOCX, WORLD, f"# {WORLD}\n\n*{WORLD}*"))
    assert read_docx(path) == f"# {WORLD}\n\n*{WORLD}*"


def test_pdf_needs_the_ui_writer_and_gets_the_page():
    seen = []

    def to_pdf(title, page):
        seen.append((title, page))
        return b"%PDF-fake"

    assert render_draft(ExportFormat.PDF, "T", "*x*", to_pdf) == b"%PDF-fake"
    assert seen[0][0] == "T" and "<em>x</em>" in seen[0][1]
    with pytest.raises(ExportError, match="no PDF writer"):
        render_draft(ExportFormat.PDF, "T", "x")


def test_a_converter_that_raises_is_a_failed_export(monkeypatch):
    def broken(*_args):
        raise KeyError("styles.xml")

    monkeypatch.setattr(docx_format, "render_docx", broken)
    with pytest.raises(ExportError, match="DOCX file could not be made"):
        render_draft(ExportFormat.DOCX, "t", "text")


def test_a_full_disk_leaves_the_old_file_and_says_so(tmp_path, monkeypatch):
    target = tmp_path / "chapter.docx"
    target.write_bytes(b"the good old file")

    def full(*_args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ExportError, match=r"chapter\.docx could not be written.*space"):
        save_export(target, b"new")
    assert target.read_bytes() == b"the good old file"
    assert [p.name for p in tmp_path.iterdir()] == ["chapter.docx"]


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.md", ExportFormat.MARKDOWN),
        ("a.MARKDOWN", ExportFormat.MARKDOWN),
        ("a.txt", ExportFormat.TEXT),
        ("a.htm", ExportFormat.HTML),
        ("a.Docx", ExportFormat.DOCX),
        ("a.pdf", ExportFormat.PDF),
        ("a.rtf", None),
        ("a", None),
    ],
)
def test_format_by_extension(name, fmt):
    assert format_for_path(Path(name)) is fmt


def test_file_names_from_titles():
    assert file_name_for("Act 1: The <Storm>?") == "Act 1- The -Storm-"
    assert file_name_for("第一章 「雨」") == "第一章 「雨」"
    assert file_name_for(" ... ") == "draft"


def test_parsing_happens_once_per_export(monkeypatch):
    calls = []
    real = draft_export.parse_markup

    def counting(text):
        calls.append(text)
        return real(text)

    monkeypatch.setattr(draft_export, "parse_markup", counting)
    render_draft(ExportFormat.PDF, "t", DRAFT, lambda _title, page: page.encode())
    assert calls == [DRAFT]
