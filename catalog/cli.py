"""Command line: a thin layer over the library. User mistakes print one line each and exit 1."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from catalog.errors import BuildFailed, CatalogError
from catalog.read.load import load_catalog
from catalog.resources import PROJECT_DIR

ROOT = PROJECT_DIR  # the sample data and mkdocs.yml


def _data(args) -> Path:
    return Path(args.data).resolve()


def _report(exc: CatalogError, stream=sys.stderr) -> int:
    for problem in exc.problems:
        print(problem, file=stream)
    print(f"{len(exc.problems)} masalah ditemukan. Perbaiki semuanya lalu jalankan lagi.", file=stream)
    return 1


def _github_escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def _report_github(exc: CatalogError) -> int:
    """Print GitHub Actions annotations so each mistake shows on its line of the pull request."""
    for p in exc.problems:
        props = f"file={_github_escape(p.file, True)}" + (f",line={p.line}" if p.line else "")
        message = f"{p.where}: {p.message}" if p.where else p.message
        print(f"::error {props},title=Data UKM::{_github_escape(message)}")
    print(f"{len(exc.problems)} masalah ditemukan. Perbaiki semuanya lalu jalankan lagi.", file=sys.stderr)
    return 1


def cmd_check(args) -> int:
    try:
        catalog = load_catalog(_data(args))
    except CatalogError as exc:
        return _report_github(exc) if args.format == "github" else _report(exc)
    print(f"Data valid: {len(catalog.ukms)} UKM, {len(catalog.products)} produk.")
    return 0


def cmd_new(args) -> int:
    from catalog.submit.new import new_ukm
    try:
        new_ukm(_data(args), args.slug)
    except CatalogError as exc:
        for problem in exc.problems:
            print(problem.message, file=sys.stderr)
        return 1
    print(f"Dibuat: products/{args.slug}.yml dan folder images/{args.slug}/. "
          "Isi berkasnya, simpan foto di folder itu, lalu jalankan: python build_catalog.py check")
    return 0


def cmd_import(args) -> int:
    from catalog.submit.importer import import_file
    print("Perubahan yang akan dibuat:" if not args.dry_run else "Uji coba (--dry-run), perubahan yang akan dibuat:")
    try:
        results = import_file(Path(args.file), _data(args), replace=args.replace,
                              photo_dir=Path(args.foto) if args.foto else None, remove=args.remove,
                              dry_run=args.dry_run, announce=print)
    except CatalogError as exc:
        _report(exc)
        print("Impor dibatalkan: tidak ada yang diubah.", file=sys.stderr)
        return 1
    if args.dry_run:
        print("Uji coba selesai: tidak ada yang diubah. Jalankan lagi tanpa --dry-run untuk mengimpor.")
        return 0
    for r in results:
        verb = "Diperbarui" if r.update else "Diganti" if r.replaced else "Ditambahkan"
        print(f"{verb}: products/{r.slug}.yml ({r.products} produk, {r.photos} foto di images/{r.slug}/)")
    return 0


def cmd_perubahan(args) -> int:
    from catalog.submit import compare
    try:
        old, new = (compare.tree(_data(args), side) for side in (args.lama, args.baru))
        lines = compare.compare(old, new)
    except CatalogError as exc:
        return _report(exc)
    text = compare.markdown(lines, old, new) if args.format == "md" else "\n".join(lines) + "\n"
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))  # UTF-8 whatever the terminal says: it goes to a summary file
    sys.stdout.buffer.flush()
    return 0


def _settings(args, **options):
    """The build's settings: mkdocs.yml (read once, by the renderer) and this command's options."""
    from catalog.build import read_settings
    return read_settings(Path(args.config), _data(args), **options)


def cmd_build(args) -> int:
    from catalog.build import build
    from catalog.mkdocs_adapter import log_to_terminal
    from catalog.photos import store as photo_store
    from catalog.pipeline import peak_mb
    started_at = time.time()  # the photo cache keeps what this build used, that is what was used since then
    try:
        settings = _settings(args, out_dir=Path(args.out), brochure=not args.no_brochure, strict=args.strict,
                             cache_dir=_cache_dir(args), cache_from=tuple(Path(p).resolve() for p in args.cache_from),
                             media_out=Path(args.media_out).resolve() if args.media_out else None)
        log_to_terminal(logging.WARNING)
        built = build(settings, progress=sys.stderr)
    except CatalogError as exc:
        return _report(exc)
    except BuildFailed as exc:
        print(f"Gagal membangun situs: {exc}", file=sys.stderr)
        return 1
    if args.prune_cache:
        removed = photo_store.prune(built.photos.cache_dir, since=started_at)
        print(f"Cache foto: {removed} berkas yang tidak dipakai lagi dihapus")
    print(f"Situs selesai: {built.ukms} UKM, {built.products} produk → {args.out} ({built.seconds:.1f} s)")
    stages = ", ".join(f"{name} {value:.2f} s" for name, value in built.timings.items())
    print(f"Waktu per tahap: {stages}, mkdocs (sisanya) {built.renderer_seconds:.2f} s")
    if built.beside:
        beside = ", ".join(f"{name} {value:.2f} s" for name, value in built.beside.items())
        print(f"Dikerjakan di proses sendiri, bersamaan dengan tahap lain: {beside}")
    peaks = ", ".join(f"{name} {value:.0f}" for name, value in built.peak_mb.items())
    print(f"Memori puncak (MB) sampai akhir tahap: {peaks}; seluruh bangun {peak_mb():.0f}")
    _report_size(built.published["site"])
    if built.settings.media_dir is not None:
        media = built.settings
        _report_size(built.published["media"], f"folder foto {media.media_dir} (untuk {media.media_base})",
                     "Terbitkan folder ini di host tanpa batas itu (misalnya penyimpanan objek dengan CDN); lihat")
    return 0


def _report_size(published: tuple[int, int], what: str = "situs",
                 advice: str = "Foto bisa dipindah ke host lain dengan extra.media_url di mkdocs.yml; lihat") -> None:
    """Say how large a folder to publish is (its files and tar bytes) against GitHub Pages' 1 GB, and warn on
    stderr when it does not fit."""
    from catalog.build import GITHUB_PAGES_BYTES
    from catalog.fmt import thousands
    files, size = published
    megabytes = f"{size / 1e6:.1f}".replace(".", ",")
    print(f"Ukuran {what}: {thousands(files)} berkas, {megabytes} MB (batas GitHub Pages 1.000 MB)")
    if size > GITHUB_PAGES_BYTES:
        print(f"Peringatan: {what} {megabytes} MB lebih besar dari batas GitHub Pages (1.000 MB); GitHub bisa menolak "
              f"menerbitkannya. {advice} bagian 'Muat di hosting statis' di docs/kinerja.md.", file=sys.stderr)


def _cache_dir(args) -> Path | None:
    return Path(args.cache).resolve() if args.cache else None


def _shard(text: str) -> tuple[int, int]:
    """`2/4` → (2, 4); argparse shows the message when the text is not a shard of a matrix build."""
    index, _, count = text.partition("/")
    if not (index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
        raise argparse.ArgumentTypeError(f"bagian {text!r} tidak dikenal; tulis nomor bagian/jumlah bagian, "
                                         "contoh 2/4 untuk bagian kedua dari empat")
    return int(index), int(count)


def cmd_shard(args) -> int:
    from catalog.build import build_shard
    from catalog.photos import store as photo_store
    started, started_at = time.perf_counter(), time.time()
    try:
        settings = _settings(args, brochure=not args.no_brochure, cache_dir=_cache_dir(args), shard=args.shard)
        work, timings = build_shard(settings, progress=sys.stderr)
    except CatalogError as exc:
        return _report(exc)
    if args.prune_cache:  # what this shard's UKMs used stays; a UKM that moved to another shard goes
        removed = photo_store.prune(photo_store.folder_of(settings.data_dir), since=started_at)
        print(f"Cache foto: {removed} berkas yang tidak dipakai lagi dihapus")
    index, count = args.shard
    stages = ", ".join(f"{name} {value:.2f} s" for name, value in timings.items())
    print(f"Bagian {index}/{count} selesai: {work.ukms} UKM, {work.products} produk, {work.processed} foto diolah "
          f"({time.perf_counter() - started:.1f} s)")
    print(f"Waktu per tahap: {stages}")
    return 0


def _printout(args, make) -> int:
    """Load, select, render and write one PDF (brochure or labels); user mistakes exit 1."""
    from catalog import cache
    from catalog.printing import brochure
    started = time.perf_counter()
    filters = brochure.Filters(tuple(args.category or ()), tuple(args.kecamatan or ()), tuple(args.ukm or ()),
                               tuple(args.desa or ()))
    try:
        settings = _settings(args)
        catalog = load_catalog(_data(args))
        site = brochure.SiteConfig(settings.printed_url(), settings.site_name, settings.demo)
        products = brochure.select(catalog, filters)
        printout = make(brochure, catalog, products, site, filters)
        cache.write_atomic(Path(args.out), brochure.print_pdf(printout))
    except CatalogError as exc:
        return _report(exc)
    seconds = time.perf_counter() - started
    print(f"Selesai: {len(printout.products)} produk ({brochure.describe(filters, catalog)}) → {args.out} "
          f"({seconds:.1f} s)")
    return 0


def cmd_brochure(args) -> int:
    return _printout(args, lambda b, catalog, products, site, filters: b.brochure_html(
        catalog, products, site, b.Layout(args.paper, args.bleed), args.group_by, filters))


def cmd_labels(args) -> int:
    return _printout(args, lambda b, catalog, products, site, filters: b.labels_html(catalog, products, site))


def cmd_laporan(args) -> int:
    from catalog import report
    try:
        catalog = load_catalog(_data(args))
    except CatalogError as exc:
        return _report(exc)
    found = report.findings(catalog)
    text = report.csv_text(found) if args.format == "csv" else report.markdown(catalog, found)
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))  # UTF-8 whatever the terminal says: the output goes to a file
    sys.stdout.buffer.flush()
    print(f"Laporan: {len(found)} temuan pada {len({id(f.ukm) for f in found})} dari {len(catalog.ukms)} UKM.",
          file=sys.stderr)
    return 0


def cmd_serve(args) -> int:
    from catalog.build import serve
    from catalog.mkdocs_adapter import log_to_terminal
    try:
        load_catalog(_data(args))  # a data mistake is shown here, before the preview starts
        settings = _settings(args, brochure=False)  # a preview rebuilds on every edit; `brochure` prints one
    except CatalogError as exc:
        return _report(exc)
    log_to_terminal(logging.INFO)
    serve(settings, "127.0.0.1", args.port)
    return 0


def _import_arguments(imp: argparse.ArgumentParser) -> None:
    imp.add_argument("file", help="PAKET.zip, PAKET.txt, FOLDER berisi paket, atau FORMULIR.csv")
    imp.add_argument("--replace", action="store_true",
                     help="ganti UKM yang sudah ada dengan paket pendaftaran baru (paket Perbarui tidak perlu ini)")
    imp.add_argument("--remove", action="store_true",
                     help="izinkan menghapus produk yang sudah tayang atau mengosongkan isian; tanpa ini impor "
                          "yang menghapus data ditolak dan semua yang akan hilang ditampilkan")
    imp.add_argument("--dry-run", action="store_true",
                     help="uji coba: periksa dan tampilkan perubahannya saja, tidak ada yang ditulis")
    imp.add_argument("--foto", help="folder foto untuk CSV (bawaan: folder tempat berkas CSV)")


CHANGES_HELP = (
    "ringkasan perubahan data UKM antara dua revisi git atau dua folder (untuk pull request); "
    "--data: repositori git-nya"
)


def _changes_arguments(changes: argparse.ArgumentParser) -> None:
    changes.add_argument("lama", help="revisi git (misalnya origin/main) atau folder berisi products/ dan images/")
    changes.add_argument("baru", help="revisi git (misalnya HEAD) atau folder")
    changes.add_argument("--format", choices=["teks", "md"], default="teks",
                         help="md: Markdown untuk ringkasan GitHub Actions ($GITHUB_STEP_SUMMARY)")


def _matrix_commands(add, build: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The matrix build's options of `build` and its `shard` command (returned)."""
    build.add_argument("--cache", help="folder cache bangun ini (bawaan: .cache/ di folder data)")
    build.add_argument("--cache-from", nargs="+", default=[], metavar="FOLDER",
                       help="folder cache tiap bagian (perintah shard): situs dirakit dari foto dan gambar pratinjau "
                            "yang sudah dibuat di sana")
    shard = add("shard", cmd_shard, "olah foto dan gambar pratinjau satu bagian UKM saja (bangun bertahap di CI)")
    shard.add_argument("shard", type=_shard, metavar="BAGIAN/JUMLAH", help="misalnya 2/4: bagian kedua dari empat")
    shard.add_argument("--cache", help="folder cache bagian ini (bawaan: .cache/ di folder data)")
    shard.add_argument("--no-brochure", action="store_true", help="tanpa foto cetak untuk brosur")
    shard.add_argument("--prune-cache", action="store_true",
                       help="setelah berhasil, hapus foto di cache yang tidak dipakai bagian ini lagi")
    return shard


