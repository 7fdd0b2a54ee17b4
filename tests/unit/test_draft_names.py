"""Names for copies of drafts."""

from __future__ import annotations

from desktop_app.domain.drafts import copy_name


def test_a_copy_is_named_after_its_original_and_counts_on():
    assert copy_name("Poem", ["Poem"]) == "Poem (copy)"
    assert copy_name("Poem", ["Poem", "Poem (copy)"]) == "Poem (copy 2)"
    taken = ["Poem", "Poem (copy)", "Poem (copy 2)"]
    assert copy_name("Poem (copy 2)", taken) == "Poem (copy 3)"
    assert copy_name("Poem (copy)", taken) == "Poem (copy 3)"


def test_copy_names_keep_odd_titles_and_take_the_translated_word():
    assert copy_name("(copy)", ["(copy)"]) == "(copy) (copy)"
    assert copy_name("春の詩", ["春の詩"], "コピー") == "春の詩 (コピー)"
    assert copy_name("Notes (copy of mine)", []) == "Notes (copy of mine) (copy)"
