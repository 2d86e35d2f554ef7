/* Maps of layers (MapLibre GL JS): the layer's vector tiles over the base boundaries, on the
   basemap style when one is set, else on a plain background. Each map reads its settings from
   the JSON element named by its data-map attribute; the panel under it holds the legend, the
   show/hide and opacity controls and the zoom to the layer. */
(function () {
  "use strict";

  var COLOURS = { polygon: "#0a4d8c", line: "#b42318", point: "#f2a900" };
  var PLAIN = {
    version: 8,
    sources: {},
    layers: [{ id: "latar", type: "background", paint: { "background-color": "#f4f1ea" } }],
  };

  function vectorSource(tiles) {
    var url = new URL(tiles, window.location.href).href.replace(/%7B/g, "{").replace(/%7D/g, "}");
    return { type: "vector", tiles: [url], minzoom: 0, maxzoom: 16 };
  }

  function drawn(layer) {
    var colour = COLOURS[layer.family] || COLOURS.polygon;
    var common = { source: layer.id, "source-layer": layer.id };
    if (layer.family === "point") {
      return [Object.assign({ id: layer.id + ":titik", type: "circle", paint: {
        "circle-color": colour, "circle-radius": 5, "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 1, "circle-opacity": 0.9 } }, common)];
    }
    if (layer.family === "line") {
      return [Object.assign({ id: layer.id + ":garis", type: "line", paint: {
        "line-color": colour, "line-width": 2, "line-opacity": 0.9 } }, common)];
    }
    return [
      Object.assign({ id: layer.id + ":isi", type: "fill", paint: {
        "fill-color": colour, "fill-opacity": 0.35 } }, common),
      Object.assign({ id: layer.id + ":tepi", type: "line", paint: {
        "line-color": colour, "line-width": 1 } }, common),
    ];
  }

  function opacityOf(style) {
    return { fill: "fill-opacity", line: "line-opacity", circle: "circle-opacity" }[style.type];
  }

  function popupContent(feature, words) {
    var table = document.createElement("table");
    var caption = document.createElement("caption");
    caption.textContent = words.feature + " " + (feature.properties.fid || "");
    table.appendChild(caption);
    Object.keys(feature.properties).forEach(function (name) {
      if (name === "fid") return;
      var row = table.insertRow();
      var key = document.createElement("th");
      key.scope = "row";
      key.textContent = name;
      row.appendChild(key);
      row.insertCell().textContent = String(feature.properties[name]);
    });
    return table;
  }

  function control(panel, layer, map, styles, words) {
    var item = document.createElement("div");
    item.className = "map-layer";
    var swatch = document.createElement("span");
    swatch.className = "map-swatch map-swatch-" + layer.family;
    swatch.style.background = COLOURS[layer.family] || COLOURS.polygon;
    var toggle = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", function () {
      styles.forEach(function (s) {
        map.setLayoutProperty(s.id, "visibility", box.checked ? "visible" : "none");
      });
    });
    toggle.append(box, " " + words.show + " ", swatch, " " + layer.title);
    var range = document.createElement("label");
    var slider = document.createElement("input");
    slider.type = "range";
    slider.min = "0";
    slider.max = "100";
    slider.value = "100";
    slider.addEventListener("input", function () {
      styles.forEach(function (s) {
        var base = s.paint[opacityOf(s)];
        map.setPaintProperty(s.id, opacityOf(s), base * Number(slider.value) / 100);
      });
    });
    range.append(words.opacity + " ", slider);
    item.append(toggle, range);
    panel.appendChild(item);
  }

  function init(element) {
    var config = JSON.parse(document.getElementById(element.dataset.map).textContent);
    var words = config.words;
    var options = { container: element, style: config.basemap || PLAIN };
    if (config.bbox) {
      options.bounds = config.bbox;
      options.fitBoundsOptions = { padding: 24 };
    }
    var map = new maplibregl.Map(options);
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
    var panel = document.querySelector('[data-map-panel="' + element.id + '"]');
    map.on("load", function () {
      config.base.forEach(function (base) {
        map.addSource("dasar:" + base.id, vectorSource(base.tiles));
        map.addLayer({ id: "dasar:" + base.id, type: "line", source: "dasar:" + base.id,
          "source-layer": base.id, paint: { "line-color": "#6b7785",
          "line-width": base.id === "kecamatan" ? 1.5 : 0.5 } });
      });
      config.layers.forEach(function (layer) {
        map.addSource(layer.id, vectorSource(layer.tiles));
        var styles = drawn(layer);
        styles.forEach(function (s) { map.addLayer(s); });
        control(panel, layer, map, styles, words);
        map.on("click", styles[0].id, function (event) {
          new maplibregl.Popup({ maxWidth: "320px" }).setLngLat(event.lngLat)
            .setDOMContent(popupContent(event.features[0], words)).addTo(map);
        });
        map.on("mouseenter", styles[0].id, function () { map.getCanvas().style.cursor = "pointer"; });
        map.on("mouseleave", styles[0].id, function () { map.getCanvas().style.cursor = ""; });
      });
      if (config.bbox) {
        var zoom = document.createElement("button");
        zoom.type = "button";
        zoom.className = "btn btn-secondary btn-small";
        zoom.textContent = words.zoom;
        zoom.addEventListener("click", function () { map.fitBounds(config.bbox, { padding: 24 }); });
        panel.appendChild(zoom);
      }
      map.once("idle", function () { element.dataset.ready = "true"; });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-map]").forEach(init);
  });
})();
