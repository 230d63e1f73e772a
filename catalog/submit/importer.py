"""Import UKMs from the web form's packages (ZIP, its text wrapper, a folder of them) or a spreadsheet (CSV).

Everything is validated in a scratch folder first and compared with the catalogue: the change summary
(catalog/submit/changes.py) is announced before anything is written, an import that would remove a published
product or empty a field is refused without `remove`, and only a clean UKM is moved into the data folder (the
YAML file through `cache.atomic_file`, the photo folder by renames). An existing UKM is never overwritten
without `replace`, unless the package is an update made from its current version (`perbarui.json`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml
from PIL import Image, UnidentifiedImageError

from catalog.cache import atomic_file
from catalog.errors import CatalogError, Problem
from catalog.photos.engine import MAX_FILE_BYTES
from catalog.read.load import load_catalog
from catalog.read.model import PHOTO_SUFFIXES, UkmEntry
from catalog.read.yaml_source import MAX_YAML_BYTES
from catalog.submit import wrapper
from catalog.submit.changes import Change, product_slug, read_entry, summary, ukm_changes, version
from catalog.text import SLUG_RE, slugify

MAX_PACKAGE_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 500
PHOTO_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
UPDATE_FILE = "perbarui.json"
REFUSED_DIR = "impor-ditolak"  # in the data folder: the YAML of an update package refused as stale
PACKAGE_SUFFIXES = (".zip", ".txt")


@dataclass(frozen=True)
class Imported:
    slug: str
    products: int
    photos: int
    replaced: bool
    update: bool = False
    changes: tuple[Change, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass
class _Plan:
    """One UKM read from a package and compared with the catalogue, ready to be installed."""

    source: str  # the package's file name, as problems name it
    staging: Path  # holds products/<slug>.yml and images/<slug>/ exactly as they will be installed
    slug: str
    entry: UkmEntry
    products: int
    photos: int
    old: UkmEntry | None
    update: bool
    changes: list[Change] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def file(self) -> str:
        return f"products/{self.slug}.yml"


@dataclass(frozen=True)
class _Options:
    replace: bool
    photo_dir: Path | None
    keep_refused: bool  # save the YAML of a stale update package for the admin (not in a dry run)


def import_file(
    source: Path,
    data_dir: Path,
    replace: bool = False,
    photo_dir: Path | None = None,
    remove: bool = False,
    dry_run: bool = False,
    announce: Callable[[str], None] = lambda line: None,
) -> list[Imported]:
    """Import a `.zip` package, its `.txt` wrapper, a folder of packages or a `.csv` export into `data_dir`.

    `announce` is told the change summary, line by line, before anything is written. `remove`: allow
    removing published products and emptying fields. `dry_run`: check and announce, write nothing.
    """
    data_dir = Path(data_dir)
    options = _Options(replace, photo_dir, keep_refused=not dry_run)
    with tempfile.TemporaryDirectory(prefix="impor-") as scratch:
        plans: list[_Plan] = []
        problems: list[Problem] = []
        for index, path in enumerate(_sources(Path(source))):
            try:
                plans += _plan(path, Path(scratch) / str(index), data_dir, options)
            except CatalogError as exc:
                problems += exc.problems
        problems += _twice(plans)
        for plan in plans:
            for line in summary(plan.file, plan.entry.nama, plan.changes):
                announce(line)
            for warning in plan.warnings:
                announce(f"  Peringatan: {warning}")
        if not remove:
            problems += [_loss(plan, change) for plan in plans for change in plan.changes if change.loses]
        if problems:
            raise CatalogError(problems)
        if not dry_run:
            for plan in plans:
                _install(plan.staging, data_dir, plan.slug)
        return [
            Imported(p.slug, p.products, p.photos, p.old is not None, p.update, tuple(p.changes), tuple(p.warnings))
            for p in plans
        ]


def _loss(plan: _Plan, change: Change) -> Problem:
    return Problem(
        plan.file,
        None,
        "",
        f"{change.text}: data yang sudah tayang akan hilang; bila memang disengaja, jalankan lagi dengan --remove",
    )


def _sources(source: Path) -> list[Path]:
    """The packages to import: the file itself, or every .zip/.txt in a folder (copies sent twice only once)."""
    if source.is_file():
        return [source]
    if not source.is_dir():
        raise CatalogError([Problem(source.name, None, "", "berkas tidak ditemukan")])
    found = sorted(p for p in source.iterdir() if p.is_file() and _is_package(p))
    unique: dict[str, Path] = {}
    for path in found:
        unique.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), path)  # WhatsApp saves "x (1).txt" too
    if not unique:
        raise CatalogError(
            [Problem(f"{source.name}/", None, "", "folder ini tidak berisi paket dari formulir (.zip atau .txt)")]
        )
    return sorted(unique.values())


def _is_package(path: Path) -> bool:
    """A .zip, or a .txt that starts like the form's wrapper (a saved chat in the same folder is no package)."""
    if path.suffix.lower() == ".zip":
        return True
    if path.suffix.lower() != ".txt":
        return False
    with open(path, "rb") as handle:
        return handle.read(len(wrapper.HEAD) + 3).lstrip(b"\xef\xbb\xbf").startswith(wrapper.HEAD.encode())


