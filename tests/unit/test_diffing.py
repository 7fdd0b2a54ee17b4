"""Comparing versions of a draft: paragraphs, words, scripts, HTML, size limits."""

from __future__ import annotations

import random
import time

from desktop_app.domain.diffing import (
    Diff,
    RowKind,
    compare,
    inline_html,
    side_by_side_html,
)


def changes(diff: Diff) -> list[tuple[str, str]]:
    return [(s.old, s.new) for row in diff.rows for s in row.spans if s.changed]


def kinds(diff: Diff) -> list[RowKind]:
    return [row.kind for row in diff.rows]


def folded(n: int) -> str:
    return f"[{n} unchanged]"


def test_identical_texts_have_no_changes_and_fold_to_one_row():
    text = "First paragraph.\n\nSecond one.\n\nThird."
    diff = compare(text, text)
    assert diff.identical
    assert (diff.words_added, diff.words_removed) == (0, 0)
    assert kinds(diff) == [RowKind.FOLDED]
    assert diff.rows[0].folded == 3
    whole = compare(text, text, context=None)
    assert kinds(whole) == [RowKind.SAME] * 5


def test_empty_texts():
    assert compare("", "").identical
    added = compare("", "New words here.")
    assert kinds(added) == [RowKind.ADDED]
    assert (added.words_added, added.words_removed) == (3, 0)
    removed = compare("Old words.", "")
    assert kinds(removed) == [RowKind.REMOVED]
    assert (removed.words_added, removed.words_removed) == (0, 2)
    assert inline_html(compare("", ""), folded) == ""


def test_edited_paragraph_shows_only_the_changed_words():
    diff = compare("The cat sat on the mat.", "The dog sat on a mat!")
    assert kinds(diff) == [RowKind.CHANGED]
    assert changes(diff) == [(" cat", " dog"), (" the", " a"), (".", "!")]
    assert (diff.words_added, diff.words_removed) == (2, 2)


def test_a_run_of_replaced_words_reads_as_one_change():
    diff = compare("It was a b c today.", "It was x y z today.")
    assert changes(diff) == [(" a b c", " x y z")]


def test_paragraphs_are_matched_before_words():
    old = "Opening line.\n\nThe middle paragraph stays.\n\nThe ending as it was."
    new = (
        "Opening line.\n\nA paragraph that is new.\n\nThe middle paragraph stays.\n\n"
        "The ending as it is now."
    )
    diff = compare(old, new, context=None)
    assert kinds(diff) == [
        RowKind.SAME,
        RowKind.SAME,
        RowKind.ADDED,
        RowKind.ADDED,  # its blank line
        RowKind.SAME,
        RowKind.SAME,
        RowKind.CHANGED,
    ]
    assert changes(diff)[-1] == (" was", " is now")
    assert (diff.words_added, diff.words_removed) == (7, 1)


def test_unrelated_paragraphs_are_not_shown_as_edits_of_each_other():
    diff = compare("Rain fell on the roofs all night.", "Sunlight, at last, on Monday.")
    assert kinds(diff) == [RowKind.REMOVED, RowKind.ADDED]


def test_edited_paragraphs_pair_up_around_an_inserted_one():
    old = "Alpha beta gamma delta.\nEpsilon zeta eta theta."
    new = "Alpha beta gamma delta!\nSomething else entirely here.\nEpsilon zeta eta theta!"
    assert kinds(compare(old, new)) == [RowKind.CHANGED, RowKind.ADDED, RowKind.CHANGED]


def test_unchanged_paragraphs_fold_around_changes_with_context():
    paragraphs = [f"Paragraph number {n}." for n in range(20)]
    edited = list(paragraphs)
    edited[10] = "Paragraph number ten."
    diff = compare("\n".join(paragraphs), "\n".join(edited), context=2)
    assert kinds(diff) == [
        RowKind.FOLDED,
        RowKind.SAME,
        RowKind.SAME,
        RowKind.CHANGED,
        RowKind.SAME,
        RowKind.SAME,
        RowKind.FOLDED,
    ]
    assert [row.folded for row in diff.rows if row.kind is RowKind.FOLDED] == [8, 7]


