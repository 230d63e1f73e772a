"""The admin's follow-up report (`laporan`): per UKM, what to complete, renew or retake before the next exhibition.

Pure apart from reading photos: `findings(catalog)` lists every finding, warnings never errors; `markdown`
writes them for a person (by kecamatan, then UKM, in Indonesian) and `csv_text` one row per finding for a
spreadsheet. Dates are judged against the catalogue's edition date (the newest date in the data), never
the clock, so the same data gives the same report. Thresholds and their calibration: docs/laporan.md.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageFilter, ImageStat

from catalog import fmt
from catalog.core import Catalog, Product, Ukm
from catalog.errors import path_text
from catalog.photos.engine import decode, open_checked, upright_size
from catalog.printing.brochure import PAPERS, PHOTO_DPI, Layout, tanggal
from catalog.read.model import BPOM_FAMILIES, bpom_family

# What each finding is called, in the order a UKM's findings are listed.
KINDS = {
    "tanpa-legalitas": "Belum ada nomor legalitas",
    "pangan-izin-edar": "Makanan tanpa P-IRT atau BPOM",
    "pangan-halal": "Makanan tanpa sertifikat halal",
    "pirt-wilayah": "P-IRT bukan kode Blora",
    "pirt-berakhir": "Masa berlaku P-IRT lewat",
    "foto-kecil": "Foto terlalu kecil untuk cetak",
    "foto-buram": "Foto buram",
    "whatsapp-sama": "Nomor WhatsApp dipakai UKM lain",
    "lama": "Tidak diperbarui lebih dari 12 bulan",
    "tanpa-tanggal": "Tanpa tanggal",
}
# Below this the printed photo looks soft (see `sharpness`). Sharp sample photos measure 210 and more, sharp test
# photos 221 and more; blurred by 2 print pixels, 192 and less; a motion-blurred test photo 133.
# Calibration: tools/blur_calibration.py, figures in docs/laporan.md.
SHARPNESS_MIN = 150.0
TILES = 4  # the photo is judged by the most detailed quarter of a TILES × TILES grid
STALE_MONTHS = 12
# P-IRT: 15 digits, PerBPOM 22/2018: packaging (1), food type (2), province + kabupaten (4), food serial (2),
# IRTP serial (4), then "-" and the last two digits of the year the certificate ends.
PIRT_RE = re.compile(r"(\d)(\d{2})(\d{4})(\d{2})(\d{4})-(\d{2})")
CSV_COLUMNS = ("kode_kecamatan", "kecamatan", "kode_desa", "desa", "ukm", "nama_ukm", "berkas", "baris", "letak",
               "jenis", "temuan", "pesan")


@dataclass(frozen=True)
class Finding:
    """One thing to follow up for one UKM: `where` is the YAML path it concerns (`produk[2].foto[1]`)."""

    ukm: Ukm
    kind: str
    where: str
    message: str
    line: int | None = None


@dataclass(frozen=True)
class PhotoMeasure:
    width: int   # upright, in pixels
    height: int
    sharpness: float


def print_side() -> tuple[int, float]:
    """The short side in pixels a photo needs for the brochure's largest photo box at its dpi, and that box in mm."""
    box = max(min(Layout(paper).photo_box) for paper in PAPERS)
    return round(box / 25.4 * PHOTO_DPI), box


