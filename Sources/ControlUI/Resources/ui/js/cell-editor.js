// The cell editor: name, visualisation, queries (each with the explorer's builder or raw InfluxQL), axes, legend,
// thresholds, decimal places and note, previewed as they change. Resolves with the edited cell, or null.
import { h, errorBlock } from "./dom.js";
import { api } from "./api.js";
import { Explorer } from "./pages/explorer.js";
import { cellTypes, isGraph, renderCellBody } from "./cell-view.js";
import { thresholdEditor } from "./cell-colors.js";
import { restoreBuilder } from "./explorer-restore.js";
import { showModal } from "./dialog.js";

const field = (id, label, control) => h("div", { class: "form-group" }, h("label", { for: id }, label), control);

function input(id, value, attributes = {}) {
  return h("input", { type: "text", id, value: value ?? "", ...attributes });
}

export function editCell(original, context) {
  const cell = structuredClone(original);
  cell.queries = cell.queries && cell.queries.length ? cell.queries : [{ query: "", type: "influxql", source: "" }];
  cell.axes = cell.axes || {};
  cell.axes.y = { bounds: ["", ""], label: "", prefix: "", suffix: "", base: "10", scale: "linear", ...(cell.axes.y || {}) };
  cell.decimalPlaces = cell.decimalPlaces || { isEnforced: true, digits: 2 };
  const preview = h("div", { class: "cell-body editor-preview", id: "editor-preview" });
  const refresh = debounce(() => renderCellBody(preview, cell, context), 400);
  const queries = queriesSection(cell, context, refresh);
  const settings = settingsSection(cell, refresh);
  const cancel = h("button", { type: "button", class: "button" }, "Cancel");
  const save = h("button", { type: "button", class: "button button-success" }, "Save");
  const dialog = h("dialog", { class: "dialog cell-editor", "aria-label": "Edit Cell" },
    h("div", { class: "cell-editor-top" }, h("h2", {}, "Edit Cell"), h("div", { class: "dialog-actions" }, cancel, save)),
    preview, h("div", { class: "cell-editor-sections" }, queries, settings));
  const { done, finish } = showModal(dialog);
  cancel.addEventListener("click", () => finish(null));
  save.addEventListener("click", () => finish(cell));
  refresh();
  return done;
}

/// One tab per query; the chosen one shows the explorer (builder and query text) bound to it.
function queriesSection(cell, context, refresh) {
  const tabs = h("div", { class: "tabs", role: "tablist" });
  const slot = h("div", { class: "query-builder" });
  let databases = null;
  let chosen = 0;
  const show = async () => {
    tabs.replaceChildren(...cell.queries.map((_, index) => {
      const tab = h("button", { type: "button", role: "tab", class: "tab", "aria-selected": String(index === chosen) }, `Query ${index + 1}`);
      tab.addEventListener("click", () => {
        chosen = index;
        show();
      });
      return tab;
    }), addQuery, removeQuery);
    removeQuery.disabled = cell.queries.length === 1;
    try {
      databases = databases || (await api.databases(context.sourceID)).databases;
    } catch (error) {
      return slot.replaceChildren(errorBlock("Could not list databases.", error.message));
    }
    slot.replaceChildren();
    const query = cell.queries[chosen];
    const config = query.queryConfig;
    const explorer = new Explorer(slot, context.sourceID, databases, {
      query: query.query, forDashboard: true,
      onQuery: (text) => {
        query.query = text;
        query.queryConfig = undefined;
        refresh();
      },
    });
    explorer.render();
    if (config && query.query) await restoreBuilder(explorer, config, query.query);
  };
  const addQuery = h("button", { type: "button", class: "button button-small" }, "+ Add Query");
  addQuery.addEventListener("click", () => {
    cell.queries.push({ query: "", type: "influxql", source: "" });
    chosen = cell.queries.length - 1;
    show();
  });
  const removeQuery = h("button", { type: "button", class: "button button-small button-danger" }, "Remove Query");
  removeQuery.addEventListener("click", () => {
    cell.queries.splice(chosen, 1);
    chosen = 0;
    refresh();
    show();
  });
  show();
  return h("section", { class: "editor-section", "aria-label": "Queries" }, tabs, slot);
}

