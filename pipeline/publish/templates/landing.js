// The landing page's tables (search, sort, rows that open their source), provenance dialog and pictures
// (tile map, officers' change, one borough's values). Reads only #package-data; fetches nothing.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("package-data").textContent);
  var PAGE_ROWS = 50;  // rows drawn at first; "Show more" draws the next ones
  var SVG = "http://www.w3.org/2000/svg";

  // ---------- helpers
  function text(v) { return v === null || v === undefined ? "" : String(v); }
  // the package prefixes text a spreadsheet would run as a formula with an apostrophe; it was not printed
  function printed(v) { return text(v).replace(/^'(?=[=+\-@])/, ""); }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }
  function svg(tag, attrs, children) {
    var node = document.createElementNS(SVG, tag);
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
  function number(v) { return typeof v === "number" ? v.toLocaleString("en-GB") : text(v); }
  function signed(v) { return (v > 0 ? "+" : v < 0 ? "\u2212" : "") + Math.abs(v).toLocaleString("en-GB"); }
  var crimeLabels = {};
  (data.tables.crime_types || []).forEach(function (c) { crimeLabels[c.crime_type_id] = c.label; });
  function human(column, v) {
    if (column === "crime_type_id") { return crimeLabels[v] || text(v); }
    return typeof v === "string" ? v.replace(/_/g, " ").replace(/^./, function (c) { return c.toUpperCase(); })
      : text(v);
  }
  var sources = {};
  (data.tables.sources || []).forEach(function (s) { sources[s.source_id] = s; });
  var cells = {};  // cell boxes by resource and row key
  (data.tables.cells || []).forEach(function (c) {
    var k = c.resource + "\u0000" + c.row_key;
    (cells[k] = cells[k] || []).push(c);
  });
  function traceable(name) {
    var columns = data.columns[name] || [];
    return name !== "sources" && columns.indexOf("source_id") >= 0 && columns.indexOf("page") >= 0;
  }

  // ---------- rows a keyboard can walk: one tab stop per table, arrows move, Enter opens the row's source
  function walkableRows(tbody, open) {
    function go(tr) {
      Array.prototype.forEach.call(tbody.rows, function (r) { r.tabIndex = r === tr ? 0 : -1; });
    }
    if (tbody.rows.length) { go(tbody.rows[0]); }
    tbody.addEventListener("keydown", function (ev) {
      var tr = ev.target.closest("tr");
      if (!tr || tr.parentNode !== tbody) { return; }
      var i = tr.sectionRowIndex, rows = tbody.rows, next = null;
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); open(tr); return; }
      if (ev.key === "ArrowDown") { next = rows[i + 1]; }
      if (ev.key === "ArrowUp") { next = rows[i - 1]; }
      if (ev.key === "Home") { next = rows[0]; }
      if (ev.key === "End") { next = rows[rows.length - 1]; }
      if (next) { ev.preventDefault(); go(next); next.focus(); }
    });
    tbody.addEventListener("click", function (ev) {
      var tr = ev.target.closest("tr");
      if (tr && tr.parentNode === tbody) { go(tr); open(tr); }
    });
  }

  // A table of rows: sort buttons in the headers, technical columns marked, rows open their provenance.
  function dataTable(name, rows, label) {
    var columns = data.columns[name] || [];
    var technical = data.technical[name] || [];
    var state = { sortBy: null, desc: false, limit: PAGE_ROWS };
    var open = traceable(name);
    var holder = el("div", { "class": "table-scroll", role: "region", "aria-label": label, tabindex: "0" });
    function cellClass(c, v) {
      return (typeof v === "number" ? "num" : "") + (technical.indexOf(c) >= 0 ? " tech" : "");
    }
    function draw() {
      var shown = rows;
      if (state.sortBy) {
        shown = rows.slice().sort(function (a, b) {
          var d = compare(a[state.sortBy], b[state.sortBy]);
          return state.desc ? -d : d;
        });
      }
      var head = el("tr", {}, columns.map(function (c) {
        var th = el("th", { scope: "col", "class": cellClass(c) }, [el("button", { type: "button", "data-column": c }, [c])]);
        if (c === state.sortBy) { th.setAttribute("aria-sort", state.desc ? "descending" : "ascending"); }
        return th;
      }));
      var body = el("tbody", {}, shown.slice(0, state.limit).map(function (r) {
        return el("tr", { "data-index": String(rows.indexOf(r)) }, columns.map(function (c) {
          return el("td", { "class": cellClass(c, r[c]) }, [text(r[c])]);
        }));
      }));
      var caption = el("caption", { "class": "sr-only" }, [label + (open ? "; press Enter on a row to see its source" : "")]);
      holder.replaceChildren(el("table", { "class": "data" + (open ? " traceable" : "") }, [caption, el("thead", {}, [head]), body]));
      if (rows.length > state.limit) {
        var more = el("button", { type: "button", "class": "more" }, ["Show " + Math.min(PAGE_ROWS, rows.length - state.limit) +
          " more rows (" + state.limit + " of " + rows.length + " shown)"]);
        more.addEventListener("click", function () {
          var from = state.limit;
          state.limit += PAGE_ROWS;
          draw();
          var drawn = holder.querySelectorAll("tbody tr"), next = drawn[from];
          if (open) { Array.prototype.forEach.call(drawn, function (r) { r.tabIndex = r === next ? 0 : -1; }); }
          if (next) { next.focus(); }
        });
        holder.append(more);
      }
      if (open) {
        walkableRows(body, function (tr) { showProvenance(name, rows[Number(tr.getAttribute("data-index"))], tr); });
      }
    }
    holder.addEventListener("click", function (ev) {
      var button = ev.target.closest("thead button[data-column]");
      if (!button) { return; }
      var c = button.getAttribute("data-column");
      state.desc = state.sortBy === c ? !state.desc : false;
      state.sortBy = c;
      draw();
      holder.querySelector("thead button[data-column='" + c + "']").focus();
    });
    draw();
    return { node: holder };
  }

  function renderResource(article) {
    var name = article.getAttribute("data-resource");
    var rows = data.tables[name] || [];
    var columns = data.columns[name] || [];
    var holder = article.querySelector(".rows");
    var count = article.querySelector(".count");
    function draw(query) {
      var q = query.toLowerCase();
      var shown = rows.filter(function (r) {
        return !q || columns.some(function (c) { return text(r[c]).toLowerCase().indexOf(q) >= 0; });
      });
      holder.replaceChildren(dataTable(name, shown, "Rows of " + name).node);
      count.textContent = shown.length + " of " + rows.length + " rows" +
        (traceable(name) ? "; select a row (Enter) for its source" : "");
    }
    var search = article.querySelector(".search");
    search.addEventListener("input", function () { draw(search.value.trim()); });
    // drawn when first opened: a closed view costs the page nothing
    var view = article.querySelector("details.rows-view");
    if (view.open) { draw(""); } else {
      view.addEventListener("toggle", function () { if (view.open && !holder.firstChild) { draw(search.value.trim()); } });
    }
  }

  // ---------- the provenance dialog
  var dialog = document.getElementById("provenance");
  var opener = null;
  dialog.querySelector(".close").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("click", function (ev) { if (ev.target === dialog) { dialog.close(); } });
  dialog.addEventListener("close", function () {
    if (opener && document.contains(opener)) { opener.focus(); }
    opener = null;
  });

  function originalLink(source, page) {
    if (!source) { return []; }
    if (/^https?:\/\//i.test(text(source.url))) {
      var link = el("a", { href: source.url.split("#")[0] + "#page=" + page }, ["the original, page " + page]);
      return ["Open ", link, source.facsimile ? " (the copy here is a facsimile; its pages may differ)" : ""];
    }
    if (/^https?:\/\//i.test(text(source.related_url))) {
      return ["No URL of the original is recorded; related: ", el("a", { href: source.related_url }, [source.related_url])];
    }
    return ["No URL of the original is recorded."];
  }

  function showProvenance(name, row, from) {
    var key = rowKey(name, row);
    var boxes = cells[name + "\u0000" + key] || [];
    var byColumn = {};
    boxes.forEach(function (b) { byColumn[b.column] = b; });
    var page = boxes.length ? boxes[0].page : row.page;
    var image = data.pages[row.source_id + "|" + page];
    dialog.querySelector(".where").textContent = name + " [" + key + "] \u2014 " + row.source_id + ", page " + page +
      (boxes.length ? "; the printed text is outlined" : "; no printed cells are recorded for this row");
    var links = dialog.querySelector(".links");
    links.replaceChildren.apply(links, originalLink(sources[row.source_id], page).concat(
      image ? [" \u00b7 ", el("a", { href: image.src }, ["page image"])] : []));
    var tbody = dialog.querySelector(".values tbody");
    tbody.replaceChildren.apply(tbody, (data.columns[name] || []).map(function (c) {
      var b = byColumn[c];
      return el("tr", { "data-column": c }, [el("th", { scope: "row" }, [c]), el("td", {}, [text(row[c])]),
        el("td", b ? { "class": "printed" } : {}, [b ? printed(b.text) : ""])]);
    }));
    var img = dialog.querySelector(".page img");
    var layer = dialog.querySelector(".boxes");
    layer.replaceChildren();
    dialog.classList.toggle("landscape", Boolean(image && image.width > image.height));
    if (image) {
      img.src = image.src;
      img.alt = "page " + page + " of " + row.source_id + (boxes.length ? ", the printed text outlined" : "");
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
    opener = from || document.activeElement;
    if (!dialog.open) { dialog.showModal(); }
    dialog.querySelector(".close").focus();
    // bring the first outlined text into view once the page is drawn
    var first = layer.querySelector(".box");
    var reveal = function () { if (first) { first.scrollIntoView({ block: "center" }); } };
    if (img.complete) { reveal(); } else { img.addEventListener("load", reveal, { once: true }); }
  }

  // ---------- pictures: the tile map
  var pictures = data.pictures || { squares: [], maps: [] };
  var SEQUENTIAL = ["#eff3ff", "#c6dbef", "#9ecae1", "#2171b5", "#08306b"];  // light to dark
  var CATEGORIES = ["#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5"];
  var NONE = "#f2f2f2";
  function initials(v) {  // "mandatory_high_harm" -> "MHH", "local 1" -> "L1"
    return text(v).split(/[_\s;]+/).map(function (w) { return /^\d+$/.test(w) ? w : w.charAt(0).toUpperCase(); }).join("");
  }
  function ink(fill) { return fill === SEQUENTIAL[3] || fill === SEQUENTIAL[4] ? "#ffffff" : "#1b1b1b"; }

  function mapChoices() {
    var out = [];
    pictures.maps.forEach(function (spec) {
      var name = spec.resource, seen = {}, mine = [];
      (data.tables[name] || []).forEach(function (r) {
        var combo = spec.by.map(function (c) { return r[c]; });
        var id = name + "\u0000" + JSON.stringify(combo);
        if (!seen[id]) {
          seen[id] = true;
          mine.push({ id: id, name: name, spec: spec, combo: combo, row: r,
            label: name.replace(/_/g, " ") + ": " + combo.map(function (v, i) { return human(spec.by[i], v); }).join(", ") });
        }
      });
      out = out.concat(mine.sort(function (a, b) { return compare(a.label, b.label); }));
    });
    return out;
  }
  // the first resource's last choice matching its `first` values (e.g. the borough total, latest year)
  function firstChoice(choices) {
    var spec = pictures.maps[0], first = spec.first || {};
    var fits = choices.filter(function (c) {
      return c.name === spec.resource && Object.keys(first).every(function (k) { return c.row[k] === first[k]; });
    });
    return fits.length ? fits[fits.length - 1] : choices[0];
  }

  function valueText(choice, v) {
    if (v === undefined) { return "no value published"; }
    if (typeof v === "number") { return number(v) + " " + choice.spec.unit; }
    return human(choice.spec.value, v);
  }

  function mapValues(choice) {
    var values = {};
    (data.tables[choice.name] || []).forEach(function (r) {
      var match = choice.spec.by.every(function (c, i) { return r[c] === choice.combo[i]; });
      if (!match || !r.gss_code) { return; }
      var v = r[choice.spec.value];
      if (choice.spec.value === "priority_kind" && r.rank) { v = v + " " + r.rank; }
      values[r.gss_code] = values[r.gss_code] === undefined || typeof v === "number" ? v : values[r.gss_code] + "; " + v;
    });
    return values;
  }

  function colours(values) {
    var list = Object.keys(values).map(function (k) { return values[k]; });
    if (list.length && list.every(function (v) { return typeof v === "number"; })) {
      var lo = Math.min.apply(null, list), hi = Math.max.apply(null, list), n = SEQUENTIAL.length;
      var bin = function (v) { return hi === lo ? n - 1 : Math.min(n - 1, Math.floor((v - lo) / (hi - lo) * n)); };
      var legend = SEQUENTIAL.map(function (c, i) {
        return { fill: c, label: number(Math.round(lo + (hi - lo) * i / n)) + " to " + number(Math.round(lo + (hi - lo) * (i + 1) / n)) };
      });
      return { fill: function (v) { return SEQUENTIAL[bin(v)]; }, legend: hi === lo ? [legend[n - 1]] : legend };
    }
    var kinds = list.filter(function (v, i) { return list.indexOf(v) === i; }).sort(compare);
    return { fill: function (v) { return CATEGORIES[kinds.indexOf(v) % CATEGORIES.length]; },
      legend: kinds.map(function (k, i) {
        return { fill: CATEGORIES[i % CATEGORIES.length], label: initials(k) + ": " + human("kind", k) };
      }) };
  }

  function drawTileMap(figure, choice) {
    var values = mapValues(choice);
    var scale = colours(values);
    var S = 60, G = 4;
    var cols = 1 + Math.max.apply(null, pictures.squares.map(function (s) { return s.col; }));
    var rows = 1 + Math.max.apply(null, pictures.squares.map(function (s) { return s.row; }));
    var map = svg("svg", { viewBox: "0 0 " + cols * S + " " + rows * S, "class": "tilemap", role: "group",
      "aria-label": "Tile map of London's boroughs: " + choice.label });
    pictures.squares.forEach(function (s) {
      var v = values[s.gss_code];
      var fill = v === undefined ? NONE : scale.fill(v);
      var says = s.name + ": " + valueText(choice, v);
      var x = s.col * S, y = s.row * S;
      var shown = v === undefined ? "\u2013" : typeof v === "number" ? number(v) : initials(v);
      map.append(svg("a", { href: "#borough-view", "class": "tile", "data-gss": s.gss_code, "aria-label": says }, [
        svg("title", {}, [says]),
        svg("rect", { x: x + G / 2, y: y + G / 2, width: S - G, height: S - G, rx: 3, fill: fill,
          stroke: v === undefined ? "#8a8a8a" : "none" }),
        svg("text", { x: x + S / 2, y: y + 24, "text-anchor": "middle", "class": "abbr", fill: v === undefined ? "#404040" : ink(fill) }, [s.abbr]),
        svg("text", { x: x + S / 2, y: y + 42, "text-anchor": "middle", "class": "value", fill: v === undefined ? "#404040" : ink(fill) }, [shown])
      ]));
    });
    figure.querySelector(".map").replaceChildren(map);
    var legend = figure.querySelector(".legend");
    legend.replaceChildren.apply(legend, scale.legend.concat([{ fill: NONE, label: "no value published" }]).map(function (l) {
      return el("li", {}, [el("span", { "class": "swatch", style: "background:" + l.fill }), l.label]);
    }));
  }

  function tileMap() {
    var figure = document.getElementById("tilemap");
    var choices = mapChoices();
    if (!choices.length || !pictures.squares.length) { figure.hidden = true; return; }
    var select = figure.querySelector("select");
    choices.forEach(function (c) { select.append(el("option", { value: c.id }, [c.label])); });
    var best = firstChoice(choices);
    select.value = best.id;
    select.addEventListener("change", function () {
      drawTileMap(figure, choices.filter(function (c) { return c.id === select.value; })[0]);
    });
    figure.addEventListener("click", function (ev) {
      var tile = ev.target.closest("a.tile");
      if (!tile) { return; }
      ev.preventDefault();
      showBorough(tile.getAttribute("data-gss"), true);
    });
    drawTileMap(figure, best);
  }

  // ---------- pictures: each borough's change between the first and last year printed
  function changeChart() {
    var figure = document.getElementById("change-chart");
    var spec = pictures.change;
    var rows = spec ? data.tables[spec.resource] || [] : [];
    if (!rows.length) { figure.hidden = true; return; }
    var select = figure.querySelector("select");
    var groups = rows.map(function (r) { return r[spec.by]; }).filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(compare);
    groups.forEach(function (g) { select.append(el("option", { value: g }, [human(spec.by, g)])); });
    select.value = groups.indexOf("borough_total") >= 0 ? "borough_total" : groups[0];
    var names = {};
    pictures.squares.forEach(function (s) { names[s.gss_code] = s.name; });
    function draw(labelWidth) {
      var mine = rows.filter(function (r) { return r[spec.by] === select.value; });
      var years = mine.map(function (r) { return r[spec.over]; });
      var first = Math.min.apply(null, years), last = Math.max.apply(null, years);
      var by = {};
      mine.forEach(function (r) { (by[r.gss_code] = by[r.gss_code] || {})[r[spec.over]] = r[spec.value]; });
      var items = Object.keys(by).filter(function (g) { return by[g][first] !== undefined && by[g][last] !== undefined; })
        .map(function (g) { return { gss: g, name: names[g] || g, from: by[g][first], to: by[g][last] }; })
        .sort(function (a, b) { return (b.to - b.from) - (a.to - a.from) || compare(a.name, b.name); });
      var all = items.reduce(function (acc, d) { return acc.concat([d.from, d.to]); }, []);
      var lo = Math.min.apply(null, all), hi = Math.max.apply(null, all);
      var width = Math.max(320, Math.min(640, figure.clientWidth || 640));
      var left = labelWidth || 150, right = width < 480 ? 84 : 120, H = 22, top = 24;
      var x = function (v) { return left + (hi === lo ? 0 : (v - lo) / (hi - lo) * (width - left - right)); };
      var chart = svg("svg", { viewBox: "0 0 " + width + " " + (top + items.length * H + 4), width: width,
        "class": "change", role: "group", "aria-label": human(spec.by, select.value) + ": " + spec.value + " per borough, " + first + " and " + last });
      chart.append(svg("text", { x: left, y: 14, "class": "axis" }, ["\u25cb " + first + "   \u25cf " + last]));
      items.forEach(function (d, i) {
        var y = top + i * H + H / 2;
        var says = d.name + ": " + number(d.from) + " in " + first + ", " + number(d.to) + " in " + last + " (" + signed(d.to - d.from) + ")";
        chart.append(svg("g", { "class": "row", "data-gss": d.gss, role: "img", "aria-label": says }, [
          svg("title", {}, [says]),
          svg("text", { x: left - 6, y: y + 4, "text-anchor": "end" }, [d.name]),
          svg("line", { x1: x(d.from), x2: x(d.to), y1: y, y2: y, "class": d.to >= d.from ? "up" : "down" }),
          svg("circle", { cx: x(d.from), cy: y, r: 4, "class": "from" }),
          svg("circle", { cx: x(d.to), cy: y, r: 4, "class": "to" }),
          svg("text", { x: width - right + 8, y: y + 4, "class": "label" }, [signed(d.to - d.from) + " (" + number(d.to) + ")"])
        ]));
      });
      figure.querySelector(".chart").replaceChildren(chart);
      if (!labelWidth) {  // drawn again with room for the longest name, as this browser sets it
        var labels = chart.querySelectorAll("g.row > text:first-of-type");
        draw(8 + Math.ceil(Math.max.apply(null, Array.prototype.map.call(labels, function (t) {
          return t.getComputedTextLength();
        }).concat([40]))));
      }
    }
    select.addEventListener("change", function () { draw(); });
    draw();
  }

  // ---------- one borough: every value the package publishes for it, each row opening its source
  var BOROUGH_RESOURCES = ["officer_allocations", "borough_priorities", "borough_performance", "borough_targets",
    "reported_figures"];
  function boroughRows(name, gss) {
    return (data.tables[name] || []).filter(function (r) { return r.gss_code === gss || r.document_gss_code === gss; });
  }
  function showBorough(gss, scroll) {
    var view = document.getElementById("borough-view");
    var select = view.querySelector("select");
    select.value = gss;
    var parts = [], total = 0;
    BOROUGH_RESOURCES.forEach(function (name) {
      var rows = boroughRows(name, gss);
      if (!rows.length) { return; }
      total += rows.length;
      parts.push(el("h4", {}, [name.replace(/_/g, " ") + " (" + rows.length + ")"]));
      parts.push(dataTable(name, rows, name + " of " + select.selectedOptions[0].textContent).node);
    });
    var holder = view.querySelector(".borough-values");
    holder.replaceChildren.apply(holder, parts.length ? parts : [el("p", {}, ["Nothing is published for this borough."])]);
    view.querySelector(".count").textContent = total + " rows; select a row (Enter) for its source";
    if (scroll) { view.scrollIntoView(); select.focus(); }
  }
  function boroughView() {
    var view = document.getElementById("borough-view");
    var select = view.querySelector("select");
    var counts = {};
    BOROUGH_RESOURCES.forEach(function (name) {
      (data.tables[name] || []).forEach(function (r) {
        [r.gss_code, r.document_gss_code].forEach(function (g) { if (g) { counts[g] = (counts[g] || 0) + 1; } });
      });
    });
    var boroughs = (data.tables.boroughs || []).filter(function (b) { return counts[b.gss_code]; })
      .sort(function (a, b) { return compare(a.borough, b.borough); });
    if (!boroughs.length) { view.hidden = true; return; }
    boroughs.forEach(function (b) { select.append(el("option", { value: b.gss_code }, [b.borough])); });
    select.addEventListener("change", function () { showBorough(select.value, false); });
    var most = boroughs.slice().sort(function (a, b) { return counts[b.gss_code] - counts[a.gss_code]; })[0];
    showBorough(most.gss_code, false);
  }

  // ---------- the static tables (checks, errata): sort buttons; errata rows open their source
  function staticTable(table) {
    var body = table.tBodies[0];
    table.querySelectorAll("thead button.sort").forEach(function (button, i) {
      button.addEventListener("click", function () {
        var th = button.parentNode;
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
    if (body.rows.length && body.rows[0].hasAttribute("data-resource")) {
      table.classList.add("traceable");
      walkableRows(body, function (tr) {
        var name = tr.getAttribute("data-resource"), key = tr.getAttribute("data-key");
        var row = (data.tables[name] || []).filter(function (r) { return rowKey(name, r) === key; })[0];
        if (row) { showProvenance(name, row, tr); }
      });
    }
  }

  document.getElementById("show-technical").addEventListener("change", function (ev) {
    document.body.classList.toggle("show-technical", ev.target.checked);
  });
  document.querySelectorAll("article.resource").forEach(renderResource);
  document.querySelectorAll("#checks, #errata").forEach(staticTable);
  tileMap();
  changeChart();
  boroughView();
}());
