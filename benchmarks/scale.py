"""Generate a catalogue of N UKMs × 5 products with small photos, build it, and print the costs.

    python benchmarks/scale.py 1000          # 1,000 UKMs / 5,000 products
    python benchmarks/scale.py 20 --keep     # small smoke run, keep benchmarks/out/
    python benchmarks/scale.py 10000 --shards 4   # as the matrix workflow: 4 shard processes, then assemble

Prints: cold and warm build time (subprocess `build_catalog.py build`) with its stages, time in
catalogue code vs the renderer, peak RSS, site size, the same pages built by mkdocs alone (the bare
baseline) and the ratio, and the bytes a 412 px phone transfers for the home page, a listing page
and the first search result.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402
from PIL import Image  # noqa: E402

from catalog.read.model import CATEGORIES  # noqa: E402
from catalog.read.register import load_register  # noqa: E402

WORDS = ["Batik", "Tulis", "Cap", "Daun", "Jati", "Sogan", "Kemeja", "Keripik", "Tempe", "Lanting", "Meja",
         "Kursi", "Nampan", "Sambal", "Kopi", "Barongan", "Samin", "Kawung", "Parang", "Truntum", "Indigo"]


def make_catalog(target: Path, n_ukm: int, per_ukm: int = 5, photo_px: int = 320) -> None:
    """Write `n_ukm` UKM files with `per_ukm` products each and one small JPEG per product.

    Every photo differs (a patterned tile with the product's own mark), as in a real catalogue: the
    photo pipeline, the cache and the site then hold one set of files per product, not a few shared ones.
    """
    rng = random.Random(42)
    villages = load_register().villages
    shutil.rmtree(target, ignore_errors=True)
    (target / "products").mkdir(parents=True)
    colours = [(rng.randrange(40, 220), rng.randrange(40, 200), rng.randrange(30, 160)) for _ in range(16)]
    tiles = []
    for c in colours:
        image = Image.new("RGB", (photo_px, photo_px), c)
        for x in range(0, photo_px, 16):
            image.paste((255 - c[0], 200, c[2]), (x, 0, x + 4, photo_px))
        tiles.append(image)
    categories = list(CATEGORIES)
    for i in range(n_ukm):
        slug = f"ukm-{i:05d}"
        desa = villages[i % len(villages)]
        lines = [f"nama: UKM Contoh {i}", f"desa: {desa.name}", f"kecamatan: {load_register().kecamatan_of(desa).name}",
                 f'whatsapp: "0800-1{i:03d}-{i % 10000:04d}"', f"terdaftar: 2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                 "cerita: |", f"  Usaha contoh nomor {i} untuk uji skala.", "produk:"]
        folder = target / "images" / slug
        folder.mkdir(parents=True)
        for j in range(per_ukm):
            name = " ".join(rng.sample(WORDS, 3)) + f" {j}"
            photo = f"p{j}.jpg"
            image = tiles[(i + j) % len(tiles)].copy()
            n = i * per_ukm + j
            for bit in range(16):  # the product's number drawn as 16 squares: no two photos are the same
                if n >> bit & 1:
                    x, y = 8 + (bit % 8) * 36, photo_px - 80 + (bit // 8) * 36
                    image.paste((250, 250, 250), (x, y, x + 28, y + 28))
            image.save(folder / photo, quality=80)
            price = rng.randrange(10, 2000) * 1000
            lines += [f"  - nama: {name}", f"    kategori: {categories[(i + j) % 4]}", f"    harga: {price}",
                      f"    foto: [{photo}]", f"    unggulan: {'ya' if (i * per_ukm + j) % 97 == 0 else 'tidak'}"]
        (target / "products" / f"{slug}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def directory_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def stages_of(output: str) -> dict[str, float]:
    """The stage timings a build prints ("Waktu per tahap: data 0.06 s, ...")."""
    line = next(row for row in output.splitlines() if row.startswith("Waktu per tahap:"))
    return {m[1]: float(m[2]) for m in re.finditer(r"(\w[\w ()]*?) ([\d.]+) s", line.split(":", 1)[1])}


def timed_mkdocs_build(config: Path, site: Path) -> float:
    """Run plain `mkdocs build` on `config` into `site`; return its wall time."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                   env=env, check=True)
    return time.perf_counter() - started


def baseline_build(work: Path, data: Path) -> float:
    """Build the same site with mkdocs alone: the same pages as Markdown files, the same static files,
    the same nav, theme and docs pages, and no catalogue code (no hooks, no search index, no offline ZIP).

    The files come from the adapter's own hooks (run here, outside the timing), so both builds get the
    same input; only the mkdocs build of the written folder is timed.
    """
    from catalog import mkdocs_adapter
    from catalog.build import read_settings
    from catalog.pipeline import prepare
    from catalog.web.docs import expand_docs

    docs = work / "baseline-docs"
    shutil.rmtree(docs, ignore_errors=True)
    # As `build` does: the brochure (cached by then) is a file of the site.
    made = prepare(read_settings(ROOT / "mkdocs.yml", data), mkdocs_adapter.icon)
    for src_uri, page in made.pages.items():
        target = docs / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(mkdocs_adapter.page_markdown(page), encoding="utf-8")
    for dest_uri, source in made.linked.items():
        target = docs / dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(source, target)
    for dest_uri, content in made.contents.items():
        target = docs / dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode() if isinstance(content, str) else content)
    for path in (ROOT / "docs").rglob("*"):
        if path.is_file():
            target = docs / path.relative_to(ROOT / "docs")
            target.parent.mkdir(parents=True, exist_ok=True)
            text = path.read_text(encoding="utf-8") if path.suffix == ".md" else None
            target.write_text(expand_docs(text), encoding="utf-8") if text is not None else shutil.copy(path, target)
    settings = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    settings.pop("hooks", None)
    settings.update(docs_dir=str(docs), nav=[mkdocs_adapter.nav_entry(item) for item in made.nav] + settings["nav"])
    settings["theme"]["custom_dir"] = str(ROOT / "theme")
    (work / "baseline.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return timed_mkdocs_build(work / "baseline.yml", work / "baseline-site")


# --- Fitting the hosts: what the site publishes, by kind, and the size of the GitHub Pages artifact ---

GITHUB_PAGES_BYTES = 1_000_000_000  # as catalog.build.GITHUB_PAGES_BYTES
KINDS = ("pages", "photos AVIF", "photos WebP", "photos JPEG", "link previews", "search index", "offline ZIP",
         "brochure PDF", "theme assets", "other")


def kind_of(uri: str) -> str:
    """The kind of a published file, by its path in the site."""
    top, ext = uri.split("/", 1)[0], uri.rsplit(".", 1)[-1]
    if uri.endswith(".html"):
        return "pages"
    if top == "foto":
        return {"avif": "photos AVIF", "webp": "photos WebP", "jpg": "photos JPEG"}.get(ext, "other")
    found = {"bagikan": "link previews", "cari": "search index", "assets": "theme assets"}.get(top)
    return found or {"zip": "offline ZIP", "pdf": "brochure PDF"}.get(ext, "other")


def site_inventory(site: Path) -> dict:
    """Files and bytes the site publishes per kind, and the size of the tar GitHub Pages receives (512-byte
    header per file and folder, contents padded to 512 bytes: what actions/upload-pages-artifact uploads)."""
    from catalog.build import published_size

    files: dict[str, int] = dict.fromkeys(KINDS, 0)
    size: dict[str, int] = dict.fromkeys(KINDS, 0)
    for folder, _dirs, names in os.walk(site):
        for name in names:
            path = os.path.join(folder, name)
            kind = kind_of(os.path.relpath(path, site).replace(os.sep, "/"))
            files[kind] += 1
            size[kind] += os.path.getsize(path)
    return {"files": files, "bytes": size, "tar": published_size(site)[1]}


def print_inventory(inventory: dict, products: int) -> None:
    """Print the inventory per kind and per product, and the GitHub Pages margin."""
    files, size = inventory["files"], inventory["bytes"]
    print(f"site by kind ({products} products):")
    for kind in KINDS:
        if files[kind]:
            print(f"  {kind:14} {files[kind]:8,} files {size[kind] / 1e6:9.1f} MB  "
                  f"per product {files[kind] / products:6.2f} files {size[kind] / products / 1e3:7.1f} KB")
    total_files, total = sum(files.values()), sum(size.values())
    tar = inventory["tar"]
    print(f"  {'total':14} {total_files:8,} files {total / 1e6:9.1f} MB  "
          f"per product {total_files / products:6.2f} files {total / products / 1e3:7.1f} KB")
    margin = GITHUB_PAGES_BYTES - tar
    print(f"GitHub Pages artifact (tar): {tar / 1e6:.1f} MB of 1,000 MB, margin {margin / 1e6:.1f} MB "
          f"({margin / GITHUB_PAGES_BYTES:.0%})")


# --- The matrix build, locally: shards as separate processes with their own caches, then the assembly ---


def _tree_rss(root: int) -> int:
    """The resident bytes of process `root` and all its descendants now (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError, IndexError):
                parent = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        with contextlib.suppress(OSError, IndexError):
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        todo += children.get(pid, [])
    return total


class TreePeak(threading.Thread):
    """Sample the summed RSS of a process and its children every 0.1 s, for the memory the build takes with its
    brochure process and workers (os.wait4 gives the process alone)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.1):
            self.peak = max(self.peak, _tree_rss(self.pid))


