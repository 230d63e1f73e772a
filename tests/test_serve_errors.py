"""`serve`: a mistake in the data shows at the top of the previewed pages, with its `file:line: where: message`."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import ROOT, make_mini

pytestmark = pytest.mark.build

BROKEN = "products/keripik-sumberejo.yml:8: produk[1].harga: tulis tanpa titik/koma pemisah ribuan: 15000"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def page_until(url: str, wanted, seconds: float = 180) -> str:
    """Fetch `url` until `wanted(html)` holds (the preview rebuilds a moment after a file is saved)."""
    deadline, html = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                html = response.read().decode("utf-8")
            if wanted(html):
                return html
        except OSError:
            pass  # not serving yet
        time.sleep(0.5)
    raise AssertionError(f"{url}: not as wanted after {seconds} s:\n{html[:2000]}")


def test_a_data_mistake_shows_in_the_preview_until_it_is_fixed(tmp_path):
    data = make_mini(tmp_path / "data")
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "build_catalog.py"), "serve", "--data", str(data), "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        first = page_until(base + "ukm/keripik-sumberejo/", lambda html: "Keripik Tempe" in html)
        assert "rk-preview-errors" not in first
        yml = data / "products" / "keripik-sumberejo.yml"
        good = yml.read_text(encoding="utf-8")
        yml.write_text(good.replace("harga: 15000", "harga: 15.000"), encoding="utf-8")
        broken = page_until(base + "ukm/keripik-sumberejo/", lambda html: "rk-preview-errors" in html)
        assert "<strong>Data katalog belum bisa dipakai: 1 masalah.</strong>" in broken
        assert f"{BROKEN}</pre></div>" in broken
        assert "Rp15.000" in broken  # the last good data stays on show beneath
        other = page_until(base + "tentang/", lambda html: "rk-preview-errors" in html)  # every page says it
        assert BROKEN in other
        yml.write_text(good.replace("harga: 15000", "harga: 17500"), encoding="utf-8")
        fixed = page_until(base + "ukm/keripik-sumberejo/", lambda html: "Rp17.500" in html)
        assert "rk-preview-errors" not in fixed
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the server we started, and only it
        server.wait(timeout=30)
