// factsite search: searches the site's full-text index in the browser (search/terms/*.json hold
// every word, search/docs/*.json the documents in chunks; all built with the site, and
// search-index.json lists the documents for other tools). No external service. The header form works without this script: it submits to the search/ page, which lists
// everything on a small site (and points to the listings on a large one). With it: results appear under the box as you type; ↓ moves into them, ↑/↓ between
// them, Esc goes back; "/" anywhere focuses the box; on the search/ page the list is filtered.
(function () {
  "use strict";
  var script = document.currentScript;
  var input = document.getElementById("site-search");
  if (!script || !input || !input.form || !window.fetch) return;
  var form = input.form;
  var base = new URL("../", script.src); // the script lives in static/
  var pageList = document.getElementById("search-page-results");
  var pageStatus = document.getElementById("search-page-status");
  var pageAll = pageList ? pageList.innerHTML : "";
  var pageAllStatus = pageStatus ? pageStatus.textContent : "";
  var loading = null;
  var MAX = 8;
  // On the search page, results come a page at a time (the site's paginate_by).
  var PER_PAGE = pageList ? (+pageList.getAttribute("data-per-page") || 50) : MAX;

  // A live region for result counts, and the drop-down list under the box.
  var live = el("p", "visually-hidden");
  live.setAttribute("role", "status");
  var box = el("div", "search-results");
  box.id = "search-results";
  box.hidden = true;
  var list = el("ul", "search-list");
  box.appendChild(list);
  form.appendChild(live);
  form.appendChild(box);
  input.setAttribute("aria-controls", box.id);

  function el(tag, cls) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    return e;
  }

  function norm(s) {
    return (s || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  // Words as the index has them (see src/render/search_terms.rs): lower case, Latin accents
  // folded, very common words dropped, two characters or more.
  var FOLD = { "ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "þ": "th", "ð": "d", "ħ": "h", "ı": "i" };
  var STOP = " a an and are as at be but by for from had has have he her his in is it its of on or she that the their they this to was were which who will with ";
  function words(q) {
    return norm(q).replace(/[øłßæœđþðħı]/g, function (c) { return FOLD[c]; })
      .split(/[^\p{L}\p{N}]+/u)
      .filter(function (w) { return w.length > 1 && STOP.indexOf(" " + w + " ") < 0; });
  }
  function shard(w) {
    var a = w.slice(0, 2);
    return /^[a-z0-9]{2}$/.test(a) ? a : "_" + w.codePointAt(0).toString(16);
  }

  // The document list comes in chunks of 500 (search/docs/<k>.json): only those of the
  // documents shown are fetched.
  var PER = 500;
  var chunks = {};
  function chunk(k) {
    if (!chunks[k]) {
      chunks[k] = fetch(new URL("search/docs/" + k + ".json", base))
        .then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return r.json();
        });
    }
    return chunks[k];
  }
  function docsOf(ids) {
    var ks = {};
    ids.forEach(function (i) { ks[Math.floor(i / PER)] = true; });
    return Promise.all(Object.keys(ks).map(function (k) {
      return chunk(k).then(function (rows) { return [k, rows]; });
    })).then(function (loaded) {
      var by = {};
      loaded.forEach(function (kr) { by[kr[0]] = kr[1]; });
      return ids.map(function (i) {
        var r = by[Math.floor(i / PER)][i % PER];
        return { kind: r[0], title: r[1], url: r[2], meta: r[3] };
      });
    });
  }
  function load() {
    if (!loading) loading = chunk(0);
    return loading;
  }

  // Term files, fetched once each; a missing one (no word starts so) is empty.
  var shards = {};
  function terms(name) {
    if (!shards[name]) {
      shards[name] = fetch(new URL("search/terms/" + name + ".json", base))
        .then(function (r) { return r.ok ? r.json() : {}; })
        .catch(function () { return {}; });
    }
    return shards[name];
  }

  // Every word must occur (the last one as a prefix, as you type); documents are ranked by
  // weight (a title word counts ten) times rarity. Ties keep index order.
  function search(q) {
    var ws = words(q);
    if (!ws.length) return Promise.resolve(null);
    return Promise.all(ws.map(function (w) { return terms(shard(w)); })).then(function (files) {
      var n = 1e6; // rarity only ranks: a constant in place of the number of documents
      var scores = null;
      ws.forEach(function (w, k) {
        var last = k === ws.length - 1;
        var found = {};
        Object.keys(files[k]).forEach(function (t) {
          if (t !== w && !(last && t.indexOf(w) === 0)) return;
          var p = files[k][t];
          var idf = Math.log(1 + n / (p.length / 2));
          for (var j = 0; j < p.length; j += 2) {
            found[p[j]] = Math.max(found[p[j]] || 0, p[j + 1] * idf);
          }
        });
        if (scores === null) {
          scores = found;
        } else {
          var both = {};
          Object.keys(scores).forEach(function (d) {
            if (d in found) both[d] = scores[d] + found[d];
          });
          scores = both;
        }
      });
      return Object.keys(scores)
        .map(function (d) { return { i: +d, s: scores[d] }; })
        .sort(function (a, b) { return b.s - a.s || a.i - b.i; })
        .map(function (h) { return h.i; });
    });
  }

  function item(d) {
    var li = el("li");
    var a = el("a");
    a.href = new URL(d.url, base).href;
    a.textContent = d.title;
    var meta = el("span", "search-meta");
    meta.textContent = " " + d.kind + (d.meta ? " · " + d.meta : "");
    li.appendChild(a);
    li.appendChild(meta);
    return li;
  }

  function fill(ul, hits, max) {
    ul.textContent = "";
    hits.slice(0, max).forEach(function (d) { ul.appendChild(item(d)); });
  }

  function count(n, q) {
    return (n === 0 ? "No results" : n === 1 ? "1 result" : n + " results") + " for “" + q + "”";
  }

  var asked = 0;
  function update() {
    var q = input.value.trim();
    var mine = ++asked;
    search(q).then(function (ids) {
      if (ids === null) return null;
      return docsOf(ids.slice(0, pageList ? PER_PAGE : MAX)).then(function (shown) {
        return { n: ids.length, shown: shown, ids: ids };
      });
    }).then(function (res) {
      if (mine !== asked) return; // a later query is on its way
      var hits = res && res.shown;
      if (pageList) {
        if (hits === null) {
          pageList.innerHTML = pageAll; // the page lists every document as built
          pageStatus.textContent = pageAllStatus;
        } else {
          fill(pageList, hits, hits.length);
          pageStatus.textContent = count(res.n, q);
          more(res.ids, hits.length, mine);
        }
        live.textContent = pageStatus.textContent;
        return;
      }
      if (hits === null) return close();
      fill(list, hits, MAX);
      if (res.n > MAX) {
        var li = el("li", "search-more");
        var a = el("a");
        a.href = new URL("search/?q=" + encodeURIComponent(q), base).href;
        a.textContent = "All " + res.n + " results";
        li.appendChild(a);
        list.appendChild(li);
      }
      if (!hits.length) {
        var none = el("li", "search-meta");
        none.textContent = "No results";
        list.appendChild(none);
      }
      box.hidden = false;
      live.textContent = count(res.n, q);
    }).catch(function () {
      live.textContent = "Search is unavailable here; use the search page.";
    });
  }

  // A "More results" button under the search page's list, while results are left.
  function more(ids, shown, mine) {
    if (shown >= ids.length) return;
    var li = el("li", "search-more");
    var b = el("button");
    b.type = "button";
    b.textContent = "Show " + Math.min(PER_PAGE, ids.length - shown) + " more of " + ids.length;
    b.addEventListener("click", function () {
      docsOf(ids.slice(shown, shown + PER_PAGE)).then(function (next) {
        if (mine !== asked) return;
        li.remove();
        next.forEach(function (d) { pageList.appendChild(item(d)); });
        more(ids, shown + next.length, mine);
        var first = pageList.children[shown];
        if (first && first.querySelector("a")) first.querySelector("a").focus();
      });
    });
    li.appendChild(b);
    pageList.appendChild(li);
  }

  function close() {
    box.hidden = true;
  }

  function links() {
    return Array.prototype.slice.call(box.querySelectorAll("a"));
  }

  input.addEventListener("input", update);
  input.addEventListener("focus", function () { load().catch(function () {}); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" && !box.hidden && links().length) {
      e.preventDefault();
      links()[0].focus();
    } else if (e.key === "Escape") {
      close();
    }
  });
  box.addEventListener("keydown", function (e) {
    var all = links();
    var i = all.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && i < all.length - 1) {
      e.preventDefault();
      all[i + 1].focus();
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      (i > 0 ? all[i - 1] : input).focus();
    } else if (e.key === "Escape") {
      e.preventDefault();
      close();
      input.focus();
    }
  });
  form.addEventListener("focusout", function (e) {
    if (!form.contains(e.relatedTarget)) close();
  });
  form.addEventListener("submit", function (e) {
    if (pageList) {
      e.preventDefault();
      update();
      if (history.replaceState) {
        history.replaceState(null, "", "?q=" + encodeURIComponent(input.value.trim()));
      }
    }
  });
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      input.focus();
      input.select();
    }
  });

  // On the search page: take the query from the address.
  if (pageList) {
    var q = new URLSearchParams(location.search).get("q");
    if (q) {
      input.value = q;
      update();
    }
  }
})();
