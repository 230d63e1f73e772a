"""Read every products/*.yml, validate it, and resolve villages, slugs, photos and numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from catalog import cache
from catalog.core import Catalog, FormerProduct, Photo, Product, Ukm
from catalog.errors import CatalogError, Problem
from catalog.photos.engine import check_file
from catalog.read import numbers
from catalog.read.model import MESSAGES, PhotoEntry, ProductEntry, UkmEntry, model_at
from catalog.read.photo_check import check_photos
from catalog.read.register import Desa, Kecamatan, Register, UnknownPlace, load_register
from catalog.read.yaml_source import MAX_YAML_BYTES, Source, load_yaml, one_line
from catalog.text import SLUG_RE, did_you_mean, slugify


@dataclass(eq=False)
class _File:
    """One products/<slug>.yml as read: its UKM (while it is valid) and the photos it names."""

    slug: str
    digest: str
    source: Source
    fresh: bool = True  # False: the UKM was taken from the catalogue cache, unread
    ukm: Ukm | None = None
    photos: list[tuple[Path, str, tuple]] = field(default_factory=list)  # path, name as typed, place in YAML
    photo_digests: tuple[str, ...] = ()


def load_catalog(data_dir: Path, register: Register | None = None, remember: bool = True) -> Catalog:
    """Load and validate the catalogue in `data_dir`; raise CatalogError listing every problem.

    A UKM file whose bytes and photos (size, modification time) are unchanged since the last load is
    taken from `.cache/data.pickle` instead of being parsed and checked again (`remember=False`: never).
    Every other photo is decoded once, unless its bytes decoded before (see photo_check).
    """
    data_dir = Path(data_dir)
    register = register or load_register()
    if not (data_dir / "products").is_dir():
        raise CatalogError([Problem("products/", None, "", f"folder products/ tidak ditemukan di {data_dir}")])
    memo = cache.Store(data_dir, "data") if remember else None
    paths, problems = _ukm_files(data_dir)
    files = [_read_file(path, data_dir, register, memo) for path in paths]
    _decode_photos(data_dir, files, remember)
    ukms: list[Ukm] = []
    for file in files:
        problems.extend(file.source.problems)
        if file.ukm is None or file.source.problems:
            continue
        if memo is not None and file.fresh:
            _remember(memo, file.ukm, file)
        ukms.append(file.ukm)
    if not paths and not problems:
        problems.append(Problem("products/", None, "", "belum ada berkas UKM (*.yml)"))
    if problems:
        raise CatalogError(problems)
    if memo is not None:
        memo.save()
    catalog = Catalog(ukms, register, data_dir)
    # Removed products keep their numbers, so that no number moves when a product is removed.
    former = {f"{u.slug}/{slug}": (u, slug, name) for u in ukms for slug, name in u.former_entries()}
    codes = numbers.assign([p.key for p in catalog.products] + list(former))
    for product in catalog.products:
        product.number = codes[product.key]
    for key, (ukm, slug, name) in former.items():
        ukm.former.append(FormerProduct(slug, name, codes[key]))
    return catalog


def _ukm_files(data_dir: Path) -> tuple[list[Path], list[Problem]]:
    """List the UKM files whose names can be addresses; explain the others."""
    problems: list[Problem] = []
    usable: list[Path] = []
    seen: dict[str, str] = {}
    found = sorted(
        p for p in (data_dir / "products").iterdir() if p.suffix.lower() in (".yml", ".yaml") and p.is_file()
    )
    for path in found:
        display = one_line(path.relative_to(data_dir).as_posix())
        slug = path.stem
        if not SLUG_RE.fullmatch(slug):
            better = slugify(slug) or "nama-ukm"
            problems.append(
                Problem(
                    display,
                    None,
                    "",
                    "nama berkas hanya boleh huruf kecil, angka dan tanda hubung; "
                    f'ganti menjadi "{better}{path.suffix.lower()}"',
                )
            )
        elif slug.isdigit():  # /ukm/2/ is page 2 of the UKM index
            problems.append(
                Problem(
                    display,
                    None,
                    "",
                    "nama berkas tidak boleh hanya angka; "
                    f'tambahkan nama usaha, misalnya "ukm-{slug}{path.suffix.lower()}"',
                )
            )
        elif slug in seen:
            problems.append(
                Problem(
                    display,
                    None,
                    "",
                    f"alamat /ukm/{slug}/ sudah dipakai oleh {seen[slug]}; ganti nama salah satu berkas",
                )
            )
        else:
            seen[slug] = display
            usable.append(path)
    return usable, problems


def _read_file(path: Path, data_dir: Path, register: Register, memo: cache.Store | None) -> _File:
    display = path.relative_to(data_dir).as_posix()
    with open(path, "rb") as handle:
        raw = handle.read(MAX_YAML_BYTES + 1)  # never more: load_yaml refuses a file over the limit
    file = _File(path.stem, cache.key(raw), Source(display), fresh=False)
    if memo is None or not _take_remembered(memo, file, register):
        file.source, file.fresh = load_yaml(raw, display), True
        file.ukm = _read_ukm(file, data_dir, register)
    if file.ukm is not None:
        file.ukm.digest = file.digest
    return file


def _decode_photos(data_dir: Path, files: list[_File], remember: bool) -> None:
    """Decode the photos of every file read afresh, and report each that is broken at its line."""
    waiting = [(file, photo) for file in files if file.fresh for photo in file.photos]
    keep = [digest for file in files if not file.fresh for digest in file.photo_digests]
    checked = check_photos(data_dir, [(path, name) for _file, (path, name, _where) in waiting], keep, remember)
    for (file, (_path, _name, where)), (digest, refused) in zip(waiting, checked, strict=True):
        file.photo_digests += (digest,)
        if refused is not None:
            file.source.problems.append(file.source.problem(where, refused))


def _photo_stats(ukm: Ukm) -> tuple:
    stats = []
    for product in ukm.products:
        for photo in product.photos:
            try:
                stat = photo.path.stat()
            except OSError:
                return ()
            stats.append((stat.st_size, stat.st_mtime_ns))
    return tuple(stats)


def _remember(memo: cache.Store, ukm: Ukm, file: _File) -> None:
    products = [(p.data, p.slug, p.photos) for p in ukm.products]
    memo.put(
        f"{ukm.slug}:{file.digest}",
        (ukm.data, ukm.file, ukm.desa.code, products, _photo_stats(ukm), file.photo_digests),
    )


def _take_remembered(memo: cache.Store, file: _File, register: Register) -> bool:
    """Take the UKM as validated by an earlier load of the same bytes, if its photos are unchanged too."""
    entry = memo.get(f"{file.slug}:{file.digest}")
    if entry is None:
        return False
    data, shown_as, desa_code, products, stats, photo_digests = entry
    desa = register.desa(desa_code)
    if shown_as != file.source.display or desa is None:
        return False
    ukm = Ukm(file.slug, data, shown_as, desa, register.kecamatan_of(desa))
    ukm.products = [Product(ukm, entry, slug, photos=photos) for entry, slug, photos in products]
    if not stats or _photo_stats(ukm) != stats:  # a photo was replaced or removed: check it again
        return False
    file.ukm, file.photo_digests = ukm, photo_digests
    return True


def _read_ukm(file: _File, data_dir: Path, register: Register) -> Ukm | None:
    source = file.source
    if source.problems:
        return None
    raw = source.data
    if not isinstance(raw, dict):
        source.problems.append(source.problem((), "isi berkas harus berupa `kunci: nilai` (nama:, desa:, produk: …)"))
        return None
    if not raw.get("whatsapp") and not raw.get("telepon"):
        source.problems.append(source.problem((), MESSAGES["kontak"]))
    # Villages and photos are checked even when other fields are wrong: report everything at once.
    place = _check_places(source, raw, register)
    try:
        data = UkmEntry.model_validate(raw)
    except ValidationError as exc:
        source.problems.extend(_translate(error, source, raw) for error in exc.errors())
        _check_raw_photos(file, raw, data_dir)
        return None
    products = _products(file, data, data_dir)
    if source.problems or place is None:
        return None
    ukm = Ukm(file.slug, data, source.display, *place)
    ukm.products = [Product(ukm, entry, slug, photos=photos) for entry, slug, photos in products]
    return ukm


def _products(file: _File, data: UkmEntry, data_dir: Path) -> list[tuple[ProductEntry, str, tuple[Photo, ...]]]:
    """Give each product its address and photos; explain an address that is empty or taken."""
    source = file.source
    products = []
    slugs: dict[str, int] = {}
    for index, entry in enumerate(data.produk):
        product_slug = entry.slug or slugify(entry.nama)
        where = ("produk", index, "slug" if entry.slug else "nama")
        if not product_slug:
            source.problems.append(source.problem(where, MESSAGES["slug_kosong"]))
            continue
        if product_slug in slugs:
            source.problems.append(
                source.problem(
                    where,
                    MESSAGES["produk_ganda"].format(ukm=file.slug, produk=product_slug, ke=slugs[product_slug] + 1),
                )
            )
            continue
        slugs[product_slug] = index
        photos = tuple(
            _photo(file, data_dir, ("produk", index, "foto", i), photo, entry.nama)
            for i, photo in enumerate(entry.foto)
        )
        products.append((entry, product_slug, photos))
    return products


def _photo(file: _File, data_dir: Path, where: tuple, entry: PhotoEntry, product_name: str) -> Photo:
    """Find a product's photo and check its size and header; it is decoded later, with all the others."""
    source, i = file.source, where[-1]
    path = data_dir / "images" / file.slug / entry.berkas
    if not path.is_file():
        folder = path.parent
        present = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
        hint = did_you_mean(entry.berkas, present) if present else ""
        shown = f"images/{file.slug}/"
        message = (
            f'foto "{entry.berkas}" tidak ada di {shown}{hint}'
            if folder.is_dir()
            else f'foto "{entry.berkas}" tidak ditemukan: folder {shown} belum ada'
        )
        source.problems.append(source.problem(where, message))
    elif refused := check_file(path, entry.berkas):
        source.problems.append(source.problem(where, refused))
    else:
        file.photos.append((path, entry.berkas, where))
    alt = entry.keterangan or (product_name if i == 0 else f"{product_name}, foto {i + 1}")
    return Photo(entry.berkas, path, alt, entry.fokus, source.line(where))


