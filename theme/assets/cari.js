/* Product search for /cari/, and sorting and filters on listing pages. The index is static (catalog/search.py):
   online a query fetches only the word lists of its words and the cards it shows (cari/data/); the facets and
   sort keys come when a shopper asks for them. Offline (file://) all of it comes as one script, cari/indeks.js.
   Both go through the same matching. A query word of five letters or more that is no word of the index also
   finds the index words one or two edits away (the vocabulary is fetched then, once), ranked after its own
   results. Every value from the data is put in the page with textContent. */
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
  // A word that is no word of the index also finds the index words within one edit (a letter dropped, added or
  // changed, or two neighbours swapped) from FIX_MIN letters, within two from FIX_TWO; shorter words stay exact.
  var FIX_MIN = 5, FIX_TWO = 9;
  var EDIT = 1000; // a result reached through fewer edits ranks first, whatever its other scores
  var rules = null; // spelling rules, from the index
  var shown = 0, current = null, engine = null, token = 0;

  /* --- query words: the spelling rules of catalog/ejaan.py, then lower-case ASCII letters and digits --- */
  function fold(word) { return word.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, ""); }
  function normalise(word) {
    var w = fold(word);
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
  // Each word as normalised (full), without its suffixes (start) and as typed (raw: a slip can look like old
  // spelling, "keoeja" is no "keuja").
  function queryWords(query) {
    var seen = Object.create(null), words = [];
    query.split(/\s+/).forEach(function (w) {
      var parts = normalise(w).match(/[a-z0-9]+/g) || [], typed = fold(w).match(/[a-z0-9]+/g) || [];
      parts.forEach(function (full, i) {
        var raw = typed.length === parts.length ? typed[i] : full;
        if (!seen[full]) { seen[full] = true; words.push({ full: full, start: stem(full), raw: raw }); }
      });
    });
    return words;
  }

  /* --- typos: the vocabulary (catalog/web/search.py front_code) and the edit distance --- */
  function frontDecode(text) { // per word: a digit (how many letters it shares with the word before), then the rest
    var words = [], previous = "", part = /([0-9])([a-z]*)/g, m;
    while ((m = part.exec(text || ""))) { previous = previous.slice(0, +m[1]) + m[2]; words.push(previous); }
    return words;
  }
  // Optimal string alignment distance (Damerau-Levenshtein where a swapped pair is not edited again), or max + 1
  // as soon as it must be more than max.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var before = null, prev = [], row, i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      row = [i];
      var least = i;
      for (j = 1; j <= b.length; j++) {
        var d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
        row.push(d);
        if (d < least) least = d;
      }
      if (least > max) return max + 1; // no later row can come back under max
      before = prev; prev = row;
    }
    return prev[b.length];
  }
  function fixable(word) { return word.length >= FIX_MIN && /^[a-z]+$/.test(word); }

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
               vocabulary: function () { return file("kosakata.json"); },
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
               vocabulary: function () { return Promise.resolve(d.kosakata); },
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
    var tables = null, vocabulary = null;
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
    function knownWords() { // the vocabulary in index order, fetched at the first word that needs it
      if (!vocabulary) {
        vocabulary = index.vocabulary().then(frontDecode);
        vocabulary.catch(function () { vocabulary = null; }); // try again next time
      }
      return vocabulary;
    }
    // The products one query word finds, added to `scores` (id -> score - EDIT × edits) and to `ids`; whether it is
    // a whole word of the index. A product scores by where: whole word in the name 4, start of a word in the name 3,
    // whole word elsewhere 2, start of a word elsewhere 1.
    function wordMatches(w, edits, scores, ids) {
      return index.words(w.start.slice(0, 3)).then(function (list) {
        var whole = false;
        Object.keys(list || {}).forEach(function (t) {
          var exact = t === w.full || t === w.start;
          if (!exact && !(w.start.length >= 3 && t.lastIndexOf(w.start, 0) === 0)) return;
          whole = whole || exact;
          eachId(list[t], function (id, inName) {
            var score = (inName ? 2 : 0) + (exact ? 2 : 1) - EDIT * edits;
            ids.add(id);
            if (!(scores.get(id) >= score)) scores.set(id, score);
          });
        });
        return whole;
      });
    }
    // The index words near the word as normalised or as typed, nearest first, in index order within a distance;
    // else those near its stem.
    function nearby(w) {
      return knownWords().then(function (known) {
        var edits = Object.create(null), found = [];
        function near(word) {
          if (!fixable(word)) return;
          var max = word.length >= FIX_TWO ? 2 : 1;
          known.forEach(function (t) {
            var d = distance(word, t, max);
            if (d <= max && !(edits[t] <= d)) edits[t] = d;
          });
        }
        near(w.full);
        if (w.raw !== w.full) near(w.raw);
        if (!Object.keys(edits).length) near(w.start);
        known.forEach(function (t) { if (t in edits) found.push({ word: t, edits: edits[t], ids: new Set() }); });
        return found.sort(function (a, b) { return a.edits - b.edits; }); // a stable sort
      });
    }
    // One query word: what it finds and, when it is no whole word of the index, what the words near it find, each
    // edit ranking lower. `own`: how many it finds itself; `near`: the words near it, with what each found.
    function wordResult(w) {
      var scores = new Map(), own = new Set();
      return wordMatches(w, 0, scores, own).then(function (whole) {
        if (whole || !fixable(w.full)) return { scores: scores, own: own.size, near: [] };
        return nearby(w).then(function (near) {
          return Promise.all(near.map(function (c) {
            return wordMatches({ full: c.word, start: stem(c.word) }, c.edits, scores, c.ids);
          })).then(function () { return { scores: scores, own: own.size, near: near }; });
        });
      });
    }
    // The word shown for a corrected one: the nearest that brought results of its own, the one that brought most.
    function shownFix(result, hits) {
      var best = null, most = 0;
      result.near.forEach(function (c) {
        if (best && c.edits > best.edits) return;
        var brought = 0;
        hits.forEach(function (id) { if (c.ids.has(id) && result.scores.get(id) < 0) brought += 1; });
        if (brought > most) { best = c; most = brought; }
      });
      return best && best.word;
    }
    // Every word must match; a product ranks by its scores summed over the words, then in name order.
    // `corrected`: the query as read with its corrections, when one brought results; `instead`: all results
    // come through a correction (a word found nothing itself).
    function matching(words) {
      if (!words.length) {
        var all = [];
        for (var i = 0; i < index.count; i++) all.push(i);
        return Promise.resolve({ ids: all, corrected: null, instead: false });
      }
      return Promise.all(words.map(wordResult)).then(function (results) {
        var maps = results.map(function (r) { return r.scores; });
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
        var ids = hits.map(function (h) { return h[1]; });
        var fixes = results.map(function (r) { return r.near.length ? shownFix(r, ids) : null; });
        var fixed = fixes.some(Boolean);
        return { ids: ids,
                 corrected: fixed ? words.map(function (w, i) { return fixes[i] || w.full; }).join(" ") : null,
                 instead: fixed && results.some(function (r, i) { return fixes[i] && !r.own; }) };
      });
    }
    return {
      name: index.name,
      search: function (query, filters, sort) {
        var keys = Object.keys(filters), by = sort ? sort.split(":") : [];
        return Promise.all([matching(queryWords(query)), keys.length ? facetTables() : null,
                            by[0] && by[0] !== "nama" ? index.sorts() : null]).then(function (got) {
          var ids = got[0].ids, t = got[1], values = got[2];
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
            corrected: got[0].corrected,
            instead: got[0].instead,
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
      if (result.corrected && result.instead) { // "Menampilkan hasil untuk <em>sambal</em>: 5 produk (…)"
        status.textContent = "Menampilkan hasil untuk ";
        status.appendChild(el("em", null, result.corrected));
        status.appendChild(document.createTextNode(": " + result.total + " produk (tidak ada yang cocok dengan “" +
                                                   query + "”)"));
      } else if (result.corrected) { // the query's own results first, then those of the corrected word
        status.appendChild(document.createTextNode(", termasuk hasil untuk "));
        status.appendChild(el("em", null, result.corrected));
      }
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
        root.rkEngine = engine; // for benchmarks/search_recall.py, which measures this very code
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