def _twice(plans: list[_Plan]) -> list[Problem]:
    """Refuse two different packages for one UKM: which one the owner meant is for the admin to choose."""
    sources: dict[str, list[str]] = {}
    for plan in plans:
        sources.setdefault(plan.slug, []).append(plan.source)
    return [
        Problem(
            names[0],
            None,
            "",
            f"UKM {slug} juga ada di {', '.join(names[1:])}; impor satu paket saja (yang terbaru) untuk UKM ini",
        )
        for slug, names in sources.items()
        if len(names) > 1
    ]


def _plan(path: Path, scratch: Path, data_dir: Path, options: _Options) -> list[_Plan]:
    """Unpack one package or CSV into `scratch`, validate it, and compare each UKM with the catalogue."""
    staging = scratch / "data"
    staging.mkdir(parents=True)
    suffix = path.suffix.lower()
    update = None
    if suffix in PACKAGE_SUFFIXES:
        archive = path
        if suffix == ".txt":
            archive = scratch / "paket.zip"
            archive.write_bytes(wrapper.unwrap(path))
        slug, update = _unpack_zip(archive, staging, path.name)
        if update is not None:
            _take_kept_photos(path.name, staging, data_dir, slug, update, options)
    elif suffix == ".csv":
        _convert_csv(path, staging, options.photo_dir or path.parent)
    else:
        raise CatalogError(
            [Problem(path.name, None, "", "hanya berkas .zip atau .txt (dari formulir) atau .csv yang bisa diimpor")]
        )
    catalog = load_catalog(staging, remember=False)  # raises CatalogError with every problem of the package
    plans, problems = [], []
    for ukm in catalog.ukms:
        current = data_dir / "products" / f"{ukm.slug}.yml"
        exists = current.is_file()
        if exists and update is None and not options.replace:
            problems.append(
                Problem(
                    path.name,
                    None,
                    "",
                    f"UKM {ukm.slug} sudah ada (products/{ukm.slug}.yml); pakai --replace untuk menggantinya",
                )
            )
            continue
        old = read_entry(current.read_bytes(), f"products/{ukm.slug}.yml") if exists else None
        photos = len({p.name for product in ukm.products for p in product.photos})
        plan = _Plan(path.name, staging, ukm.slug, ukm.data, len(ukm.products), photos, old, update is not None)
        plan.changes = ukm_changes(old, ukm.data, _replaced_photos(staging, data_dir, ukm.slug))
        plan.warnings = _warnings(old, ukm.data)
        _keep_former_products(plan)
        plans.append(plan)
    if problems:
        raise CatalogError(problems)
    return plans