/// Name, type, y axis, legend, decimal places, colours and note.
function settingsSection(cell, refresh) {
  const y = cell.axes.y;
  const name = input("cell-name", cell.name);
  const type = h("select", { id: "cell-type" }, cellTypes.map(([value, label]) => h("option", { value, selected: value === (cell.type || "line") }, label)));
  const min = input("y-min", y.bounds[0]);
  const max = input("y-max", y.bounds[1]);
  const label = input("y-label", y.label);
  const prefix = input("y-prefix", y.prefix);
  const suffix = input("y-suffix", y.suffix);
  const scale = h("select", { id: "y-scale" }, ["linear", "log"].map((value) => h("option", { value, selected: y.scale === value }, value)));
  const base = h("select", { id: "y-base" }, [["10", "K/M/B"], ["2", "K/M/G"], ["raw", "Raw"]].map(([value, text]) => h("option", { value, selected: y.base === value }, text)));
  const legend = h("input", { type: "checkbox", id: "static-legend", checked: cell.legend && cell.legend.type === "static" });
  const enforced = h("input", { type: "checkbox", id: "decimals-enforced", checked: cell.decimalPlaces.isEnforced });
  const digits = h("input", { type: "number", id: "decimals", min: 0, max: 10, value: cell.decimalPlaces.digits });
  const note = h("textarea", { id: "cell-note", rows: 3 }, cell.note || "");
  const noteVisibility = h("select", { id: "note-visibility" }, [["default", "Always show the note"], ["showWhenNoData", "Show the note when the query has no results"]]
    .map(([value, text]) => h("option", { value, selected: (cell.noteVisibility || "default") === value }, text)));
  const colors = h("div", { class: "threshold-slot" });
  const drawColors = () => colors.replaceChildren(thresholdEditor(cell, refresh));
  const sync = () => {
    Object.assign(cell, { name: name.value, type: type.value, note: note.value, noteVisibility: noteVisibility.value });
    Object.assign(y, { bounds: [min.value.trim(), max.value.trim()], label: label.value, prefix: prefix.value, suffix: suffix.value, scale: scale.value, base: base.value });
    cell.legend = legend.checked ? { type: "static", orientation: "bottom" } : {};
    cell.decimalPlaces = { isEnforced: enforced.checked, digits: Math.max(0, Math.min(10, Number(digits.value) || 0)) };
    refresh();
  };
  for (const control of [name, type, min, max, label, prefix, suffix, scale, base, legend, enforced, digits, note, noteVisibility]) control.addEventListener("change", sync);
  type.addEventListener("change", drawColors);
  drawColors();
  return h("section", { class: "editor-section editor-settings", "aria-label": "Visualization" },
    h("div", { class: "form-grid" }, field("cell-name", "Cell Name", name), field("cell-type", "Visualization Type", type)),
    h("h3", {}, "Y Axis"),
    h("div", { class: "form-grid editor-grid-3" }, field("y-min", "Min", min), field("y-max", "Max", max), field("y-label", "Y Axis Label", label),
      field("y-prefix", "Prefix", prefix), field("y-suffix", "Suffix", suffix), field("y-scale", "Scale", scale), field("y-base", "Labels", base)),
    h("div", { class: "form-check" }, legend, h("label", { for: "static-legend" }, "Static legend")),
    h("div", { class: "form-check" }, enforced, h("label", { for: "decimals-enforced" }, "Enforce decimal places"), digits),
    h("h3", {}, "Colors and Thresholds"), colors,
    field("cell-note", "Note", note), field("note-visibility", "Note visibility", noteVisibility),
    h("p", { class: "form-hint" }, isGraph(cell.type) ? "Drag across a graph to zoom the dashboard." : ""));
}

function debounce(run, wait) {
  let timer = null;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(run, wait);
  };
}
