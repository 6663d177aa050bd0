/* gl proof site: behaviour shared by every page. No network access: everything comes
   from the page itself and data/theory.js (loaded with <script src>). */
(function () {
  "use strict";
  var doc = document;

  function all(sel, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(sel)); }
  function params() { return new URLSearchParams(location.search); }
  function debounce(fn, ms) {
    var timer = null;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }
  function store(key, value) {
    try {
      if (value === undefined) return localStorage.getItem(key);
      localStorage.setItem(key, value);
    } catch (e) { /* storage may be off for file:// pages */ }
    return null;
  }

  /* "MPL" checkbox: show the raw MPL next to readable forms, remembered across pages. */
  function initMplToggle() {
    var box = doc.getElementById("mpl-toggle");
    if (!box) return;
    box.checked = store("gl-mpl") === "1";
    function apply() {
      doc.body.classList.toggle("show-mpl", box.checked);
      store("gl-mpl", box.checked ? "1" : "0");
    }
    box.addEventListener("change", apply);
    apply();
  }

  /* Index: filter rows as you type (debounced), by class, and from ?q= / ?f=. */
  function initIndex() {
    var q = doc.getElementById("q"), table = doc.getElementById("thms");
    if (!q || !table) return;
    var f = doc.getElementById("f"), count = doc.getElementById("count");
    var none = doc.getElementById("none");
    var rows = all("tbody tr:not(.group)", table), groups = all("tr.group", table);
    var text = rows.map(function (r) {
      var s = "";
      for (var c = 1; c < r.cells.length; c++) s += " " + r.cells[c].textContent;
      return s.toLowerCase();
    });
    function syncUrl() {
      try {
        var u = new URL(location.href);
        if (q.value) u.searchParams.set("q", q.value); else u.searchParams.delete("q");
        if (f.value) u.searchParams.set("f", f.value); else u.searchParams.delete("f");
        history.replaceState(null, "", u.href);
      } catch (e) { /* some browsers refuse replaceState on file:// */ }
    }
    function run() {
      var terms = q.value.toLowerCase().trim().split(/\s+/).filter(Boolean);
      var cls = f.value, shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var ok = !cls || rows[i].classList.contains(cls);
        for (var j = 0; ok && j < terms.length; j++) ok = text[i].indexOf(terms[j]) >= 0;
        if (rows[i].hidden === ok) rows[i].hidden = !ok;
        if (ok) shown++;
      }
      groups.forEach(function (g) {  /* a group's heading shows while one of its rows does */
        g.hidden = !all("tr:not(.group)", g.parentNode).some(function (r) { return !r.hidden; });
      });
      count.textContent = shown + " of " + rows.length;
      none.hidden = shown > 0;
      syncUrl();
    }
    var p = params();
    q.value = p.get("q") || "";
    var wanted = p.get("f") || "";
    f.value = all("option", f).some(function (o) { return o.value === wanted; }) ? wanted : "";
    q.addEventListener("input", debounce(run, 150));
    f.addEventListener("change", run);
    q.form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    run();
  }

  /* Proof tables: hovering (or tapping) a step highlights every step it rests on. */
  function premises(row) {
    return all("a", row.cells[1]).map(function (a) { return a.getAttribute("href").slice(1); });
  }
  function initProofTable(table) {
    var byId = {};
    Array.prototype.forEach.call(table.tBodies[0].rows, function (r) { byId[r.id] = r; });
    var lit = [], pinned = null;
    function clear() {
      lit.forEach(function (r) { r.classList.remove("dep", "cur"); });
      lit = [];
    }
    function show(row) {
      clear();
      row.classList.add("cur");
      lit.push(row);
      var seen = {}, todo = premises(row);
      while (todo.length) {
        var id = todo.pop();
        if (seen[id] || !byId[id]) continue;
        seen[id] = true;
        byId[id].classList.add("dep");
        lit.push(byId[id]);
        todo.push.apply(todo, premises(byId[id]));
      }
    }
    table.addEventListener("mouseover", function (e) {
      var row = e.target.closest("tbody tr");
      if (row && !pinned) show(row);
    });
    table.addEventListener("mouseleave", function () { if (pinned) show(pinned); else clear(); });
    table.addEventListener("click", function (e) {
      if (e.target.closest("a")) return;
      var row = e.target.closest("tbody tr");
      if (!row) return;
      if (pinned === row) { pinned = null; clear(); hideTip(); return; }
      pinned = row;
      show(row);
      var ref = row.cells[2].querySelector("a:last-child");
      if (ref) showTip(ref);
    });
  }
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && doc.getElementById(id);
    for (var p = el; p; p = p.parentElement) if (p.tagName === "DETAILS") p.open = true;
  }
  function initProof() {
    all("table.proof").forEach(initProofTable);
    var expand = doc.getElementById("expand");
    if (expand) {
      expand.addEventListener("click", function () {
        var blocks = all("details.block"), open = blocks.some(function (d) { return !d.open; });
        blocks.forEach(function (d) { d.open = open; });
        expand.textContent = open ? "Collapse all" : "Expand all";
      });
    }
    window.addEventListener("hashchange", openTarget);
    openTarget();
  }

  /* The readable form in a proof-table cell: its text before the raw MPL <code>. */
  function readableOf(cell) {
    var text = "";
    for (var n = cell.firstChild; n && n.nodeName !== "CODE"; n = n.nextSibling) text += n.textContent;
    return text;
  }

  /* Tooltips for rule, theorem, definition and step links; the text comes from
     data/theory.js or from the page itself, and is always set as text. */
  var tip = null;
  function tipText(a) {
    var href = a.getAttribute("href") || "", theory = window.GL_THEORY || {}, m;
    if ((m = /#k-([\w-]+)$/.exec(href))) return (theory.kinds || {})[m[1]] || null;
    if ((m = /#ax-(\d+)$/.exec(href))) return "Axiom " + m[1] + ": " + ((theory.axioms || {})[m[1]] || "");
    if ((m = /#def-([\w-]+)$/.exec(href))) return (theory.defs || {})[m[1]] || null;
    if (href.charAt(0) === "#") {
      var row = doc.getElementById(href.slice(1));
      if (!row || !row.cells) return null;
      return "Step " + row.cells[0].textContent + ": " + readableOf(row.cells[3]);
    }
    if ((m = /^([\w-]+)\.html(#clause-\d+)?$/.exec(href))) {
      var used = doc.getElementById("u-" + m[1]);
      return used ? used.textContent : null;
    }
    return null;
  }
  function showTip(a) {
    var text = tipText(a);
    if (!text) return;
    if (!tip) {
      tip = doc.createElement("div");
      tip.id = "tip";
      tip.setAttribute("role", "tooltip");
      doc.body.appendChild(tip);
    }
    tip.textContent = text;
    tip.hidden = false;
    var box = a.getBoundingClientRect(), w = tip.offsetWidth, h = tip.offsetHeight;
    var left = Math.max(6, Math.min(box.left, window.innerWidth - w - 6));
    var top = box.bottom + 6 + h > window.innerHeight ? box.top - h - 6 : box.bottom + 6;
    tip.style.left = left + "px";
    tip.style.top = Math.max(6, top) + "px";
  }
  function hideTip() { if (tip) tip.hidden = true; }
  function initTips() {
    function target(e) { return e.target.closest && e.target.closest("table.proof a, .rests a"); }
    doc.addEventListener("mouseover", function (e) { var a = target(e); if (a) showTip(a); });
    doc.addEventListener("mouseout", function (e) { if (target(e)) hideTip(); });
    doc.addEventListener("focusin", function (e) { var a = target(e); if (a) showTip(a); });
    doc.addEventListener("focusout", hideTip);
    window.addEventListener("scroll", hideTip, { passive: true });
  }

  /* Graph: the first view shows the key boxes (named laws, essential theorems, one box per
     ground-fact table) where the server placed them (data-kx, data-ky), with the citations
     through hidden boxes as dashed edges; ?all=1 shows every box; ?focus=NAME&depth=N keeps
     NAME, what it rests on and what uses it, each up to N citation steps, laid out
     compactly. Hover highlights a box's citations; zoom buttons. */
  function initGraph() {
    var svg = doc.getElementById("graph");
    if (!svg) return;
    var nodes = all(".node", svg), via = all(".edges path.via", svg);
    var edges = all(".edges path:not(.via)", svg);
    var touching = {};
    edges.concat(via).forEach(function (e) {
      [e.getAttribute("data-s"), e.getAttribute("data-t")].forEach(function (i) {
        (touching[i] = touching[i] || []).push(e);
      });
    });
    function hot(node, on) {
      (touching[node.getAttribute("data-i")] || []).forEach(function (e) { e.classList.toggle("hot", on); });
    }
    nodes.forEach(function (n) {
      n.addEventListener("mouseenter", function () { hot(n, true); });
      n.addEventListener("mouseleave", function () { hot(n, false); });
      n.addEventListener("focus", function () { hot(n, true); });
      n.addEventListener("blur", function () { hot(n, false); });
    });
    var full = svg.getAttribute("viewBox").split(" ").map(Number), box = full, zoom = 1;
    var wrap = doc.getElementById("gwrap");
    function draw() {
      svg.setAttribute("viewBox", box.join(" "));
      svg.setAttribute("width", Math.round(box[2] * zoom));
      svg.setAttribute("height", Math.round(box[3] * zoom));
    }
    function fit(least) { return Math.max(least, Math.min(1.5, (wrap.clientWidth - 4) / box[2])); }
    all("[data-zoom]").forEach(function (b) {
      b.addEventListener("click", function () {
        var z = Number(b.getAttribute("data-zoom"));
        zoom = z ? Math.max(0.1, Math.min(4, zoom * z)) : fit(0.1);
        draw();
      });
    });
    zoom = Math.min(1, fit(0.75));  /* shrink a wide graph a little, never past legibility */
    draw();
    var p = params(), name = p.get("focus"), depth = parseInt(p.get("depth"), 10);
    if (isNaN(depth) || depth < 0) depth = 2;
    doc.getElementById("depth").value = depth;
    var shown = doc.getElementById("shown");
    function hide(list, off) { list.forEach(function (e) { e.classList.toggle("off", off(e)); }); }
    if (!name && p.get("all") === "1") {
      hide(via, function () { return true; });
      shown.textContent = "all " + nodes.length + " boxes";
      return;
    }
    if (!name) {
      var keys = nodes.filter(function (n) { return n.classList.contains("key"); });
      keys.forEach(function (n) {
        var r = n.querySelector("rect");
        n.setAttribute("transform", "translate(" + (n.getAttribute("data-kx") - r.getAttribute("x")) + " " +
          (n.getAttribute("data-ky") - r.getAttribute("y")) + ")");
      });
      hide(nodes, function (n) { return !n.classList.contains("key"); });
      hide(edges.concat(via), function (e) { return !e.hasAttribute("data-kd"); });
      edges.concat(via).forEach(function (e) {
        if (e.hasAttribute("data-kd")) e.setAttribute("d", e.getAttribute("data-kd"));
      });
      box = [0, 0, +svg.getAttribute("data-kw"), +svg.getAttribute("data-kh")];
      zoom = Math.min(1, fit(0.75));
      draw();
      shown.textContent = keys.length + " of " + nodes.length + " boxes: named laws, essential theorems " +
        "and one box per table of ground facts";
      return;
    }
    hide(via, function () { return true; });
    doc.getElementById("focus").value = name;
    var start = nodes.filter(function (n) { return n.getAttribute("data-name") === name; })[0];
    if (!start) { shown.textContent = "No theorem named “" + name + "”."; return; }
    var level = {}, focusId = start.getAttribute("data-i");
    level[focusId] = 0;
    /* what it rests on (following citations backwards, levels -1, -2, ...) and what uses it
       (levels 1, 2, ...), each to `depth` */
    [["data-t", "data-s", -1], ["data-s", "data-t", 1]].forEach(function (dir) {
      var frontier = [focusId];
      for (var d = 1; d <= depth && frontier.length; d++) {
        var next = [];
        frontier.forEach(function (i) {
          (touching[i] || []).forEach(function (e) {
            if (e.getAttribute(dir[0]) !== i) return;
            var j = e.getAttribute(dir[1]);
            if (!(j in level)) { level[j] = dir[2] * d; next.push(j); }
          });
        });
        frontier = next;
      }
    });
    var shownNodes = nodes.filter(function (n) {
      var on = n.getAttribute("data-i") in level;
      n.classList.toggle("off", !on);
      return on;
    });
    box = compact(shownNodes, edges.filter(function (e) {
      var on = e.getAttribute("data-s") in level && e.getAttribute("data-t") in level;
      e.classList.toggle("off", !on);
      return on;
    }), level);
    start.classList.add("focus");
    zoom = Math.min(1, fit(0.75));
    draw();
    shown.textContent = shownNodes.length + " of " + nodes.length + " theorems: what “" + name +
      "” rests on (left) and what uses it (right), to depth " + depth;
  }

  /* Lay a focused subgraph out in columns by level, each column in the full layout's
     top-to-bottom order, and redraw its edges (citations within a column as arcs). */
  function compact(shownNodes, shownEdges, level) {
    var rect = function (n) { return n.querySelector("rect"); };
    var num = function (n, a) { return +rect(n).getAttribute(a); };
    var w = num(shownNodes[0], "width"), h = num(shownNodes[0], "height"), gx = 110, gy = 16;
    var levels = shownNodes.map(function (n) { return level[n.getAttribute("data-i")]; });
    var low = Math.min.apply(null, levels), high = Math.max.apply(null, levels), columns = [];
    for (var c = low; c <= high; c++) {
      columns.push(shownNodes.filter(function (n) { return level[n.getAttribute("data-i")] === c; })
        .sort(function (a, b) { return num(a, "y") - num(b, "y"); }));
    }
    var tallest = Math.max.apply(null, columns.map(function (col) { return col.length; }));
    var at = {};
    columns.forEach(function (column, k) {
      var top = (tallest - column.length) * (h + gy) / 2;
      column.forEach(function (n, r) {
        at[n.getAttribute("data-i")] = [16 + gx / 2 + k * (w + gx), 16 + top + r * (h + gy)];
      });
    });
    place(shownNodes, shownEdges, at);
    return [0, 0, 32 + columns.length * (w + gx), 32 + tallest * (h + gy) - gy];
  }

  /* Move each box to its place `at[i]` (top-left corner) and redraw the edges between them
     (an edge to a box in the same or an earlier column as an arc on the left). */
  function place(shownNodes, shownEdges, at) {
    var rect = function (n) { return n.querySelector("rect"); };
    var num = function (n, a) { return +rect(n).getAttribute(a); };
    var w = num(shownNodes[0], "width"), h = num(shownNodes[0], "height"), gx = 80;
    shownNodes.forEach(function (n) {
      var xy = at[n.getAttribute("data-i")];
      n.setAttribute("transform", "translate(" + (xy[0] - num(n, "x")) + " " + (xy[1] - num(n, "y")) + ")");
    });
    shownEdges.forEach(function (e) {
      var a = at[e.getAttribute("data-s")], b = at[e.getAttribute("data-t")], d;
      var y1 = a[1] + h / 2, y2 = b[1] + h / 2, x2 = b[0] - 2;
      if (a[0] < b[0]) {
        var x1 = a[0] + w, bend = Math.max(40, (x2 - x1) / 2);
        d = [x1, y1, "C", x1 + bend, y1, x2 - bend, y2, x2, y2];
      } else {
        var out = Math.min(gx / 2 - 6, 16 + Math.abs(y2 - y1) / 4);
        d = [a[0], y1, "C", a[0] - out, y1, x2 - out, y2, x2, y2];
      }
      e.setAttribute("d", "M" + d.join(" "));
    });
  }

  /* "/" jumps to the search box, as on most documentation sites. */
  function initSlash() {
    doc.addEventListener("keydown", function (e) {
      var t = e.target.tagName;
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || t === "INPUT" || t === "SELECT" ||
          t === "TEXTAREA") return;
      var box = doc.getElementById("q") || doc.querySelector("header input[name=q]");
      if (box) { e.preventDefault(); box.focus(); }
    });
  }

  function init() {
    initSlash();
    initMplToggle();
    initIndex();
    initProof();
    initTips();
    initGraph();
  }
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", init);
  else init();
})();
