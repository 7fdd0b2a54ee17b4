"""The light Markdown drafts are written in, parsed once into blocks of styled runs.

The subset: `#` headings, `*emphasis*` and `**strong**`, `-`/`*`/`+` and `1.` list items,
paragraphs separated by blank lines; everything else is text. A single line break inside a
paragraph stays a line break (poems, addresses, dialogue), as the writer sees it in the editor.
Every export renders from these blocks; nothing re-reads the Markdown.

Hand-written rather than markdown-it-py: the domain is standard library only, and the subset
is a few line rules plus CommonMark's delimiter-run rule for the asterisks, simplified.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Run:
    text: str  # may hold "\n": a line break inside its block
    emphasis: bool = False
    strong: bool = False


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 1 to 6
    runs: tuple[Run, ...]


@dataclass(frozen=True, slots=True)
class Paragraph:
    runs: tuple[Run, ...]


@dataclass(frozen=True, slots=True)
class ListItem:
    runs: tuple[Run, ...]
    ordered: bool = False
    number: int = 1  # as written; a numbered list counts on from its first item's


Block = Heading | Paragraph | ListItem

_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*")
_BULLET = re.compile(r" {0,3}[-*+][ \t]+(.*)")
_NUMBERED = re.compile(r" {0,3}(\d{1,9})[.)][ \t]+(.*)")
# "* * *" or "---": a scene break, kept as its own line of text rather than a list item.
_SCENE_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")
# A backslash escape, a run of asterisks, or plain text (a lone backslash is text too).
_INLINE = re.compile(r"\\([!-/:-@\[-`{-~])|(\*+)|([^\\*]+|\\)")
# Markdown's indentation is spaces and tabs only: the ideographic space (U+3000) that starts
# a Chinese paragraph, or a no-break space, is the writer's text.
_INDENT = " \t"


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_markup(text: str) -> tuple[Block, ...]:
    blocks: list[Block] = []
    lines: list[str] = []  # of the paragraph or list item being read
    item: ListItem | None = None  # the list item being read, runs still empty

    def close() -> None:
        nonlocal item
        if lines:
            runs = parse_inline("\n".join(lines))
            blocks.append(
                Paragraph(runs) if item is None else ListItem(runs, item.ordered, item.number)
            )
        lines.clear()
        item = None

    for line in normalize_newlines(text).split("\n"):
        if not line.strip(_INDENT):
            close()
        elif _SCENE_BREAK.fullmatch(line):
            close()
            blocks.append(Paragraph((Run(line.strip(_INDENT)),)))
        elif heading := _HEADING.fullmatch(line):
            close()
            blocks.append(Heading(len(heading[1]), parse_inline(heading[2] or "")))
        elif bullet := _BULLET.fullmatch(line):
            close()
            item = ListItem(())
            lines.append(bullet[1].strip(_INDENT))
        elif numbered := _NUMBERED.fullmatch(line):
            close()
            item = ListItem((), ordered=True, number=int(numbered[1]))
            lines.append(numbered[2].strip(_INDENT))
        else:
            lines.append(line.strip(_INDENT))  # a paragraph's line, or a list item's next line
    close()
    return tuple(blocks)


@dataclass(slots=True)
class _Piece:
    text: str  # empty for a run of asterisks
    delimiters: int = 0  # a run's asterisks not paired (yet): they are text
    emphasis: int = 0  # how many emphasis spans enclose the piece
    strong: int = 0


def parse_inline(text: str) -> tuple[Run, ...]:
    """Styled runs: a run of asterisks opens when text follows it and closes when text
    precedes it; a closer pairs with the nearest opener, two asterisks at a time (strong)
    where both have two, else one (emphasis). Unpaired asterisks stay text."""
    pieces: list[_Piece] = []
    openers: list[int] = []  # indices of pieces that still have asterisks to pair
    for match in _INLINE.finditer(text):
        stars = match[2]
        if stars is None:
            pieces.append(_Piece(match[1] or match[3]))
            continue
        before = text[match.start() - 1] if match.start() > 0 else " "
        after = text[match.end()] if match.end() < len(text) else " "
        piece = _Piece("", delimiters=len(stars))
        index = len(pieces)
        pieces.append(piece)
        while not before.isspace() and piece.delimiters and openers:
            opener = pieces[openers[-1]]
            used = 2 if piece.delimiters >= 2 and opener.delimiters >= 2 else 1
            for inner in pieces[openers[-1] + 1 : index]:
                if used == 2:
                    inner.strong += 1
                else:
                    inner.emphasis += 1
            opener.delimiters -= used
            piece.delimiters -= used
            if not opener.delimiters:
                openers.pop()
        if piece.delimiters and not after.isspace():
            openers.append(index)
    runs: list[Run] = []
    for piece in pieces:
        piece_text = piece.text or "*" * piece.delimiters
        if not piece_text:
            continue
        run = Run(piece_text, piece.emphasis > 0, piece.strong > 0)
        if runs and (runs[-1].emphasis, runs[-1].strong) == (run.emphasis, run.strong):
            run = Run(runs.pop().text + run.text, run.emphasis, run.strong)
        runs.append(run)
    return tuple(runs)


def continues_list(previous: Block | None, block: Block) -> bool:
    """Whether `block` is the next item of the list `previous` belongs to."""
    return (
        isinstance(previous, ListItem)
        and isinstance(block, ListItem)
        and previous.ordered == block.ordered
    )


def plain(runs: tuple[Run, ...]) -> str:
    return "".join(run.text for run in runs)


def is_right_to_left(text: str) -> bool:
    """Whether the first strongly directional letter is Hebrew, Arabic or the like: the
    paragraph then reads from the right (the Unicode bidi rule P2)."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction == "L":
            return False
        if direction in ("R", "AL"):
            return True
    return False
