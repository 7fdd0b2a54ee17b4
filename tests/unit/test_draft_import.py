"""Importing files as drafts: encodings, Word documents, and files that are not drafts."""

from __future__ import annotations

import codecs
import re
import zipfile

import docx
import pytest

from desktop_app.services import draft_import
from desktop_app.services.draft_import import ImportedFile, ImportFailed, read_draft_file

TEXT = "Café — «quoted» 中文 שלום 🌊\nsecond line"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        TEXT.replace("\n", "\r").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16le", "utf16be", "utf32le", "crlf", "cr"],
)
def test_unicode_text_files(tmp_path, data):
    path = tmp_path / "My  Story.md"
    path.write_bytes(data)
    assert read_draft_file(path) == ImportedFile("My Story", TEXT)


def test_a_legacy_file_is_read_as_windows_1252_and_says_so(tmp_path):
    path = tmp_path / "old notes.txt"
    path.write_bytes("Café – “smart” €5\r\n".encode("cp1252"))
    imported = read_draft_file(path)
    assert imported.body == "Café – “smart” €5\n"
    assert imported.legacy_encoding


@pytest.mark.parametrize(
    ("name", "data", "cause"),
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
        ("odd.txt", codecs.BOM_UTF16_LE + "a\0b".encode("utf-16-le"), "not a text file"),
        ("bad.txt", codecs.BOM_UTF8 + b"\xff\xfe\xfa", "marked as UTF-8 but is not"),
        ("novel.rtf", b"{\\rtf1 hello}", "imports .txt, .md and .docx"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "damaged, or not a Word"),
        ("plain.docx", b"just text", "damaged, or not a Word"),
    ],
)
def test_files_that_are_not_drafts_are_named_with_the_cause(tmp_path, name, data, cause):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ImportFailed, match=cause) as error:
        read_draft_file(path)
    assert name in str(error.value)


def test_a_zip_that_is_not_a_word_document(tmp_path):
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(
        ImportFailed, match=re.escape("“archive.docx” was not imported: it is damaged")
    ):
        read_draft_file(path)


def test_a_huge_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(draft_import, "MAX_TEXT_BYTES", 10)
    path = tmp_path / "huge.txt"
    path.write_text("x" * 11)
    with pytest.raises(
        ImportFailed, match=re.escape("“huge.txt” was not imported: it is larger than")
    ):
        read_draft_file(path)


def test_an_unreadable_file(tmp_path):
    with pytest.raises(ImportFailed, match=re.escape("“gone.md” could not be read")):
        read_draft_file(tmp_path / "gone.md")


def _word_document(path):
    document = docx.Document()
    document.add_heading("Chapter One", level=1)
    paragraph = document.add_paragraph("It was ")
    paragraph.add_run("dark").bold = True
    paragraph.add_run(" and ")
    paragraph.add_run("stormy ").italic = True
    paragraph.add_run("that night.")
    document.add_paragraph("milk", style="List Bullet")
    document.add_paragraph("eggs", style="List Bullet")
    document.add_paragraph("preheat", style="List Number")
    document.add_paragraph("")  # empty paragraphs are only spacing
    document.add_heading("Notes", level=3)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "cell one"
    table.cell(0, 1).text = "cell two"
    document.add_paragraph("中文 שלום 🌊")
    document.save(path)


def test_a_word_document_becomes_markdown(tmp_path):
    path = tmp_path / "Chapter 1.docx"
    _word_document(path)
    imported = read_draft_file(path)
    assert imported.title == "Chapter 1"
    assert imported.body == (
        "# Chapter One\n\n"
        "It was **dark** and *stormy* that night.\n\n"
        "- milk\n- eggs\n\n"
        "1. preheat\n\n"
        "### Notes\n\n"
        "cell one\n\n"
        "cell two\n\n"
        "中文 שלום 🌊"
    )
    assert not imported.legacy_encoding


def test_word_lists_numbered_by_the_paragraph_itself(tmp_path):
    """Word's own lists: "List Paragraph" with numbering set on the paragraph."""
    document = docx.Document()
    for text, style in (("first", "List Number"), ("a dot", "List Bullet")):
        num_id = document.styles[style].element.xpath("./w:pPr/w:numPr/w:numId/@w:val")[0]
        paragraph = document.add_paragraph(text, style="List Paragraph")
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = int(num_id)
    document.add_paragraph("not in a list", style="List Paragraph")._p.get_or_add_pPr()
    path = tmp_path / "lists.docx"
    document.save(path)
    assert read_draft_file(path).body == "1. first\n\n- a dot\n\nnot in a list"
