"""Read every products/*.yml, validate it, and resolve villages, slugs, photos and numbers."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from catalog import cache as memo
from catalog.read import numbers
from catalog.photos import pipeline as photos
from catalog.core import Catalog, Photo, Product, Ukm
from catalog.errors import CatalogError, Problem
from catalog.read.model import MESSAGES, PhotoEntry, UkmEntry, model_at
from catalog.text import SLUG_RE, did_you_mean, slugify
from catalog.read.register import Desa, Kecamatan, Register, UnknownPlace, load_register
from catalog.read.yaml_source import Source, load_yaml


def load_catalog(data_dir: Path, register: Register | None = None, remember: bool = True) -> Catalog:
    """Load and validate the catalogue in `data_dir`; raise CatalogError listing every problem.

    A UKM file whose bytes and photos (size, modification time) are unchanged since the last load is
    taken from `.cache/data.pickle` instead of being parsed and checked again (`remember=False`: never).
    """
    data_dir = Path(data_dir)
    register = register or load_register()
    cache = memo.Memo(data_dir, "data") if remember else None
    products_dir = data_dir / "products"
    if not products_dir.is_dir():
        raise CatalogError([Problem("products/", None, "", f"folder products/ tidak ditemukan di {data_dir}")])
    problems: list[Problem] = []
    ukms: list[Ukm] = []
    seen: dict[str, str] = {}
    files = sorted(p for p in products_dir.iterdir() if p.suffix.lower() in (".yml", ".yaml") and p.is_file())
    for path in files:
        display = path.relative_to(data_dir).as_posix()
        slug = path.stem
        if not SLUG_RE.fullmatch(slug):
            better = slugify(slug) or "nama-ukm"
            problems.append(Problem(display, None, "", "nama berkas hanya boleh huruf kecil, angka dan tanda hubung; "
                                                       f'ganti menjadi "{better}{path.suffix.lower()}"'))
            continue
        if slug.isdigit():  # /ukm/2/ is page 2 of the UKM index
            problems.append(Problem(display, None, "", "nama berkas tidak boleh hanya angka; "
                                                       f'tambahkan nama usaha, misalnya "ukm-{slug}{path.suffix.lower()}"'))
            continue
        if slug in seen:
            problems.append(Problem(display, None, "", f"alamat /ukm/{slug}/ sudah dipakai oleh {seen[slug]}; "
                                                       "ganti nama salah satu berkas"))
            continue
        seen[slug] = display
        raw = path.read_bytes()
        digest = memo.key(raw)
        ukm = _remembered(cache, digest, slug, display, register) if cache else None
        if ukm is None:
            source = load_yaml(raw, display)
            ukm = _read_ukm(source, slug, data_dir, register)
            problems.extend(source.problems)
            if ukm and cache:
                _remember(cache, digest, ukm)
        if ukm:
            ukm.digest = digest
            ukms.append(ukm)
    if not files and not problems:
        problems.append(Problem("products/", None, "", "belum ada berkas UKM (*.yml)"))
    if problems:
        raise CatalogError(problems)
    if cache:
        cache.save()
    catalog = Catalog(ukms, register, data_dir)
    codes = numbers.assign([p.key for p in catalog.products])
    for product in catalog.products:
        product.number = codes[product.key]
    return catalog


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


def _remember(cache: memo.Memo, digest: str, ukm: Ukm) -> None:
    products = [(p.data, p.slug, p.photos) for p in ukm.products]
    cache.put(f"{ukm.slug}:{digest}", (ukm.data, ukm.file, ukm.desa.code, products, _photo_stats(ukm)))


def _remembered(cache: memo.Memo, digest: str, slug: str, display: str, register: Register) -> Ukm | None:
    """The UKM as validated by an earlier load of the same bytes, if its photos are unchanged too."""
    entry = cache.get(f"{slug}:{digest}")
    if entry is None:
        return None
    data, file, desa_code, products, stats = entry
    desa = register.desa(desa_code)
    if file != display or desa is None:
        return None
    ukm = Ukm(slug, data, file, desa, register.kecamatan_of(desa))
    ukm.products = [Product(ukm, produk, product_slug, photos=photos) for produk, product_slug, photos in products]
    if not stats or _photo_stats(ukm) != stats:  # a photo was replaced or removed: check it again
        return None
    return ukm


def _read_ukm(source: Source, slug: str, data_dir: Path, register: Register) -> Ukm | None:
    if source.problems:
        return None
    raw = source.data
    if not isinstance(raw, dict):
        source.problems.append(source.problem((), "isi berkas harus berupa `kunci: nilai` (nama:, desa:, produk: …)"))
        return None
    if not raw.get("whatsapp") and not raw.get("telepon"):
        source.problems.append(source.problem((), MESSAGES["kontak"]))
    try:
        data = UkmEntry.model_validate(raw)
    except ValidationError as exc:
        source.problems.extend(_translate(error, source, raw) for error in exc.errors())
        # Villages and photos are checked even when other fields are wrong: report everything at once.
        _check_places(source, raw, register)
        _check_raw_photos(source, raw, data_dir, slug)
        return None
    place = _check_places(source, raw, register)
    if source.problems or place is None:
        return None
    desa, kecamatan = place
    ukm = Ukm(slug, data, source.display, desa, kecamatan)
    slugs: dict[str, int] = {}
    for index, produk in enumerate(data.produk):
        product_slug = produk.slug or slugify(produk.nama)
        where = ("produk", index, "slug" if produk.slug else "nama")
        if not product_slug:
            source.problems.append(source.problem(where, MESSAGES["slug_kosong"]))
            continue
        if product_slug in slugs:
            source.problems.append(source.problem(
                where, MESSAGES["produk_ganda"].format(ukm=slug, produk=product_slug, ke=slugs[product_slug] + 1)))
            continue
        slugs[product_slug] = index
        photos = tuple(_photo(source, data_dir, slug, index, i, foto, produk.nama)
                       for i, foto in enumerate(produk.foto))
        ukm.products.append(Product(ukm, produk, product_slug, photos=photos))
    return None if source.problems else ukm


def _photo(source: Source, data_dir: Path, slug: str, index: int, i: int, foto: PhotoEntry, name: str) -> Photo:
    path = data_dir / "images" / slug / foto.berkas
    if not path.is_file():
        folder = path.parent
        present = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
        hint = did_you_mean(foto.berkas, present) if present else ""
        where = f"images/{slug}/"
        message = (f'foto "{foto.berkas}" tidak ada di {where}{hint}' if folder.is_dir()
                   else f'foto "{foto.berkas}" tidak ditemukan: folder {where} belum ada')
        source.problems.append(source.problem(("produk", index, "foto", i), message))
    elif refused := photos.check_file(path, foto.berkas):  # size and header only; decoding comes later
        source.problems.append(source.problem(("produk", index, "foto", i), refused))
    alt = foto.keterangan or (name if i == 0 else f"{name}, foto {i + 1}")
    return Photo(foto.berkas, path, alt, foto.fokus, source.line(("produk", index, "foto", i)))


def _check_raw_photos(source: Source, raw: dict, data_dir: Path, slug: str) -> None:
    products = raw.get("produk")
    for index, produk in enumerate(products if isinstance(products, list) else []):
        fotos = produk.get("foto") if isinstance(produk, dict) else None
        fotos = [fotos] if isinstance(fotos, (str, dict)) else fotos if isinstance(fotos, list) else []
        name = produk.get("nama") if isinstance(produk.get("nama"), str) else "produk"
        for i, foto in enumerate(fotos):
            try:
                foto = PhotoEntry.model_validate({"berkas": foto} if isinstance(foto, str) else foto)
            except ValidationError:
                continue  # already reported by the model
            _photo(source, data_dir, slug, index, i, foto, name)


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


def _translate(error: dict, source: Source, raw: dict) -> Problem:
    """Turn one pydantic error into an Indonesian problem at the right line."""
    loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "ukm":
        message = error["msg"]
        if loc[-1] == "berkas" and isinstance(_at(raw, loc[:-1]), str):
            loc = loc[:-1]  # the owner wrote `foto: [a.jpg]`, not `berkas: a.jpg`
    elif kind == "extra_forbidden":
        key = str(loc[-1])
        fields = model_at(loc[:-1]).model_fields
        hint = did_you_mean(key, fields) or f"; kunci yang boleh: {', '.join(fields)}"
        message = f"kunci tidak dikenal `{key}`{hint}"
    elif kind == "missing":
        message = MESSAGES["wajib"].format(kunci=loc[-1]) if loc and isinstance(loc[-1], str) else "wajib diisi"
        return source.problem(loc[:-1], message) if loc[-1] not in _present(raw, loc[:-1]) else source.problem(loc, message)
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

