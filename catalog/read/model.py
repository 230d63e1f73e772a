"""The catalogue format, declared once.

Every UKM file is validated against `UkmEntry`; the JSON Schema for the web form and the
field table in docs/format-data.md are generated from these classes. Values arrive as
strings (see yaml_source), so each type says how to read an owner's text and what to say,
in Indonesian, when it cannot. Each class is titled with its name in the format (`Produk`,
`Foto`, …): the schema and the web form know the classes by those names.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import PydanticCustomError

from catalog.text import SLUG_RE, did_you_mean

CATEGORIES = {
    "batik": "Batik",
    "busana": "Busana & Konveksi",
    "makanan": "Makanan & Jajanan",
    "kerajinan": "Kerajinan",
}
STOCK = {
    "tersedia": "Tersedia",
    "habis": "Stok Habis",
    "pesan": "Dibuat sesuai pesanan",
}
YEARS = (1900, 2100)  # a year the owner could mean for `berdiri`
PHOTO_NAME_CHARS = 100
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".avif", ".gif")


# Owner-facing messages, said alike by `check` and by the web form (/daftar/), which reads them
# from the JSON Schema (`x-pesan`). `{nilai}` is the owner's text as typed.
MESSAGES = {
    "wajib": "`{kunci}` wajib diisi",
    "terlalu_pendek": "terlalu pendek: minimal {min} huruf",
    "terlalu_panjang": "terlalu panjang: maksimal {max} huruf",
    "satu_baris": "harus satu baris saja",
    "kontak": "isi `whatsapp` atau `telepon` agar pembeli bisa menghubungi",
    "slug_kosong": "tidak bisa membuat alamat halaman dari nama ini; isi `slug:`",
    "produk_ganda": "alamat /ukm/{ukm}/{produk}/ sudah dipakai produk ke-{ke}; "
    "ganti nama atau isi `slug:` yang berbeda",
    "negatif": '"{nilai}" tidak boleh negatif',
    "tanpa_rp": 'tulis angkanya saja tanpa "Rp", contoh {angka}',
    "ribuan": "tulis tanpa titik/koma pemisah ribuan: {angka}",
    "singkatan": 'tulis angka lengkap tanpa singkatan "{singkatan}", contoh 150000',
    "bukan_angka": '"{nilai}" bukan angka bulat; tulis angka saja, contoh 150000',
    "positif": "harus lebih dari 0",
    "rentang_urut": "`dari` ({dari}) harus lebih kecil dari `sampai` ({sampai})",
    "whatsapp": 'nomor WhatsApp "{nilai}" tidak valid; tulis nomor HP, contoh "0812-3456-7890"',
    "telepon": 'nomor telepon "{nilai}" tidak valid; contoh "(0296) 531234" atau "0812-3456-7890"',
    "email": 'alamat email "{nilai}" tidak valid, contoh nama@gmail.com',
    "situs": '"{nilai}" bukan alamat web lengkap; awali dengan https://',
    "akun": '"{nilai}" bukan akun atau alamat {host}; tulis nama akun saja, contoh batiksekarjati',
    "tahun": "tahun {nilai} tidak masuk akal; tulis empat angka, contoh 2012",
    "legal": 'nomor {apa} "{nilai}" tidak sesuai format, contoh {contoh}',
    "bpom": 'nomor BPOM {jenis} "{nilai}" tidak sesuai format: {huruf} lalu {angka} angka, contoh {contoh}',
}


@dataclass(frozen=True)
class BpomFamily:
    """One family of BPOM numbers: its letters, how many digits follow them, and how owners are told."""

    name: str  # as owners say it: "pangan olahan"
    letters: tuple[str, ...]
    digits: tuple[int, ...]
    example: str


# The BPOM numbers a UKM may hold, stored as `<letters> <digits>` (sources: docs/format-data.md).
BPOM_FAMILIES = (
    BpomFamily("pangan olahan", ("MD", "ML"), (12, 15), "MD 123456789012"),
    BpomFamily("obat tradisional", ("TR", "TI", "TL"), (9,), "TR 123456789"),
    BpomFamily("kosmetik", ("NA", "NB", "NC", "ND", "NE"), (11,), "NA 18201200123"),
    BpomFamily("suplemen kesehatan", ("SD", "SI", "SL"), (9,), "SD 123456789"),
)
# Owners copy the number from the label, where it reads "BPOM RI MD …" or "POM TR …": that prefix is dropped.
BPOM_PREFIX = r"(?:B?POM(?: ?RI)? ?)?"


def _either(words: list[str] | tuple[str, ...]) -> str:
    """Join alternatives the Indonesian way: `MD atau ML`, `NA, NB, NC, ND atau NE`."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} atau {words[-1]}"