def _build_arguments(build: argparse.ArgumentParser) -> None:
    build.add_argument("--out", default="site", help="folder hasil (bawaan: site/)")
    build.add_argument("--strict", action="store_true", help="gagal bila mkdocs memberi peringatan")
    build.add_argument("--media-out", default=None,
                       help="bila mkdocs.yml memberi extra.media_url: folder foto, gambar pratinjau dan salinan "
                            "offline untuk alamat itu (bawaan: folder --out dengan akhiran -media)")
    build.add_argument(
        "--no-brochure",
        action="store_true",
        help="tanpa brosur PDF di situs (lebih cepat, untuk uji coba); bawaan: brosur disertakan",
    )
    build.add_argument(
        "--prune-cache",
        action="store_true",
        help="setelah berhasil, hapus foto di .cache/foto/ yang tidak dipakai situs ini lagi",
    )


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="build_catalog.py", description="Etalase UKM Blora: periksa dan bangun situs.")
    commands = main.add_subparsers(dest="command", required=True)

    def add(name: str, func, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--data", default=str(ROOT),
                         help="folder berisi products/ dan images/ (bawaan: folder repositori)")
        sub.set_defaults(func=func)
        return sub

    check = add("check", cmd_check, "periksa data tanpa membangun situs")
    check.add_argument(
        "--format", choices=["teks", "github"], default="teks", help="github: anotasi ::error untuk GitHub Actions"
    )
    new = add("new", cmd_new, "buat berkas UKM baru dari templat")
    new.add_argument("slug", help="nama berkas UKM, huruf kecil dan tanda hubung, misalnya batik-sekar-jati")
    imp = add("import", cmd_import, "impor paket dari formulir (.zip, .txt dari WhatsApp, atau folder berisi "
              "paket-paket itu) atau CSV dari spreadsheet; perubahannya ditampilkan sebelum ditulis")
    _import_arguments(imp)
    _changes_arguments(add("perubahan", cmd_perubahan, CHANGES_HELP))
    build = add("build", cmd_build, "bangun situs ke folder --out")
    _build_arguments(build)
    shard = _matrix_commands(add, build)
    serve = add("serve", cmd_serve, "pratinjau langsung di http://127.0.0.1:8000, diperbarui saat berkas diubah")
    serve.add_argument("--port", type=int, default=8000, help="port (bawaan: 8000)")
    brochure = add("brochure", cmd_brochure, "cetak brosur PDF dengan kode QR untuk pameran")
    brochure.add_argument("--out", default="brosur.pdf", help="berkas PDF hasil (bawaan: brosur.pdf)")
    brochure.add_argument("--paper", choices=["A4", "A5"], default="A4", help="ukuran kertas (bawaan: A4)")
    brochure.add_argument(
        "--group-by",
        choices=["wilayah", "kategori"],
        default="wilayah",
        help="urutan bab: kecamatan → desa → UKM, atau kategori → UKM (bawaan: wilayah)",
    )
    brochure.add_argument("--bleed", action="store_true", help="untuk percetakan: bleed 3 mm dan tanda potong")
    labels = add("labels", cmd_labels, "cetak label meja pameran (A4, 3 × 7 label) dengan kode QR")
    labels.add_argument("--out", default="label.pdf", help="berkas PDF hasil (bawaan: label.pdf)")
    laporan = add(
        "laporan", cmd_laporan, "laporan tindak lanjut per UKM untuk admin (peringatan saja, selalu keluar 0)"
    )
    laporan.add_argument(
        "--format",
        choices=["md", "csv"],
        default="md",
        help="md: untuk dibaca (bawaan); csv: satu baris per temuan, UTF-8 dengan BOM untuk Excel",
    )
    for sub in (brochure, labels):
        sub.add_argument(
            "--category",
            "--kategori",
            nargs="+",
            action="extend",
            metavar="K",
            help="hanya kategori ini: batik, busana, makanan, kerajinan",
        )
        sub.add_argument(
            "--kecamatan", nargs="+", action="extend", metavar="K", help="hanya kecamatan ini, misalnya Cepu"
        )
        sub.add_argument(
            "--desa",
            nargs="+",
            action="extend",
            metavar="D",
            help="hanya desa/kelurahan ini, misalnya Balun (nama yang ada di dua kecamatan: tambahkan --kecamatan)",
        )
        sub.add_argument(
            "--ukm",
            nargs="+",
            action="extend",
            metavar="SLUG",
            help="hanya UKM ini (nama berkas tanpa .yml), misalnya batik-sekar-jati",
        )
    for sub in (build, shard, serve, brochure, labels):
        sub.add_argument("--config", default=str(ROOT / "mkdocs.yml"), help=argparse.SUPPRESS)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)