def test_cjk_is_compared_character_by_character():
    diff = compare("我今天去了商店买东西。", "我昨天去了超市买东西。")
    assert changes(diff) == [("今", "昨"), ("商店", "超市")]
    assert (diff.words_added, diff.words_removed) == (3, 3)
    japanese = compare("東京へ行きました。", "大阪へ行きました。")
    assert changes(japanese) == [("東京", "大阪")]


def test_rtl_text_is_compared_by_words_and_kept_in_logical_order():
    diff = compare("שלום עולם יפה", "שלום עולם נפלא")
    assert changes(diff) == [(" יפה", " נפלא")]
    arabic = compare("مرحبا بالعالم الجميل", "مرحبا بالعالم الواسع")
    assert changes(arabic) == [(" الجميل", " الواسع")]
    assert "<p>שלום עולם<span" in inline_html(diff, folded)


def test_html_is_escaped():
    diff = compare("Plain <b>bold</b> & more", "Plain <b>bolder</b> & more")
    inline = inline_html(diff, folded)
    assert "<b>" not in inline
    assert "&lt;b&gt;" in inline and "&amp;" in inline
    old_html, new_html = side_by_side_html(diff, folded)
    assert "<b>" not in old_html + new_html
    assert '<span class="del">bold</span>' in old_html
    assert '<span class="ins">bolder</span>' in new_html
    assert "[3 unchanged]" in inline_html(compare("a\nb\n<i>", "a\nb\n<i>"), folded)
    assert "&lt;i&gt;" not in inline_html(compare("a\nb\n<i>", "a\nb\n<i>"), folded)


def test_inline_html_marks_removals_and_additions_in_place():
    diff = compare("Keep this.\nGone now.", "Keep that.\n")
    assert inline_html(diff, folded) == (
        '<p>Keep<span class="del"> this</span><span class="ins"> that</span>.</p>'
        '<p class="removed"><span class="del">Gone now.</span></p>'
        '<p style="-qt-paragraph-type:empty"><br/></p>'  # a blank line added: not shaded
    )


def test_side_by_side_has_one_block_per_row_on_each_side():
    diff = compare("One.\nTwo.\nThree.", "One.\nNew here.\nTwo!\nThree.", context=None)
    old_html, new_html = side_by_side_html(diff, folded)
    assert old_html.count("<p") == new_html.count("<p") == len(diff.rows)
    assert '<p class="gap" style="-qt-paragraph-type:empty"><br/></p>' in old_html
    assert '<p class="added"><span class="ins">New here.</span></p>' in new_html


VOCABULARY = "the a river light stone said quietly house and of to morning she was"


def _draft(words: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    vocabulary = VOCABULARY.split()
    paragraphs = []
    while words > 0:
        n = rng.randint(10, 80)
        paragraphs.append(" ".join(rng.choice(vocabulary) for _ in range(n)) + ".")
        words -= n
    return paragraphs


def test_a_100k_word_draft_compares_quickly():
    paragraphs = _draft(100_000, seed=1)
    edited = list(paragraphs)
    for index in range(0, len(edited), 60):
        edited[index] = edited[index].replace(" ", " new ", 1)
    edited.insert(5, "An inserted paragraph.")
    old, new = "\n\n".join(paragraphs), "\n\n".join(edited)
    started = time.perf_counter()
    diff = compare(old, new)
    assert time.perf_counter() - started < 2.0
    assert not diff.coarse and not diff.truncated
    assert diff.words_added == len(range(0, len(paragraphs), 60)) + 3
    assert diff.words_removed == 0


def test_one_huge_paragraph_is_compared_by_sentences_then_words():
    paragraph = " ".join(_draft(60_000, seed=2))
    edited = paragraph.replace("river", "stream", 3)
    started = time.perf_counter()
    diff = compare(paragraph, edited)
    assert time.perf_counter() - started < 2.0
    assert (diff.words_added, diff.words_removed) == (3, 3)
    assert not diff.coarse


def test_enormous_changes_are_capped_with_a_notice():
    old, new = "\n".join(_draft(20_000, seed=3)), "\n".join(_draft(20_000, seed=4))
    capped = compare(old, new, max_chars=10_000)
    assert capped.truncated
    assert sum(len(s.old) + len(s.new) for row in capped.rows for s in row.spans) <= 10_000
    coarse = compare(old.replace("river", "lake"), old, word_level_chars=1000)
    assert coarse.coarse
    assert coarse.words_added == coarse.words_removed > 0
