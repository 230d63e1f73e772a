"""What the sample site's pages send before their first paint (issue 13: one round trip)."""

from __future__ import annotations

import gzip
import re

import pytest

from test_accessibility import page_types

pytestmark = pytest.mark.build

# Hand-written pages and the 404 page keep the theme's stylesheets linked: only generated pages are cut (the adapter).
THEME_PAGES = {"daftar/", "data-terbuka/", "tentang/", "cara-bergabung/", "404.html"}


def test_showroom_pages_fit_the_first_round_trip(sample_site):
    """A product page's HTML and everything blocking its first paint: ≤ 14 KB with gzip (issue 13)."""
    for path in page_types():
        html = (sample_site / (path if path.endswith(".html") else path.split("?")[0] + "index.html")).read_text()
        head = html.split("</head>", 1)[0]
        assert ('<link rel="stylesheet"' in head) == (path.split("?")[0] in THEME_PAGES), path
        if re.fullmatch(r"ukm/[^/]+/[^/]+/", path):
            assert len(gzip.compress(html.encode("utf-8"), 6)) <= 14 * 1024