def sharpness(image: Image.Image, side: int) -> float:
    """Measure how sharp a photo prints: FIND_EDGES variance in its most detailed quarter, greyscale, at print size.

    The copy is at most `side` pixels on its short side; its edge image is cut into a 4 × 4 grid and the
    variances of the 4 most detailed tiles are averaged, so a sharp product on a plain background counts
    as sharp (the whole image's variance would be low from the background alone).
    """
    grey = image.convert("L")
    short = min(grey.size)
    if short > side:
        scale = side / short
        grey = grey.resize(
            (max(1, round(grey.width * scale)), max(1, round(grey.height * scale))), Image.Resampling.LANCZOS
        )
    if min(grey.size) < 3 + TILES:
        return 0.0
    # The filter leaves the outermost pixels as they were: only the inside counts.
    edges = grey.filter(ImageFilter.FIND_EDGES).crop((1, 1, grey.width - 1, grey.height - 1))
    width, height = edges.size
    variances = sorted(
        (
            ImageStat.Stat(
                edges.crop(
                    (i * width // TILES, j * height // TILES, (i + 1) * width // TILES, (j + 1) * height // TILES)
                )
            ).var[0]
            for i in range(TILES)
            for j in range(TILES)
        ),
        reverse=True,
    )
    best = variances[: TILES * TILES // 4]
    return sum(best) / len(best)


def measure_photo(path: Path, name: str, side: int) -> PhotoMeasure:
    """Read a photo's upright size and its sharpness at print size (decoding a JPEG only as far as needed)."""
    with open_checked(path, name) as header:
        width, height = upright_size(header)
    image = decode(path, name, need=min(1.0, side / min(width, height)))
    return PhotoMeasure(width, height, sharpness(image, side))


def findings(catalog: Catalog, measure: Callable[[Path, str, int], PhotoMeasure] = measure_photo) -> list[Finding]:
    """List every finding of the catalogue: UKM by UKM (kecamatan, then name), each UKM's in the order of KINDS."""
    edition = catalog.edition
    region = catalog.register.kabupaten["code"].replace(".", "")
    side, box = print_side()
    printed = [p for p in catalog.products if p.photos]  # the brochure prints each product's first photo
    with ThreadPoolExecutor(min(8, os.cpu_count() or 1)) as pool:  # Pillow decodes and filters without the GIL
        measures = dict(
            zip(
                map(id, printed),
                pool.map(lambda p: measure(p.photos[0].path, p.photos[0].name, side), printed),
                strict=True,
            )
        )
    shared = _shared_whatsapp(catalog.ukms)
    found: list[Finding] = []
    for ukm in sorted(catalog.ukms, key=_ukm_order):
        found += _legal(ukm)
        found += _pirt(ukm, region, edition)
        found += [f for p in ukm.products if id(p) in measures for f in _photo(p, measures[id(p)], side, box)]
        found += shared.get(id(ukm), [])
        found += _dates(ukm, edition)
    return sorted(found, key=lambda f: (_ukm_order(f.ukm), list(KINDS).index(f.kind)))


def _ukm_order(ukm: Ukm) -> tuple:
    return (ukm.kecamatan.name, ukm.data.nama.casefold(), ukm.slug)


def _names(products: list[Product]) -> str:
    return ", ".join(p.data.nama for p in products)


def _legal(ukm: Ukm) -> list[Finding]:
    legal = ukm.data.legalitas
    has = {key for key in fmt.LEGAL_LABELS if legal is not None and getattr(legal, key)}
    found = []
    if not has:
        found.append(
            Finding(
                ukm,
                "tanpa-legalitas",
                "legalitas",
                "belum ada nomor NIB, P-IRT, sertifikat halal maupun BPOM; bantu pemilik mendaftar NIB "
                "di OSS, lalu isi `legalitas:`",
            )
        )
    food = [p for p in ukm.products if p.data.kategori == "makanan"]
    if not food:
        return found
    food_bpom = "bpom" in has and bpom_family(legal.bpom) is BPOM_FAMILIES[0]  # MD/ML; TR, NA… do not cover food
    if "pirt" not in has and not food_bpom:
        found.append(
            Finding(
                ukm,
                "pangan-izin-edar",
                "legalitas",
                f"{len(food)} produk makanan tanpa nomor P-IRT atau BPOM MD/ML ({_names(food)}); "
                "isi `legalitas.pirt` bila sudah ada, bila belum bantu mengurus SPP-IRT",
            )
        )
    if "halal" not in has:
        found.append(
            Finding(
                ukm,
                "pangan-halal",
                "legalitas",
                f"{len(food)} produk makanan tanpa sertifikat halal ({_names(food)}); "
                "isi `legalitas.halal` bila sudah ada, bila belum bantu mendaftar sertifikasi halal",
            )
        )
    return found


def _pirt(ukm: Ukm, region: str, edition) -> list[Finding]:
    number = ukm.data.legalitas.pirt if ukm.data.legalitas else None
    match = PIRT_RE.fullmatch(number or "")
    if not match:
        return []
    found = []
    if match[3] != region:
        found.append(
            Finding(
                ukm,
                "pirt-wilayah",
                "legalitas.pirt",
                f"nomor P-IRT {number}: angka ke-4 sampai ke-7 ({match[3]}) bukan kode Kabupaten Blora "
                f"({region}); cocokkan dengan sertifikat SPP-IRT, yang diterbitkan kabupaten tempat produksi",
            )
        )
    year = 2000 + int(match[6])
    if edition is not None and year < edition.year:
        found.append(
            Finding(
                ukm,
                "pirt-berakhir",
                "legalitas.pirt",
                f"nomor P-IRT {number} berlaku sampai tahun {year} (dua angka terakhir), sebelum edisi "
                f"{tanggal(edition)}; bantu memperpanjang SPP-IRT lalu perbarui nomornya",
            )
        )
    return found


def _photo(product: Product, measure: PhotoMeasure, side: int, box: float) -> list[Finding]:
    photo, ukm = product.photos[0], product.ukm
    where = path_text(("produk", ukm.products.index(product), "foto", 0))
    short = min(measure.width, measure.height)
    found = []
    if short < side:
        dpi = round(short / (box / 25.4))
        found.append(
            Finding(
                ukm,
                "foto-kecil",
                where,
                f'foto "{photo.name}" {measure.width} × {measure.height} piksel: di brosur (kotak '
                f"{box:g} mm) hanya {dpi} dpi, perlu sisi terpendek minimal {side} piksel untuk "
                f"{PHOTO_DPI} dpi; minta foto asli dari kamera, bukan kiriman WhatsApp atau tangkapan "
                "layar",
                photo.line,
            )
        )
    if measure.sharpness < SHARPNESS_MIN:
        found.append(
            Finding(
                ukm,
                "foto-buram",
                where,
                f'foto "{photo.name}" buram untuk cetak (ketajaman {measure.sharpness:.0f}, minimal '
                f"{SHARPNESS_MIN:.0f}); minta foto ulang yang fokus dan cukup terang",
                photo.line,
            )
        )
    return found


def _shared_whatsapp(ukms: list[Ukm]) -> dict[int, list[Finding]]:
    """Find WhatsApp numbers written in more than one UKM file; each of those UKMs gets one finding."""
    by_number: dict[str, list[Ukm]] = defaultdict(list)
    for ukm in ukms:
        if ukm.data.whatsapp:
            by_number[ukm.data.whatsapp].append(ukm)
    found: dict[int, list[Finding]] = {}
    for number, owners in by_number.items():
        for ukm in owners if len(owners) > 1 else ():
            others = ", ".join(f"{u.data.nama} ({u.file})" for u in sorted(owners, key=_ukm_order) if u is not ukm)
            found[id(ukm)] = [
                Finding(
                    ukm,
                    "whatsapp-sama",
                    "whatsapp",
                    f"nomor WhatsApp {fmt.phone_display(number)} juga dipakai {others}; pastikan "
                    "pesanan sampai ke pemilik yang benar",
                )
            ]
    return found


def _dates(ukm: Ukm, edition) -> list[Finding]:
    """Judge how fresh a UKM's entry is by the newest of its `terdaftar` and its products' `ditambahkan`."""
    dates = [d for d in (ukm.data.terdaftar, *(p.data.ditambahkan for p in ukm.products)) if d]
    if not dates:
        return [
            Finding(
                ukm,
                "tanpa-tanggal",
                "terdaftar",
                "tidak ada tanggal `terdaftar` maupun `ditambahkan`, jadi tidak diketahui kapan data terakhir "
                "diperbarui; isi `terdaftar`",
            )
        ]
    newest = max(dates)
    if edition is None or newest >= _months_before(edition, STALE_MONTHS):
        return []
    return [
        Finding(
            ukm,
            "lama",
            "",
            f"tanggal terbaru di berkas ini {tanggal(newest)} (`terdaftar`/`ditambahkan`), lebih dari "
            f"{STALE_MONTHS} bulan sebelum edisi data {tanggal(edition)}; tanyakan harga, stok dan produk "
            "terbaru, lalu isi `ditambahkan` pada produk baru",
        )
    ]


def _months_before(day, months: int):
    """The same day `months` earlier (the month's last day when that day does not exist)."""
    month = day.month - months
    year, month = day.year + (month - 1) // 12, (month - 1) % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=d)
        except ValueError:
            continue
    raise AssertionError("every month has a 28th")


# --- writing ---

_MD_SPECIAL = re.compile(r"([\\*_\[\]<>#|])")


def _md(text: str) -> str:
    """Escape text holding owner words so Markdown shows it as typed: no links, emphasis or HTML (`code` stays)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def markdown(catalog: Catalog, found: list[Finding]) -> str:
    """Write the report for a person: a summary, then kecamatan → UKM → findings, then how things were judged."""
    side, box = print_side()
    edition = tanggal(catalog.edition) if catalog.edition else "tidak diketahui (data tanpa tanggal)"
    ukms = {id(f.ukm) for f in found}
    lines = [
        "# Laporan tindak lanjut UKM",
        "",
        f"Edisi data: {edition}. Diperiksa {len(catalog.ukms)} UKM dan {len(catalog.products)} produk.",
        "",
    ]
    if not found:
        lines += ["Tidak ada temuan: semua UKM lengkap dan terbaru.", ""]
    else:
        lines += [
            f"{len(found)} temuan pada {len(ukms)} UKM. Semuanya peringatan untuk ditindaklanjuti, bukan "
            "kesalahan: situs dan brosur tetap bisa dibuat.",
            "",
            "| Temuan | Jumlah |",
            "|---|---:|",
        ]
        counts = Counter(f.kind for f in found)
        lines += [f"| {label} | {counts[kind]} |" for kind, label in KINDS.items() if counts[kind]]
        lines += _markdown_body(found)
    lines += [
        "",
        "## Cara menilai",
        "",
        f"- Foto: foto pertama setiap produk (yang dicetak di brosur). Terlalu kecil bila sisi terpendeknya "
        f"kurang dari {side} piksel (kotak foto {box:g} mm pada {PHOTO_DPI} dpi); buram bila ketajamannya "
        f"(ragam tepi FIND_EDGES pada salinan abu-abu seukuran cetak, di seperempat bagian foto yang paling "
        f"rinci) kurang dari {SHARPNESS_MIN:.0f}.",
        "- Tanggal: tanggal terbaru dari `terdaftar` dan `ditambahkan` dibandingkan dengan edisi data (tanggal "
        "terbaru di seluruh data), bukan tanggal hari ini, agar laporan yang sama keluar setiap kali dibuat.",
        "- P-IRT: angka ke-4 sampai ke-7 adalah kode provinsi dan kabupaten (Blora: "
        f"{catalog.register.kabupaten['code'].replace('.', '')}); dua angka terakhir tahun berakhirnya.",
        "- Harga tidak diperiksa di sini: `harga` wajib diisi, jadi produk tanpa harga sudah ditolak oleh `check`.",
        "",
    ]
    return "\n".join(lines)


def _markdown_body(found: list[Finding]) -> list[str]:
    lines: list[str] = []
    kecamatan = ukm = None
    for finding in found:
        if finding.ukm.kecamatan is not kecamatan:
            kecamatan = finding.ukm.kecamatan
            lines += ["", f"## Kecamatan {_md(kecamatan.name)}"]
        if finding.ukm is not ukm:
            ukm = finding.ukm
            contact = (
                f", WhatsApp {fmt.phone_display(ukm.data.whatsapp)}"
                if ukm.data.whatsapp
                else f", telepon {_md(ukm.data.telepon)}"
                if ukm.data.telepon
                else ""
            )
            lines += [
                "",
                f"### {_md(ukm.data.nama)} ({ukm.desa.type_label} {_md(ukm.desa.name)})",
                "",
                f"Berkas `{ukm.file}`{contact}",
                "",
            ]
        place = ", ".join(
            p
            for p in (f"`{finding.where}`" if finding.where else "", f"baris {finding.line}" if finding.line else "")
            if p
        )
        lines.append(f"- **{KINDS[finding.kind]}**{f' ({place})' if place else ''}: {_md(finding.message)}")
    return lines


def _cell(text: str) -> str:
    """Keep a spreadsheet from running owner text as a formula (`=…`, `+…`, `-…`, `@…`)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_text(found: list[Finding]) -> str:
    """Write one row per finding with Kemendagri codes, as UTF-8 text with a BOM so Excel reads it right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for f in found:
        u = f.ukm
        writer.writerow(
            [
                u.kecamatan.code,
                u.kecamatan.name,
                u.desa.code,
                u.desa.name,
                u.slug,
                _cell(u.data.nama),
                u.file,
                f.line or "",
                f.where,
                f.kind,
                KINDS[f.kind],
                _cell(f.message),
            ]
        )
    return "\ufeff" + buffer.getvalue()
