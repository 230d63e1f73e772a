/* Product search for /cari/: Pagefind online (loads only the index chunks a query needs),
   the local index cari/indeks.js offline (file://) or when Pagefind is not there (mkdocs serve).
   Every value from the data is put in the page with textContent, never as HTML. */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll(".rk-cari"), setup);

function setup(root) {
  var base = new URL(root.dataset.base, location.href);
  var preset = root.dataset.preset ? JSON.parse(root.dataset.preset) : {};
  var listing = root.classList.contains("rk-listing");
  var form = root.querySelector("form");
  var input = root.querySelector("input[type=search]") || { value: "", addEventListener: function () {} };
  var status = root.querySelector(".rk-cari__status");
  var list = root.querySelector(".rk-cari__hasil");
  var more = root.querySelector(".rk-cari__lagi");
  var facetBox = root.querySelector(".rk-cari__facets");
  var selects = Array.prototype.slice.call(root.querySelectorAll("select[data-facet]")).filter(function (s) {
    if (!(s.dataset.facet in preset)) return true;
    s.parentNode.hidden = true; // the page itself is this filter
    return false;
  });
  var sortSelect = root.querySelector("select[name=urut]");
  var PAGE = 12; // results per "Tampilkan lebih banyak": a phone on slow data fetches few pictures at once
  var rules = null; // spelling rules, from the local index or pagefind-entry
  var shown = 0, current = [], engine = null, token = 0;

  function normalise(word) {
    var w = word.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    if (!rules) return w;
    rules.lama.forEach(function (pair) { w = w.split(pair[0]).join(pair[1]); });
    return rules.varian[w] || w;
  }
  function normaliseQuery(q) {
    return q.split(/\s+/).filter(Boolean).map(normalise).join(" ");
  }

  /* --- engines: both answer search(query, filters, sort) with {total, items, facets, load(i)} --- */
  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src; s.onload = resolve; s.onerror = reject;
      document.head.appendChild(s);
    });
  }

  function localEngine() {
    return loadScript(new URL("cari/indeks.js", base).href).then(function () {
      var data = window.RK_INDEKS;
      rules = data.ejaan;
      data.produk.forEach(function (p) { p.normal = p.teks.split(/\s+/).map(normalise).join(" "); });
      return {
        name: "lokal",
        search: function (query, filters, sort) {
          var words = normaliseQuery(query).split(" ").filter(Boolean);
          var hits = data.produk.filter(function (p) {
            return words.every(function (w) { return p.normal.indexOf(w) >= 0 || p.teks.indexOf(w) >= 0; }) &&
              Object.keys(filters).every(function (k) { return p.filter[k] === filters[k]; });
          });
          if (sort) {
            var key = sort.split(":")[0], dir = sort.split(":")[1] === "desc" ? -1 : 1;
            hits = hits.slice().sort(function (a, b) {
              var x = a.urut[key], y = b.urut[key];
              return dir * (key === "nama" ? x.localeCompare(y) : Number(x) - Number(y));
            });
          }
          var facets = {};
          Object.keys(data.faset).forEach(function (k) {
            facets[k] = {};
            data.produk.forEach(function (p) { facets[k][p.filter[k]] = (facets[k][p.filter[k]] || 0); });
            hits.forEach(function (p) { facets[k][p.filter[k]] += 1; });
          });
          return Promise.resolve({ total: hits.length, facets: facets,
            load: function (i) { return Promise.resolve(hits[i]); } });
        }
      };
    });
  }

  function pagefindEngine() {
    if (location.protocol === "file:") return Promise.reject(new Error("file"));
    return import(new URL("pagefind/pagefind.js", base).href).then(function (pf) {
      return pf.options({ baseUrl: base.pathname }).then(function () {
        return fetch(new URL("cari/ejaan.json", base)).then(function (r) { return r.json(); });
      }).then(function (table) {
        rules = table;
        return pf.filters();
      }).then(function (all) {
        return {
          name: "pagefind",
          search: function (query, filters, sort) {
            var options = { filters: filters };
            if (sort) { var s = {}; s[sort.split(":")[0]] = sort.split(":")[1]; options.sort = s; }
            var q = normaliseQuery(query);
            return pf.search(q || null, options).then(function (r) {
              var facets = {};
              Object.keys(all).forEach(function (k) {
                facets[k] = {};
                Object.keys(all[k]).forEach(function (v) { facets[k][v] = (r.filters[k] || {})[v] || 0; });
              });
              return { total: r.results.length, facets: facets, load: function (i) {
                return r.results[i].data().then(function (d) {
                  return { url: d.url.replace(base.pathname, ""), nama: d.meta.title, harga: d.meta.harga,
                           ukm: d.meta.ukm, desa: d.meta.desa, gambar: d.meta.gambar, stok: d.meta.stok };
                });
              } };
            });
          }
        };
      });
    });
  }

  /* --- rendering --- */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  var STOK = { habis: "Stok Habis", pesan: "Dibuat sesuai pesanan" };
  function card(p) {
    var li = el("li", "rk-card");
    var a = el("a", "rk-card__link");
    // file:// shows a folder as a listing, so the offline copy links to the page file itself
    a.href = new URL(p.url + (location.protocol === "file:" && /\/$/.test(p.url) ? "index.html" : ""), base).href;
    var media = el("span", "rk-card__media");
    if (p.gambar) {
      var img = el("img", "rk-card__img");
      img.src = new URL(p.gambar, base).href; img.alt = p.nama; img.loading = "lazy"; img.decoding = "async";
      img.width = 320; img.height = 320;
      media.appendChild(img);
    }
    if (STOK[p.stok]) media.appendChild(el("span", "rk-stock rk-stock--" + p.stok, STOK[p.stok]));
    var body = el("span", "rk-card__body");
    body.appendChild(el("span", "rk-card__name", p.nama));
    body.appendChild(el("span", "rk-card__price", p.harga));
    body.appendChild(el("span", "rk-card__meta", p.ukm + " · " + p.desa));
    a.appendChild(media); a.appendChild(body); li.appendChild(a);
    return li;
  }

  function fillFacets(facets, chosen) {
    selects.forEach(function (select) {
      var key = select.dataset.facet, values = Object.keys(facets[key] || {}).sort();
      select.textContent = "";
      var all = el("option", null, "Semua"); all.value = ""; select.appendChild(all);
      values.forEach(function (v) {
        var o = el("option", null, v + " (" + facets[key][v] + ")");
        o.value = v; o.selected = chosen[key] === v;
        select.appendChild(o);
      });
    });
    facetBox.hidden = false;
  }

  function showMore() {
    var mine = token, end = Math.min(current.total, shown + PAGE), jobs = [];
    root.dataset.state = "memuat";
    for (var i = shown; i < end; i++) jobs.push(current.load(i));
    shown = end;
    return Promise.all(jobs).then(function (items) {
      if (mine !== token) return;
      items.forEach(function (p) { list.appendChild(card(p)); });
      more.hidden = shown >= current.total;
      root.dataset.state = "siap";
    });
  }

  function run(push) {
    var query = input.value.trim(), filters = {}, sort = sortSelect.value;
    Object.keys(preset).forEach(function (k) { filters[k] = preset[k]; });
    selects.forEach(function (s) { if (s.value) filters[s.dataset.facet] = s.value; });
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    Object.keys(filters).forEach(function (k) { params.set(k, filters[k]); });
    if (sort) params.set("urut", sort);
    if (push && !listing && location.protocol !== "file:") history.replaceState(null, "", "?" + params.toString());
    var mine = ++token;
    root.dataset.state = "memuat";
    status.textContent = "Mencari…";
    return engine.search(query, filters, sort).then(function (result) {
      if (mine !== token) return;
      current = result; shown = 0; list.textContent = "";
      var pages = root.querySelector(".rk-pages");
      if (pages) pages.hidden = true; // the static page links no longer match what is shown
      fillFacets(result.facets, filters);
      status.textContent = result.total ? "Menampilkan " + result.total + " produk" +
        (query ? " untuk “" + query + "”" : "") : "Produk tidak ditemukan";
      return showMore();
    });
  }

  var params = new URLSearchParams(listing ? "" : location.search);
  input.value = params.get("q") || "";
  var initial = {};
  selects.forEach(function (s) { initial[s.dataset.facet] = params.get(s.dataset.facet) || ""; });
  if (!listing) sortSelect.value = params.get("urut") || "";

  var starting = null;
  function start() {
    if (!starting) {
      status.textContent = "Memuat…";
      starting = pagefindEngine().catch(localEngine).then(function (e) {
        engine = e;
        root.dataset.engine = e.name;
        selects.forEach(function (s) {
          var v = initial[s.dataset.facet];
          if (v) { var o = el("option", null, v); o.value = v; o.selected = true; s.appendChild(o); }
        });
      });
      starting.catch(function () { status.textContent = "Terjadi kesalahan saat memuat pencarian."; });
    }
    return starting;
  }
  if (listing) {
    // The first page of cards is already here: load the search engine only when asked to sort or filter.
    form.hidden = false;
    root.dataset.state = "siap";
    var details = root.querySelector("details");
    details.addEventListener("toggle", function () { if (details.open) start().then(function () { run(false); }); });
  } else {
    start().then(function () { return run(false); });
  }

  var timer = null;
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { start().then(function () { run(true); }); }, 250); });
  form.addEventListener("submit", function (event) { event.preventDefault(); start().then(function () { run(true); }); });
  selects.concat([sortSelect]).forEach(function (s) { s.addEventListener("change", function () { start().then(function () { run(true); }); }); });
  more.addEventListener("click", showMore);
}
})();
