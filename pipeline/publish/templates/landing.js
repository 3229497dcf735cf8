// The landing page's rows views (search, sort) and provenance panel. Reads only #package-data.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("package-data").textContent);
  var MAX_ROWS = 500;

  function text(v) { return v === null || v === undefined ? "" : String(v); }
  // the package prefixes text a spreadsheet would run as a formula with an apostrophe; it was not printed
  function printed(v) { return text(v).replace(/^'(?=[=+\-@])/, ""); }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }
  function rowKey(name, row) {
    return (data.keys[name] || []).map(function (k) { return row[k] === null ? "" : String(row[k]); }).join(" | ");
  }
  function compare(a, b) {
    if (typeof a === "number" && typeof b === "number") { return a - b; }
    return text(a).localeCompare(text(b), "en", { numeric: true });
  }

  // cells by resource and row key
  var cells = {};
  (data.tables.cells || []).forEach(function (c) {
    var k = c.resource + "\u0000" + c.row_key;
    (cells[k] = cells[k] || []).push(c);
  });

  function renderRows(article) {
    var name = article.getAttribute("data-resource");
    var rows = data.tables[name] || [];
    var columns = data.columns[name] || [];
    var state = { query: "", sortBy: null, desc: false };
    var holder = article.querySelector(".rows");
    var count = article.querySelector(".count");
    var traceable = columns.indexOf("source_id") >= 0 && columns.indexOf("page") >= 0 && name !== "sources";

    function draw() {
      var q = state.query.toLowerCase();
      var shown = rows.filter(function (r) {
        return !q || columns.some(function (c) { return text(r[c]).toLowerCase().indexOf(q) >= 0; });
      });
      if (state.sortBy) {
        shown = shown.slice().sort(function (a, b) {
          var d = compare(a[state.sortBy], b[state.sortBy]);
          return state.desc ? -d : d;
        });
      }
      var head = el("tr", {}, columns.map(function (c) {
        var th = el("th", { "class": "sortable", "data-column": c, scope: "col" }, [c]);
        if (c === state.sortBy) { th.setAttribute("aria-sort", state.desc ? "descending" : "ascending"); }
        return th;
      }));
      var body = el("tbody", {}, shown.slice(0, MAX_ROWS).map(function (r) {
        var tr = el("tr", { "data-key": rowKey(name, r) }, columns.map(function (c) {
          return el("td", typeof r[c] === "number" ? { "class": "num" } : {}, [text(r[c])]);
        }));
        if (traceable) {
          tr.title = "Show where this row came from";
          tr.addEventListener("click", function () { showProvenance(name, r, columns); });
        }
        return tr;
      }));
      holder.replaceChildren(el("table", { "class": "data" }, [el("thead", {}, [head]), body]));
      count.textContent = shown.length + " of " + rows.length + " rows" +
        (shown.length > MAX_ROWS ? " (first " + MAX_ROWS + " shown)" : "") +
        (traceable ? "; click a row for its source" : "");
    }
    holder.addEventListener("click", function (ev) {
      var th = ev.target.closest("th[data-column]");
      if (!th) { return; }
      var c = th.getAttribute("data-column");
      state.desc = state.sortBy === c ? !state.desc : false;
      state.sortBy = c;
      draw();
    });
    article.querySelector(".search").addEventListener("input", function (ev) {
      state.query = ev.target.value.trim();
      draw();
    });
    draw();
  }

  var overlay = document.getElementById("provenance");
  function hideProvenance() { overlay.hidden = true; }
  overlay.querySelector(".close").addEventListener("click", hideProvenance);
  overlay.addEventListener("click", function (ev) { if (ev.target === overlay) { hideProvenance(); } });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") { hideProvenance(); } });

  function showProvenance(name, row, columns) {
    var key = rowKey(name, row);
    var boxes = cells[name + "\u0000" + key] || [];
    var byColumn = {};
    boxes.forEach(function (b) { byColumn[b.column] = b; });
    var page = row.page;
    if (boxes.length) { page = boxes[0].page; }
    var image = data.pages[row.source_id + "|" + page];
    overlay.querySelector(".where").textContent = name + " [" + key + "] \u2014 " + row.source_id + ", page " + page +
      (boxes.length ? "; printed cells outlined" : "; no cell boxes recorded for this row");
    var tbody = overlay.querySelector(".values tbody");
    tbody.replaceChildren.apply(tbody, columns.map(function (c) {
      var b = byColumn[c];
      var tr = el("tr", { "data-column": c }, [el("th", { scope: "row" }, [c]), el("td", {}, [text(row[c])]),
        el("td", b ? { "class": "printed" } : {}, [b ? printed(b.text) : ""])]);
      return tr;
    }));
    var img = overlay.querySelector(".page img");
    var layer = overlay.querySelector(".boxes");
    layer.replaceChildren();
    if (image) {
      img.src = image.src;
      img.alt = "page " + page + " of " + row.source_id;
      var seen = {};
      boxes.forEach(function (b) {
        var id = [b.page, b.x0, b.top, b.x1, b.bottom].join(",");
        if (b.page !== page || seen[id]) { return; }
        seen[id] = true;
        var box = el("div", { "class": "box", title: b.column + ": " + printed(b.text), "data-column": b.column });
        box.style.left = (100 * b.x0 / image.width) + "%";
        box.style.top = (100 * b.top / image.height) + "%";
        box.style.width = (100 * (b.x1 - b.x0) / image.width) + "%";
        box.style.height = (100 * (b.bottom - b.top) / image.height) + "%";
        layer.append(box);
      });
    } else {
      img.removeAttribute("src");
      img.alt = "no page image";
    }
    overlay.hidden = false;
  }

  document.querySelectorAll("article.resource").forEach(renderRows);
  document.querySelectorAll("#checks, #errata").forEach(function (table) {
    table.querySelectorAll("th").forEach(function (th, i) {
      th.classList.add("sortable");
      th.addEventListener("click", function () {
        var body = table.tBodies[0];
        var desc = th.getAttribute("aria-sort") === "ascending";
        table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", desc ? "descending" : "ascending");
        var rows = Array.prototype.slice.call(body.rows).sort(function (a, b) {
          var d = compare(a.cells[i].textContent, b.cells[i].textContent);
          return desc ? -d : d;
        });
        body.replaceChildren.apply(body, rows);
      });
    });
  });
}());
