// Line, stacked, step and bar graphs of a dashboard cell with Dygraphs (Debian's libjs-dygraphs): the cell's axes,
// legend, colours and decimal places; annotations drawn under the lines; drag to zoom the dashboard's range; a click
// places or opens an annotation.
import { h } from "./dom.js";
import { loadDygraphs, toChartData } from "./chart.js";

const palette = ["#22ADF6", "#4ED8A0", "#F95F53", "#FFB94A", "#9394FF", "#00C9FF", "#BF3D5E", "#7A65F2", "#32B08C", "#FF8564"];

/// `12.5` with the cell's prefix, suffix and enforced decimals.
export function formatValue(value, cell) {
  if (typeof value !== "number" || Number.isNaN(value)) return value === null || value === undefined ? "" : String(value);
  const decimals = cell.decimalPlaces && cell.decimalPlaces.isEnforced ? cell.decimalPlaces.digits : null;
  const text = decimals === null ? String(Math.round(value * 1000) / 1000) : value.toFixed(Math.max(0, Math.min(20, decimals)));
  const axis = (cell.axes && cell.axes.y) || {};
  return `${axis.prefix || ""}${text}${axis.suffix || ""}`;
}

function graphOptions(cell, labels) {
  const axis = (cell.axes && cell.axes.y) || {};
  const bounds = (axis.bounds || []).map((bound) => (bound === "" || bound === undefined ? null : Number(bound)));
  const hexes = (cell.colors || []).filter((color) => color.type === "scale").map((color) => color.hex);
  const colors = labels.slice(1).map((_, index) => (hexes.length ? hexes : palette)[index % (hexes.length || palette.length)]);
  const format = (value) => formatValue(value, cell);
  return {
    labels, colors, connectSeparatedPoints: true, animatedZooms: false, labelsSeparateLines: true,
    legend: cell.legend && cell.legend.type === "static" ? "always" : "onmouseover",
    stackedGraph: cell.type === "line-stacked", stepPlot: cell.type === "line-stepplot", fillGraph: cell.type === "line-stacked",
    plotter: cell.type === "bar" ? barPlotter : undefined,
    logscale: axis.scale === "log", labelsKMG2: axis.base === "2", labelsKMB: axis.base !== "2" && axis.base !== "raw",
    ylabel: axis.label || undefined, valueRange: bounds.length === 2 && (bounds[0] !== null || bounds[1] !== null) ? bounds : undefined,
    axes: { y: { valueFormatter: format, axisLabelFormatter: (value) => (axis.base === "raw" ? format(value) : format(value)) } },
    highlightSeriesOpts: { strokeWidth: 2 },
  };
}

/// Bars side by side within each time step.
function barPlotter(event) {
  const context = event.drawingContext;
  const points = event.points;
  if (points.length === 0) return;
  let step = Infinity;
  for (let i = 1; i < points.length; i++) step = Math.min(step, points[i].canvasx - points[i - 1].canvasx);
  const seriesCount = event.dygraph.numColumns() - 1;
  const width = Math.max(1, (Number.isFinite(step) ? step : 20) * 0.8 / seriesCount);
  const offset = (event.seriesIndex ?? event.dygraph.getPropertiesForSeries(event.setName).column - 1) * width;
  const bottom = event.dygraph.toDomYCoord(0);
  context.fillStyle = event.color;
  for (const point of points) {
    if (point.canvasy === null || Number.isNaN(point.canvasy)) continue;
    const x = point.canvasx - (width * seriesCount) / 2 + offset;
    context.fillRect(x, Math.min(point.canvasy, bottom), width, Math.abs(bottom - point.canvasy));
  }
}

/// Annotation spans and lines under the series.
function drawAnnotations(annotations) {
  return (canvas, area, graph) => {
    for (const annotation of annotations) {
      const start = graph.toDomXCoord(Date.parse(annotation.startTime));
      const end = graph.toDomXCoord(Date.parse(annotation.endTime));
      if (end < area.x || start > area.x + area.w) continue;
      canvas.fillStyle = annotation.color || "#BF3D5E";
      canvas.globalAlpha = 0.2;
      if (end - start > 2) canvas.fillRect(start, area.y, end - start, area.h);
      canvas.globalAlpha = 1;
      canvas.fillRect(start - 1, area.y, 2, area.h);
    }
  };
}

/// Draws the graph; `events`: {annotations, range {from,to}, onZoom(from,to), onClickTime(time, annotation|null)}.
export async function renderGraph(container, cell, results, events = {}) {
  const { labels, rows } = toChartData(results);
  if (rows.length === 0) return container.replaceChildren(h("p", { class: "empty" }, "No Results"));
  const Dygraph = await loadDygraphs();
  if (!Dygraph) return container.replaceChildren(h("p", { class: "notice-inline" }, "Graphs need Debian's libjs-dygraphs."));
  const graphDiv = h("div", { class: "cell-graph", role: "img", "aria-label": `Graph of ${labels.slice(1).join(", ")}` });
  const legend = h("div", { class: "cell-legend" });
  container.replaceChildren(graphDiv, legend);
  // A cell redrawn (or a dashboard left) while its query ran: nothing to draw into.
  if (!graphDiv.isConnected) return null;
  const annotations = events.annotations || [];
  const options = {
    ...graphOptions(cell, labels), labelsDiv: legend, underlayCallback: drawAnnotations(annotations),
    dateWindow: events.range ? [events.range.from, events.range.to] : undefined,
    zoomCallback: (from, to) => {
      if (events.onZoom && graph.isZoomed("x")) events.onZoom(from, to);
    },
    clickCallback: (event, time) => {
      if (!events.onClickTime) return;
      const near = annotations.find((annotation) => Math.abs(graph.toDomXCoord(Date.parse(annotation.startTime)) - graph.toDomXCoord(time)) < 6);
      events.onClickTime(time, near || null);
    },
  };
  // An option given as undefined is not the same as one left out (a missing plotter draws nothing).
  for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];
  const graph = new Dygraph(graphDiv, rows, options);
  return graph;
}
