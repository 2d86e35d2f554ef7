/* Draws the charts of a page with ECharts from the JSON embedded next to them
   (<div data-chart="ID"> and <script type="application/json" id="ID">). The same numbers are
   always in a table on the page; without JavaScript only the table shows. */
(function () {
  "use strict";

  var PALETTE = ["#0a4d8c", "#c2410c", "#15803d", "#7c3aed"];

  function option(spec) {
    var tooltip = { trigger: spec.type === "pie" ? "item" : "axis" };
    if (spec.type === "pie") {
      return {
        tooltip: tooltip,
        series: [{
          type: "pie",
          radius: "65%",
          data: spec.labels.map(function (label, i) { return { name: label, value: spec.values[i] }; })
        }]
      };
    }
    return {
      tooltip: tooltip,
      grid: { left: 16, right: 16, bottom: 16, top: spec.series ? 40 : 24, containLabel: true },
      xAxis: { type: "category", name: spec.x, data: spec.labels, axisLabel: { rotate: spec.labels.length > 12 ? 45 : 0 } },
      yAxis: { type: "value", name: spec.y },
      dataZoom: spec.labels.length > 40 ? [{ type: "inside" }, { type: "slider" }] : [],
      legend: spec.series ? { top: 0 } : undefined,
      series: spec.series ? spec.series.map(function (item, i) {
        return { type: item.type === "bar" ? "bar" : "line", name: item.name, data: item.values, connectNulls: true, color: PALETTE[i % PALETTE.length], lineStyle: i > 0 ? { type: "dashed" } : undefined };
      }) : [{ type: spec.type === "line" ? "line" : "bar", name: spec.y, data: spec.values, color: PALETTE[0] }]
    };
  }

  function draw(root) {
    if (!window.echarts) {
      return;
    }
    root.querySelectorAll("[data-chart]").forEach(function (element) {
      var source = document.getElementById(element.getAttribute("data-chart"));
      if (!source) {
        return;
      }
      var existing = window.echarts.getInstanceByDom(element);
      if (existing) {
        existing.dispose();
      }
      var chart = window.echarts.init(element, null, { renderer: "svg" });
      chart.setOption(option(JSON.parse(source.textContent)));
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSwap", function (event) { draw(event.target); });
})();
