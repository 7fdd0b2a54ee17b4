"""The drafts' light Markdown, parsed once into blocks of styled runs."""

from __future__ import annotations

import pytest

from desktop_app.domain.markup import (
    Heading,
    ListItem,
    Paragraph,
    Run,
    continues_list,
    is_right_to_left,
    parse_inline,
    parse_markup,
)


def test_blocks_of_a_draft():
    text = (
        "# Chapter One\r\n"
        "\r\n"
        "It was *dark* and **stormy**.\n"
        "The second line stays a line.\n"
        "\n"
        "- milk\n"
        "* eggs\n"
        "\n"
        "3. preheat\n"
        "4) bake\n"
        "###### Deep ######\n"
    )
    assert parse_markup(text) == (
        Heading(1, (Run("Chapter One"),)),
        Paragraph(
            (
                Run("It was "),
                Run("dark", emphasis=True),
                Run(" and "),
                Run("stormy", strong=True),
                Run(".\nThe second line stays a line."),
            )
        ),
        ListItem((Run("milk"),)),
        ListItem((Run("eggs"),)),
        ListItem((Run("preheat"),), ordered=True, number=3),
        ListItem((Run("bake"),), ordered=True, number=4),
        Heading(6, (Run("Deep"),)),
    )


@pytest.mark.parametrize(
    "line",
    ["#hashtag", "C# is a language", "####### seven", "-dash", "2024 was a year", "* * *", "***"],
)
def test_lines_that_only_look_like_markup_stay_text(line):
    [block] = parse_markup(line)
    assert block == Paragraph((Run(line),))


def test_a_line_after_a_list_item_continues_it():
    assert parse_markup("- one\nmore of one\n\nA paragraph.") == (
        ListItem((Run("one\nmore of one"),)),
        Paragraph((Run("A paragraph."),)),
    )


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("2 * 3 * 4", (Run("2 * 3 * 4"),)),
        ("***both***", (Run("both", emphasis=True, strong=True),)),
        (
            "**strong *and em* strong**",
            (
                Run("strong ", strong=True),
                Run("and em", emphasis=True, strong=True),
                Run(" strong", strong=True),
            ),
        ),
        (r"\*not em\*", (Run("*not em*"),)),
        (r"C:\Users\me", (Run(r"C:\Users\me"),)),
        ("**unclosed", (Run("**unclosed"),)),
        ("**a*", (Run("*"), Run("a", emphasis=True))),
        ("中文*强调*", (Run("中文"), Run("强调", emphasis=True))),
    ],
)
def test_inline_styles(text, runs):
    assert parse_inline(text) == runs


def test_list_membership_and_direction():
    bullet, number = ListItem(()), ListItem((), ordered=True)
    assert continues_list(bullet, ListItem(()))
    assert not continues_list(bullet, number)
    assert not continues_list(Paragraph(()), bullet)
    assert not continues_list(None, bullet)
    assert is_right_to_left("  «שלום» world")
    assert is_right_to_left("مرحبا")
    assert not is_right_to_left("1. Hello שלום")
    assert not is_right_to_left("")