def run_measured(command: list[str]) -> tuple[float, float, str, float]:
    """Run `command`; return its wall time, its own peak RSS in MB (os.wait4: this process alone), its output, and
    the peak of its whole process tree in MB (sampled every 0.1 s)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=out, stderr=err, text=True)
        tree = TreePeak(process.pid)
        tree.start()
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        tree.done.set()
        tree.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        if process.returncode:
            sys.exit(err.read())
        return seconds, usage.ru_maxrss / 1024, out.read(), tree.peak / 1e6


def sharded_build(work: Path, data: Path, count: int) -> tuple[Path, tuple[str, ...]]:
    """Build as the matrix workflow does: `shard i/count` one after another, each with its own cache folder (as
    separate runners: each gets the whole machine), then `build --cache-from` every shard's cache. Print the costs;
    return the site and the cache arguments of the assembly (for later builds of the same site)."""
    script = [sys.executable, str(ROOT / "build_catalog.py")]
    caches = [work / f"cache-{i}" for i in range(1, count + 1)]
    for folder in [*caches, work / "cache-assemble"]:
        shutil.rmtree(folder, ignore_errors=True)
    slowest = 0.0
    for i, folder in enumerate(caches, start=1):
        seconds, rss, out, tree = run_measured([*script, "shard", f"{i}/{count}", "--data", str(data), "--cache",
                                                str(folder)])
        slowest = max(slowest, seconds)
        print(f"shard {i}/{count}: {seconds:.1f} s, peak RSS {rss:.0f} MB, process tree {tree:.0f} MB; "
              + " ".join(out.strip().splitlines()), flush=True)
    site = work / "site"
    assemble = ("--cache", str(work / "cache-assemble"), "--cache-from", *map(str, caches))
    seconds, rss, out, tree = run_measured([*script, "build", "--data", str(data), "--out", str(site), *assemble])
    stages = next((row for row in out.splitlines() if row.startswith("Waktu per tahap:")), "")
    print(f"assemble: {seconds:.1f} s, peak RSS {rss:.0f} MB, process tree {tree:.0f} MB; {stages}", flush=True)
    print(f"matrix wall time (slowest shard + assemble): {slowest + seconds:.1f} s")
    return site, assemble


def floor_docs(docs: Path, data: Path) -> int:
    """Write the floor project's docs (issue 14): one Markdown page per UKM (title, village line, a grid of
    its product cards with photo, name and price) and one per product (title, one photo, price, a short
    paragraph); each UKM's folder holds one photo (its first product's). Return the number of pages."""
    shutil.rmtree(docs, ignore_errors=True)
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Katalog\n\nPembanding polos mkdocs-material.\n", encoding="utf-8")
    pages = 1
    for source in sorted((data / "products").glob("*.yml")):
        ukm = yaml.safe_load(source.read_text(encoding="utf-8"))
        folder = docs / "ukm" / source.stem
        folder.mkdir(parents=True)
        photo = ukm["produk"][0]["foto"][0]
        shutil.copy(data / "images" / source.stem / photo, folder / "foto.jpg")
        cards = []
        for j, product in enumerate(ukm["produk"]):
            price = f"Rp {product['harga']:,}".replace(",", ".")
            cards.append(f"-   [![{product['nama']}](foto.jpg){{ loading=lazy }}](p{j}.md)\n\n"
                         f"    **{product['nama']}**\n\n    {price}\n")
            (folder / f"p{j}.md").write_text(
                f"# {product['nama']}\n\n![{product['nama']}](foto.jpg){{ loading=lazy width=320 }}\n\n"
                f"**{price}**\n\n{product['nama']} buatan {ukm['nama']} dari Desa {ukm['desa']}, "
                f"Kecamatan {ukm['kecamatan']}. Pesan lewat WhatsApp.\n", encoding="utf-8")
            pages += 1
        (folder / "index.md").write_text(
            f"# {ukm['nama']}\n\nDesa {ukm['desa']}, Kecamatan {ukm['kecamatan']}\n\n"
            f'<div class="grid cards" markdown>\n\n{"".join(cards)}\n</div>\n', encoding="utf-8")
        pages += 1
    return pages


def floor_build(work: Path, data: Path) -> float:
    """Build the issue's floor: a plain mkdocs-material project of the same number of minimal pages
    (`floor_docs`), out of the nav, `navigation.prune`, the search plugin on, `attr_list` and `md_in_html`,
    no hooks and no catalogue code. Only the `mkdocs build` is timed."""
    docs = work / "floor-docs"
    floor_docs(docs, data)
    settings = {
        "site_name": "Pembanding polos", "site_url": "https://contoh.invalid/", "docs_dir": str(docs),
        "theme": {"name": "material", "language": "id", "features": ["navigation.prune"]},
        "plugins": ["search"], "markdown_extensions": ["attr_list", "md_in_html"],
        "nav": [{"Beranda": "index.md"}], "not_in_nav": "/ukm/*",
    }
    (work / "floor.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return timed_mkdocs_build(work / "floor.yml", work / "floor-site")


TEXT_TYPES = ("text/", "javascript", "json", "xml", "svg", "wasm", "octet-stream")


# The first loads the issue measures: name, path, what shows the page is ready, most bytes allowed.
WEIGHED = [("home page", "", None, None),
           ("listing page (kategori/batik/)", "kategori/batik/", None, 150 * 1024),
           ("first search result (cari/?q=batik)", "cari/?q=batik", ".rk-cari__hasil li", 150 * 1024),
           # a slip in the first letters: another word-list file (none), the vocabulary, then batik's word list
           ("first search result with a slip (cari/?q=btaik)", "cari/?q=btaik", ".rk-cari__hasil li", 150 * 1024)]


def page_weight(browser, url: str, ready: str | None = None) -> tuple[int, int, list[tuple[int, str]]]:
    """Bytes a 412 px phone at 2.625x transfers for a first load of `url`: raw, with gzip on text as static
    hosts send it, and each response's share (gzip bytes, URL), largest first."""
    context = browser.new_context(viewport={"width": 412, "height": 915}, device_scale_factor=2.625)
    page = context.new_page()
    bodies: list[tuple[str, str, bytes]] = []

    def record(response) -> None:
        with contextlib.suppress(Exception):  # a redirect or a request the page cancelled has no body
            bodies.append((response.url, response.headers.get("content-type", ""), response.body()))

    page.on("response", record)
    page.goto(url, wait_until="load")
    if ready:
        page.wait_for_selector(ready)
    page.wait_for_load_state("networkidle")  # lazy images near the screen too: all the phone fetches unasked
    context.close()
    sent = sorted(((len(gzip.compress(b)) if any(t in kind for t in TEXT_TYPES) else len(b), u)
                   for u, kind, b in bodies), reverse=True)
    return sum(len(b) for _, _, b in bodies), sum(n for n, _ in sent), sent