MESSAGES["bpom_awalan"] = (
    'nomor BPOM "{nilai}" tidak dikenal; awali dengan '
    + _either([f"{'/'.join(f.letters)} ({f.name})" for f in BPOM_FAMILIES])
    + f", contoh {BPOM_FAMILIES[0].example}"
)


def bpom_family(number: str) -> BpomFamily | None:
    """Find the family of a BPOM number by its letters (after any "BPOM RI"/"POM" prefix)."""
    lead = re.match(BPOM_PREFIX + r"([A-Z]{2})", number.upper())
    return next((f for f in BPOM_FAMILIES if lead and lead[1] in f.letters), None)


def _fail(message: str) -> PydanticCustomError:
    return PydanticCustomError("ukm", message)


def _form(check: str, **params: Any) -> Any:
    """Name the check the web form runs on a field, with its parameters (`x-periksa` in the schema)."""
    return Field(json_schema_extra={"x-periksa": {"jenis": check, **params}})


# --- readers: each turns an owner's text into a value or raises an Indonesian message ---


def _one_line(value: str) -> str:
    if "\n" in value.strip():
        raise _fail(MESSAGES["satu_baris"])
    return " ".join(value.split())


def _paragraphs(value: str) -> str:
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", value.strip())]
    return "\n\n".join(p for p in paragraphs if p)


def _whole_number(value: Any) -> Any:
    """Read `350000`; explain `350.000`, `150rb`, `Rp 350000` and negatives."""
    if isinstance(value, bool):
        raise _fail("harus angka bulat, contoh 150000")
    if isinstance(value, int):
        if value < 0:
            raise _fail("tidak boleh negatif")
        return value
    if not isinstance(value, str):
        raise _fail("harus angka bulat, contoh 150000")
    text = value.strip()
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"-\s*\d+([.,]\d+)*", text):
        raise _fail(MESSAGES["negatif"].format(nilai=text))
    if re.search(r"(?i)rp", text):
        raise _fail(MESSAGES["tanpa_rp"].format(angka=re.sub(r"[^0-9]", "", text) or "150000"))
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", text):
        raise _fail(MESSAGES["ribuan"].format(angka=re.sub(r"[.,]", "", text)))
    if re.fullmatch(r"(?i)\d+([.,]\d+)?\s*(rb|ribu|k|jt|juta)", text):
        raise _fail(MESSAGES["singkatan"].format(singkatan=re.sub(r"[0-9.,\s]", "", text)))
    raise _fail(MESSAGES["bukan_angka"].format(nilai=text))


def _positive(value: int) -> int:
    if value <= 0:
        raise _fail(MESSAGES["positif"])
    return value


def _price(value: Any) -> Any:
    if isinstance(value, dict):
        unknown = sorted(set(value) - {"dari", "sampai"})
        if unknown:
            raise _fail(f"kunci tidak dikenal `{unknown[0]}`; rentang harga ditulis {{dari: 150000, sampai: 250000}}")
        missing = [k for k in ("dari", "sampai") if value.get(k) is None]
        if missing:
            raise _fail("rentang harga perlu `dari` dan `sampai`, contoh {dari: 150000, sampai: 250000}")
        low, high = (_positive(_whole_number(value[k])) for k in ("dari", "sampai"))
        if low >= high:
            raise _fail(MESSAGES["rentang_urut"].format(dari=low, sampai=high))
        return PriceRange(dari=low, sampai=high)
    if isinstance(value, PriceRange):
        return value
    return _positive(_whole_number(value))


