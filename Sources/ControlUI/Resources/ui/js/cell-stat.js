// Single-stat and gauge cells: the latest value of the cell's first series, coloured by its thresholds.
import { h } from "./dom.js";
import { formatValue } from "./cell-graph.js";

/// The newest numeric value of the first series that has one.
export function lastValue(results) {
  for (const result of results) {
    for (const series of result.series || []) {
      const timeIndex = series.columns.indexOf("time");
      const rows = series.values || [];
      for (let row = rows.length - 1; row >= 0; row--) {
        const value = rows[row].find((cell, index) => index !== timeIndex && typeof cell === "number");
        if (value !== undefined) return value;
      }
    }
  }
  return null;
}

/// The colour of the highest threshold at or below the value (the base colour below them all).
export function thresholdColor(colors, value, types = ["text", "background", "threshold"]) {
  const candidates = (colors || []).filter((color) => types.includes(color.type)).sort((a, b) => Number(a.value) - Number(b.value));
  let chosen = candidates.find((color) => color.id === "base") || candidates[0];
  for (const color of candidates) if (value !== null && Number(color.value) <= value) chosen = color;
  return chosen;
}

export function renderSingleStat(container, cell, results, { over = false } = {}) {
  const value = lastValue(results);
  const color = thresholdColor(cell.colors, value);
  const stat = h("div", { class: `single-stat${over ? " single-stat-over" : ""}`, role: "status" }, value === null ? "No Results" : formatValue(value, cell));
  if (color && color.type === "background" && !over) {
    container.style.background = color.hex;
    stat.style.color = "#fff";
  } else if (color) {
    stat.style.color = color.hex;
  }
  if (over) container.append(stat);
  else container.replaceChildren(stat);
}

const point = (cx, cy, radius, fraction) => {
  const angle = Math.PI * (1 - fraction);
  return [cx + radius * Math.cos(angle), cy - radius * Math.sin(angle)];
};

function arc(cx, cy, radius, from, to) {
  const [x1, y1] = point(cx, cy, radius, from);
  const [x2, y2] = point(cx, cy, radius, to);
  return `M ${x1} ${y1} A ${radius} ${radius} 0 0 1 ${x2} ${y2}`;
}

const svg = (tag, attributes) => {
  const element = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  return element;
};

/// A half-circle gauge from the `min` colour's value to the `max` one's, in bands of the thresholds, with a needle.
export function renderGauge(container, cell, results) {
  const value = lastValue(results);
  const colors = cell.colors || [];
  const minimum = Number((colors.find((color) => color.type === "min") || { value: 0 }).value);
  const maximum = Number((colors.find((color) => color.type === "max") || { value: 100 }).value);
  const span = maximum - minimum || 1;
  const fraction = (v) => Math.max(0, Math.min(1, (v - minimum) / span));
  const stops = colors.filter((color) => ["min", "threshold", "max"].includes(color.type)).sort((a, b) => Number(a.value) - Number(b.value));
  const picture = svg("svg", { viewBox: "0 0 200 120", class: "gauge", role: "img", "aria-label": `Gauge at ${value ?? "no value"}` });
  const bands = stops.length > 1 ? stops : [{ value: minimum, hex: "#22ADF6" }, { value: maximum, hex: "#22ADF6" }];
  for (let index = 0; index < bands.length - 1; index++) {
    const color = bands[index].type === "max" ? bands[index + 1] : bands[index];
    picture.append(svg("path", { d: arc(100, 100, 80, fraction(Number(bands[index].value)), fraction(Number(bands[index + 1].value))), stroke: color.hex, "stroke-width": 16, fill: "none" }));
  }
  if (value !== null) {
    const [x, y] = point(100, 100, 70, fraction(value));
    picture.append(svg("line", { x1: 100, y1: 100, x2: x, y2: y, stroke: "#383846", "stroke-width": 3, "stroke-linecap": "round" }));
  }
  const label = svg("text", { x: 100, y: 92, "text-anchor": "middle", class: "gauge-value" });
  label.textContent = value === null ? "No Results" : formatValue(value, cell);
  picture.append(svg("circle", { cx: 100, cy: 100, r: 5, fill: "#383846" }), label);
  container.replaceChildren(picture);
}