def page_weights(site: Path) -> dict[str, tuple[int, int]]:
    """Bytes a 412 px phone transfers for the WEIGHED first loads: (raw, with gzip on text)."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    weights = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
        for name, path, ready, _ in WEIGHED:
            weights[name] = page_weight(browser, base + path, ready)[:2]
        browser.close()
    server.shutdown()
    return weights


def measured_build(data: Path, out: Path,
                   extra: tuple[str, ...] = ()) -> tuple[float, dict[str, float], float, float]:
    """Run `build_catalog.py build`; return wall time, its stage timings, that process's peak RSS in MB and the peak
    of its process tree (with the brochure's process and the workers) in MB."""
    seconds, rss, output, tree = run_measured([sys.executable, str(ROOT / "build_catalog.py"), "build", "--data",
                                               str(data), "--out", str(out), *extra])
    return seconds, stages_of(output), rss, tree


def speed_report(work: Path, data: Path, site: Path, n: int, edits: int = 1,
                 extra: tuple[str, ...] = ()) -> tuple[float, dict[str, float], float]:
    """Issue 14 items 1 and 3: the warm build with nothing changed, then one price change (`edits` times, each in
    another UKM); each with its stages and peak memory. Return the warm build's time, stages and peak RSS (MB).
    `extra` goes to every build (the assembly's cache arguments after a sharded build)."""
    warm, stages, peak, tree = measured_build(data, site, extra)
    catalogue = sum(stages.get(k, 0) for k in ("data", "foto", "bagikan", "halaman", "pencarian"))
    extras = sum(stages.get(k, 0) for k in ("brosur", "offline"))
    print(f"warm build, nothing changed: {warm:.1f} s, peak RSS {peak:.0f} MB, process tree {tree:.0f} MB "
          f"(target ≤ 1 GB)")
    print(
        f"  catalogue code (load+validate, photos and link previews from cache, pages, search index): "
        f"{catalogue:.2f} s (target ≤ 2 s)"
    )
    print(f"  renderer (mkdocs): {warm - catalogue - extras:.1f} s; brochure + offline ZIP: {extras:.1f} s")
    print(f"  stages: {stages}")
    texts = {}
    for i in range(edits):
        edited = data / "products" / f"ukm-{(n // 2 + i) % n:05d}.yml"  # one owner changes one price
        texts[edited] = edited.read_text(encoding="utf-8")
        change_one_price(edited)
        one, one_stages, one_peak, one_tree = measured_build(data, site, extra)
        print(f"one price changed: {one:.1f} s end to end (target ≤ 8 s), peak RSS {one_peak:.0f} MB, process tree "
              f"{one_tree:.0f} MB; brochure stage {one_stages.get('brosur', 0):.1f} s; stages: {one_stages}",
              flush=True)
    for edited, text in texts.items():
        edited.write_text(text, encoding="utf-8")  # the data as generated again, for the baselines
    return warm, stages, peak


def change_one_price(path: Path) -> None:
    """One owner changes one price: the first price of the UKM file gets a leading 1 (15000 -> 115000)."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    harga: ", "    harga: 1", 1), encoding="utf-8")


def growth_report(sizes: list[int], extra: tuple[str, ...] = ()) -> None:
    """Issue 14 item 4: for each number of UKMs, a first build (photos from cache, pages new) and a warm build
    with nothing changed, with peak memory and the floor; print the cost per product of each."""
    for n in sizes:
        work = ROOT / "benchmarks" / "out" / f"scale-{n}"
        data, site = work / "data", work / "site"
        if not (data / "products").is_dir():
            make_catalog(data, n)
        first, _, first_peak, _ = measured_build(data, site, extra)
        warm, stages, peak, _ = measured_build(data, site, extra)
        floor = floor_build(work, data)
        products = n * 5
        print(f"{n} UKMs / {products} products: first {first:.1f} s ({first / products * 1000:.1f} ms/product, "
              f"{first_peak:.0f} MB); warm {warm:.1f} s ({warm / products * 1000:.2f} ms/product, {peak:.0f} MB); "
              f"floor {floor:.1f} s ({floor / products * 1000:.2f} ms/product); warm/floor {warm / floor:.2f}; "
              f"stages {stages}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, nargs="?", default=1000, help="number of UKMs (5 products each)")
    parser.add_argument("--keep", action="store_true", help="keep benchmarks/out/")
    parser.add_argument("--shards", type=int, default=0,
                        help="build as the matrix workflow: this many shard processes, each with its own cache "
                             "folder, then the assembly; report their costs, the site's size and file count")
    parser.add_argument("--data", type=Path, help="measure this catalogue (made by an earlier run, with its caches) "
                        "instead of generating one; the site is built beside it")
    parser.add_argument("--speed-only", action="store_true",
                        help="only the first build, the warm build and three price changes: no baselines, no browser "
                             "(with --shards: the shards, the assembly, then the warm build and price changes)")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the generated data and its caches from a kept earlier run "
                             "(the first build is then not cold)")
    args = parser.parse_args()
    work = args.data.resolve().parent if args.data else ROOT / "benchmarks" / "out" / f"scale-{args.n}"
    data, site = (args.data.resolve() if args.data else work / "data"), work / "site"
    started = time.perf_counter()
    reused = (args.reuse or args.data is not None) and (data / "products").is_dir()
    if not reused:
        make_catalog(data, args.n)
        print(f"generated {args.n} UKMs / {args.n * 5} products in {time.perf_counter() - started:.1f} s")

    if args.shards:
        site, assemble = sharded_build(work, data, args.shards)
        print_inventory(site_inventory(site), args.n * 5)
        if args.speed_only:  # then the assembled site as a warm build and three price changes
            speed_report(work, data, site, args.n, edits=3, extra=assemble)
        if not (args.keep or args.data):
            shutil.rmtree(work)
        return

    cold, cold_stages, cold_peak, cold_tree = measured_build(data, site)
    what = "first build (data and caches reused, not cold)" if reused else "cold build (photo cache empty)"
    print(f"{what}: {cold:.1f} s, peak RSS {cold_peak:.0f} MB, process tree {cold_tree:.0f} MB; stages: {cold_stages}",
          flush=True)
    warm, stages, _ = speed_report(work, data, site, args.n, edits=3 if args.speed_only else 1)
    if args.speed_only:
        print_inventory(site_inventory(site), args.n * 5)
        return
    baseline = baseline_build(work, data)
    extras = sum(stages.get(k, 0) for k in ("brosur", "offline"))
    print(f"bare baseline (same pages, same theme, mkdocs alone): {baseline:.1f} s")
    print(
        f"ratio: site pages {(warm - extras) / baseline:.2f}× baseline (target ≤ 1.15); "
        f"whole build incl. brochure and offline ZIP {warm / baseline:.2f}×"
    )
    floor = floor_build(work, data)
    print(f"floor (issue 14: plain mkdocs-material, {args.n * 6 + 1} minimal pages, search on, no hooks): "
          f"{floor:.1f} s; warm build {warm / floor:.2f}× the floor (target ≤ 1.0)")
    print(f"site: {directory_size(site) / 1e6:.1f} MB, {sum(1 for _ in site.rglob('*.html'))} HTML pages")
    print_inventory(site_inventory(site), args.n * 5)
    for name, (raw, sent) in page_weights(site).items():
        print(f"  {name}: {raw / 1024:.0f} KB raw, {sent / 1024:.0f} KB with gzip on text (target ≤ 150 KB)")
    if not (args.keep or args.data):  # never a catalogue given by --data
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
