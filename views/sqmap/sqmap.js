/* Sociale Basis map component. See index.html; the args are built by sq/render/mapview.py. */
(function () {
  "use strict";
  var LEAFLET = "../../app/static/vendor/leaflet/leaflet.js";
  var HATCH = "sq-missing-hatch";
  var state = { map: null, layers: {}, urls: "", view: "", selection: null, args: null,
    leaflet: null, geo: {}, sort: null, lastRender: 0 };

  function send(type, extra) {
    var msg = { isStreamlitMessage: true, type: type };
    for (var k in extra) { msg[k] = extra[k]; }
    window.parent.postMessage(msg, "*");
  }
  function setHeight() {
    send("streamlit:setFrameHeight", { height: document.documentElement.scrollHeight });
  }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }

  // --- loading --------------------------------------------------------------------------
  function loadLeaflet() {
    if (!state.leaflet) {
      state.leaflet = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = LEAFLET;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return state.leaflet;
  }
  function fetchGeo(url) {
    if (!state.geo[url]) {
      state.geo[url] = fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) { throw new Error("geometry " + r.status); }
        return r.json();
      });
    }
    return state.geo[url];
  }

  // --- map ------------------------------------------------------------------------------
  function styleFor(args, code) {
    var area = args.areas[code];
    var cls = area ? area[2] : -1;
    if (cls < 0) {
      return { fillColor: "url(#" + HATCH + ")", fillOpacity: 1, color: args.missing_line,
        weight: 1.2, dashArray: "4 3" };
    }
    return { fillColor: args.colours[cls], fillOpacity: 0.9, color: args.outline, weight: 0.8,
      dashArray: null };
  }
  function tooltip(args, code) {
    var area = args.areas[code] || [code, args.texts.missing, -1];
    var table = el("table");
    [[args.texts.area, area[0]], [args.texts.title, area[1]], [args.texts.netherlands,
      args.nl_label]].forEach(function (row) {
      var tr = el("tr");
      tr.appendChild(el("th", row[0]));
      tr.appendChild(el("td", row[1]));
      table.appendChild(tr);
    });
    return table;
  }
  function ensureMap(args) {
    var box = document.getElementById("map");
    box.hidden = false;
    box.style.height = args.height + "px";
    if (state.map) { return state.map; }
    var map = L.map(box, { preferCanvas: false, zoomSnap: 0.25, attributionControl: false });
    map.getContainer().setAttribute("aria-label", args.texts.map_label);
    L.control.scale({ imperial: false }).addTo(map);
    var legend = L.control({ position: "bottomright" });
    legend.onAdd = function () {
      var div = L.DomUtil.create("div", "sq-legend");
      L.DomEvent.disableClickPropagation(div);
      return div;
    };
    legend.addTo(map);
    state.legend = legend;
    state.map = map;
    window.__sqMap = map;  // for the browser tests and the benchmark (zoom kept on rerun)
    window.__sqMapId = Math.random();
    return map;
  }
  function onClick(code) {
    send("streamlit:setComponentValue", { value: { code: code, at: Date.now() },
      dataType: "json" });
  }
  function buildLayers(args, collections) {
    Object.keys(state.layers).forEach(function (code) { state.map.removeLayer(state.layers[code]); });
    state.layers = {};
    collections.forEach(function (fc) {
      fc.features.forEach(function (feature) {
        var code = feature.id;
        if (!(code in args.areas)) { return; }
        var layer = L.geoJSON(feature, { style: function () { return styleFor(args, code); } });
        layer.on("mouseover", function (e) { e.layer.setStyle({ weight: 3, color: args.selected_line });
          e.layer.bringToFront(); });
        layer.on("mouseout", function (e) { e.layer.setStyle(styleFor(state.args, code)); });
        layer.on("click", function () { onClick(code); });
        layer.bindTooltip(function () { return tooltip(state.args, code); }, { sticky: true });
        layer.addTo(state.map);
        state.layers[code] = layer;
      });
    });
  }
  function restyle(args) {
    Object.keys(state.layers).forEach(function (code) {
      state.layers[code].setStyle(styleFor(args, code));
    });
  }
  function drawSelection(args) {
    if (state.selection) { state.map.removeLayer(state.selection); state.selection = null; }
    var chosen = args.selected && state.layers[args.selected];
    if (!chosen) { return; }
    var data = chosen.toGeoJSON();
    state.selection = L.layerGroup([
      L.geoJSON(data, { interactive: false, style: { color: "#ffffff", weight: 6, fill: false } }),
      L.geoJSON(data, { interactive: false, style: { color: args.selected_line, weight: 3,
        fill: false } })
    ]).addTo(state.map);
  }
  function fit(args) {
    var bounds = null;
    Object.keys(state.layers).forEach(function (code) {
      var b = state.layers[code].getBounds();
      if (b.isValid()) { bounds = bounds ? bounds.extend(b) : L.latLngBounds(b.getSouthWest(), b.getNorthEast()); }
    });
    if (bounds) { state.map.fitBounds(bounds, { padding: [4, 4] }); }
    else { state.map.setView([52.2, 5.3], 7); }
  }
  function renderMap(args) {
    var received = performance.now();
    var urls = args.geo.join("|");
    Promise.all([loadLeaflet()].concat(args.geo.map(fetchGeo))).then(function (loaded) {
      if (state.args !== args) { return; }  // newer args arrived meanwhile
      ensureMap(args);
      var rebuilt = urls !== state.urls;  // other boundaries (level, year, scope): new shapes
      var refit = args.view !== state.view;  // other level or scope: new extent
      if (rebuilt) {
        buildLayers(args, loaded.slice(1));
      } else {
        restyle(args);
      }
      state.legend.getContainer().innerHTML = args.legend_html;  // built and escaped in Python
      drawSelection(args);
      if (refit) { fit(args); }
      state.urls = urls;
      state.view = args.view;
      window.__sqStyled = { at: performance.timeOrigin + performance.now(),
        ms: performance.now() - received, rebuilt: rebuilt, n: Object.keys(state.layers).length };
      setHeight();
    }).catch(function (err) {
      var box = document.getElementById("map");
      box.hidden = false;
      box.textContent = args.texts.failed + " (" + err.message + ")";
      setHeight();
    });
  }

  // --- table ----------------------------------------------------------------------------
  function sortRows(rows, column, numeric, ascending) {
    var sorted = rows.slice();
    sorted.sort(function (a, b) {
      var x = numeric ? a[column][1] : String(a[column]).toLowerCase();
      var y = numeric ? b[column][1] : String(b[column]).toLowerCase();
      if (x === null || x === undefined) { return 1; }
      if (y === null || y === undefined) { return -1; }
      var c = numeric ? x - y : x.localeCompare(y, "nl");
      return ascending ? c : -c;
    });
    return sorted;
  }
  function renderTable(args) {
    var box = document.getElementById("table");
    box.style.display = "block";
    box.setAttribute("aria-label", args.caption);
    var rows = args.rows;
    if (state.sort) { rows = sortRows(rows, state.sort[0], args.columns[state.sort[0]].numeric, state.sort[1]); }
    var table = el("table", null, "sq");
    table.appendChild(el("caption", args.caption));
    var head = el("tr");
    args.columns.forEach(function (col, i) {
      var th = el("th", null, col.numeric ? "num" : "");
      th.scope = "col";
      th.setAttribute("aria-sort", state.sort && state.sort[0] === i ?
        (state.sort[1] ? "ascending" : "descending") : "none");
      var button = el("button", col.label);
      button.type = "button";
      button.addEventListener("click", function () {
        var asc = !(state.sort && state.sort[0] === i && state.sort[1]);
        state.sort = [i, asc];
        renderTable(state.args);
        var again = document.querySelectorAll("table.sq th button")[i];
        if (again) { again.focus(); }
      });
      th.appendChild(button);
      head.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var body = el("tbody");
    rows.forEach(function (row) {
      var tr = el("tr", null, row[args.code_column] === args.selected ? "sel" : "");
      args.columns.forEach(function (col, i) {
        var cell = row[i];
        tr.appendChild(el("td", col.numeric ? cell[0] : cell, col.numeric ? "num" : ""));
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    box.replaceChildren(table);
    setHeight();
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "streamlit:render") { return; }
    var args = data.args;
    state.args = args;
    if (args.mode === "table") { renderTable(args); } else { renderMap(args); }
  });
  window.addEventListener("resize", function () { if (state.map) { state.map.invalidateSize(); } });
  send("streamlit:componentReady", { apiVersion: 1 });
  // The map instance (not the table, "sq_table" in its URL) starts loading Leaflet at once, while
  // Streamlit is still sending the arguments that name the boundary files.
  if (location.pathname.indexOf("sq_table") < 0) { loadLeaflet(); }
})();
