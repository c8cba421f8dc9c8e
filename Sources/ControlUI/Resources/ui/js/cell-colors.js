// A cell's colours as Chronograf stores them: single stats and tables a base text colour and thresholds (text or
// background); gauges a minimum, a maximum and thresholds between; graphs a series palette.
import { h } from "./dom.js";

export const namedColors = [
  ["laser", "#00C9FF"], ["pool", "#22ADF6"], ["ocean", "#4591ED"], ["star", "#513CC6"], ["comet", "#9394FF"],
  ["rainforest", "#4ED8A0"], ["viridian", "#32B08C"], ["honeydew", "#7CE490"], ["pineapple", "#FFB94A"], ["thunder", "#FFD255"],
  ["tiger", "#F48D38"], ["curacao", "#F95F53"], ["fire", "#DC4E58"], ["ruby", "#BF3D5E"], ["white", "#ffffff"], ["graphite", "#545667"],
];
const baseValue = "-1000000000000000000";
let nextID = 0;
const newID = () => `t${Date.now().toString(36)}${(nextID++).toString(36)}`;

/// The colours the cell's type needs, made from what it has (a type change keeps the thresholds it can).
export function colorsFor(cell) {
  const colors = cell.colors || [];
  const thresholds = colors.filter((color) => ["text", "background", "threshold"].includes(color.type) && color.id !== "base");
  if (cell.type === "gauge") {
    const min = colors.find((color) => color.type === "min") || { id: "min", type: "min", hex: "#00C9FF", name: "laser", value: "0" };
    const max = colors.find((color) => color.type === "max") || { id: "max", type: "max", hex: "#BF3D5E", name: "ruby", value: "100" };
    return [min, ...thresholds.map((color) => ({ ...color, type: "threshold" })), max];
  }
  if (["single-stat", "line-plus-single-stat", "table"].includes(cell.type)) {
    const base = colors.find((color) => color.id === "base") || { id: "base", type: "text", hex: "#00C9FF", name: "laser", value: baseValue };
    const kind = thresholds.some((color) => color.type === "background") || base.type === "background" ? "background" : "text";
    return [{ ...base, type: kind }, ...thresholds.map((color) => ({ ...color, type: kind }))];
  }
  return colors.filter((color) => color.type === "scale");
}

function colorSelect(color, label, onChange) {
  const select = h("select", { "aria-label": label }, namedColors.map(([name, hex]) => h("option", { value: name, selected: color.hex.toLowerCase() === hex.toLowerCase() }, name)));
  select.addEventListener("change", () => {
    const [name, hex] = namedColors.find(([candidate]) => candidate === select.value);
    Object.assign(color, { name, hex });
    onChange();
  });
  return select;
}

/// The editor of `cell.colors` for the cell's current type; `refresh()` after each change.
export function thresholdEditor(cell, refresh) {
  cell.colors = colorsFor(cell);
  if (!["gauge", "single-stat", "line-plus-single-stat", "table"].includes(cell.type)) {
    return h("p", { class: "form-hint" }, "Series take the dashboard's palette.");
  }
  const list = h("ul", { class: "threshold-list" });
  const redraw = () => list.replaceChildren(...cell.colors.map((color) => thresholdRow(cell, color, () => {
    refresh();
    redraw();
  })));
  redraw();
  const add = h("button", { type: "button", class: "button button-small" }, "+ Add Threshold");
  add.addEventListener("click", () => {
    const kind = cell.type === "gauge" ? "threshold" : cell.colors[0].type;
    const at = cell.type === "gauge" ? cell.colors.length - 1 : cell.colors.length;
    cell.colors.splice(at, 0, { id: newID(), type: kind, hex: "#FFB94A", name: "pineapple", value: "50" });
    refresh();
    redraw();
  });
  const background = h("input", { type: "checkbox", id: "color-background", checked: cell.colors[0].type === "background" });
  background.addEventListener("change", () => {
    for (const color of cell.colors) color.type = background.checked ? "background" : "text";
    refresh();
  });
  const mode = cell.type === "gauge" ? null : h("div", { class: "form-check" }, background, h("label", { for: "color-background" }, "Color the background"));
  return h("div", {}, list, add, mode);
}

function thresholdRow(cell, color, changed) {
  const label = color.type === "min" ? "Minimum" : color.type === "max" ? "Maximum" : color.id === "base" ? "Base color" : "Threshold";
  const value = h("input", { type: "number", "aria-label": `${label} value`, value: color.value, disabled: color.id === "base" });
  value.addEventListener("change", () => {
    color.value = value.value;
    changed();
  });
  const remove = ["min", "max"].includes(color.type) || color.id === "base" ? null
    : h("button", { type: "button", class: "button button-small button-danger", "aria-label": `Remove threshold ${color.value}` }, "×");
  if (remove) {
    remove.addEventListener("click", () => {
      cell.colors.splice(cell.colors.indexOf(color), 1);
      changed();
    });
  }
  return h("li", { class: "threshold-row" }, h("span", { class: "threshold-label" }, label), color.id === "base" ? null : value, colorSelect(color, `${label} color`, changed), remove);
}