def _whatsapp(value: str) -> str:
    """Normalise `0812-…`, `+62 812 …`, `62812…` to `62812…` for wa.me."""
    digits = re.sub(r"[\s\-().]", "", value)
    if re.fullmatch(r"\+?\d+", digits):
        national = re.sub(r"^(\+62|0062|62|0)", "", digits)
        if national.startswith("8") and 9 <= len(national) <= 12:
            return "62" + national
    raise _fail(MESSAGES["whatsapp"].format(nilai=value))


def _phone(value: str) -> str:
    digits = re.sub(r"[\s\-().]", "", value)
    if re.fullmatch(r"(\+62|0)\d{7,13}", digits):
        return " ".join(value.split())
    raise _fail(MESSAGES["telepon"].format(nilai=value))


def _email(value: str) -> str:
    if re.fullmatch(r"[^@\s]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+", value):
        return value
    raise _fail(MESSAGES["email"].format(nilai=value))


def _url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc and not re.search(r"\s", value):
        return value
    raise _fail(MESSAGES["situs"].format(nilai=value))


def _profile(host: str, base: str, handle_re: str, prefix: str = "") -> Any:
    """Accept a handle (`batiksekar`, `@batiksekar`) or a full URL on `host`; keep a URL."""

    def read(value: str) -> str:
        handle = value.strip().lstrip("@")
        if re.fullmatch(handle_re, handle):
            return f"{base}{prefix}{handle}"
        parts = urlsplit(value)
        netloc = parts.netloc.lower().removeprefix("www.").removeprefix("m.")
        if parts.scheme in ("http", "https") and (netloc == host or netloc.endswith("." + host)):
            return _url(value)
        raise _fail(MESSAGES["akun"].format(nilai=value, host=host))

    return Annotated[str, AfterValidator(read), _form("akun", host=host, akun=handle_re)]


def _year(value: int) -> int:
    if not YEARS[0] <= value <= YEARS[1]:
        raise _fail(MESSAGES["tahun"].format(nilai=value))
    return value


