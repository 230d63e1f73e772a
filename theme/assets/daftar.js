/* Rumah Kreatif UKM Blora: the registration form at /daftar/. No server, no framework.
 *
 * Which fields are required, their limits, choices and every message come from ukm.schema.json,
 * generated from catalog/model.py at build time; the village register and the admin's number come
 * from formulir.json. The checks below mirror the Python validators named in each field's
 * `x-periksa`; tests/test_form.py holds the two to the same words for the same mistakes.
 * Everything is fetched when the page loads, so the form keeps working when the signal drops.
 */
(function () {
  "use strict";

  var root = document.getElementById("rk-daftar");
  if (!root) return;

  var MAX_SIDE = 2000;        // longest side of a photo in the package, in pixels
  var JPEG_QUALITY = 0.85;
  var GITHUB_URL_LIMIT = 8000; // longer prefilled links are cut off by GitHub: show the text to copy instead
  var DRAFT_PREFIX = "rk-daftar-draf-1";  // + ":perbarui:<slug>" for an update's draft
  var DRAFT_DAYS = 14;        // a draft (text and photos) older than this is cleared when the form opens
  var PHOTO_DB = "rk-daftar-foto";  // IndexedDB: the resized photos of every draft
  var PACKAGE_HEADER = "RUMAH-KREATIF-UKM-PAKET 1";  // first line of the .txt wrapper (contract of issue 12)

  var schema, pesanTeks, settings;
  var serial = 0;
  var products = [];  // [{id, el, orig, photos: [{id, blob, url, width, height} | {ref, entry, url}], bad: [names]}]
  var update = null;  // update mode: {slug, versi, data, foto} from daftar/data/<slug>.json
  var draftKey = DRAFT_PREFIX;
  var photoSerial = 0;
  var built = null;   // the last package: {slug, yaml, zip: Blob}; dropped on any edit
  var tried = false;  // after the first try to send, every message stays visible until fixed

  // ---------- the layout: which schema keys appear, in what order, with what label ----------

  var UKM_MAIN = [
    ["nama", "Nama usaha", "Ditulis seperti di papan nama atau kemasan."],
    ["pemilik", "Nama pemilik"],
    ["kecamatan", "Kecamatan", null, "kecamatan"],
    ["desa", "Desa/kelurahan", null, "desa"],
    ["alamat", "Alamat (jalan, RT/RW)"],
    ["whatsapp", "Nomor WhatsApp", "Nomor ini dipakai pembeli untuk memesan.", "tel"],
    ["telepon", "Nomor telepon lain", "Boleh kosong bila sudah ada nomor WhatsApp.", "tel"],
    ["cerita", "Cerita usaha", "Kapan mulai, apa yang istimewa. Pisahkan paragraf dengan baris kosong.", "textarea"],
  ];
  var UKM_MORE = [
    ["jam_buka", "Jam buka"],
    ["berdiri", "Tahun berdiri", null, "numeric"],
    ["karyawan", "Jumlah karyawan", null, "numeric"],
    ["email", "Email", null, "email"],
    ["instagram", "Instagram", "Nama akun saja, tanpa @."],
    ["facebook", "Facebook"],
    ["tiktok", "TikTok"],
    ["shopee", "Toko Shopee"],
    ["tokopedia", "Toko Tokopedia"],
    ["situs", "Situs web", null, "url"],
  ];
  var LEGAL = [
    ["nib", "NIB", null, "numeric"],
    ["pirt", "P-IRT"],
    ["halal", "Sertifikat halal"],
    ["bpom", "BPOM", "MD/ML (pangan), TR/TI (obat tradisional), NA–NE (kosmetik) atau SD/SI (suplemen), lalu angkanya."],
  ];
  var PRODUK_MAIN = [
    ["nama", "Nama produk"],
    ["kategori", "Kategori", null, "select"],
    ["harga", "Harga (Rp)", "Angka saja, tanpa titik, contoh 150000.", "harga"],
    ["satuan", "Satuan harga", "Per apa harganya: lembar, pcs, bungkus, toples …"],
    ["foto", "Foto produk", "Minimal satu. Foto pertama menjadi sampul.", "foto"],
    ["deskripsi", "Deskripsi produk", null, "textarea"],
    ["stok", "Stok", "Satu ketukan: tersedia, habis, atau dibuat sesuai pesanan.", "stok"],
  ];
  var PRODUK_MORE = [
    ["bahan", "Bahan"], ["motif", "Motif"], ["teknik", "Teknik pembuatan"], ["ukuran", "Ukuran"],
    ["warna", "Warna"], ["berat", "Berat atau isi bersih"], ["masa_simpan", "Masa simpan"],
    ["varian", "Varian", "Pisahkan dengan koma, contoh: Original, Pedas.", "list"],
    ["min_pesan", "Minimal pesan", null, "numeric"],
  ];

  // ---------- the schema ----------

  function modelOf(name) {
    return name === "UKM" ? schema : schema.$defs[name];
  }

  /** Merge a property with its non-null branch: limits, check, choices, required. */
  function spec(model, key) {
    var m = modelOf(model);
    var prop = m && m.properties[key];
    if (!prop) throw new Error("formulir: kunci " + model + "." + key + " tidak ada di skema");
    var branch = (prop.anyOf || []).filter(function (b) { return b.type !== "null"; })[0] || {};
    var merged = Object.assign({}, branch, prop);
    merged.key = key;
    merged.required = (m.required || []).indexOf(key) >= 0;
    merged.periksa = prop["x-periksa"] || branch["x-periksa"] || (branch.items && branch.items["x-periksa"]) || {};
    if (branch.items) merged.items = branch.items;
    return merged;
  }

  function pesan(key, args) {
    var text = pesanTeks[key];
    if (text === undefined) throw new Error("formulir: pesan " + key + " tidak ada di skema");
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return args && Object.prototype.hasOwnProperty.call(args, name) ? String(args[name]) : all;
    });
  }

  // ---------- checks: each mirrors a reader in catalog/model.py ----------

  function fail(key, args) { return { error: pesan(key, args) }; }
  function ok(value) { return { value: value }; }
  function length(text) { return Array.from(text).length; }  // code points, as Python counts

  function lengthCheck(value, sp) {
    var n = length(value);
    if (sp.minLength !== undefined && n < sp.minLength) return fail("terlalu_pendek", { min: sp.minLength });
    if (sp.maxLength !== undefined && n > sp.maxLength) return fail("terlalu_panjang", { max: sp.maxLength });
    return ok(value);
  }

  function wholeNumber(text) {
    var t = text.trim();
    if (/^\d+$/.test(t)) return ok(BigInt(t));
    if (/^-\s*\d+([.,]\d+)*$/.test(t)) return fail("negatif", { nilai: t });
    if (/rp/i.test(t)) return fail("tanpa_rp", { angka: t.replace(/[^0-9]/g, "") || "150000" });
    if (/^\d{1,3}([.,]\d{3})+$/.test(t)) return fail("ribuan", { angka: t.replace(/[.,]/g, "") });
    if (/^\d+([.,]\d+)?\s*(rb|ribu|k|jt|juta)$/i.test(t)) return fail("singkatan", { singkatan: t.replace(/[0-9.,\s]/g, "") });
    return fail("bukan_angka", { nilai: t });
  }

  function positive(text) {
    var r = wholeNumber(text);
    if (r.error) return r;
    return r.value <= 0n ? fail("positif") : r;
  }

  function authority(url) {
    var m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^\/?#]*)/.exec(url);
    return m ? { scheme: m[1].toLowerCase(), netloc: m[2] } : null;
  }

  function isWebAddress(value) {
    var a = authority(value);
    return !!a && (a.scheme === "http" || a.scheme === "https") && a.netloc !== "" && !/\s/.test(value);
  }

  var CHECKS = {
    baris: function (text, sp) {
      if (text.indexOf("\n") >= 0) return fail("satu_baris");
      return lengthCheck(text.split(/\s+/).filter(Boolean).join(" "), sp);
    },
    paragraf: function (text, sp) {
      var paras = text.split(/\n\s*\n/).map(function (p) { return p.split(/\s+/).filter(Boolean).join(" "); });
      return lengthCheck(paras.filter(Boolean).join("\n\n"), sp);
    },
    bilangan: function (text, sp) {
      var r = sp.periksa.positif ? positive(text) : wholeNumber(text);
      if (r.error) return r;
      var years = sp.periksa.tahun;
      if (years && (r.value < BigInt(years[0]) || r.value > BigInt(years[1]))) return fail("tahun", { nilai: r.value });
      return r;
    },
    whatsapp: function (text) {
      var digits = text.replace(/[\s\-().]/g, "");
      if (/^\+?\d+$/.test(digits)) {
        var national = digits.replace(/^(\+62|0062|62|0)/, "");
        if (national.charAt(0) === "8" && national.length >= 9 && national.length <= 12) return ok(text);
      }
      return fail("whatsapp", { nilai: text });
    },
    telepon: function (text) {
      return /^(\+62|0)\d{7,13}$/.test(text.replace(/[\s\-().]/g, "")) ? ok(text) : fail("telepon", { nilai: text });
    },
    email: function (text) {
      return /^[^@\s]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(text) ? ok(text) : fail("email", { nilai: text });
    },
    situs: function (text) {
      return isWebAddress(text) ? ok(text) : fail("situs", { nilai: text });
    },
    akun: function (text, sp) {
      var handle = text.replace(/^@+/, "");
      if (new RegExp("^(?:" + sp.periksa.akun + ")$").test(handle)) return ok(text);
      var host = sp.periksa.host;
      var a = authority(text);
      if (a && (a.scheme === "http" || a.scheme === "https")) {
        var netloc = a.netloc.toLowerCase().replace(/^www\./, "").replace(/^m\./, "");
        if (netloc === host || netloc.slice(-host.length - 1) === "." + host) {
          return isWebAddress(text) ? ok(text) : fail("situs", { nilai: text });
        }
      }
      return fail("akun", { nilai: text, host: host });
    },
    legal: function (text, sp) {
      var upper = text.toUpperCase().replace(/\s+/g, " ");
      return new RegExp("^(?:" + sp.periksa.pola + ")$").test(upper) ? ok(text)
        : fail("legal", { apa: sp.periksa.apa, nilai: text, contoh: sp.periksa.contoh });
    },
    bpom: function (text, sp) {
      var upper = text.toUpperCase().replace(/\s+/g, " ");
      var lead = new RegExp("^" + sp.periksa.awalan + "([A-Z]{2})").exec(upper);
      var family = lead && sp.periksa.keluarga.filter(function (k) { return k.awalan.indexOf(lead[1]) >= 0; })[0];
      if (!family) return fail("bpom_awalan", { nilai: text });
      return new RegExp("^(?:" + sp.periksa.awalan + family.pola + ")$").test(upper) ? ok(text)
        : fail("bpom", { jenis: family.jenis, nilai: text, huruf: family.huruf, angka: family.angka, contoh: family.contoh });
    },
  };

  /** Check one field's text the way `check` reads the same text from YAML; {value} or {error}. */
  function periksaIsian(model, key, input) {
    var sp = spec(model, key);
    if (sp.periksa.jenis === "harga") return checkHarga(input);
    var text = typeof input === "string" ? input.trim() : "";
    if (text === "") return sp.required ? fail("wajib", { kunci: key }) : ok(undefined);
    if (sp.enum) return sp.enum.indexOf(text) >= 0 ? ok(text) : fail("wajib", { kunci: key });
    if (sp.type === "array") {  // varian: a comma-separated list, each item a line
      var items = text.split(",").map(function (s) { return s.trim(); }).filter(Boolean);
      var itemSpec = Object.assign({ periksa: (sp.items && sp.items["x-periksa"]) || {} }, sp.items);
      for (var i = 0; i < items.length; i++) {
        var r = CHECKS[itemSpec.periksa.jenis || "baris"](items[i], itemSpec);
        if (r.error) return r;
      }
      return ok(items);
    }
    var check = CHECKS[sp.periksa.jenis];
    if (!check) throw new Error("formulir: pemeriksaan " + sp.periksa.jenis + " tidak dikenal (" + key + ")");
    return check(text, sp);
  }

  /** A price: `harga` alone, or {dari, sampai} for a range (mirrors `_harga`). */
  function checkHarga(input) {
    if (typeof input === "string") {
      if (input.trim() === "") return fail("wajib", { kunci: "harga" });
      return positive(input);
    }
    var low = positive(input.dari || "");
    if ((input.dari || "").trim() === "") low = fail("wajib", { kunci: "harga" });
    if (low.error) return { error: low.error, at: "dari" };
    var high = positive(input.sampai || "");
    if (high.error) return { error: high.error, at: "sampai" };
    if (low.value >= high.value) return { error: pesan("rentang_urut", { dari: low.value, sampai: high.value }), at: "sampai" };
    return ok({ dari: low.value, sampai: high.value });
  }

  /** Make a URL slug exactly as catalog/text.py `slugify` does. */
  function slugify(text) {
    return text.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").replace(/&/g, " dan ").replace(/'/g, "")
      .toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  // ---------- YAML: every string JSON-quoted (valid YAML), numbers plain ----------

  function yamlString(text) {
    var clean = text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/g, "$1\ufffd");
    // PyYAML reads these as line breaks or refuses them; escape them instead.
    return JSON.stringify(clean).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, function (c) {
      return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  function yamlKey(key) { return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : yamlString(key); }

  function yamlValue(value) {
    if (typeof value === "bigint" || typeof value === "number" || typeof value === "boolean") return String(value);
    if (value === null || value === undefined) return '""';
    if (Array.isArray(value)) return "[" + value.map(yamlValue).join(", ") + "]";
    if (value && typeof value === "object") {
      return "{" + Object.keys(value).map(function (k) { return yamlKey(k) + ": " + yamlValue(value[k]); }).join(", ") + "}";
    }
    return yamlString(String(value));
  }

  function toYaml(ukm) {
    var lines = [update ? "# Diperbarui lewat formulir Daftar UKM, Rumah Kreatif UKM Blora."
      : "# Dibuat oleh formulir Daftar UKM, Rumah Kreatif UKM Blora."];
    Object.keys(ukm).forEach(function (key) {
      var value = ukm[key];
      if (key === "produk" && Array.isArray(value)) {
        lines.push("produk:");
        value.forEach(function (produk) {
          Object.keys(produk).forEach(function (k, i) {
            lines.push((i === 0 ? "  - " : "    ") + yamlKey(k) + ": " + yamlValue(produk[k]));
          });
        });
      } else if (key === "legalitas" && value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length) {
        lines.push("legalitas:");
        Object.keys(value).forEach(function (k) { lines.push("  " + yamlKey(k) + ": " + yamlValue(value[k])); });
      } else {
        lines.push(yamlKey(key) + ": " + yamlValue(value));
      }
    });
    return lines.join("\n") + "\n";
  }

  // ---------- building the form ----------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) return;
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  /** Show a message, turning `kunci` into <code>kunci</code>; owner text stays text. */
  function setMessage(node, message) {
    node.textContent = "";
    (message || "").split("`").forEach(function (part, i) {
      node.appendChild(i % 2 ? el("code", { text: part }) : document.createTextNode(part));
    });
    node.hidden = !message;
  }

  function fieldBox(id, label, hint, required, control) {
    var msgId = id + "-pesan", hintId = hint ? id + "-bantuan" : null;
    control.setAttribute("aria-describedby", [hintId, msgId].filter(Boolean).join(" "));
    if (!control.id) control.id = id;
    var box = el("div", { class: "rk-f__field" }, [
      el("label", { for: control.id, class: "rk-f__label" }, [label, required ? el("span", { class: "rk-f__req", text: "wajib" }) : null]),
      hint ? el("p", { id: hintId, class: "rk-f__hint", text: hint }) : null,
      control,
      el("p", { id: msgId, class: "rk-f__msg", hidden: true }),
    ]);
    return box;
  }

  function textControl(id, sp, kind) {
    var placeholder = sp.examples && typeof sp.examples[0] === "string" ? "contoh: " + sp.examples[0]
      : sp.examples && typeof sp.examples[0] === "number" ? "contoh: " + sp.examples[0] : null;
    if (kind === "textarea") return el("textarea", { id: id, rows: 4, class: "rk-f__input", maxlength: sp.maxLength });
    var attrs = { id: id, type: "text", class: "rk-f__input", placeholder: placeholder, autocomplete: "off" };
    if (kind === "tel") { attrs.type = "tel"; attrs.inputmode = "tel"; attrs.autocomplete = "tel"; }
    if (kind === "numeric") attrs.inputmode = "numeric";
    if (kind === "email") { attrs.inputmode = "email"; attrs.autocomplete = "email"; }
    if (kind === "url") attrs.inputmode = "url";
    return el("input", attrs);
  }

  function selectControl(id, sp) {
    var labels = sp["x-label"] || {};
    var options = [el("option", { value: "", text: "— pilih —" })].concat(sp.enum.map(function (v) {
      return el("option", { value: v, text: labels[v] || v });
    }));
    var select = el("select", { id: id, class: "rk-f__input" }, options);
    if (sp.default) select.value = sp.default;
    return select;
  }

  /** Stock as one tap: a row of radio buttons; the group answers `.value` like a select does. */
  function stockControl(id, sp, label, hint, required) {
    var labels = sp["x-label"] || {};
    var group = el("div", { id: id, class: "rk-f__stok", role: "radiogroup", "aria-labelledby": id + "-label", tabindex: "-1" });
    var radios = sp.enum.map(function (v) {
      var radio = el("input", { type: "radio", name: id, value: v, id: id + "-pilih-" + v, class: "rk-f__radio" });
      radio.dataset.skip = "1";  // the group, not each radio, is the field
      group.appendChild(el("label", { for: radio.id, class: "rk-f__stokbtn rk-f__stokbtn--" + v }, [radio, labels[v] || v]));
      return radio;
    });
    Object.defineProperty(group, "value", {
      get: function () { var r = radios.filter(function (x) { return x.checked; })[0]; return r ? r.value : ""; },
      set: function (v) { radios.forEach(function (x) { x.checked = x.value === v; }); },
    });
    group.focus = function () { (radios.filter(function (x) { return x.checked; })[0] || radios[0]).focus(); };
    group.value = sp.default || "";
    var msgId = id + "-pesan", hintId = id + "-bantuan";
    group.setAttribute("aria-describedby", hintId + " " + msgId);
    var box = el("div", { class: "rk-f__field" }, [
      el("p", { id: id + "-label", class: "rk-f__label" }, [label, required ? el("span", { class: "rk-f__req", text: "wajib" }) : null]),
      el("p", { id: hintId, class: "rk-f__hint", text: hint }),
      group,
      el("p", { id: msgId, class: "rk-f__msg", hidden: true }),
    ]);
    return { box: box, control: group };
  }

  /** One input bound to a schema key: label, hint, live message. */
  function addField(parent, model, key, label, hint, kind, prefix, state) {
    var sp = spec(model, key);
    var id = prefix + "-" + key;
    var control;
    if (kind === "stok") {
      var stock = stockControl(id, sp, label, hint, sp.required);
      stock.control.dataset.model = model;
      stock.control.dataset.key = key;
      parent.appendChild(stock.box);
      state.fields.push({ model: model, key: key, control: stock.control, label: label });
      return stock.control;
    }
    if (kind === "select") control = selectControl(id, sp);
    else control = textControl(id, sp, kind);
    control.dataset.model = model;
    control.dataset.key = key;
    parent.appendChild(fieldBox(id, label, hint, sp.required, control));
    state.fields.push({ model: model, key: key, control: control, label: label });
    return control;
  }

  function buildPlacePickers(parent, state) {
    spec("UKM", "desa"); spec("UKM", "kecamatan");  // both must exist in the schema
    var kec = el("select", { id: "ukm-kecamatan", class: "rk-f__input" }, [el("option", { value: "", text: "— pilih kecamatan —" })]
      .concat(settings.wilayah.map(function (k) { return el("option", { value: k.nama, text: k.nama }); })));
    var desa = el("select", { id: "ukm-desa", class: "rk-f__input", disabled: true }, [el("option", { value: "", text: "— pilih kecamatan dulu —" })]);
    kec.dataset.model = desa.dataset.model = "UKM";
    kec.dataset.key = "kecamatan";
    desa.dataset.key = "desa";
    kec.addEventListener("change", function () {
      var chosen = settings.wilayah.filter(function (k) { return k.nama === kec.value; })[0];
      desa.textContent = "";
      desa.appendChild(el("option", { value: "", text: chosen ? "— pilih desa/kelurahan —" : "— pilih kecamatan dulu —" }));
      (chosen ? chosen.desa : []).forEach(function (v) { desa.appendChild(el("option", { value: v.nama, text: v.jenis + " " + v.nama })); });
      desa.disabled = !chosen;
    });
    parent.appendChild(fieldBox("ukm-kecamatan", "Kecamatan", null, true, kec));
    parent.appendChild(fieldBox("ukm-desa", "Desa/kelurahan", null, true, desa));
    state.fields.push({ model: "UKM", key: "kecamatan", control: kec, label: "Kecamatan" });
    state.fields.push({ model: "UKM", key: "desa", control: desa, label: "Desa/kelurahan" });
  }

  var ukmState = { fields: [] };

  function buildUkm(form) {
    var box = el("fieldset", { class: "rk-f__group" }, [el("legend", { text: "Data usaha" })]);
    UKM_MAIN.forEach(function (f) {
      if (f[3] === "kecamatan") return buildPlacePickers(box, ukmState);
      if (f[3] === "desa") return;
      addField(box, "UKM", f[0], f[1], f[2], f[3], "ukm", ukmState);
      if (f[0] === "nama") box.appendChild(el("p", { id: "ukm-alamat-halaman", class: "rk-f__hint rk-f__slug", hidden: true }));
    });
    var more = el("details", { class: "rk-f__more" }, [el("summary", { text: "Data tambahan: media sosial, toko online, izin usaha (boleh dikosongkan)" })]);
    UKM_MORE.forEach(function (f) { addField(more, "UKM", f[0], f[1], f[2], f[3], "ukm", ukmState); });
    spec("UKM", "legalitas");
    LEGAL.forEach(function (f) {
      var c = addField(more, "Legalitas", f[0], f[1], f[2], f[3], "ukm-legalitas", ukmState);
      c.dataset.group = "legalitas";
    });
    box.appendChild(more);
    form.appendChild(box);
  }

  function buildProduct(list, restore) {
    var id = "p" + (++serial);
    var state = { id: id, fields: [], photos: [], bad: [], orig: null };
    var box = el("fieldset", { class: "rk-f__group rk-f__produk", id: id }, [el("legend", { text: "Produk" })]);
    PRODUK_MAIN.forEach(function (f) {
      if (f[3] === "harga") return buildHarga(box, state, f);
      if (f[3] === "foto") return buildFoto(box, state, f);
      addField(box, "Produk", f[0], f[1], f[2], f[3], id, state);
    });
    var more = el("details", { class: "rk-f__more" }, [el("summary", { text: "Detail lain: bahan, ukuran, berat … (boleh dikosongkan)" })]);
    PRODUK_MORE.forEach(function (f) { addField(more, "Produk", f[0], f[1], f[2], f[3], id, state); });
    box.appendChild(more);
    state.preview = el("ul", { class: "rk-grid rk-f__preview", "aria-label": "Pratinjau kartu produk" });
    box.appendChild(el("div", { class: "rk-f__previewbox" }, [el("p", { class: "rk-f__label", text: "Pratinjau di etalase" }), state.preview]));
    state.remove = el("button", { type: "button", class: "md-button rk-f__remove", text: "Hapus produk" });
    state.remove.addEventListener("click", function () { removeProduct(state); });
    state.up = el("button", { type: "button", class: "md-button rk-f__move", text: "↑ Naikkan" });
    state.down = el("button", { type: "button", class: "md-button rk-f__move", text: "↓ Turunkan" });
    state.up.addEventListener("click", function () { moveProduct(state, -1); });
    state.down.addEventListener("click", function () { moveProduct(state, 1); });
    box.appendChild(el("div", { class: "rk-f__productactions" }, [state.up, state.down, state.remove]));
    state.el = box;
    list.appendChild(box);
    products.push(state);
    if (restore) restoreFields(state.fields, restore);
    if (restore && restore.rentang) { state.range.checked = true; state.range.dispatchEvent(new Event("change")); }
    if (restore && restore.sampai) state.sampai.value = restore.sampai;
    renumber();
    updatePreview(state);
    return state;
  }

  function buildHarga(box, state, f) {
    var sp = spec("Produk", "harga");
    var dari = el("input", { id: state.id + "-harga", type: "text", inputmode: "numeric", class: "rk-f__input", placeholder: "contoh: 150000", autocomplete: "off" });
    var sampai = el("input", { id: state.id + "-harga-sampai", type: "text", inputmode: "numeric", class: "rk-f__input", placeholder: "contoh: 250000", autocomplete: "off" });
    var range = el("input", { id: state.id + "-rentang", type: "checkbox", class: "rk-f__check" });
    var harga = fieldBox(state.id + "-harga", f[1], f[2], sp.required, dari);
    var label = harga.querySelector("label");
    var sampaiBox = fieldBox(state.id + "-harga-sampai", "Harga tertinggi (Rp)", null, true, sampai);
    sampaiBox.hidden = true;
    range.addEventListener("change", function () {
      sampaiBox.hidden = !range.checked;
      label.firstChild.textContent = range.checked ? "Harga terendah (Rp)" : f[1];
      if (!range.checked) setMessage(document.getElementById(sampai.id + "-pesan"), "");
    });
    box.appendChild(harga);
    box.appendChild(el("p", { class: "rk-f__toggle" }, [range, el("label", { for: range.id, text: "Harganya bervariasi (dari … sampai …)" })]));
    box.appendChild(sampaiBox);
    dari.dataset.model = sampai.dataset.model = "Produk";
    dari.dataset.key = sampai.dataset.key = "harga";
    state.fields.push({ model: "Produk", key: "harga", control: dari, label: f[1] });
    state.range = range;
    state.sampai = sampai;
  }

  function buildFoto(box, state, f) {
    var sp = spec("Produk", "foto");
    var camera = el("input", { id: state.id + "-kamera", type: "file", accept: "image/*", capture: "environment", class: "rk-f__file" });
    var gallery = el("input", { id: state.id + "-galeri", type: "file", accept: "image/*", multiple: true, class: "rk-f__file" });
    var msgId = state.id + "-foto-pesan", hintId = state.id + "-foto-bantuan";
    [camera, gallery].forEach(function (input) {
      input.setAttribute("aria-describedby", hintId + " " + msgId);
      input.addEventListener("change", function () { addPhotos(state, input.files); input.value = ""; });
    });
    state.thumbs = el("ul", { class: "rk-f__thumbs", "aria-label": "Foto yang dipilih" });
    state.photoStatus = el("p", { class: "rk-f__hint", role: "status" });
    var group = el("div", { class: "rk-f__field", role: "group", "aria-labelledby": state.id + "-foto-label" }, [
      el("p", { id: state.id + "-foto-label", class: "rk-f__label" }, [f[1], sp.required ? el("span", { class: "rk-f__req", text: "wajib" }) : null]),
      el("p", { id: hintId, class: "rk-f__hint", text: f[2] }),
      el("div", { class: "rk-f__pick" }, [
        el("label", { class: "md-button rk-f__pickbtn", for: camera.id }, [camera, "Ambil foto"]),
        el("label", { class: "md-button rk-f__pickbtn", for: gallery.id }, [gallery, "Pilih dari galeri"]),
      ]),
      state.photoStatus,
      state.thumbs,
      el("p", { id: msgId, class: "rk-f__msg", hidden: true }),
    ]);
    box.appendChild(group);
    state.fotoControl = gallery;
    state.fotoMsg = msgId;
  }

  // ---------- photos: decoded, shrunk to MAX_SIDE and re-encoded as JPEG (which drops EXIF/GPS) ----------

  function decode(file) {
    if (window.createImageBitmap) {
      return createImageBitmap(file, { imageOrientation: "from-image" }).catch(function () { return decodeWithImg(file); });
    }
    return decodeWithImg(file);
  }

  function decodeWithImg(file) {
    return new Promise(function (resolve, reject) {
      var url = URL.createObjectURL(file);
      var img = new Image();
      img.onload = function () { URL.revokeObjectURL(url); resolve(img); };
      img.onerror = function () { URL.revokeObjectURL(url); reject(new Error("decode")); };
      img.src = url;
    });
  }

  function shrink(file) {
    return decode(file).then(function (image) {
      var w = image.naturalWidth || image.width, h = image.naturalHeight || image.height;
      var scale = Math.min(1, MAX_SIDE / Math.max(w, h));
      var canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.round(w * scale));
      canvas.height = Math.max(1, Math.round(h * scale));
      var ctx = canvas.getContext("2d");
      ctx.fillStyle = "#fff";  // transparent PNGs get a white, not black, background
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.imageSmoothingQuality = "high";
      ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
      if (image.close) image.close();
      return new Promise(function (resolve, reject) {
        canvas.toBlob(function (blob) {
          var result = { blob: blob, width: canvas.width, height: canvas.height };
          canvas.width = canvas.height = 0;  // free the pixels now: cheap phones have little memory
          blob ? resolve(result) : reject(new Error("encode"));
        }, "image/jpeg", JPEG_QUALITY);
      });
    });
  }

  function addPhotos(state, fileList) {
    var files = Array.from(fileList || []);
    if (!files.length) return;
    state.photoStatus.textContent = "Mengecilkan foto…";
    var chain = Promise.resolve();
    files.forEach(function (file) {  // one at a time: decoding several big photos at once can crash a cheap phone
      chain = chain.then(function () {
        return shrink(file).then(function (photo) {
          photo.url = URL.createObjectURL(photo.blob);
          photo.id = Date.now().toString(36) + "-" + (++photoSerial) + "-" + Math.random().toString(36).slice(2, 8);
          state.photos.push(photo);
          return storePhoto(photo);  // kept on the phone: it survives a reload until the draft is cleared
        }, function () { state.bad.push(file.name); });  // not an image the phone can read: an error on this photo
      });
    });
    return chain.then(function () {
      state.photoStatus.textContent = "";
      state.touched = true;
      renderThumbs(state);
      changed();
    });
  }

  function dropPhoto(state, photo) {
    if (photo.blob) URL.revokeObjectURL(photo.url);
    if (photo.id) forgetPhotos([photo.id]);
    state.photos.splice(state.photos.indexOf(photo), 1);
    renderThumbs(state);
    changed();
  }

  function renderThumbs(state) {
    state.thumbs.textContent = "";
    state.photos.forEach(function (photo, i) {
      var remove = el("button", { type: "button", class: "rk-f__thumbdel", "aria-label": "Hapus foto " + (i + 1), text: "×" });
      remove.addEventListener("click", function () { dropPhoto(state, photo); });
      var left = i === 0 ? null : el("button", { type: "button", class: "rk-f__thumbmove", "aria-label": "Geser foto " + (i + 1) + " ke depan", text: "‹" });
      if (left) {
        left.addEventListener("click", function () {
          state.photos.splice(i, 1);
          state.photos.splice(i - 1, 0, photo);
          renderThumbs(state);
          changed();
        });
      }
      var alt = "Foto " + (i + 1) + (i === 0 ? " (sampul)" : "");
      var picture = photo.url ? el("img", { src: photo.url, alt: alt, width: photo.width, height: photo.height })
        : el("span", { class: "rk-f__nophoto", text: photo.ref });  // on the site, but not shown there: keep its name
      state.thumbs.appendChild(el("li", { class: "rk-f__thumb" + (photo.ref ? " rk-f__thumb--lama" : "") }, [picture, left, remove]));
    });
    state.bad.forEach(function (name, i) {
      var remove = el("button", { type: "button", class: "rk-f__thumbdel", "aria-label": "Hapus berkas " + name, text: "×" });
      remove.addEventListener("click", function () { state.bad.splice(i, 1); renderThumbs(state); changed(); });
      state.thumbs.appendChild(el("li", { class: "rk-f__thumb rk-f__thumb--rusak" }, [el("span", { class: "rk-f__nophoto", text: name }), remove]));
    });
  }

  // ---------- products list ----------

  function renumber() {
    products.forEach(function (p, i) {
      p.el.querySelector("legend").textContent = "Produk " + (i + 1);
      p.remove.hidden = products.length === 1;  // a UKM needs at least one product
      p.remove.setAttribute("aria-label", "Hapus produk " + (i + 1));
      p.up.hidden = i === 0;
      p.down.hidden = i === products.length - 1;
      p.up.setAttribute("aria-label", "Naikkan produk " + (i + 1));
      p.down.setAttribute("aria-label", "Turunkan produk " + (i + 1));
    });
  }

  function moveProduct(state, step) {
    var from = products.indexOf(state), to = from + step;
    if (to < 0 || to >= products.length) return;
    products.splice(from, 1);
    products.splice(to, 0, state);
    var list = state.el.parentNode;
    products.forEach(function (p) { list.appendChild(p.el); });
    renumber();
    changed();
    (step < 0 && !state.up.hidden ? state.up : !state.down.hidden ? state.down : state.up).focus();
  }

  function removeProduct(state) {
    var hasContent = state.photos.length || state.fields.some(function (f) { return f.control.value && f.control.tagName === "INPUT"; });
    if (hasContent && !window.confirm("Hapus produk ini beserta fotonya?")) return;
    state.photos.forEach(function (p) { if (p.blob) URL.revokeObjectURL(p.url); });
    forgetPhotos(state.photos.filter(function (p) { return p.id; }).map(function (p) { return p.id; }));
    products.splice(products.indexOf(state), 1);
    state.el.remove();
    renumber();
    changed();
    var next = products[0];
    if (next) next.el.querySelector("input, select, textarea").focus();
  }

  // ---------- reading and checking the whole form ----------

  function showError(control, message, msgId) {
    var node = document.getElementById(msgId || control.id + "-pesan");
    setMessage(node, message);
    if (control) control.setAttribute("aria-invalid", message ? "true" : "false");
  }

  function ukmName() { return document.getElementById("ukm-nama").value.trim(); }

  function fieldOf(state, key) {
    return state.fields.filter(function (f) { return f.key === key; })[0];
  }

  /** Say a message with field labels instead of YAML keys: "`desa` wajib diisi" beside Desa is "wajib diisi". */
  function forOwner(message) {
    return message.replace(/^`\w+` wajib diisi$/, "wajib diisi").replace(/`(\w+)`/g, function (all, key) {
      return KEY_WORDS[key] || key;
    });
  }
  var KEY_WORDS = { dari: "harga terendah", sampai: "harga tertinggi" };
  [UKM_MAIN, UKM_MORE, LEGAL, PRODUK_MAIN, PRODUK_MORE].forEach(function (fields) {
    fields.forEach(function (f) { if (!KEY_WORDS[f[0]]) KEY_WORDS[f[0]] = f[1].toLowerCase(); });
  });

  /** Read the form and check every field; show messages on touched fields (all when `showAll`). */
  function collect(showAll) {
    var errors = [];
    showAll = showAll || tried;

    function report(control, message, label, msgId) {
      message = forOwner(message);
      errors.push({ control: control, message: message, label: label, msgId: msgId });
      if (showAll || control.dataset.touched) showError(control, message, msgId);
    }

    function read(f, input) {
      var r = periksaIsian(f.model, f.key, input);
      showError(f.control, "");
      if (r.error && !r.at) report(f.control, r.error, f.label);
      return r;
    }

    var data = {}, legal = {}, changedKeys = {};
    ukmState.fields.forEach(function (f) {
      var r = read(f, f.control.value);
      if (f.key === "kecamatan" && !f.control.value) report(f.control, "wajib diisi", f.label);  // the village list needs it
      if (f.initial === undefined || f.control.value !== f.initial) changedKeys[(f.control.dataset.group ? "legalitas." : "") + f.key] = true;
      if (r.error || r.value === undefined) return;
      if (f.control.dataset.group === "legalitas") legal[f.key] = r.value;
      else data[f.key] = r.value;
    });
    var wa = document.getElementById("ukm-whatsapp");
    if (!wa.value.trim() && !document.getElementById("ukm-telepon").value.trim()) report(wa, pesan("kontak"), "Nomor WhatsApp");
    var nameControl = document.getElementById("ukm-nama");
    var slug = update ? update.slug : slugify(nameControl.value);
    if (!update && nameControl.value.trim() && !slug) {
      report(nameControl, "nama usaha perlu memuat huruf latin atau angka untuk alamat halaman", "Nama usaha");
    }
    showAddress(slug);
    if (!update) data.terdaftar = today();
    if (Object.keys(legal).length) data.legalitas = legal;

    var seen = {}, taken = takenPhotoNames();
    data.produk = products.map(function (p, index) {
      var read1 = readProduct(p, read, report);
      var productSlug = read1.slug;
      if (read1.values.nama !== undefined && productSlug && seen[productSlug] !== undefined) {
        report(fieldOf(p, "nama").control, "alamat /ukm/" + slug + "/" + productSlug + "/ sudah dipakai produk ke-" +
          (seen[productSlug] + 1) + "; bedakan nama produk ini", "Nama produk");  // `check` says it too, with `slug:`
      }
      if (productSlug && seen[productSlug] === undefined) seen[productSlug] = index;
      checkPhotos(p, showAll, errors);
      var names = slugify(fieldOf(p, "nama").control.value) || productSlug || "foto";
      p.photos.forEach(function (photo) { if (!photo.ref) photo.name = freeName(names, taken); });
      return p.orig ? mergeProduct(p, read1) : newProduct(p, read1);
    });
    var result = update ? mergeUkm(data, changedKeys) : orderLike(data, "UKM");
    return { data: result, slug: slug, errors: errors };
  }

  function showAddress(slug) {
    var slugNote = document.getElementById("ukm-alamat-halaman");
    slugNote.hidden = !slug;
    if (update) {
      slugNote.textContent = "Alamat halaman Anda: /ukm/" + slug + "/ (tetap sama walau nama usaha diubah)";
      return;
    }
    slugNote.textContent = !slug ? "" : "Alamat halaman Anda nanti: /ukm/" + slug + "/" +
      (settings.ukm.indexOf(slug) < 0 ? "" : " — alamat ini sudah dipakai di etalase. Jika ini memang UKM Anda, " +
        "buka halamannya di etalase dan ketuk \u201cPerbarui data usaha ini\u201d; jika bukan, bedakan nama usaha Anda.");
  }

  /** Read one product's fields: {values, changed: {key: true}, slug} (its page address as `check` makes it). */
  function readProduct(p, read, report) {
    var values = {}, changedKeys = {};
    var ranged = p.range.checked;
    showError(p.sampai, "");
    p.fields.forEach(function (f) {
      var input = f.key === "harga" && ranged ? { dari: f.control.value, sampai: p.sampai.value } : f.control.value;
      var r = read(f, input);
      if (r.at === "dari") report(f.control, r.error, "Harga terendah");
      if (r.at === "sampai") report(p.sampai, r.error, "Harga tertinggi");
      var same = f.initial !== undefined && f.control.value === f.initial &&
        (f.key !== "harga" || (ranged === p.initialRange && (!ranged || p.sampai.value === p.initialSampai)));
      if (!same) changedKeys[f.key] = true;
      if (r.error || r.value === undefined) return;
      values[f.key] = r.value;
    });
    var nama = fieldOf(p, "nama").control;
    var productSlug = slugify(nama.value);
    if (p.orig) {  // a published product keeps its address (and so its printed QR code) when renamed
      productSlug = p.orig.slug || slugify(String(p.orig.nama || "")) || productSlug;
    }
    if (values.nama !== undefined && !productSlug) {
      report(nama, "tidak bisa membuat alamat halaman dari nama ini; pakai huruf latin atau angka", "Nama produk");
    }
    return { values: values, changed: changedKeys, slug: productSlug };
  }

  function checkPhotos(p, showAll, errors) {
    var messages = [];
    if (!p.photos.length && !p.bad.length) messages.push("wajib diisi");
    p.bad.forEach(function (name) {
      messages.push("berkas " + name + " tidak bisa dibaca sebagai foto; hapus, lalu pilih foto JPG atau PNG");
    });
    messages.forEach(function (message) { errors.push({ control: p.fotoControl, message: message, label: "Foto produk" }); });
    var box = document.getElementById(p.fotoMsg);
    setMessage(box, showAll || p.touched ? messages.join("; ") : "");
  }

  /** Photo names already used by this UKM (on the site) or by this package: a new photo never takes one. */
  function takenPhotoNames() {
    var taken = {};
    if (update) Object.keys(update.foto).forEach(function (name) { taken[name] = true; });
    products.forEach(function (p) { p.photos.forEach(function (ph) { if (ph.ref) taken[ph.ref] = true; }); });
    return taken;
  }

  function freeName(base, taken) {
    for (var n = 1; ; n++) {
      var name = base + "-" + n + ".jpg";
      if (!taken[name]) { taken[name] = true; return name; }
    }
  }

  function newProduct(p, read1) {
    var produk = Object.assign({}, read1.values);
    if (produk.stok === spec("Produk", "stok").default) delete produk.stok;
    produk.foto = p.photos.map(function (photo) { return photo.name; });
    if (update) produk.ditambahkan = today();  // new in the catalogue from today
    return orderLike(produk, "Produk");
  }

  /** A published product: its keys as published, only the fields the owner changed replaced or emptied. */
  function mergeProduct(p, read1) {
    var produk = JSON.parse(JSON.stringify(p.orig));
    Object.keys(read1.changed).forEach(function (key) {
      if (read1.values[key] !== undefined) produk[key] = read1.values[key];
      else delete produk[key];
    });
    var before = listOf(p.orig.foto).map(photoName);
    var now = p.photos.map(function (ph) { return ph.ref || ph.name; });
    if (now.join("\n") !== before.join("\n") || p.photos.some(function (ph) { return !ph.ref; })) {
      produk.foto = p.photos.map(function (ph) { return ph.ref ? ph.entry : ph.name; });
    }
    if (!p.orig.slug && read1.changed.nama && slugify(String(p.orig.nama || "")) !== slugify(fieldOf(p, "nama").control.value)) {
      produk.slug = read1.slug;  // renamed: the page address stays, so printed QR codes keep working
    }
    return produk;
  }

  /** The UKM as published, with only the fields the owner changed replaced or emptied; produk from the form. */
  function mergeUkm(data, changedKeys) {
    var out = JSON.parse(JSON.stringify(update.data));
    Object.keys(changedKeys).forEach(function (path) {
      var parts = path.split("."), key = parts[parts.length - 1];
      var from = parts.length === 2 ? (data.legalitas || {}) : data;
      if (parts.length === 2) {
        if (!out.legalitas || typeof out.legalitas !== "object") out.legalitas = {};
        if (from[key] !== undefined) out.legalitas[key] = from[key];
        else delete out.legalitas[key];
      } else if (from[key] !== undefined) out[key] = from[key];
      else delete out[key];
    });
    if (out.legalitas && typeof out.legalitas === "object" && !Object.keys(out.legalitas).length) delete out.legalitas;
    out.produk = data.produk;
    return out;
  }

  function listOf(value) { return Array.isArray(value) ? value : value === undefined || value === null || value === "" ? [] : [value]; }
  function photoName(entry) { return entry && typeof entry === "object" ? String(entry.berkas) : String(entry); }

  /** Put keys in the schema's order, so every package reads the same way. */
  function orderLike(values, model) {
    var ordered = {};
    Object.keys(modelOf(model).properties).forEach(function (k) { if (values[k] !== undefined) ordered[k] = values[k]; });
    return ordered;
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }

  // ---------- the product card preview (same markup and classes as theme/catalog/_macros.html) ----------

  function rupiah(value) {
    return "Rp" + value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function updatePreview(state) {
    var nama = fieldOf(state, "nama").control.value.trim() || "Nama produk";
    var dari = fieldOf(state, "harga").control.value;
    var harga = periksaIsian("Produk", "harga", state.range.checked ? { dari: dari, sampai: state.sampai.value } : dari);
    var price = harga.error ? "Rp…" : typeof harga.value === "bigint" ? rupiah(harga.value)
      : rupiah(harga.value.dari) + "–" + rupiah(harga.value.sampai);
    var stok = fieldOf(state, "stok").control.value;
    var stokSpec = spec("Produk", "stok");
    var desa = document.getElementById("ukm-desa").value;
    var media = el("span", { class: "rk-card__media" }, [
      state.photos[0] ? el("img", { class: "rk-card__img", src: state.photos[0].url, alt: nama, width: state.photos[0].width, height: state.photos[0].height })
        : el("span", { class: "rk-f__nophoto", text: "Belum ada foto" }),
      stok && stok !== stokSpec.default ? el("span", { class: "rk-stock rk-stock--" + stok, text: stokSpec["x-label"][stok] }) : null,
    ]);
    state.preview.textContent = "";
    // A card as the catalogue shows it, but no link: it leads nowhere yet.
    state.preview.appendChild(el("li", { class: "rk-card" }, [el("div", { class: "rk-card__link" }, [
      media,
      el("span", { class: "rk-card__body" }, [
        el("span", { class: "rk-card__name", text: nama }),
        el("span", { class: "rk-card__price", text: price }),
        el("span", { class: "rk-card__meta", text: (ukmName() || "Nama usaha") + (desa ? " · " + desa : "") }),
      ]),
    ])]));
  }

  // ---------- package: ZIP with products/<slug>.yml and images/<slug>/*.jpg ----------

  function makePackage() {
    tried = true;
    var result = collect(true);
    if (result.errors.length) return Promise.resolve({ errors: result.errors });
    var yaml = toYaml(result.data);
    var slug = result.slug;
    var when = new Date(today() + "T12:00:00");  // the same form on the same day gives the same bytes
    var photos = [], kept = [];
    products.forEach(function (p) {
      p.photos.forEach(function (photo) {
        if (photo.ref) { if (kept.indexOf(photo.ref) < 0) kept.push(photo.ref); }  // on the site already: by name only
        else photos.push({ path: "images/" + slug + "/" + photo.name, blob: photo.blob });
      });
    });
    return Promise.all(photos.map(function (photo) { return photo.blob.arrayBuffer(); })).then(function (buffers) {
      var entries = {};
      entries["products/" + slug + ".yml"] = [fflate.strToU8(yaml), { level: 6, mtime: when }];
      if (update) {
        var marker = { format: 1, slug: slug, versi: update.versi, foto_lama: kept };
        entries["perbarui.json"] = [fflate.strToU8(JSON.stringify(marker, null, 1) + "\n"), { level: 6, mtime: when }];
      }
      photos.forEach(function (photo, i) {  // JPEG is compressed already: store it as it is
        entries[photo.path] = [new Uint8Array(buffers[i]), { level: 0, mtime: when }];
      });
      var zip = new Blob([fflate.zipSync(entries)], { type: "application/zip" });
      built = { slug: slug, yaml: yaml, zip: zip, data: result.data, name: slug + ".zip" };
      return built;
    });
  }

  function ensurePackage() {
    return built ? Promise.resolve(built) : makePackage();
  }

  function showSummary(errors) {
    var box = document.getElementById("rk-f-ringkasan");
    box.textContent = "";
    if (!errors.length) { box.hidden = true; return; }
    var list = el("ul");
    errors.forEach(function (e) {
      var link = el("a", { href: "#" + e.control.id });
      setMessage(link, e.label + ": " + e.message);
      link.addEventListener("click", function (ev) { ev.preventDefault(); openAndFocus(e.control); });
      list.appendChild(el("li", null, [link]));
    });
    box.appendChild(el("p", { text: errors.length + " isian perlu diperbaiki:" }));
    box.appendChild(list);
    box.hidden = false;
    box.focus();
  }

  function openAndFocus(control) {
    var details = control.closest("details");
    if (details) details.open = true;
    control.focus();
    control.scrollIntoView({ block: "center" });
  }

  var downloadUrl = null;  // the last package's object URL, released when the next one is made

  function download(pkg) {
    // A link made for the click only: a link without an address left in the page is one no crawler can follow.
    if (downloadUrl) URL.revokeObjectURL(downloadUrl);
    downloadUrl = URL.createObjectURL(pkg.zip);
    var link = el("a", { href: downloadUrl, download: pkg.name, hidden: true });
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function adminMessage(pkg, name) {
    return "Halo Admin Rumah Kreatif UKM Blora, saya " + (update ? "memperbarui data" : "mendaftarkan") + " UKM " +
      pkg.data.nama + " (" + pkg.data.produk.length + " produk). Berkas paket: " + (name || pkg.name);
  }

  /** The package as text (contract of issue 12, §3): Chrome on Android shares .txt files but no .zip. */
  function textWrapper(pkg) {
    return pkg.zip.arrayBuffer().then(function (buffer) {
      var bytes = new Uint8Array(buffer), binary = "";
      for (var i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
      var base64 = btoa(binary).replace(/.{76}/g, "$&\n").replace(/\n$/, "");
      var head = [PACKAGE_HEADER,
        "# Paket data UKM " + String(pkg.data.nama).replace(/[\r\n]+/g, " ") + " untuk Rumah Kreatif UKM Blora, dibuat oleh formulir Daftar UKM.",
        "# Isinya berkas data dan foto (paket ZIP) yang ditulis sebagai teks. Jangan diubah, jangan disalin sebagian.",
        "# Untuk admin: simpan berkas ini apa adanya, lalu jalankan: python build_catalog.py import " + pkg.slug + ".txt",
        ""];
      return new File([head.join("\n") + "\n" + base64 + "\n"], pkg.slug + ".txt", { type: "text/plain" });
    });
  }

  function showResult(pkg, how) {
    var box = document.getElementById("rk-f-hasil");
    box.textContent = "";
    var kb = Math.max(1, Math.round(pkg.zip.size / 1024));
    box.appendChild(el("h2", { text: "Paket siap: " + pkg.name + " (" + kb + " KB)" }));
    if (how === "unduh" || how === "gagal-bagi") {
      box.appendChild(el("p", { text: "Paket sudah disimpan di folder Unduhan (Download) HP Anda." }));
    }
    if (settings.admin_whatsapp && how !== "dibagikan") {
      var wa = "https://wa.me/" + settings.admin_whatsapp + "?text=" + encodeURIComponent(adminMessage(pkg));
      box.appendChild(el("p", null, ["Kirim berkas " + pkg.name + " ke admin etalase di WhatsApp ",
        el("strong", { class: "rk-f__nowrap", text: settings.admin_whatsapp_teks }),
        ": buka obrolan di bawah, ketuk ikon klip (lampiran), pilih Dokumen, lalu pilih " + pkg.name + "."]));
      box.appendChild(el("div", { class: "rk-actions" }, [
        el("a", { class: "md-button md-button--primary rk-wa", href: wa, target: "_blank", rel: "noopener", id: "rk-f-wa-admin", text: "Buka WhatsApp admin" })]));
    }
    if (how === "dibagikan") box.appendChild(el("p", { text: "Terima kasih! Paket sudah dibagikan. Admin akan memeriksa dan memasukkannya ke etalase." }));
    var fresh = el("button", { type: "button", class: "md-button", id: "rk-f-mulai-baru", text: "Mulai baru" });
    fresh.addEventListener("click", startOver);
    box.appendChild(el("div", { class: "rk-f__fresh" }, [
      el("p", { class: "rk-f__hint", text: "Sudah terkirim? Ketuk Mulai baru untuk menghapus isian dan foto ini dari HP, apalagi bila HP dipakai bersama." }),
      fresh]));
    if (settings.github && update) {  // an existing file: GitHub's editor opens it, the owner pastes the new text
      var edit = "https://github.com/" + settings.github.repo + "/edit/" + settings.github.cabang + "/products/" + encodeURIComponent(pkg.slug) + ".yml";
      box.appendChild(el("details", { class: "rk-f__more" }, [el("summary", { text: "Punya akun GitHub? Kirim lewat GitHub" }),
        el("p", null, ["1. ", el("a", { href: edit, target: "_blank", rel: "noopener", id: "rk-f-github", text: "Buka berkas data di GitHub" }),
          ", hapus seluruh isinya, tempel teks dari \u201cLihat isi berkas data\u201d di bawah, lalu ketuk Commit changes / Propose changes."]),
        el("p", { text: "2. Foto baru diunggah ke folder images/" + pkg.slug + "/ dengan nama seperti di berkas data." })]));
    } else if (settings.github) {
      var gh = "https://github.com/" + settings.github.repo + "/new/" + settings.github.cabang +
        "?filename=" + encodeURIComponent("products/" + pkg.slug + ".yml") + "&value=" + encodeURIComponent(pkg.yaml);
      var ghBox = el("details", { class: "rk-f__more" }, [el("summary", { text: "Punya akun GitHub? Kirim lewat GitHub" })]);
      if (gh.length <= GITHUB_URL_LIMIT) {
        ghBox.appendChild(el("p", null, ["1. ", el("a", { href: gh, target: "_blank", rel: "noopener", id: "rk-f-github", text: "Buka berkas data di GitHub (sudah terisi)" }),
          ", lalu ketuk Commit changes / Propose changes."]));
      } else {
        ghBox.appendChild(el("p", { text: "1. Data terlalu panjang untuk dibuka langsung. Buat berkas products/" + pkg.slug + ".yml di GitHub dan tempel teks di bawah." }));
      }
      ghBox.appendChild(el("p", { text: "2. Unggah foto dari paket ke folder images/" + pkg.slug + "/, seperti dijelaskan di halaman Cara bergabung." }));
      box.appendChild(ghBox);
    }
    box.appendChild(el("details", { class: "rk-f__more" }, [el("summary", { text: "Lihat isi berkas data" }), el("pre", { class: "rk-f__yaml", text: pkg.yaml })]));
    box.hidden = false;
    box.scrollIntoView({ block: "start" });
  }

  // Make the package for a button's action: the button is busy meanwhile; problems are listed instead.
  function withPackage(btn, action) {
    setBusy(btn, true);
    ensurePackage().then(function (pkg) {
      setBusy(btn, false);
      if (pkg.errors) return showSummary(pkg.errors);
      showSummary([]);
      return action(pkg);
    }, failed(btn));
  }

  function onDownload() {
    withPackage(this, function (pkg) {
      download(pkg);
      showResult(pkg, "unduh");
    });
  }

  function onShare() {
    withPackage(this, function (pkg) {
      var zip = new File([pkg.zip], pkg.name, { type: "application/zip" });
      var canShare = function (file) { return !!(navigator.canShare && navigator.share && navigator.canShare({ files: [file] })); };
      if (canShare(zip)) return share(pkg, zip);
      // Chrome on Android shares no .zip: the same package as a .txt, which WhatsApp sends as a document unchanged.
      return textWrapper(pkg).then(function (text) {
        if (canShare(text)) return share(pkg, text);
        download(pkg);
        showResult(pkg, "gagal-bagi");
      });
    });
  }

  function share(pkg, file) {
    var data = { files: [file], title: file.name,
      text: adminMessage(pkg, file.name) + (settings.admin_whatsapp_teks ? " — kirim ke " + settings.admin_whatsapp_teks : "") };
    return navigator.share(data).then(function () { showResult(pkg, "dibagikan"); }, function (err) {
      if (err && err.name === "AbortError") return;  // the owner closed the share sheet
      download(pkg);  // sharing refused after all: download it and open the chat instead
      showResult(pkg, "gagal-bagi");
    });
  }

  function failed(btn) {
    return function (err) {
      setBusy(btn, false);
      showSummary([{ control: btn, message: "paket gagal dibuat (" + (err && err.message) + "); coba lagi", label: "Paket" }]);
    };
  }

  function setBusy(btn, busy) {
    btn.disabled = busy;
    btn.setAttribute("aria-busy", busy ? "true" : "false");
  }

  // ---------- draft: text and photos survive a reload (e.g. when the camera app pushes the page out of memory) ----------
  // The text is in localStorage, the resized photos in IndexedDB; both go after DRAFT_DAYS, on "Mulai baru"
  // and on "Kosongkan formulir". An update's draft is kept apart from a new registration's (one per UKM).

  var dbPromise = null;
  function photoDb() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve) {
        try {
          var req = indexedDB.open(PHOTO_DB, 1);
          req.onupgradeneeded = function () { req.result.createObjectStore("foto"); };
          req.onsuccess = function () { resolve(req.result); };
          req.onerror = function () { resolve(null); };
        } catch (e) { resolve(null); }  // private mode: the form still works, photos are not kept
      });
    }
    return dbPromise;
  }

  function photoStore(mode, work) {
    return photoDb().then(function (db) {
      if (!db) return null;
      return new Promise(function (resolve) {
        var tx = db.transaction("foto", mode), store = tx.objectStore("foto"), out = { value: null };
        work(store, out);
        tx.oncomplete = function () { resolve(out.value); };
        tx.onerror = tx.onabort = function () { resolve(null); };
      });
    });
  }

  function storePhoto(photo) {
    var record = { draf: draftKey, blob: photo.blob, width: photo.width, height: photo.height, saved: Date.now() };
    return photoStore("readwrite", function (store) { store.put(record, photo.id); });
  }

  function forgetPhotos(ids) {
    return photoStore("readwrite", function (store) { ids.forEach(function (id) { store["delete"](id); }); });
  }

  /** Every stored photo of a draft: {id: record}. */
  function storedPhotos(key) {
    return photoStore("readonly", function (store, out) {
      out.value = {};
      store.openCursor().onsuccess = function (e) {
        var cursor = e.target.result;
        if (!cursor) return;
        if (cursor.value && cursor.value.draf === key) out.value[cursor.key] = cursor.value;
        cursor["continue"]();
      };
    }).then(function (found) { return found || {}; });
  }

  /** Delete stored photos that no kept draft names: of cleared, expired or other drafts' leftovers. */
  function sweepPhotos(keep) {
    return photoStore("readwrite", function (store) {
      store.openCursor().onsuccess = function (e) {
        var cursor = e.target.result;
        if (!cursor) return;
        var record = cursor.value || {};
        if (!keep[record.draf] || keep[record.draf].indexOf(cursor.key) < 0) cursor["delete"]();
        cursor["continue"]();
      };
    });
  }

  /** Drop drafts older than DRAFT_DAYS; return {draft key: [photo ids]} of the drafts kept. */
  function expireDrafts() {
    var keep = {}, limit = DRAFT_DAYS * 24 * 3600 * 1000;
    try {
      for (var i = localStorage.length - 1; i >= 0; i--) {
        var key = localStorage.key(i);
        if (key.indexOf(DRAFT_PREFIX) !== 0) continue;
        var draft = null;
        try { draft = JSON.parse(localStorage.getItem(key)); } catch (e) { draft = null; }
        if (draft && typeof draft.disimpan !== "number") {  // saved before drafts were dated: from now on
          draft.disimpan = Date.now();
          localStorage.setItem(key, JSON.stringify(draft));
        }
        if (!draft || Date.now() - draft.disimpan > limit) localStorage.removeItem(key);
        else keep[key] = photoIds(draft);
      }
    } catch (e) { /* no storage */ }
    if (keep[draftKey] === undefined) keep[draftKey] = [];  // the current draft's photos are swept after a restore
    return keep;
  }

  function photoIds(draft) {
    var ids = [];
    (draft.produk || []).forEach(function (p) { (p.foto || []).forEach(function (f) { if (f && f.id) ids.push(f.id); }); });
    return ids;
  }

  function draftFields(fields) {
    var values = {};
    fields.forEach(function (f) { values[f.key] = f.control.value; });
    return values;
  }

  function saveDraft() {
    try {
      localStorage.setItem(draftKey, JSON.stringify({
        disimpan: Date.now(),
        versi: update ? update.versi : null,
        ukm: draftFields(ukmState.fields.filter(function (f) { return !f.control.dataset.group; })),
        legalitas: draftFields(ukmState.fields.filter(function (f) { return f.control.dataset.group; })),
        produk: products.map(function (p) {
          return Object.assign(draftFields(p.fields), {
            rentang: p.range.checked, sampai: p.sampai.value, asal: p.origIndex === undefined ? -1 : p.origIndex, rusak: p.bad,
            foto: p.photos.map(function (ph) { return ph.ref ? { ref: ph.ref } : { id: ph.id }; }),
          });
        }),
      }));
    } catch (e) { /* private mode or full storage: the form still works, only without a draft */ }
  }

  function loadDraft() {
    try {
      var draft = JSON.parse(localStorage.getItem(draftKey) || "null");
      if (draft && update && draft.versi !== update.versi) return { basi: true };  // the site changed since
      return draft;
    } catch (e) { return null; }
  }

  function clearDraft() {
    clearTimeout(saveTimer);
    try { localStorage.removeItem(draftKey); } catch (e) { /* nothing saved */ }
    var ids = [];
    products.forEach(function (p) { p.photos.forEach(function (ph) { if (ph.blob) URL.revokeObjectURL(ph.url); if (ph.id) ids.push(ph.id); }); });
    return forgetPhotos(ids);
  }

  function restoreFields(fields, values) {
    fields.forEach(function (f) {
      if (values && typeof values[f.key] === "string" && (values[f.key] !== "" || f.initial !== undefined)) {
        f.control.value = values[f.key];
        if (f.key === "kecamatan") f.control.dispatchEvent(new Event("change"));
      }
    });
  }

  var saveTimer = null;
  function changed() {
    built = null;
    document.getElementById("rk-f-hasil").hidden = true;
    products.forEach(updatePreview);
    collect(false);
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveDraft, 300);
  }

  // ---------- update mode: the form filled with what the site publishes about one UKM ----------

  function asText(value) {
    if (value === undefined || value === null) return "";
    if (Array.isArray(value)) return value.map(asText).join(", ");
    return typeof value === "object" ? "" : String(value);
  }

  /** Fill one field from the published value and remember it: an unchanged field keeps the value as published. */
  function prefillField(f, value) {
    f.control.value = asText(value);
    if (f.key === "kecamatan") f.control.dispatchEvent(new Event("change"));
    f.initial = f.control.value;
  }

  function prefillUkm() {
    var data = update.data;
    ukmState.fields.forEach(function (f) {
      if (f.key === "desa") return;
      var value = f.control.dataset.group ? (data.legalitas || {})[f.key] : data[f.key];
      if (f.key === "kecamatan" && !value) value = kecamatanOf(asText(data.desa));  // the register knows it
      prefillField(f, value);
    });
    prefillField(fieldOf(ukmState, "desa"), data.desa);
  }

  function kecamatanOf(desa) {
    var found = settings.wilayah.filter(function (k) { return k.desa.some(function (v) { return v.nama === desa; }); });
    return found.length === 1 ? found[0].nama : "";
  }

  function prefillProduct(state, index) {
    var orig = update.data.produk[index];
    state.orig = orig;
    state.origIndex = index;
    state.fields.forEach(function (f) {
      var value = orig[f.key];
      if (f.key === "harga" && value && typeof value === "object") {
        state.range.checked = true;
        state.range.dispatchEvent(new Event("change"));
        state.sampai.value = asText(value.sampai);
        value = value.dari;
      }
      if (f.key === "stok" && !value) value = spec("Produk", "stok").default;
      prefillField(f, value);
    });
    state.initialRange = state.range.checked;
    state.initialSampai = state.sampai.value;
  }

  function refPhoto(entry) {
    var name = photoName(entry);
    var url = update.foto[name];
    // A path from the site root (daftar/ is one folder down), or a full address on the site's media host.
    return { ref: name, entry: entry, url: url ? new URL(url, new URL("../", window.location.href)).href : null };
  }

  // ---------- start ----------

  // A field's message appears when the owner leaves it. When they leave it by pressing on another
  // control, wait until that press is over: a message appearing mid-press moves the control away.
  var pressing = false, leftDuringPress = null;
  function leave(target) { if (target.dataset && target.dataset.dirty) { target.dataset.touched = "1"; changed(); } }
  document.addEventListener("pointerdown", function () { pressing = true; }, true);
  document.addEventListener("pointerup", function () {
    pressing = false;
    var target = leftDuringPress;
    leftDuringPress = null;
    if (target) setTimeout(function () { if (target.isConnected) leave(target); }, 0);  // after the click has landed
  }, true);

  function start() {
    var keep = expireDrafts();
    var draft = loadDraft();
    var stale = draft && draft.basi;
    if (stale) draft = null;
    var wanted = draft ? photoIds(draft) : [];
    keep[draftKey] = wanted;
    return storedPhotos(draftKey).then(function (stored) {
      sweepPhotos(keep);
      build(draft, stored, stale);
    });
  }

  function build(draft, stored, stale) {
    root.textContent = "";
    var form = el("form", { class: "rk-f", novalidate: true, "aria-label": update ? "Formulir pembaruan data UKM" : "Formulir pendaftaran UKM" });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    root.appendChild(form);  // in the document first: the builders below look fields up by id
    var summary = el("div", { id: "rk-f-ringkasan", class: "rk-f__ringkasan", role: "alert", tabindex: "-1", hidden: true });
    form.appendChild(summary);
    buildUkm(form);
    var list = el("div", { class: "rk-f__produklist" });
    form.appendChild(el("h2", { text: "Produk" }));
    form.appendChild(list);
    var add = el("button", { type: "button", class: "md-button rk-f__add", text: "+ Tambah produk" });
    add.addEventListener("click", function () {
      var p = buildProduct(list);
      changed();
      fieldOf(p, "nama").control.focus();
    });
    form.appendChild(add);
    fillForm(list, draft, stored);
    if (update) {
      form.insertBefore(el("p", { class: "rk-f__mode", role: "status" }, ["Anda memperbarui data ", el("strong", { text: asText(update.data.nama) }),
        ". Isian sudah terisi dari etalase: ubah yang perlu saja. Foto yang sudah ada tidak dikirim ulang."]), summary);
    }
    if (draft || stale) {
      form.insertBefore(el("p", { class: "rk-f__draft", role: "status", text: stale
        ? "Data di etalase sudah berubah sejak isian Anda disimpan, jadi formulir diisi ulang dari data terbaru."
        : "Isian dan foto Anda sebelumnya dipulihkan." }), summary);
    }
    form.appendChild(sendSection());
    form.addEventListener("input", function (e) { if (e.target.dataset.touched === undefined && e.target.type !== "file") e.target.dataset.dirty = "1"; changed(); });
    form.addEventListener("change", function (e) {
      if (e.target.tagName === "SELECT" || e.target.type === "checkbox") e.target.dataset.touched = "1";
      if (e.target.type === "radio") e.target.closest(".rk-f__stok").dataset.touched = "1";
      changed();
    });
    form.addEventListener("focusout", function (e) { if (pressing) leftDuringPress = e.target; else leave(e.target); });
    if (draft || update) { markRestoredTouched(); collect(false); }
  }

  /** Fill the form: from the draft (its photos from IndexedDB), or from the site in update mode, or empty. */
  function fillForm(list, draft, stored) {
    if (update) prefillUkm();
    if (draft) {
      restoreFields(ukmState.fields.filter(function (f) { return !f.control.dataset.group; }), draft.ukm);
      restoreFields(ukmState.fields.filter(function (f) { return f.control.dataset.group; }), draft.legalitas);
    }
    var rows = draft && draft.produk && draft.produk.length ? draft.produk
      : update ? update.data.produk.map(function (p, i) { return { asal: i }; }) : [null];
    rows.forEach(function (values) {
      var state = buildProduct(list);
      var index = values && typeof values.asal === "number" ? values.asal : -1;
      if (update && index >= 0 && update.data.produk[index]) {
        prefillProduct(state, index);
        if (!draft) state.photos = listOf(state.orig.foto).map(refPhoto);
      }
      if (draft && values) restoreProduct(state, values, stored);
      renderThumbs(state);
      updatePreview(state);
    });
  }

  function restoreProduct(state, values, stored) {
    restoreFields(state.fields, values);
    state.range.checked = !!values.rentang;
    state.range.dispatchEvent(new Event("change"));
    if (typeof values.sampai === "string") state.sampai.value = values.sampai;
    state.bad = Array.isArray(values.rusak) ? values.rusak.slice() : [];
    var entries = {};
    if (state.orig) listOf(state.orig.foto).forEach(function (entry) { entries[photoName(entry)] = entry; });
    state.photos = [];
    (values.foto || []).forEach(function (f) {
      if (f && f.ref && entries[f.ref] !== undefined) state.photos.push(refPhoto(entries[f.ref]));
      var record = f && f.id && stored[f.id];
      if (record && record.blob) {
        state.photos.push({ id: f.id, blob: record.blob, url: URL.createObjectURL(record.blob), width: record.width, height: record.height });
      }
    });
  }

  function sendSection() {
    var send = el("div", { class: "rk-f__send" }, [
      el("h2", { text: "Kirim" }),
      el("p", { class: "rk-f__hint", text: update
        ? "Periksa lagi isian Anda. Paket berisi data usaha yang baru dan hanya foto yang baru Anda tambahkan."
        : "Periksa lagi isian Anda. Paket berisi berkas data dan foto-foto yang sudah dikecilkan." }),
    ]);
    var share = el("button", { type: "button", class: "md-button md-button--primary rk-wa", id: "rk-f-kirim", text: "Kirim lewat WhatsApp" });
    var save = el("button", { type: "button", class: "md-button", id: "rk-f-unduh", text: "Unduh paket" });
    share.addEventListener("click", onShare);
    save.addEventListener("click", onDownload);
    send.appendChild(el("div", { class: "rk-actions" }, [share, save]));
    send.appendChild(el("section", { id: "rk-f-hasil", class: "rk-f__hasil", "aria-live": "polite", hidden: true }));
    var reset = el("button", { type: "button", class: "rk-f__reset", text: "Kosongkan formulir" });
    reset.addEventListener("click", function () {
      if (!window.confirm("Hapus semua isian dan foto di formulir ini?")) return;
      startOver();
    });
    send.appendChild(reset);
    return send;
  }

  /** Clear the draft (text and photos) and open an empty registration form, in place: the signal may be gone. */
  function startOver() {
    clearDraft();
    products = [];
    ukmState = { fields: [] };
    built = null;
    tried = false;
    if (update) {
      update = null;
      draftKey = DRAFT_PREFIX;
      try { window.history.replaceState(null, "", window.location.pathname); } catch (e) { /* file: pages */ }
      try { localStorage.removeItem(draftKey); } catch (e) { /* nothing saved */ }
    }
    return start().then(function () { document.getElementById("ukm-nama").focus(); });
  }

  function markRestoredTouched() {
    var fields = ukmState.fields.slice();
    products.forEach(function (p) { fields = fields.concat(p.fields); if (p.photos.length || p.bad.length) p.touched = true; });
    fields.forEach(function (f) { if (f.control.value) f.control.dataset.touched = "1"; });
  }

  function getJson(url) {
    return fetch(new URL(url, window.location.href)).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + r.url);
      return r.json();
    });
  }

  function wantedUpdate() {
    var slug = new URLSearchParams(window.location.search).get("perbarui");
    return slug && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) ? slug : null;
  }

  var updateSlug = wantedUpdate();
  Promise.all([getJson(root.dataset.skema), getJson(root.dataset.formulir),
    updateSlug ? getJson("data/" + updateSlug + ".json").catch(function () { return null; }) : null]).then(function (loaded) {
    schema = loaded[0];
    pesanTeks = schema["x-pesan"];
    settings = loaded[1];
    if (!window.fflate) throw new Error("fflate tidak termuat");
    if (updateSlug && !loaded[2]) {
      throw new Error("data UKM \u201c" + updateSlug + "\u201d tidak ada di etalase; buka lagi dari halaman UKM Anda");
    }
    if (loaded[2]) {
      update = loaded[2];
      draftKey = DRAFT_PREFIX + ":perbarui:" + update.slug;
      document.title = "Perbarui data " + asText(update.data.nama) + " - " + document.title;
    }
    return start();
  }).catch(function (err) {
    root.textContent = "";
    root.appendChild(el("p", { class: "rk-f__fatal", role: "alert", text: "Formulir gagal dimuat (" + err.message + "). Periksa sinyal, lalu muat ulang halaman ini." }));
  });

  // For tests/test_form.py: the same checks the form runs, to compare with `check`.
  window.rkDaftar = {
    periksaIsian: function (model, key, input) { var r = periksaIsian(model, key, input); return r.error || null; },
    slugify: slugify,
    yamlValue: function (v) { return yamlValue(v); },
  };
})();
