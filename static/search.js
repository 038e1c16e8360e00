// factsite search: filters search-index.json (built with the site) in the browser. No external
// service. The header form works without this script: it submits to the search/ page, which lists
// everything. With it: results appear under the box as you type; ↓ moves into them, ↑/↓ between
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
  var docs = null;
  var loading = null;
  var MAX = 8;

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

  function load() {
    if (!loading) {
      loading = fetch(new URL("search-index.json", base))
        .then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return r.json();
        })
        .then(function (data) {
          docs = data.docs.map(function (d) {
            d.t = norm(d.title);
            d.x = norm([d.title, d.meta, d.text].join(" "));
            return d;
          });
          return docs;
        });
    }
    return loading;
  }

  // Every term must occur; a term in the title counts more. Ties keep index order.
  function search(q) {
    var terms = norm(q).split(/\s+/).filter(Boolean);
    if (!terms.length) return null;
    var hits = [];
    docs.forEach(function (d, i) {
      var score = 0;
      for (var k = 0; k < terms.length; k++) {
        if (d.x.indexOf(terms[k]) < 0) return;
        score += d.t.indexOf(terms[k]) >= 0 ? 10 : 1;
      }
      hits.push({ d: d, s: score, i: i });
    });
    hits.sort(function (a, b) { return b.s - a.s || a.i - b.i; });
    return hits.map(function (h) { return h.d; });
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

  function update() {
    var q = input.value.trim();
    load().then(function () {
      var hits = search(q);
      if (pageList) {
        if (hits === null) {
          fill(pageList, docs, docs.length);
          pageStatus.textContent = docs.length + " documents. Type in the search box to filter.";
        } else {
          fill(pageList, hits, hits.length);
          pageStatus.textContent = count(hits.length, q);
        }
        live.textContent = pageStatus.textContent;
        return;
      }
      if (hits === null) return close();
      fill(list, hits, MAX);
      if (hits.length > MAX) {
        var li = el("li", "search-more");
        var a = el("a");
        a.href = new URL("search/?q=" + encodeURIComponent(q), base).href;
        a.textContent = "All " + hits.length + " results";
        li.appendChild(a);
        list.appendChild(li);
      }
      if (!hits.length) {
        var none = el("li", "search-meta");
        none.textContent = "No results";
        list.appendChild(none);
      }
      box.hidden = false;
      live.textContent = count(hits.length, q);
    }).catch(function () {
      live.textContent = "Search is unavailable here; use the search page.";
    });
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