def _check_raw_photos(file: _File, raw: dict, data_dir: Path) -> None:
    """Check the photos of a file the model refused, wherever their entries are readable."""
    products = raw.get("produk")
    for index, product in enumerate(products if isinstance(products, list) else []):
        if not isinstance(product, dict):
            continue  # the model said what is wrong with it
        photos = product.get("foto")
        photos = [photos] if isinstance(photos, (str, dict)) else photos if isinstance(photos, list) else []
        name = product["nama"] if isinstance(product.get("nama"), str) else "produk"
        for i, photo in enumerate(photos):
            try:
                entry = PhotoEntry.model_validate({"berkas": photo} if isinstance(photo, str) else photo)
            except ValidationError:
                continue  # already reported by the model
            _photo(file, data_dir, ("produk", index, "foto", i), entry, name)


def _check_places(source: Source, raw: dict, register: Register) -> tuple[Desa, Kecamatan] | None:
    desa, kecamatan = raw.get("desa"), raw.get("kecamatan")
    if not isinstance(desa, str) or not desa.strip():
        return None
    if kecamatan is not None and not isinstance(kecamatan, str):
        return None
    try:
        found = register.find_desa(desa, kecamatan)
    except UnknownPlace as exc:
        at = ("kecamatan",) if kecamatan is not None and str(exc).startswith("kecamatan") else ("desa",)
        source.problems.append(source.problem(at, str(exc)))
        return None
    return found, register.kecamatan_of(found)