def _replaced_photos(staging: Path, data_dir: Path, slug: str) -> frozenset[str]:
    """Names of the package's photos that replace a different file of the same name in the catalogue."""
    folder = staging / "images" / slug
    photos = sorted(folder.iterdir()) if folder.is_dir() else []
    published = data_dir / "images" / slug
    return frozenset(
        p.name for p in photos if (published / p.name).is_file() and (published / p.name).read_bytes() != p.read_bytes()
    )


def _warnings(old: UkmEntry | None, new: UkmEntry) -> list[str]:
    if old is None or not old.whatsapp or old.whatsapp == new.whatsapp:
        return []
    from catalog.fmt import phone_display

    number = phone_display(new.whatsapp) if new.whatsapp else "kosong"
    return [
        f"nomor WhatsApp di paket ({number}) berbeda dari katalog ({phone_display(old.whatsapp)}); "
        "pastikan paket ini memang dari pemilik UKM sebelum situs diterbitkan"
    ]


def _keep_former_products(plan: _Plan) -> None:
    """Record removed products under `produk_lama`, so that their numbers and links keep leading to the UKM."""
    if plan.old is None:
        return
    current = {product_slug(p) for p in plan.entry.produk}
    former: dict[str, str] = {}
    for entry in [*(plan.old.produk_lama or ()), *(plan.entry.produk_lama or ())]:
        former.setdefault(entry.slug, entry.nama)
    for product in plan.old.produk:
        former.setdefault(product_slug(product), product.nama)
    wanted = sorted((slug, name) for slug, name in former.items() if slug not in current)
    written = sorted((e.slug, e.nama) for e in plan.entry.produk_lama or ())
    if wanted != written:
        yml = plan.staging / "products" / f"{plan.slug}.yml"
        yml.write_text(with_former(yml.read_text(encoding="utf-8"), wanted), encoding="utf-8")


def with_former(text: str, former: list[tuple[str, str]]) -> str:
    """Write `produk_lama:` into a UKM file's text (replacing the key if present), leaving the rest as it is."""
    block = ["produk_lama:\n"] + [
        f"  - slug: {slug}\n    nama: {json.dumps(name, ensure_ascii=False)}\n" for slug, name in former
    ]
    if not former:
        block = []  # every removed product is back: the key goes
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(r"produk_lama\s*:", line)), None)
    if start is None:
        return text + ("" if not text or text.endswith("\n") or not block else "\n") + "".join(block)
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"[^\s#]", lines[i])), len(lines))
    return "".join(lines[:start] + block + lines[end:])


def _take_kept_photos(name: str, staging: Path, data_dir: Path, slug: str, update: dict, options: _Options) -> None:
    """Check an update package against the catalogue, and bring the photos it keeps by reference beside its own."""
    current = data_dir / "products" / f"{slug}.yml"
    if not current.is_file():
        raise CatalogError(
            [
                Problem(
                    name,
                    None,
                    UPDATE_FILE,
                    f"paket pembaruan untuk UKM {slug}, tetapi products/{slug}.yml "
                    "tidak ada di katalog; UKM baru didaftarkan lewat formulir tanpa mode perbarui",
                )
            ]
        )
    now = version(current.read_bytes())
    if update["versi"] != now:
        raise CatalogError([_stale(name, staging, data_dir, slug, update["versi"], now, options.keep_refused)])
    problems = []
    images = staging / "images" / slug
    for photo in update["foto_lama"]:
        kept = data_dir / "images" / slug / photo
        if not kept.is_file():
            problems.append(
                Problem(
                    name,
                    None,
                    UPDATE_FILE,
                    f'foto lama "{photo}" tidak ada di images/{slug}/; '
                    "minta pemilik membuka formulir Perbarui lagi dan membuat paket baru",
                )
            )
        elif not (images / photo).exists():  # a new photo of the same name in the package replaces it
            images.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(kept, images / photo)  # the same bytes: its published files stay the same
    if problems:
        raise CatalogError(problems)


