"""Import a UKM from the web form's ZIP package or from a spreadsheet (CSV) export.

Everything is validated in a scratch folder first; only a clean UKM is moved into the
data folder (the YAML file through `cache.atomic_file`, the photo folder by renames), and an existing
UKM is never overwritten without `replace`.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml
from PIL import Image, UnidentifiedImageError

from catalog.cache import atomic_file
from catalog.errors import CatalogError, Problem
from catalog.photos.engine import MAX_FILE_BYTES
from catalog.read.load import load_catalog
from catalog.read.model import PHOTO_SUFFIXES
from catalog.read.yaml_source import MAX_YAML_BYTES
from catalog.text import SLUG_RE, slugify

MAX_PACKAGE_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 500
PHOTO_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


@dataclass(frozen=True)
class Imported:
    slug: str
    products: int
    photos: int
    replaced: bool


def import_file(source: Path, data_dir: Path, replace: bool = False, photo_dir: Path | None = None) -> list[Imported]:
    """Import a `.zip` package or a `.csv` export into `data_dir`."""
    source = Path(source)
    if not source.is_file():
        raise CatalogError([Problem(source.name, None, "", "berkas tidak ditemukan")])
    with tempfile.TemporaryDirectory(prefix="impor-") as scratch:
        staging = Path(scratch)
        if source.suffix.lower() == ".zip":
            slugs = [_unpack_zip(source, staging)]
        elif source.suffix.lower() == ".csv":
            slugs = _convert_csv(source, staging, photo_dir or source.parent)
        else:
            raise CatalogError(
                [Problem(source.name, None, "", "hanya berkas .zip (dari formulir) atau .csv yang bisa diimpor")]
            )
        catalog = load_catalog(staging)  # raises CatalogError with every problem of the package
        existing = [s for s in slugs if (Path(data_dir) / "products" / f"{s}.yml").exists()]
        if existing and not replace:
            raise CatalogError(
                [
                    Problem(
                        source.name,
                        None,
                        "",
                        f"UKM {s} sudah ada (products/{s}.yml); pakai --replace untuk menggantinya",
                    )
                    for s in existing
                ]
            )
        results = []
        for ukm in catalog.ukms:
            _install(staging, Path(data_dir), ukm.slug)
            photos = len({p.name for product in ukm.products for p in product.photos})
            results.append(Imported(ukm.slug, len(ukm.products), photos, ukm.slug in existing))
        return results


def _unpack_zip(source: Path, staging: Path) -> str:
    """Check every entry of the package, then extract the one UKM it holds; return its slug."""
    name = source.name
    problems: list[Problem] = []
    try:
        archive = zipfile.ZipFile(source)
    except zipfile.BadZipFile:
        raise CatalogError([Problem(name, None, "", "bukan berkas ZIP yang utuh")]) from None
    with archive:
        entries = [e for e in archive.infolist() if not e.is_dir()]
        if len(entries) > MAX_ENTRIES:
            raise CatalogError([Problem(name, None, "", f"paket berisi {len(entries)} berkas; maksimal {MAX_ENTRIES}")])
        yamls = [e for e in entries if re.fullmatch(r"products/[^/]+\.ya?ml", e.filename)]
        if len(yamls) != 1:
            raise CatalogError(
                [Problem(name, None, "", "paket harus berisi tepat satu berkas products/<nama-ukm>.yml")]
            )
        slug = PurePosixPath(yamls[0].filename).stem
        if not SLUG_RE.fullmatch(slug):
            raise CatalogError(
                [Problem(name, None, yamls[0].filename, "nama berkas hanya boleh huruf kecil, angka dan tanda hubung")]
            )
        for entry in entries:
            problem = _entry_problem(entry, slug)
            if problem:
                problems.append(Problem(name, None, entry.filename, problem))
        if sum(e.file_size for e in entries) > MAX_PACKAGE_BYTES:
            problems.append(Problem(name, None, "", f"isi paket lebih dari {MAX_PACKAGE_BYTES // 2**20} MB"))
        if problems:
            raise CatalogError(problems)
        for entry in entries:
            target = staging / PurePosixPath(entry.filename)
            target.parent.mkdir(parents=True, exist_ok=True)
            limit = MAX_YAML_BYTES if entry is yamls[0] else MAX_FILE_BYTES
            with archive.open(entry) as src, open(target, "wb") as dst:
                data = src.read(limit + 1)  # never trust the header's size: read at most the limit
                if len(data) > limit:
                    problems.append(Problem(name, None, entry.filename, f"berkas lebih dari {limit // 1024} KB"))
                    continue
                dst.write(data)
            if entry is not yamls[0]:
                problem = _image_problem(target)
                if problem:
                    problems.append(Problem(name, None, entry.filename, problem))
    if problems:
        raise CatalogError(problems)
    return slug


def _entry_problem(entry: zipfile.ZipInfo, slug: str) -> str | None:
    path = entry.filename
    mode = entry.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "tautan (symlink) tidak diterima"
    if path.startswith("/") or "\\" in path or re.match(r"[A-Za-z]:", path) or ".." in PurePosixPath(path).parts:
        return "jalur berkas tidak aman (absolut atau berisi ..); ditolak"
    if re.fullmatch(r"products/[^/]+\.ya?ml", path):
        return None if entry.file_size <= MAX_YAML_BYTES else f"berkas lebih dari {MAX_YAML_BYTES // 1024} KB"
    parts = PurePosixPath(path).parts
    if len(parts) != 3 or parts[:2] != ("images", slug):
        return f"hanya products/{slug}.yml dan foto di images/{slug}/ yang boleh ada di paket"
    if not PHOTO_NAME.fullmatch(parts[2]) or not parts[2].lower().endswith(PHOTO_SUFFIXES):
        return "nama foto hanya boleh huruf, angka, titik dan tanda hubung, dengan akhiran foto (.jpg, .png, …)"
    if entry.file_size > MAX_FILE_BYTES:
        return f"foto lebih dari {MAX_FILE_BYTES // 2**20} MB; kecilkan dulu"
    return None


def _image_problem(path: Path) -> str | None:
    try:
        with Image.open(path) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return "bukan foto yang bisa dibaca"
    return None


def _install(staging: Path, data_dir: Path, slug: str) -> None:
    """Move one validated UKM from `staging` into `data_dir`, replacing the old one at the last moment."""
    (data_dir / "products").mkdir(parents=True, exist_ok=True)
    (data_dir / "images").mkdir(parents=True, exist_ok=True)
    new_images = staging / "images" / slug
    images = data_dir / "images" / slug
    parked = data_dir / "images" / f".{slug}-lama"
    incoming = data_dir / "images" / f".{slug}-baru"
    shutil.rmtree(incoming, ignore_errors=True)
    shutil.copytree(new_images, incoming) if new_images.is_dir() else incoming.mkdir()
    with atomic_file(data_dir / "products" / f"{slug}.yml") as yml:
        # Written beside the old file first; it takes the old one's place when the photos are in place too.
        yml.write((staging / "products" / f"{slug}.yml").read_bytes())
        yml.flush()
        shutil.rmtree(parked, ignore_errors=True)
        if images.exists():
            images.rename(parked)
        incoming.rename(images)
    shutil.rmtree(parked, ignore_errors=True)


# --- CSV: one row per product, UKM columns repeated (a spreadsheet or Google Forms export) ---

CSV_UKM = {
    "Nama usaha": "nama",
    "Pemilik": "pemilik",
    "Desa/kelurahan": "desa",
    "Kecamatan": "kecamatan",
    "Alamat": "alamat",
    "Nomor WhatsApp": "whatsapp",
    "Telepon": "telepon",
    "Email": "email",
    "Instagram": "instagram",
    "Facebook": "facebook",
    "TikTok": "tiktok",
    "Shopee": "shopee",
    "Tokopedia": "tokopedia",
    "Situs web": "situs",
    "Jam buka": "jam_buka",
    "Tahun berdiri": "berdiri",
    "Jumlah karyawan": "karyawan",
    "Tanggal terdaftar": "terdaftar",
    "Cerita usaha": "cerita",
    "NIB": "legalitas.nib",
    "P-IRT": "legalitas.pirt",
    "Sertifikat halal": "legalitas.halal",
    "BPOM": "legalitas.bpom",
}
CSV_PRODUK = {
    "Nama produk": "nama",
    "Kategori": "kategori",
    "Harga": "harga",
    "Harga sampai": "harga_sampai",
    "Satuan": "satuan",
    "Foto": "foto",
    "Deskripsi produk": "deskripsi",
    "Bahan": "bahan",
    "Motif": "motif",
    "Teknik": "teknik",
    "Ukuran": "ukuran",
    "Warna": "warna",
    "Berat": "berat",
    "Masa simpan": "masa_simpan",
    "Varian": "varian",
    "Stok": "stok",
    "Minimal pesan": "min_pesan",
}
CSV_IGNORED = {"Timestamp", "Stempel waktu", "Cap waktu", "Alamat email", "Email Address"}


def _convert_csv(source: Path, staging: Path, photo_dir: Path) -> list[str]:
    """Turn CSV rows into products/<slug>.yml files (+ photos) in `staging`; errors name the CSV row."""
    name = source.name
    try:
        text = source.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise CatalogError([Problem(name, None, "", "simpan CSV sebagai UTF-8")]) from None
    reader = csv.DictReader(io.StringIO(text))
    headers = [h.strip() for h in reader.fieldnames or []]
    known = set(CSV_UKM) | set(CSV_PRODUK) | CSV_IGNORED
    problems = [
        Problem(name, 1, "", f'kolom "{h}" tidak dikenal; kolom yang boleh: {", ".join([*CSV_UKM, *CSV_PRODUK])}')
        for h in headers
        if h and h not in known
    ]
    for required in ("Nama usaha", "Desa/kelurahan", "Nama produk", "Kategori", "Harga", "Foto"):
        if required not in headers:
            problems.append(Problem(name, 1, "", f'kolom "{required}" wajib ada'))
    if problems:
        raise CatalogError(problems)
    ukms: dict[str, dict] = {}
    rows: dict[str, list[int]] = {}
    for number, row in enumerate(reader, start=2):
        row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        if not any(row.values()):
            continue
        slug = slugify(row.get("Nama usaha", ""))
        if not slug:
            problems.append(Problem(name, number, "Nama usaha", "wajib diisi"))
            continue
        ukm = ukms.setdefault(slug, _numbers(_csv_ukm(row)))
        rows.setdefault(slug, []).append(number)
        product = {key: row[col] for col, key in CSV_PRODUK.items() if row.get(col)}
        if "harga_sampai" in product:
            product["harga"] = {"dari": product.get("harga", ""), "sampai": product.pop("harga_sampai")}
        if "foto" in product:
            product["foto"] = [f.strip() for f in re.split(r"[;,\n]", product["foto"]) if f.strip()]
            for photo in product["foto"]:
                found = photo_dir / photo
                if "/" in photo or "\\" in photo or ".." in photo or not found.is_file():
                    problems.append(Problem(name, number, "Foto", f'foto "{photo}" tidak ada di folder {photo_dir}'))
                    continue
                target = staging / "images" / slug / photo
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(found, target)
        if "varian" in product:
            product["varian"] = [v.strip() for v in product["varian"].split(",") if v.strip()]
        ukm["produk"].append(_numbers(product))
    if not ukms and not problems:
        raise CatalogError([Problem(name, None, "", "CSV tidak berisi baris data")])
    (staging / "products").mkdir(parents=True, exist_ok=True)
    for slug, ukm in ukms.items():
        (staging / "products" / f"{slug}.yml").write_text(
            yaml.safe_dump(ukm, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
        )
    try:
        load_catalog(staging)
    except CatalogError as exc:
        # A photo already reported as missing from --foto is not reported again as missing from images/.
        reported = {(p.line, p.where) for p in problems}
        problems += [
            q for q in (_csv_problem(p, name, rows) for p in exc.problems) if (q.line, q.where) not in reported
        ]
    if problems:
        raise CatalogError(problems)
    return list(ukms)


def _numbers(values: dict) -> dict:
    """Write whole numbers as numbers, so the YAML reads like the hand-written files."""
    for key in ("harga", "min_pesan", "berdiri", "karyawan"):
        if isinstance(values.get(key), str) and values[key].isdigit():
            values[key] = int(values[key])
    if isinstance(values.get("harga"), dict):
        values["harga"] = _numbers_range(values["harga"])
    return values


def _numbers_range(price: dict) -> dict:
    return {k: int(v) if isinstance(v, str) and v.isdigit() else v for k, v in price.items()}


def _csv_ukm(row: dict) -> dict:
    ukm: dict = {}
    for column, key in CSV_UKM.items():
        if row.get(column):
            if key.startswith("legalitas."):
                ukm.setdefault("legalitas", {})[key.split(".", 1)[1]] = row[column]
            else:
                ukm[key] = row[column]
    ukm["produk"] = []
    return ukm


def _csv_problem(problem: Problem, name: str, rows: dict[str, list[int]]) -> Problem:
    """Point a problem found in the generated YAML back at the CSV row and column it came from."""
    slug = PurePosixPath(problem.file).stem
    match = re.match(r"produk\[(\d+)\]\.?(\w*)", problem.where)
    if match:
        row = rows[slug][int(match[1]) - 1]
        key = match[2]
        column = next((c for c, k in CSV_PRODUK.items() if k == key), key or "Nama produk")
    else:
        row = rows[slug][0]
        key = problem.where.split(".")[-1].split("[")[0]
        column = next((c for c, k in CSV_UKM.items() if k.split(".")[-1] == key), problem.where or "Nama usaha")
    return Problem(name, row, column, problem.message)
