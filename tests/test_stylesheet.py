"""Cutting stylesheets down to what a page can use (catalog/web/stylesheet.py)."""

from __future__ import annotations

import pytest

from catalog.web.stylesheet import PageStyles, Stylesheet, needs, page_tokens, prune_custom_properties, script_tokens

pytestmark = pytest.mark.unit

CSS = """
:root{--used:red;--chain:var(--base);--base:blue;--unused:green}
.a{color:var(--used)}
.a:hover>.b::before,.gone{border-color:var(--chain)}
.c:not(.never){margin:0}
[dir=rtl] .a{float:right}
details[open]>summary{font-weight:700}
.md-typeset table:not([class]){display:block}
@media screen and (min-width:10em){.a{padding:0}.gone{padding:1px}}
@media print{.gone{display:none}}
@keyframes spin{to{transform:rotate(1turn)}}
.js-made[data-state=siap]{opacity:1}
"""


def test_a_selector_needs_what_it_names_outside_functional_pseudo_classes():
    assert needs(".a:hover > .b::before") == {".a", ".b"}
    assert needs(".c:not(.never)") == {".c"}
    assert needs("[dir=rtl] .a") == {"@dir=rtl", "@dir", ".a"}
    assert needs(".md-typeset table:not([class])") == {".md-typeset", "table"}
    assert needs("#top > LI") == {"#top", "li"}


def test_a_page_keeps_the_rules_that_could_apply_to_it_in_any_state():
    html = '<body dir="ltr"><div class="a"><p class="b c">x</p><details><summary>s</summary></details></div></body>'
    css = prune_custom_properties(Stylesheet(CSS).cut(page_tokens(html)))
    assert css == (
        ":root{--used:red;--chain:var(--base);--base:blue;}.a{color:var(--used)}"
        ".a:hover>.b::before{border-color:var(--chain)}.c:not(.never){margin:0}"
        "details[open]>summary{font-weight:700}@media screen and (min-width:10em){.a{padding:0}}"
        "@keyframes spin{to{transform:rotate(1turn)}}"
    )


def test_words_of_a_script_count_as_classes_and_attribute_values():
    html = '<div class="a"></div>'
    plain = Stylesheet(CSS).cut(page_tokens(html))
    scripted = Stylesheet(CSS).cut(
        page_tokens(html) | script_tokens('el.className = "js-made"; el.dataset.state = "siap";')
    )
    assert ".js-made" not in plain and ".js-made[data-state=siap]{opacity:1}" in scripted


def test_pages_alike_share_one_cut(tmp_path):
    sheet = tmp_path / "a.css"
    sheet.write_text(CSS, encoding="utf-8")
    styles = PageStyles()
    first = styles.inline('<p class="a">Satu</p>', [sheet], [])
    assert styles.inline('<p class="a">Dua, teks lain</p>', [sheet], []) is first
    assert len(styles.made) == 1 and ".gone" not in first