def _stale(name: str, staging: Path, data_dir: Path, slug: str, made_from: str, now: str, keep: bool) -> Problem:
    """Refuse a package made from an older version of the UKM file, keeping its YAML for the admin."""
    kept = f"{REFUSED_DIR}/{slug}-{made_from[:12]}.yml"
    if keep:
        target = data_dir / kept
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(staging / "products" / f"{slug}.yml", target)
    saved = f"isi paket disimpan di {kept} (data/{kept} di folder data)" if keep else "uji coba: tidak disimpan"
    return Problem(
        name,
        None,
        UPDATE_FILE,
        f"paket dibuat dari versi lama products/{slug}.yml (versi {made_from[:12]}, sekarang {now[:12]}): "
        f"data UKM ini sudah diubah sejak paket dibuat, jadi tidak ada yang ditimpa; {saved}. "
        'Minta pemilik membuka "Perbarui data usaha ini" lagi dan mengulang perubahannya',
    )


def _unpack_zip(source: Path, staging: Path, name: str) -> tuple[str, dict | None]:
    """Check every entry of the package, then extract the one UKM it holds; return its slug and update record."""
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
        update = None
        for entry in entries:
            if entry.filename == UPDATE_FILE:
                update = _update_record(name, archive.read(entry), slug)
                continue
            problems += _extract(archive, entry, staging, name, entry is yamls[0])
    if problems:
        raise CatalogError(problems)
    return slug, update


def _extract(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, staging: Path, name: str, is_yaml: bool) -> list:
    target = staging / PurePosixPath(entry.filename)
    target.parent.mkdir(parents=True, exist_ok=True)
    limit = MAX_YAML_BYTES if is_yaml else MAX_FILE_BYTES
    with archive.open(entry) as src, open(target, "wb") as dst:
        data = src.read(limit + 1)  # never trust the header's size: read at most the limit
        if len(data) > limit:
            return [Problem(name, None, entry.filename, f"berkas lebih dari {limit // 1024} KB")]
        dst.write(data)
    problem = None if is_yaml else _image_problem(target)
    return [Problem(name, None, entry.filename, problem)] if problem else []


def _update_record(name: str, data: bytes, slug: str) -> dict:
    """Read perbarui.json: format 1, this package's UKM, the version it was made from, the photos it keeps."""
    try:
        record = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        record = None
    if not isinstance(record, dict) or record.get("format") != 1:
        raise CatalogError([Problem(name, None, UPDATE_FILE, "bukan catatan pembaruan dari formulir (format 1)")])
    if record.get("slug") != slug:
        raise CatalogError(
            [
                Problem(
                    name,
                    None,
                    UPDATE_FILE,
                    f'paket menyentuh UKM lain: catatan pembaruan untuk "{record.get("slug")}", '
                    f"data untuk {slug}; ditolak",
                )
            ]
        )
    versi, kept = record.get("versi"), record.get("foto_lama", [])
    if not isinstance(versi, str) or not re.fullmatch(r"[0-9a-f]{64}", versi):
        raise CatalogError([Problem(name, None, UPDATE_FILE, "versi data tidak ada atau rusak; buat paket baru")])
    if not isinstance(kept, list) or not all(isinstance(p, str) and PHOTO_NAME.fullmatch(p) for p in kept):
        raise CatalogError(
            [Problem(name, None, UPDATE_FILE, "foto_lama harus daftar nama berkas foto tanpa folder; ditolak")]
        )
    return {"versi": versi, "foto_lama": kept}


def _entry_problem(entry: zipfile.ZipInfo, slug: str) -> str | None:
    path = entry.filename
    mode = entry.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "tautan (symlink) tidak diterima"
    if path.startswith("/") or "\\" in path or re.match(r"[A-Za-z]:", path) or ".." in PurePosixPath(path).parts:
        return "jalur berkas tidak aman (absolut atau berisi ..); ditolak"
    if path == UPDATE_FILE:
        return None if entry.file_size <= 64 * 1024 else "catatan pembaruan lebih dari 64 KB"
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