def _date(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _fail(f'tanggal "{value}" tidak valid; tulis TTTT-BB-HH, contoh 2026-05-02')


def _yes_no(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in ("true", "ya", "yes", "y", "iya"):
        return True
    if text in ("false", "tidak", "no", "n", "tdk"):
        return False
    raise _fail(f'"{value}" harus `ya` atau `tidak`')


def _choice(options: dict[str, str], what: str) -> Any:
    def read(value: Any) -> Any:
        text = str(value).strip().casefold()
        if text in options:
            return text
        hint = did_you_mean(str(value), options)
        raise _fail(f'{what} "{value}" tidak dikenal; pilih salah satu: {", ".join(options)}{hint}')

    return read


def _listify(value: Any) -> Any:
    """Let owners write one item without list syntax: `foto: batik.jpg`."""
    return [value] if isinstance(value, (str, dict)) else value


def _photo_name(value: str) -> str:
    name = value.strip()
    if len(name) > PHOTO_NAME_CHARS:  # file systems stop at 255 bytes; a name past 100 letters is a mistake
        raise _fail(
            f"nama berkas foto terlalu panjang ({len(name)} huruf, maksimal {PHOTO_NAME_CHARS}); "
            "ganti nama fotonya menjadi lebih pendek"
        )
    if "/" in name or "\\" in name or name.startswith(".") or ".." in name:
        raise _fail(
            f'nama berkas foto "{value}" tidak boleh memuat "/", "\\" atau ".."; '
            "tulis nama berkasnya saja dan simpan di folder images/<nama-ukm>/"
        )
    if not name.lower().endswith(PHOTO_SUFFIXES):
        raise _fail(f'"{value}" bukan berkas foto; gunakan {", ".join(PHOTO_SUFFIXES)}')
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 ._()+-]*", name):
        raise _fail(f'nama berkas foto "{value}" hanya boleh berisi huruf, angka, spasi, titik dan tanda hubung')
    return name


def _slug(value: str) -> str:
    if SLUG_RE.fullmatch(value):
        return value
    raise _fail(f'slug "{value}" hanya boleh huruf kecil, angka dan tanda hubung, contoh batik-tulis-daun-jati')


def _focus(value: str) -> str:
    text = " ".join(value.split()).lower()
    words = {"tengah": "50% 50%", "atas": "50% 0%", "bawah": "50% 100%", "kiri": "0% 50%", "kanan": "100% 50%"}
    if text in words:
        return words[text]
    match = re.fullmatch(r"(\d{1,3})\s*%\s+(\d{1,3})\s*%", text)
    if match and all(int(g) <= 100 for g in match.groups()):
        return f"{int(match[1])}% {int(match[2])}%"
    raise _fail(f'fokus "{value}" tidak dikenal; tulis tengah/atas/bawah/kiri/kanan atau "30% 40%" (kiri–atas)')


def _legal(pattern: str, example: str, what: str, normalise: Any = lambda m: m[0]) -> Any:
    def read(value: str) -> str:
        text = re.sub(r"\s+", " ", value.strip().upper())
        match = re.fullmatch(pattern, text)
        if not match:
            raise _fail(MESSAGES["legal"].format(apa=what, nilai=value, contoh=example))
        return normalise(match)

    return Annotated[str, AfterValidator(read), _form("legal", pola=pattern, apa=what, contoh=example)]


def _bpom(value: str) -> str:
    """Read a BPOM number of any family a UKM may hold; store it as `MD 123456789012`."""
    text = re.sub(r"\s+", " ", value.strip().upper())
    family = bpom_family(text)
    if family is None:
        raise _fail(MESSAGES["bpom_awalan"].format(nilai=value))
    match = re.fullmatch(BPOM_PREFIX + r"([A-Z]{2}) ?(\d+)", text)
    if not match or len(match[2]) not in family.digits:
        raise _fail(MESSAGES["bpom"].format(jenis=family.name, nilai=value, **_bpom_rule(family)))
    return f"{match[1]} {match[2]}"


def _bpom_rule(family: BpomFamily) -> dict[str, str]:
    return {
        "huruf": _either(family.letters),
        "angka": _either([str(n) for n in family.digits]),
        "contoh": family.example,
    }


def _bpom_form() -> Any:
    """What the web form needs to say the same as `_bpom`: the prefix, and each family's pattern and words."""
    families = [
        {
            "jenis": f.name,
            "awalan": list(f.letters),
            **_bpom_rule(f),
            "pola": f"({'|'.join(f.letters)}) ?(" + "|".join(rf"\d{{{n}}}" for n in f.digits) + ")",
        }
        for f in BPOM_FAMILIES
    ]
    return _form("bpom", awalan=BPOM_PREFIX, keluarga=families)


# --- field types ---

NameText = Annotated[str, AfterValidator(_one_line), Field(min_length=2, max_length=120), _form("baris")]
LineText = Annotated[str, AfterValidator(_one_line), Field(min_length=1, max_length=200), _form("baris")]
ParagraphText = Annotated[str, AfterValidator(_paragraphs), Field(min_length=1, max_length=5000), _form("paragraf")]
WholeNumber = Annotated[int, BeforeValidator(_whole_number), _form("bilangan")]
DateText = Annotated[
    dt.date, BeforeValidator(_date), WithJsonSchema({"type": "string", "format": "date", "examples": ["2026-05-02"]})
]
YesNo = Annotated[bool, BeforeValidator(_yes_no), WithJsonSchema({"type": "boolean"})]


# Field types made by the functions above; mypy reads them as the text they hold.
if TYPE_CHECKING:
    NibNumber = str
    PirtNumber = str
    HalalNumber = str
    InstagramLink = str
    FacebookLink = str
    TiktokLink = str
    ShopeeLink = str
    TokopediaLink = str
else:
    NibNumber = _legal(r"\d{13}", "1234567890123", "NIB")
    PirtNumber = _legal(r"(\d{13})-?(\d{2})", "1234567890123-45", "P-IRT", lambda m: f"{m[1]}-{m[2]}")
    HalalNumber = _legal(r"ID\d{8,}", "ID33110000123450321", "sertifikat halal")
    InstagramLink = _profile("instagram.com", "https://www.instagram.com/", r"[A-Za-z0-9._]{1,30}")
    FacebookLink = _profile("facebook.com", "https://www.facebook.com/", r"[A-Za-z0-9.]{5,50}")
    TiktokLink = _profile("tiktok.com", "https://www.tiktok.com/", r"[A-Za-z0-9._]{2,24}", "@")
    ShopeeLink = _profile("shopee.co.id", "https://shopee.co.id/", r"[A-Za-z0-9._]{3,30}")
    TokopediaLink = _profile("tokopedia.com", "https://www.tokopedia.com/", r"[A-Za-z0-9-]{3,30}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class PriceRange(_Strict, title="HargaRentang"):
    """A price range: from … to …, in whole Rupiah."""

    dari: int = Field(gt=0, description="Harga terendah, Rupiah")
    sampai: int = Field(gt=0, description="Harga tertinggi, Rupiah")


class PhotoEntry(_Strict, title="Foto"):
    """One photo of a product, a file in images/<ukm>/."""

    berkas: Annotated[str, AfterValidator(_photo_name)] = Field(
        description="Nama berkas foto di folder images/<nama-ukm>/", examples=["batik-daun-jati-1.jpg"]
    )
    keterangan: LineText | None = Field(None, description="Teks pengganti foto untuk tunanetra (alt)")
    fokus: Annotated[str, AfterValidator(_focus)] | None = Field(
        None, description='Titik fokus saat foto dipotong: tengah, atas, bawah, kiri, kanan, atau "30% 40%"'
    )


PhotoInput = Annotated[PhotoEntry, BeforeValidator(lambda v: {"berkas": v} if isinstance(v, str) else v)]


class LegalEntry(_Strict, title="Legalitas"):
    """Business permits; each is shown as a badge."""

    nib: NibNumber | None = Field(
        None, description="Nomor Induk Berusaha: 13 angka", examples=["1234567890123"]
    )
    pirt: PirtNumber | None = Field(
        None, description="Nomor P-IRT: 15 angka, ditulis 1234567890123-45", examples=["1234567890123-45"]
    )
    halal: HalalNumber | None = Field(
        None, description="Nomor sertifikat halal BPJPH, diawali ID", examples=["ID33110000123450321"]
    )
    bpom: Annotated[str, AfterValidator(_bpom), _bpom_form()] | None = Field(
        None,
        description="Nomor izin edar atau notifikasi BPOM: MD/ML (pangan olahan, 12 atau 15 angka), "
        "TR/TI/TL (obat tradisional, 9 angka), NA–NE (kosmetik, 11 angka) "
        "atau SD/SI/SL (suplemen kesehatan, 9 angka)",
        examples=["MD 123456789012"],
    )


class ProductEntry(_Strict, title="Produk"):
    """One product of a UKM."""

    nama: NameText = Field(description="Nama produk", examples=["Batik Tulis Daun Jati Sogan"])
    slug: Annotated[str, AfterValidator(_slug)] | None = Field(
        None, description="Bagian alamat halaman produk; bawaan: dari nama. Isi agar alamat tetap saat nama diganti"
    )
    kategori: Annotated[
        str,
        BeforeValidator(_choice(CATEGORIES, "kategori")),
        WithJsonSchema({"type": "string", "enum": list(CATEGORIES), "x-label": CATEGORIES}),
    ] = Field(description="batik, busana, makanan atau kerajinan")
    harga: Annotated[int | PriceRange, BeforeValidator(_price), _form("harga")] = Field(
        description="Harga dalam Rupiah, angka saja (350000), atau rentang {dari: 150000, sampai: 250000}",
        examples=[350000, {"dari": 150000, "sampai": 250000}],
    )
    satuan: LineText | None = Field(
        None, description="Satuan harga: lembar, pcs, bungkus, toples …", examples=["lembar"]
    )
    foto: Annotated[list[PhotoInput], BeforeValidator(_listify)] = Field(
        min_length=1, description="Daftar nama berkas foto (minimal satu) di images/<nama-ukm>/"
    )
    deskripsi: ParagraphText | None = Field(None, description="Deskripsi produk; paragraf dipisah baris kosong")
    bahan: LineText | None = Field(None, description="Bahan", examples=["Katun primissima"])
    motif: LineText | None = Field(None, description="Motif (batik, busana)", examples=["Daun jati"])
    teknik: LineText | None = Field(None, description="Teknik pembuatan", examples=["Tulis"])
    ukuran: LineText | None = Field(None, description="Ukuran", examples=["2 × 1,15 m"])
    warna: LineText | None = Field(None, description="Warna", examples=["Sogan coklat"])
    berat: LineText | None = Field(None, description="Berat atau isi bersih", examples=["250 g"])
    masa_simpan: LineText | None = Field(None, description="Masa simpan (makanan)", examples=["3 bulan"])
    varian: Annotated[list[LineText], BeforeValidator(_listify)] | None = Field(
        None, description="Pilihan varian, rasa atau ukuran", examples=[["Original", "Pedas"]]
    )
    stok: Annotated[
        str,
        BeforeValidator(_choice(STOCK, "stok")),
        WithJsonSchema({"type": "string", "enum": list(STOCK), "x-label": STOCK}),
    ] = Field("tersedia", description="tersedia, habis, atau pesan (dibuat sesuai pesanan)")
    min_pesan: Annotated[WholeNumber, AfterValidator(_positive), _form("bilangan", positif=True)] | None = Field(
        None, description="Jumlah pemesanan minimal", examples=[10]
    )
    unggulan: YesNo = Field(False, description="Produk unggulan, tampil di beranda (ya/tidak)")
    ditambahkan: DateText | None = Field(
        None, description="Tanggal produk ditambahkan (TTTT-BB-HH); bawaan: `terdaftar` UKM"
    )


class FormerProduct(_Strict, title="ProdukLama"):
    """A product removed from the catalogue; its number and short link lead to the UKM's page."""

    slug: Annotated[str, AfterValidator(_slug)] = Field(description="Alamat produk yang sudah tidak tersedia")
    nama: NameText = Field(description="Nama produk itu")


class UkmEntry(_Strict, title="UKM"):
    """One UKM: the whole of a products/<slug>.yml file."""

    nama: NameText = Field(description="Nama usaha", examples=["Batik Sekar Jati"])
    pemilik: NameText | None = Field(None, description="Nama pemilik", examples=["Ibu Sri Lestari"])
    desa: LineText = Field(
        description="Nama desa/kelurahan persis seperti daftar resmi Kemendagri", examples=["Kedungjenar"]
    )
    kecamatan: LineText | None = Field(
        None, description="Nama kecamatan; wajib bila nama desa ada di lebih dari satu kecamatan"
    )
    alamat: LineText | None = Field(
        None, description="Alamat jalan, RT/RW", examples=["Jl. Pemuda No. 12, RT 02/RW 03"]
    )
    whatsapp: Annotated[str, AfterValidator(_whatsapp), _form("whatsapp")] | None = Field(
        None,
        description="Nomor WhatsApp, dalam tanda kutip; wajib bila tidak ada `telepon`",
        examples=["0812-3456-7890"],
    )
    telepon: Annotated[str, AfterValidator(_phone), _form("telepon")] | None = Field(
        None,
        description="Nomor telepon, dalam tanda kutip; wajib bila tidak ada `whatsapp`",
        examples=["(0296) 531234"],
    )
    email: Annotated[str, AfterValidator(_email), _form("email")] | None = Field(None, description="Alamat email")
    jam_buka: LineText | None = Field(None, description="Jam buka", examples=["Senin–Sabtu 08.00–16.00"])
    berdiri: Annotated[WholeNumber, AfterValidator(_year), _form("bilangan", tahun=list(YEARS))] | None = Field(
        None, description="Tahun berdiri", examples=[2012]
    )
    karyawan: WholeNumber | None = Field(None, description="Jumlah karyawan", examples=[8])
    terdaftar: DateText | None = Field(None, description="Tanggal UKM bergabung di etalase (TTTT-BB-HH)")
    cerita: ParagraphText | None = Field(None, description="Cerita usaha; paragraf dipisah baris kosong, tanpa HTML")
    instagram: InstagramLink | None = Field(
        None, description="Akun Instagram (tanpa @) atau alamatnya", examples=["batiksekarjati"]
    )
    facebook: FacebookLink | None = Field(
        None, description="Halaman Facebook: nama halaman atau alamatnya"
    )
    tiktok: TiktokLink | None = Field(
        None, description="Akun TikTok (tanpa @) atau alamatnya"
    )
    shopee: ShopeeLink | None = Field(
        None, description="Toko Shopee: nama toko atau alamatnya"
    )
    tokopedia: TokopediaLink | None = Field(
        None, description="Toko Tokopedia: nama toko atau alamatnya"
    )
    situs: Annotated[str, AfterValidator(_url), _form("situs")] | None = Field(
        None, description="Situs web, diawali https://"
    )
    legalitas: LegalEntry | None = Field(None, description="Nomor izin usaha: nib, pirt, halal, bpom")
    komunitas: Annotated[list[Annotated[str, AfterValidator(_slug)]], BeforeValidator(_listify)] | None = Field(
        None, description="Komunitas atau program pembinaan, huruf kecil dengan tanda hubung", examples=[["ukm-juara"]]
    )
    produk: list[ProductEntry] = Field(min_length=1, description="Daftar produk (minimal satu)")
    produk_lama: list[FormerProduct] | None = Field(
        None,
        description="Diisi otomatis oleh `import --remove`: produk yang sudah dihapus (slug dan nama), "
        "agar nomor katalog dan tautan /p/ lamanya tetap mengarah ke halaman UKM. Jangan dihapus",
    )


# Which model describes the keys found at a path, for "did you mean" hints on unknown keys.
SUBMODELS: dict[str, type[BaseModel]] = {
    "produk": ProductEntry,
    "legalitas": LegalEntry,
    "foto": PhotoEntry,
    "harga": PriceRange,
    "produk_lama": FormerProduct,
}


def model_at(path: tuple) -> type[BaseModel]:
    model: type[BaseModel] = UkmEntry
    for part in path:
        if isinstance(part, str) and part in SUBMODELS and part in model.model_fields:
            model = SUBMODELS[part]
    return model


class _FormatNames(GenerateJsonSchema):
    """Key each `$defs` entry by its model's title, the name the web form looks it up by (`Produk`)."""

    def normalize_name(self, name: str) -> str:
        return super().normalize_name(_TITLES.get(name, name))


_ENTRIES: tuple[type[BaseModel], ...] = (UkmEntry, *SUBMODELS.values())
_TITLES: dict[str, str] = {model.__name__: model.model_config.get("title") or model.__name__ for model in _ENTRIES}


def json_schema() -> dict:
    """Return the JSON Schema of one UKM file, with the owner-facing messages (used by the web form)."""
    return {**UkmEntry.model_json_schema(schema_generator=_FormatNames), "x-pesan": MESSAGES}
