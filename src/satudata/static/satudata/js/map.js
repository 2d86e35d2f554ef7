/* Maps (MapLibre GL JS): layers' vector tiles over the base boundaries, on the basemap style
   when one is set, else on a plain background. Each map reads its settings from the JSON
   element named by its data-map attribute: the layers (top first) with their style and
   legend, the base boundaries, the frame (a bbox or a saved view). The panel under it holds,
   per layer, the show/hide, opacity, order and legend, then the search box, the zoom to the
   layers and, where asked, the PNG export. */
(function () {
  "use strict";

  var OUTLINE = "#4a5560";
  var PLAIN = {
    version: 8,
    sources: {},
    layers: [{ id: "latar", type: "background", paint: { "background-color": "#f4f1ea" } }],
  };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function vectorSource(tiles) {
    var url = new URL(tiles, window.location.href).href.replace(/%7B/g, "{").replace(/%7D/g, "}");
    return { type: "vector", tiles: [url], minzoom: 0, maxzoom: 16 };
  }

  function drawn(layer) {
    var colour = layer.style.colour;
    var common = { source: "lapisan:" + layer.id, "source-layer": layer.source_layer || layer.id };
    if (layer.family === "point") {
      return [Object.assign({ id: layer.id + ":titik", type: "circle", paint: {
        "circle-color": colour, "circle-radius": 5, "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 1, "circle-opacity": 0.9 } }, common)];
    }
    if (layer.family === "line") {
      return [Object.assign({ id: layer.id + ":garis", type: "line", paint: {
        "line-color": colour, "line-width": 2, "line-opacity": 0.9 } }, common)];
    }
    var single = typeof colour === "string";
    return [
      Object.assign({ id: layer.id + ":isi", type: "fill", paint: {
        "fill-color": colour, "fill-opacity": single ? 0.35 : 0.8 } }, common),
      Object.assign({ id: layer.id + ":tepi", type: "line", paint: {
        "line-color": single ? colour : OUTLINE, "line-width": single ? 1 : 0.5,
        "line-opacity": 1 } }, common),
    ];
  }

  function opacityOf(style) {
    return { fill: "fill-opacity", line: "line-opacity", circle: "circle-opacity" }[style.type];
  }

  function popupContent(feature, layer, words) {
    var table = el("table");
    table.appendChild(el("caption", "", layer.title + " · " + words.feature + " " +
      (feature.properties.fid || feature.id || "")));
    if (layer.values) {
      var code = feature.properties[layer.values.key];
      var head = table.insertRow();
      var label = el("th", "", layer.values.label);
      label.scope = "row";
      head.appendChild(label);
      head.insertCell().textContent = layer.values.by_code[code] || "–";
    }
    Object.keys(feature.properties).forEach(function (name) {
      if (name === "fid") return;
      var row = table.insertRow();
      var key = el("th", "", name);
      key.scope = "row";
      row.appendChild(key);
      row.insertCell().textContent = String(feature.properties[name]);
    });
    return table;
  }

  function legendOf(layer, words) {
    var entries = layer.style.legend || [];
    if (!entries.length) return null;
    var list = el("ul", "map-legend");
    list.setAttribute("aria-label", words.legend + ": " + layer.title);
    entries.forEach(function (entry) {
      var item = el("li");
      var swatch = el("span", "map-swatch");
      swatch.style.background = entry.colour;
      item.append(swatch, " " + entry.label + " ", el("span", "muted", "(" + entry.count + ")"));
      list.appendChild(item);
    });
    return list;
  }

  function restack(map, order) {
    /* order: the layers' style ids, top first; from the bottom up, each goes to the top. */
    order.slice().reverse().forEach(function (ids) {
      ids.forEach(function (id) { map.moveLayer(id); });
    });
  }

  function control(list, entry, map, words, reorder) {
    var layer = entry.layer;
    var item = el("li", "map-layer");
    item.dataset.layer = layer.id;
    var swatch = el("span", "map-swatch map-swatch-" + layer.family);
    swatch.style.background = typeof layer.style.colour === "string" ? layer.style.colour : OUTLINE;
    var toggle = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = layer.visible !== false;
    function show() {
      entry.styles.forEach(function (s) {
        map.setLayoutProperty(s.id, "visibility", box.checked ? "visible" : "none");
      });
    }
    box.addEventListener("change", show);
    show();
    var name = layer.page ? el("a", "", layer.title) : el("span", "", layer.title);
    if (layer.page) name.href = layer.page;
    toggle.append(box, " " + words.show + " ", swatch, " ", name);
    var range = el("label");
    var slider = el("input");
    slider.type = "range";
    slider.min = "0";
    slider.max = "100";
    slider.value = String(layer.opacity === undefined ? 100 : layer.opacity);
    function fade() {
      entry.styles.forEach(function (s) {
        var base = s.paint[opacityOf(s)];
        map.setPaintProperty(s.id, opacityOf(s), base * Number(slider.value) / 100);
      });
    }
    slider.addEventListener("input", fade);
    fade();
    range.append(words.opacity + " ", slider);
    item.append(toggle, range);
    if (reorder) {
      ["up", "down"].forEach(function (way) {
        var button = el("button", "btn btn-secondary btn-small", way === "up" ? "↑" : "↓");
        button.type = "button";
        button.title = words[way];
        button.setAttribute("aria-label", words[way] + ": " + layer.title);
        button.addEventListener("click", function () { reorder(entry, way); });
        item.appendChild(button);
      });
    }
    if (layer.style.note) item.appendChild(el("p", "small muted", layer.style.note));
    var legend = legendOf(layer, words);
    if (legend) item.appendChild(legend);
    list.appendChild(item);
    return item;
  }

  function searchBox(panel, map, config, words) {
    var targets = config.layers.filter(function (l) { return l.search; })
      .concat(config.base.filter(function (b) { return b.search; }));
    if (!targets.length) return;
    var form = el("form", "map-search");
    form.setAttribute("role", "search");
    var label = el("label", "", words.search + " ");
    var input = el("input");
    input.type = "search";
    input.name = "q";
    input.minLength = 2;
    label.appendChild(input);
    var button = el("button", "btn btn-secondary btn-small", words.search_button);
    button.type = "submit";
    var results = el("ul", "map-results");
    results.setAttribute("aria-live", "polite");
    form.append(label, button, results);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var typed = input.value.trim();
      results.textContent = "";
      if (typed.length < 2) return;
      Promise.all(targets.map(function (target) {
        var url = target.search + "?q=" + encodeURIComponent(typed);
        return fetch(url, { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : { matches: [] }; })
          .then(function (body) {
            return body.matches.map(function (m) { return { target: target, match: m }; });
          });
      })).then(function (groups) {
        var found = [].concat.apply([], groups);
        if (!found.length) {
          results.appendChild(el("li", "muted", words.no_match));
          return;
        }
        found.slice(0, 12).forEach(function (hit) {
          var item = el("li");
          var go = el("button", "link-button", hit.match.text);
          go.type = "button";
          go.addEventListener("click", function () {
            map.fitBounds(hit.match.bbox, { padding: 48, maxZoom: 17 });
          });
          item.append(go, " ", el("span", "small muted", hit.target.title));
          results.appendChild(item);
        });
      });
    });
    panel.appendChild(form);
  }

  function exportButton(panel, map, config) {
    if (!config.png) return;
    var button = el("button", "btn btn-secondary btn-small", config.png.label);
    button.type = "button";
    button.addEventListener("click", function () {
      map.once("render", function () {
        var link = el("a");
        link.download = config.png.filename;
        link.href = map.getCanvas().toDataURL("image/png");
        document.body.appendChild(link);
        link.click();
        link.remove();
      });
      map.triggerRepaint();
    });
    panel.appendChild(button);
  }

  function init(element) {
    var config = JSON.parse(document.getElementById(element.dataset.map).textContent);
    var words = config.words;
    var options = { container: element, style: config.basemap || PLAIN,
      canvasContextAttributes: { preserveDrawingBuffer: Boolean(config.png) } };
    if (config.view) {
      options.center = config.view.center;
      options.zoom = config.view.zoom;
    } else if (config.bbox) {
      options.bounds = config.bbox;
      options.fitBoundsOptions = { padding: 24 };
    }
    var map = new maplibregl.Map(options);
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
    element.satudataMap = map;
    var panel = document.querySelector('[data-map-panel="' + element.id + '"]');
    map.on("load", function () {
      config.base.forEach(function (base) {
        map.addSource("dasar:" + base.id, vectorSource(base.tiles));
        map.addLayer({ id: "dasar:" + base.id, type: "line", source: "dasar:" + base.id,
          "source-layer": base.id, paint: { "line-color": "#6b7785",
          "line-width": base.id === "kecamatan" ? 1.5 : 0.5 } });
      });
      var entries = [];
      config.layers.slice().reverse().forEach(function (layer) {
        map.addSource("lapisan:" + layer.id, vectorSource(layer.tiles));
        var styles = drawn(layer);
        styles.forEach(function (s) { map.addLayer(s); });
        entries.unshift({ layer: layer, styles: styles });
        map.on("click", styles[0].id, function (event) {
          new maplibregl.Popup({ maxWidth: "320px" }).setLngLat(event.lngLat)
            .setDOMContent(popupContent(event.features[0], layer, words)).addTo(map);
        });
        map.on("mouseenter", styles[0].id, function () { map.getCanvas().style.cursor = "pointer"; });
        map.on("mouseleave", styles[0].id, function () { map.getCanvas().style.cursor = ""; });
      });
      var list = el("ul", "map-layers");
      var reorder = entries.length > 1 ? function (entry, way) {
        var at = entries.indexOf(entry);
        var to = way === "up" ? at - 1 : at + 1;
        if (to < 0 || to >= entries.length) return;
        entries.splice(at, 1);
        entries.splice(to, 0, entry);
        restack(map, entries.map(function (e) { return e.styles.map(function (s) { return s.id; }); }));
        entries.forEach(function (e) { list.appendChild(e.item); });
      } : null;
      entries.forEach(function (entry) { entry.item = control(list, entry, map, words, reorder); });
      panel.appendChild(list);
      searchBox(panel, map, config, words);
      if (config.bbox) {
        var zoom = el("button", "btn btn-secondary btn-small", words.zoom);
        zoom.type = "button";
        zoom.addEventListener("click", function () { map.fitBounds(config.bbox, { padding: 24 }); });
        panel.appendChild(zoom);
      }
      exportButton(panel, map, config);
      if (config.view_inputs) {
        map.on("moveend", function () {
          var centre = map.getCenter();
          var values = { lon: centre.lng.toFixed(5), lat: centre.lat.toFixed(5),
            zoom: map.getZoom().toFixed(2) };
          Object.keys(values).forEach(function (key) {
            var input = document.getElementById(config.view_inputs[key]);
            if (input) input.value = values[key];
          });
        });
      }
      map.once("idle", function () { element.dataset.ready = "true"; });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-map]").forEach(init);
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    if (window.maplibregl) event.target.querySelectorAll("[data-map]").forEach(init);
  });
})();
