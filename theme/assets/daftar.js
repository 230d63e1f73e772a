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
  var DRAFT_KEY = "rk-daftar-draf-1";

  var schema, pesanTeks, settings;
  var serial = 0;
  var products = [];  // [{id, el, photos: [{blob, url, width, height}]}]
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
    ["stok", "Stok", null, "select"],
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

  function yamlValue(value) {
    if (typeof value === "bigint") return value.toString();
    if (Array.isArray(value)) return "[" + value.map(yamlValue).join(", ") + "]";
    if (value && typeof value === "object") {
      return "{" + Object.keys(value).map(function (k) { return k + ": " + yamlValue(value[k]); }).join(", ") + "}";
    }
    return yamlString(String(value));
  }

  function toYaml(ukm) {
    var lines = ["# Dibuat oleh formulir Daftar UKM, Rumah Kreatif UKM Blora."];
    Object.keys(ukm).forEach(function (key) {
      var value = ukm[key];
      if (key === "produk") {
        lines.push("produk:");
        value.forEach(function (produk) {
          Object.keys(produk).forEach(function (k, i) {
            lines.push((i === 0 ? "  - " : "    ") + k + ": " + yamlValue(produk[k]));
          });
        });
      } else if (key === "legalitas") {
        lines.push("legalitas:");
        Object.keys(value).forEach(function (k) { lines.push("  " + k + ": " + yamlValue(value[k])); });
      } else {
        lines.push(key + ": " + yamlValue(value));
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

  /** One input bound to a schema key: label, hint, live message. */
  function addField(parent, model, key, label, hint, kind, prefix, state) {
    var sp = spec(model, key);
    var id = prefix + "-" + key;
    var control;
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
    var state = { id: id, fields: [], photos: [] };
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
    state.remove = el("button", { type: "button", class: "md-button rk-f__remove", text: "Hapus produk ini" });
    state.remove.addEventListener("click", function () { removeProduct(state); });
    box.appendChild(state.remove);
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
    var failed = [];
    state.photoStatus.textContent = "Mengecilkan foto…";
    var chain = Promise.resolve();
    files.forEach(function (file) {  // one at a time: decoding several big photos at once can crash a cheap phone
      chain = chain.then(function () {
        return shrink(file).then(function (photo) {
          photo.url = URL.createObjectURL(photo.blob);
          state.photos.push(photo);
        }, function () { failed.push(file.name); });
      });
    });
    return chain.then(function () {
      state.photoStatus.textContent = failed.length
        ? "Tidak bisa dibaca, pilih foto JPG atau PNG: " + failed.join(", ") : "";
      state.touched = true;
      renderThumbs(state);
      changed();
    });
  }

  function renderThumbs(state) {
    state.thumbs.textContent = "";
    state.photos.forEach(function (photo, i) {
      var remove = el("button", { type: "button", class: "rk-f__thumbdel", "aria-label": "Hapus foto " + (i + 1), text: "×" });
      remove.addEventListener("click", function () {
        URL.revokeObjectURL(photo.url);
        state.photos.splice(state.photos.indexOf(photo), 1);
        renderThumbs(state);
        changed();
      });
      state.thumbs.appendChild(el("li", { class: "rk-f__thumb" }, [
        el("img", { src: photo.url, alt: "Foto " + (i + 1) + (i === 0 ? " (sampul)" : ""), width: photo.width, height: photo.height }),
        remove,
      ]));
    });
  }

  // ---------- products list ----------

  function renumber() {
    products.forEach(function (p, i) {
      p.el.querySelector("legend").textContent = "Produk " + (i + 1);
      p.remove.hidden = products.length === 1;  // a UKM needs at least one product
      p.remove.setAttribute("aria-label", "Hapus produk " + (i + 1));
    });
  }

  function removeProduct(state) {
    var hasContent = state.photos.length || state.fields.some(function (f) { return f.control.value && f.control.tagName !== "SELECT"; });
    if (hasContent && !window.confirm("Hapus produk ini beserta fotonya?")) return;
    state.photos.forEach(function (p) { URL.revokeObjectURL(p.url); });
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

  /** Read the form and check every field; show messages on touched fields (all when `showAll`). */
  function collect(showAll) {
    var errors = [];
    showAll = showAll || tried;

    function report(control, message, label, msgId) {
      errors.push({ control: control, message: message, label: label, msgId: msgId });
      if (showAll || control.dataset.touched) showError(control, message, msgId);
    }

    function read(f, input) {
      var r = periksaIsian(f.model, f.key, input);
      showError(f.control, "");
      if (r.error && !r.at) report(f.control, r.error, f.label);
      return r;
    }

    var data = {}, legal = {};
    ukmState.fields.forEach(function (f) {
      var r = read(f, f.control.value);
      if (r.error || r.value === undefined) return;
      if (f.control.dataset.group === "legalitas") legal[f.key] = r.value;
      else data[f.key] = r.value;
    });
    var wa = document.getElementById("ukm-whatsapp");
    if (!wa.value.trim() && !document.getElementById("ukm-telepon").value.trim()) report(wa, pesan("kontak"), "Nomor WhatsApp");
    var nameControl = document.getElementById("ukm-nama");
    var slug = slugify(nameControl.value);
    if (nameControl.value.trim() && !slug) {
      report(nameControl, "nama usaha perlu memuat huruf latin atau angka untuk alamat halaman", "Nama usaha");
    }
    var slugNote = document.getElementById("ukm-alamat-halaman");
    slugNote.hidden = !slug;
    slugNote.textContent = !slug ? "" : "Alamat halaman Anda nanti: /ukm/" + slug + "/" +
      (settings.ukm.indexOf(slug) < 0 ? "" : " — alamat ini sudah dipakai di etalase. Jika ini memang UKM Anda, " +
        "paket ini memperbarui datanya; jika bukan, bedakan nama usaha Anda.");
    data.terdaftar = today();
    if (Object.keys(legal).length) data.legalitas = legal;

    var seen = {};
    var stokDefault = spec("Produk", "stok").default;
    data.produk = products.map(function (p, index) {
      var produk = {};
      var ranged = p.range.checked;
      showError(p.sampai, "");
      p.fields.forEach(function (f) {
        var input = f.key === "harga" && ranged ? { dari: f.control.value, sampai: p.sampai.value } : f.control.value;
        var r = read(f, input);
        if (r.at === "dari") report(f.control, r.error, "Harga terendah");
        if (r.at === "sampai") report(p.sampai, r.error, "Harga tertinggi");
        if (r.error || r.value === undefined || (f.key === "stok" && r.value === stokDefault)) return;
        produk[f.key] = r.value;
      });
      // Like `check`, the product's page address comes from its name and must be unique in the UKM.
      var nama = fieldOf(p, "nama").control;
      var productSlug = slugify(nama.value);
      if (produk.nama !== undefined) {
        if (!productSlug) report(nama, pesan("slug_kosong"), "Nama produk");
        else if (seen[productSlug] !== undefined) {
          report(nama, pesan("produk_ganda", { ukm: slug, produk: productSlug, ke: seen[productSlug] + 1 }), "Nama produk");
        }
      }
      if (productSlug && seen[productSlug] === undefined) seen[productSlug] = index;
      setMessage(document.getElementById(p.fotoMsg), "");
      if (!p.photos.length) {
        errors.push({ control: p.fotoControl, message: pesan("wajib", { kunci: "foto" }), label: "Foto produk" });
        if (showAll || p.touched) setMessage(document.getElementById(p.fotoMsg), pesan("wajib", { kunci: "foto" }));
      }
      produk.foto = p.photos.map(function (photo, i) { return productSlug + "-" + (i + 1) + ".jpg"; });
      return orderLike(produk, "Produk");
    });
    return { data: orderLike(data, "UKM"), slug: slug, errors: errors };
  }

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
    var when = new Date(result.data.terdaftar + "T12:00:00");  // the same form gives the same bytes
    var photos = [];
    products.forEach(function (p, i) {
      p.photos.forEach(function (photo, j) {
        photos.push({ path: "images/" + slug + "/" + result.data.produk[i].foto[j], blob: photo.blob });
      });
    });
    return Promise.all(photos.map(function (photo) { return photo.blob.arrayBuffer(); })).then(function (buffers) {
      var entries = {};
      entries["products/" + slug + ".yml"] = [fflate.strToU8(yaml), { level: 6, mtime: when }];
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

  function download(pkg) {
    var link = document.getElementById("rk-f-unduh-tautan");
    if (link.href) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(pkg.zip);
    link.download = pkg.name;
    link.click();
  }

  function adminMessage(pkg) {
    return "Halo Admin Rumah Kreatif UKM Blora, saya mendaftarkan UKM " + pkg.data.nama + " (" +
      pkg.data.produk.length + " produk). Berkas paket: " + pkg.name;
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
    if (settings.github) {
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
      var file = new File([pkg.zip], pkg.name, { type: "application/zip" });
      var data = { files: [file], title: pkg.name, text: adminMessage(pkg) + (settings.admin_whatsapp_teks ? " — kirim ke " + settings.admin_whatsapp_teks : "") };
      if (navigator.canShare && navigator.canShare({ files: [file] })) {
        return navigator.share(data).then(function () { showResult(pkg, "dibagikan"); }, function (err) {
          if (err && err.name === "AbortError") return;  // the owner closed the share sheet
          download(pkg);  // this phone refuses to share ZIP files: download it and open the chat instead
          showResult(pkg, "gagal-bagi");
        });
      }
      download(pkg);
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

  // ---------- draft: typed text survives a reload (e.g. when the camera app pushes the page out of memory) ----------

  function draftFields(fields) {
    var values = {};
    fields.forEach(function (f) { values[f.key] = f.control.value; });
    return values;
  }

  function saveDraft() {
    try {
      localStorage.setItem(DRAFT_KEY, JSON.stringify({
        ukm: draftFields(ukmState.fields.filter(function (f) { return !f.control.dataset.group; })),
        legalitas: draftFields(ukmState.fields.filter(function (f) { return f.control.dataset.group; })),
        produk: products.map(function (p) {
          return Object.assign(draftFields(p.fields), { rentang: p.range.checked, sampai: p.sampai.value });
        }),
      }));
    } catch (e) { /* private mode or full storage: the form still works, only without a draft */ }
  }

  function loadDraft() {
    try { return JSON.parse(localStorage.getItem(DRAFT_KEY) || "null"); } catch (e) { return null; }
  }

  function restoreFields(fields, values) {
    fields.forEach(function (f) {
      if (values && typeof values[f.key] === "string" && values[f.key] !== "") {
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
    root.textContent = "";
    var form = el("form", { class: "rk-f", novalidate: true, "aria-label": "Formulir pendaftaran UKM" });
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

    var draft = loadDraft();
    if (draft) {
      restoreFields(ukmState.fields.filter(function (f) { return !f.control.dataset.group; }), draft.ukm);
      restoreFields(ukmState.fields.filter(function (f) { return f.control.dataset.group; }), draft.legalitas);
    }
    (draft && draft.produk && draft.produk.length ? draft.produk : [null]).forEach(function (values) { buildProduct(list, values); });
    if (draft) {
      form.insertBefore(el("p", { class: "rk-f__draft", role: "status", text: "Isian Anda sebelumnya dipulihkan. Foto perlu dipilih lagi." }), summary);
    }

    var send = el("div", { class: "rk-f__send" }, [
      el("h2", { text: "Kirim" }),
      el("p", { class: "rk-f__hint", text: "Periksa lagi isian Anda. Paket berisi berkas data dan foto-foto yang sudah dikecilkan." }),
    ]);
    var share = el("button", { type: "button", class: "md-button md-button--primary rk-wa", id: "rk-f-kirim", text: "Kirim lewat WhatsApp" });
    var save = el("button", { type: "button", class: "md-button", id: "rk-f-unduh", text: "Unduh paket" });
    share.addEventListener("click", onShare);
    save.addEventListener("click", onDownload);
    send.appendChild(el("div", { class: "rk-actions" }, [share, save]));
    send.appendChild(el("a", { id: "rk-f-unduh-tautan", hidden: true }));
    send.appendChild(el("section", { id: "rk-f-hasil", class: "rk-f__hasil", "aria-live": "polite", hidden: true }));
    var reset = el("button", { type: "button", class: "rk-f__reset", text: "Kosongkan formulir" });
    reset.addEventListener("click", function () {
      if (!window.confirm("Hapus semua isian dan foto di formulir ini?")) return;
      clearTimeout(saveTimer);
      try { localStorage.removeItem(DRAFT_KEY); } catch (e) { /* nothing saved */ }
      products.forEach(function (p) { p.photos.forEach(function (photo) { URL.revokeObjectURL(photo.url); }); });
      products = [];
      ukmState = { fields: [] };
      built = null;
      tried = false;
      start();  // rebuilt in place, not reloaded: the signal may be gone
      document.getElementById("ukm-nama").focus();
    });
    send.appendChild(reset);
    form.appendChild(send);

    form.addEventListener("input", function (e) { if (e.target.dataset.touched === undefined && e.target.type !== "file") e.target.dataset.dirty = "1"; changed(); });
    form.addEventListener("change", function (e) { if (e.target.tagName === "SELECT" || e.target.type === "checkbox") e.target.dataset.touched = "1"; changed(); });
    form.addEventListener("focusout", function (e) { if (pressing) leftDuringPress = e.target; else leave(e.target); });
    if (draft) { markRestoredTouched(); collect(false); }
  }

  function markRestoredTouched() {
    var fields = ukmState.fields.slice();
    products.forEach(function (p) { fields = fields.concat(p.fields); });
    fields.forEach(function (f) { if (f.control.value) f.control.dataset.touched = "1"; });
  }

  function getJson(attr) {
    return fetch(new URL(root.dataset[attr], window.location.href)).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + r.url);
      return r.json();
    });
  }

  Promise.all([getJson("skema"), getJson("formulir")]).then(function (loaded) {
    schema = loaded[0];
    pesanTeks = schema["x-pesan"];
    settings = loaded[1];
    if (!window.fflate) throw new Error("fflate tidak termuat");
    start();
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
