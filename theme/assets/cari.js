/* Product search for /cari/, and sorting and filters on listing pages. The index is static (catalog/search.py):
   online a query fetches only the word lists of its words and the cards it shows (cari/data/); the facets and
   sort keys come when a shopper asks for them. Offline (file://) all of it comes as one script, cari/indeks.js.
   Both go through the same matching. Every value from the data is put in the page with textContent. */
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
  var details = root.querySelector("details");
  var facetBox = root.querySelector(".rk-cari__facets");
  var selects = Array.prototype.slice.call(root.querySelectorAll("select[data-facet]")).filter(function (s) {
    if (!(s.dataset.facet in preset)) return true;
    s.parentNode.hidden = true; // the page itself is this filter
    return false;
  });
  var sortSelect = root.querySelector("select[name=urut]");
  var PAGE = 12; // results per "Tampilkan lebih banyak": a phone on slow data fetches few pictures at once
  var rules = null; // spelling rules, from the index
  var shown = 0, current = null, engine = null, token = 0;

  /* --- query words: the spelling rules of catalog/ejaan.py, then lower-case ASCII letters and digits --- */
  function normalise(word) {
    var w = word.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    if (!rules) return w;
    rules.lama.forEach(function (pair) { w = w.split(pair[0]).join(pair[1]); });
    return Object.prototype.hasOwnProperty.call(rules.varian, w) ? rules.varian[w] : w;
  }
  // A word of three vowels or more loses one particle, one possessive and one suffix; what is left is matched
  // as the start of a word: "tulisan" finds "tulis", "makanannya" finds "makanan" and "makan".
  function stem(word) {
    [/(kah|lah|pun)$/, /(ku|mu|nya)$/, /(kan|an)$/].forEach(function (suffix) {
      var cut = word.replace(suffix, "");
      if (cut !== word && cut.length >= 3 && (word.match(/[aeiou]/g) || []).length > 2) word = cut;
    });
    return word;
  }
  function queryWords(query) {
    var seen = Object.create(null), words = [];
    query.split(/\s+/).forEach(function (w) {
      (normalise(w).match(/[a-z0-9]+/g) || []).forEach(function (full) {
        if (!seen[full]) { seen[full] = true; words.push({ full: full, start: stem(full) }); }
      });
    });
    return words;
  }

  /* --- the index: online files or the offline script, behind the same five calls --- */
  function getJSON(url, cache) {
    return fetch(url, cache ? { cache: cache } : undefined).then(function (r) {
      if (r.ok) return r.json();
      if (r.status === 404) return null; // no word of the site starts with these letters
      throw new Error(r.status + " " + url);
    });
  }
  function onlineIndex() {
    var dir = new URL("cari/data/", base);
    // Never from the cache: it names the version folder, whose files never change.
    return getJSON(new URL("entri.json", dir), "no-cache").then(function (entry) {
      if (!entry) throw new Error("cari/data/entri.json missing");
      var folder = new URL(entry.versi + "/", dir), files = {};
      function file(path) {
        return files[path] || (files[path] = getJSON(new URL(path, folder)).catch(function (error) {
          delete files[path]; throw error;
        }));
      }
      return { name: "daring", count: entry.jumlah, rules: entry.ejaan,
               words: function (key) { return file("kata/" + key + ".json"); },
               card: function (id) { return file("produk/" + id + ".json"); },
               facets: function () { return file("saring.json"); },
               sorts: function () { return file("urut.json"); } };
    });
  }
  function localIndex() {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = new URL("cari/indeks.js", base).href; s.onload = resolve; s.onerror = reject;
      document.head.appendChild(s);
    }).then(function () {
      var d = window.RK_INDEKS;
      return { name: "lokal", count: d.jumlah, rules: d.ejaan,
               words: function () { return Promise.resolve(d.kata); },
               card: function (id) { return Promise.resolve(d.produk[id]); },
               facets: function () { return Promise.resolve(d.saring); },
               sorts: function () { return Promise.resolve(d.urut); } };
    });
  }

  // Ids come as gaps from the previous id (the first from -1); a negative gap: the word is in the product's name.
  function eachId(gaps, fn) {
    for (var i = 0, id = -1; i < gaps.length; i++) { id += Math.abs(gaps[i]); fn(id, gaps[i] < 0); }
  }

  function makeEngine(index) {
    var tables = null;
    function facetTables() { // per facet: its values, and which value each product has
      if (!tables) {
        tables = index.facets().then(function (data) {
          var out = {};
          Object.keys(data).forEach(function (k) {
            var values = Object.keys(data[k]).sort(), of = new Int32Array(index.count).fill(-1);
            values.forEach(function (v, n) { eachId(data[k][v], function (id) { of[id] = n; }); });
            out[k] = { values: values, of: of };
          });
          return out;
        });
        tables.catch(function () { tables = null; }); // try again next time
      }
      return tables;
    }
    // Every word must match; a product ranks by where: whole word in the name 4, start of a word in the name 3,
    // whole word elsewhere 2, start of a word elsewhere 1, summed over the words; then in name order.
    function matching(words) {
      if (!words.length) {
        var all = [];
        for (var i = 0; i < index.count; i++) all.push(i);
        return Promise.resolve(all);
      }
      return Promise.all(words.map(function (w) {
        return index.words(w.start.slice(0, 3)).then(function (list) {
          var scores = new Map();
          Object.keys(list || {}).forEach(function (t) {
            var whole = t === w.full || t === w.start;
            if (!whole && !(w.start.length >= 3 && t.lastIndexOf(w.start, 0) === 0)) return;
            eachId(list[t], function (id, inName) {
              var score = (inName ? 2 : 0) + (whole ? 2 : 1);
              if (!(scores.get(id) >= score)) scores.set(id, score);
            });
          });
          return scores;
        });
      })).then(function (maps) {
        maps.sort(function (a, b) { return a.size - b.size; });
        var hits = [];
        maps[0].forEach(function (score, id) {
          for (var i = 1; i < maps.length; i++) {
            if (!maps[i].has(id)) return;
            score += maps[i].get(id);
          }
          hits.push([score, id]);
        });
        hits.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
        return hits.map(function (h) { return h[1]; });
      });
    }
    return {
      name: index.name,
      search: function (query, filters, sort) {
        var keys = Object.keys(filters), by = sort ? sort.split(":") : [];
        return Promise.all([matching(queryWords(query)), keys.length ? facetTables() : null,
                            by[0] && by[0] !== "nama" ? index.sorts() : null]).then(function (got) {
          var ids = got[0], t = got[1], values = got[2];
          if (keys.length) {
            ids = ids.filter(function (id) {
              return keys.every(function (k) { return t[k] && t[k].values[t[k].of[id]] === filters[k]; });
            });
          }
          if (by[0]) { // a stable sort: equal keys keep their rank
            var dir = by[1] === "desc" ? -1 : 1;
            ids = ids.slice().sort(by[0] === "nama" ? function (a, b) { return dir * (a - b); }
              : function (a, b) { return dir * (values[by[0]][a] - values[by[0]][b]); });
          }
          return {
            total: ids.length,
            load: function (i) { return index.card(ids[i]); },
            facets: function () { // how many of these results each filter value keeps
              return facetTables().then(function (tables) {
                var counts = {};
                Object.keys(tables).forEach(function (k) {
                  var c = counts[k] = {};
                  tables[k].values.forEach(function (v) { c[v] = 0; });
                  ids.forEach(function (id) { var n = tables[k].of[id]; if (n >= 0) c[tables[k].values[n]] += 1; });
                });
                return counts;
              });
            }
          };
        });
      }
    };
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
  }
  function showFacets(result, chosen) {
    facetBox.hidden = false;
    result.facets().then(function (counts) { if (result === current) fillFacets(counts, chosen); });
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

  function chosenFilters() {
    var filters = {};
    Object.keys(preset).forEach(function (k) { filters[k] = preset[k]; });
    selects.forEach(function (s) { if (s.value) filters[s.dataset.facet] = s.value; });
    return filters;
  }

  function run(push) {
    var query = input.value.trim(), filters = chosenFilters(), sort = sortSelect.value;
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
      // The facets file is fetched only for a shopper who filters or opens the filters.
      if (details.open || Object.keys(filters).length) showFacets(result, filters);
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
      // Online never falls back to cari/indeks.js: the whole index, some 230 KB at 5,000 products.
      starting = (location.protocol === "file:" ? localIndex() : onlineIndex()).then(function (index) {
        rules = index.rules;
        engine = makeEngine(index);
        root.dataset.engine = index.name;
        selects.forEach(function (s) {
          var v = initial[s.dataset.facet];
          if (v) { var o = el("option", null, v); o.value = v; o.selected = true; s.appendChild(o); }
        });
      });
      starting.catch(function () { status.textContent = "Terjadi kesalahan saat memuat pencarian."; });
    }
    return starting;
  }
  details.addEventListener("toggle", function () {
    if (!details.open) return;
    if (current) showFacets(current, chosenFilters());
    else if (listing) start().then(function () { run(false); }); // run() shows them: a listing always filters
  });
  if (listing) {
    // The first page of cards is already here: load the search only when asked to sort or filter.
    form.hidden = false;
    root.dataset.state = "siap";
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
