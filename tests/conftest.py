"""Shared fixtures: tiny catalogues in temp dirs, with photos drawn on the spot."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(ROOT))

MINI_PHOTOS = {
    "batik-contoh/tulis.jpg": (640, 480),
    "batik-contoh/kemeja.jpg": (480, 640),
    "batik-contoh/kemeja-2.jpg": (500, 500),
    "keripik-sumberejo/tempe.png": (400, 300),
}


def draw_photo(path: Path, size: tuple[int, int], colour=(150, 90, 40)) -> Path:
    """Draw a small deterministic test photo: a coloured field with a light mark in one corner."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, colour)
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 4, size[1] // 4), fill=(240, 220, 180))
    image.save(path)
    return path


def make_mini(target: Path) -> Path:
    """Copy the mini fixture catalogue into `target` and draw its photos."""
    shutil.copytree(FIXTURES / "mini", target, dirs_exist_ok=True)
    for name, size in MINI_PHOTOS.items():
        draw_photo(target / "images" / name, size)
    return target


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    return make_mini(tmp_path / "data")


def build(*args: str, with_brochure: bool = False) -> subprocess.CompletedProcess:
    """Run `build_catalog.py` in a subprocess, as a user would.

    Test builds skip the brochure PDF (1–2 s each) unless asked; the session's sample site is built the
    default way, brochure included, and tests/test_brochure.py checks what it published.
    """
    if args and args[0] == "build" and not with_brochure:
        args = (*args, "--no-brochure")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, str(ROOT / "build_catalog.py"), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The demo showroom from the sample data, built once with --strict."""
    out = tmp_path_factory.mktemp("sample") / "site"
    result = build("build", "--strict", "--out", str(out), with_brochure=True)
    assert result.returncode == 0, result.stderr
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # a browser that moved on closes its connections early (BrokenPipe): not a test failure


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory, serve) -> tuple[Path, str]:
    """The mini catalogue built once (without the brochure) and served: (site folder, base URL)."""
    data = make_mini(tmp_path_factory.mktemp("mini") / "data")
    out = data.parent / "site"
    result = build("build", "--data", str(data), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out, serve(out)


@pytest.fixture(scope="session")
def serve():
    """Serve built sites on 127.0.0.1; returns a function folder -> base URL."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = _QuietServer(("127.0.0.1", 0), handler)
        # A short poll: shutdown() waits for it, once per server the session started (20 s at 0.5 s each).
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright
    assert Path(CHROMIUM).exists(), "Debian chromium missing: run tools/test.sh"
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
        yield launched
        launched.close()


CHROMIUM = "/usr/bin/chromium"


KINDS = ("unit", "build", "browser")


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects: a test of no kind would otherwise never run anywhere
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Refuse to run unless every test has exactly one kind marker."""
    wrong = [f"{item.nodeid}: {', '.join(kinds) or 'none'}" for item in items
             if len(kinds := sorted({m.name for m in item.iter_markers() if m.name in KINDS})) != 1]
    if wrong:
        raise pytest.UsageError("every test needs exactly one of the markers unit, build, browser:\n  "
                                + "\n  ".join(wrong))
