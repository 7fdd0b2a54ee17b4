"""Find and replace on plain text, in the editor's UTF-16 positions; counting helpers."""

from __future__ import annotations

import re

import pytest

from desktop_app.domain.drafts import character_count, reading_minutes, word_count
from desktop_app.domain.text_search import (
    Matches,
    Replacement,
    Rewrite,
    SearchError,
    SearchOptions,
    Utf16,
    compile_query,
    replace_one,
)


def spans(query: str, text: str, **options: bool) -> list[tuple[int, int]]:
    matches = Matches(compile_query(query, SearchOptions(**options)), text)
    return list(zip(matches.starts, matches.ends, strict=True))


def test_plain_query_is_literal_and_ignores_case_by_default() -> None:
    assert spans("a.b", "A.B axb a.b") == [(0, 3), (8, 11)]
    assert spans("the", "The theme, the end", match_case=True) == [(4, 7), (11, 14)]


def test_whole_words_treat_each_cjk_character_as_a_word() -> None:
    assert spans("cat", "cat concatenate cat.", whole_words=True) == [(0, 3), (16, 19)]
    # Next to a CJK character a Latin word still stands alone, and one ideograph is a word.
    assert spans("AI", "用AI写作", whole_words=True) == [(1, 3)]
    assert spans("写", "用AI写作", whole_words=True) == [(3, 4)]


def test_regular_expressions_and_their_errors() -> None:
    assert spans(r"c.t", "cat cut cart", regex=True) == [(0, 3), (4, 7)]
    assert spans(r"^She", "He\nShe\nshe", regex=True, match_case=True) == [(3, 6)]
    assert spans("x*", "abc", regex=True) == []  # empty matches find nothing
    with pytest.raises(SearchError):
        compile_query("(unclosed", SearchOptions(regex=True))


def test_positions_are_utf16_after_characters_beyond_the_bmp() -> None:
    text = "🙂 cat 𠀀 cat"
    assert spans("cat", text) == [(3, 6), (10, 13)]
    utf16 = Utf16(text)
    assert [utf16.index(p) for p in (0, 1, 2, 3, 10)] == [0, 1, 1, 2, 8]


def test_rtl_text_is_searched_in_logical_order() -> None:
    assert spans("שלום", "שלום עולם, שלום") == [(0, 4), (11, 15)]


def test_next_and_previous_from_a_position() -> None:
    matches = Matches(compile_query("a", SearchOptions()), "a-a-a")
    assert matches.first_from(1) == 1
    assert matches.first_from(5) is None
    assert matches.last_before(2) == 0
    assert matches.last_before(0) is None
    assert matches.index_of(2, 3) == 1
    assert matches.index_of(1, 2) is None
    assert list(matches.between(1, 4)) == [1, 2]


def rewritten(query: str, text: str, replacement: Replacement, **options: bool) -> Rewrite:
    pattern = compile_query(query, SearchOptions(**options))
    return Rewrite(pattern, text, Matches(pattern, text), replacement)


def test_rewrite_replaces_the_span_from_first_to_last_match_and_maps_positions() -> None:
    text = "x cat cat 🙂 cat y"
    rewrite = rewritten("cat", text, Replacement("lion"))
    assert rewrite.count == 3
    utf16_text = text.encode("utf-16-le")
    new = (
        utf16_text[: 2 * rewrite.start].decode("utf-16-le")
        + rewrite.text
        + utf16_text[2 * rewrite.end :].decode("utf-16-le")
    )
    assert new == "x lion lion 🙂 lion y"
    assert rewrite.moved(0) == 0  # before the first match
    assert rewrite.moved(4) == 2  # inside a match: to its start
    assert rewrite.moved(5) == 6  # right after the first match
    assert rewrite.moved(len(utf16_text) // 2) == len(new.encode("utf-16-le")) // 2


def test_regex_replacement_expands_groups_and_reports_bad_templates() -> None:
    groups = rewritten(
        r"(\w+)@(\w+)", "ann@home bob@work", Replacement(r"\2:\1", regex=True), regex=True
    )
    assert groups.text == "home:ann work:bob"
    # Empty matches are left alone, as finding skips them.
    assert rewritten("a*", "baab", Replacement("x", regex=True), regex=True).text == "x"
    # Outside regular expressions a backslash is just a backslash.
    assert rewritten("a", "a", Replacement(r"\1")).text == r"\1"
    with pytest.raises(SearchError):
        rewritten(r"(\w+)@", "ann@home", Replacement(r"\3", regex=True), regex=True)


def test_whole_words_of_a_literal_and_of_a_regex_agree() -> None:
    text = "the theme; The end, bathe, 用the写 the"
    for query in ("the", "the,", ", the", "用the"):
        literal = spans(query, text, whole_words=True)
        regex = spans(re.escape(query), text, whole_words=True, regex=True)
        assert literal == regex, query
    assert spans("the", text, whole_words=True) == [(0, 3), (11, 14), (28, 31), (33, 36)]


def test_replace_one_only_where_a_match_spans_exactly() -> None:
    pattern = compile_query("cat", SearchOptions(whole_words=True))
    text = "🙂 cat concat"
    assert replace_one(pattern, text, 3, 6, Replacement("dog")) == "dog"
    assert replace_one(pattern, text, 10, 13, Replacement("dog")) is None  # not a whole word


def test_no_matches_rewrite_nothing() -> None:
    nothing = rewritten("zebra", "no such animal", Replacement(""))
    assert (nothing.count, nothing.text) == (0, "")


@pytest.mark.parametrize(
    ("text", "characters"),
    [("", 0), ("ab c", 4), ("a\nb\u2029c\u2028d\r\n", 4), ("写作🙂", 3)],
)
def test_characters_count_spaces_but_not_line_breaks(text: str, characters: int) -> None:
    assert character_count(text) == characters


def test_reading_time_rounds_up_at_230_words_a_minute() -> None:
    assert [reading_minutes(n) for n in (0, 1, 230, 231, 2300)] == [0, 1, 1, 2, 10]
    assert reading_minutes(word_count("写" * 460)) == 2