_MESSAGES = {
    "missing": "wajib diisi",
    "string_type": "harus berupa teks",
    "list_type": "harus berupa daftar (butir diawali `- `)",
    "model_type": "harus berupa kumpulan `kunci: nilai`",
    "dict_type": "harus berupa kumpulan `kunci: nilai`",
    "model_attributes_type": "harus berupa kumpulan `kunci: nilai`",
}


def _translate(error: ErrorDetails, source: Source, raw: dict) -> Problem:
    """Turn one pydantic error into an Indonesian problem at the right line."""
    loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "ukm":
        message = error["msg"]
        if loc and loc[-1] == "berkas" and isinstance(_at(raw, loc[:-1]), str):
            loc = loc[:-1]  # the owner wrote `foto: [a.jpg]`, not `berkas: a.jpg`
    elif kind == "extra_forbidden":
        key = str(loc[-1])
        fields = model_at(loc[:-1]).model_fields
        hint = did_you_mean(key, fields) or f"; kunci yang boleh: {', '.join(fields)}"
        message = f"kunci tidak dikenal `{key}`{hint}"
    elif kind == "missing":
        message = MESSAGES["wajib"].format(kunci=loc[-1]) if loc and isinstance(loc[-1], str) else "wajib diisi"
        return (
            source.problem(loc[:-1], message)
            if loc and loc[-1] not in _present(raw, loc[:-1])
            else source.problem(loc, message)
        )
    elif kind in ("too_short", "string_too_short"):
        minimum = ctx.get("min_length", 1)
        if isinstance(error.get("input"), list):
            message = "tidak boleh kosong" if minimum == 1 else f"harus berisi minimal {minimum} butir"
        else:
            message = MESSAGES["terlalu_pendek"].format(min=minimum)
    elif kind in ("too_long", "string_too_long"):
        message = MESSAGES["terlalu_panjang"].format(max=ctx.get("max_length"))
    elif kind in ("greater_than",):
        message = f"harus lebih dari {ctx.get('gt')}"
    else:
        message = _MESSAGES.get(kind, f"nilai tidak valid ({error['msg']})")
    return source.problem(loc, message)


def _at(raw: object, path: tuple) -> object:
    for part in path:
        try:
            raw = raw[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return raw


def _present(raw: object, path: tuple) -> dict:
    found = _at(raw, path)
    return found if isinstance(found, dict) else {}
