// Table and note cells: a table of the cell's series by time (columns renamed, hidden and ordered by its field
// options, sorted by a header click, coloured by its thresholds), and a note's Markdown.
import { h } from "./dom.js";
import { toChartData } from "./chart.js";
import { formatValue } from "./cell-graph.js";
import { thresholdColor } from "./cell-stat.js";
import { renderMarkdown } from "./markdown.js";

function formatTime(millis, format) {
  const date = new Date(millis);
  if (!format || format === "MM/DD/YYYY HH:mm:ss.SSS") return date.toISOString().replace("T", " ").replace("Z", "");
  const pad = (n, width = 2) => String(n).padStart(width, "0");
  return format.replace("YYYY", date.getFullYear()).replace("MM", pad(date.getMonth() + 1)).replace("DD", pad(date.getDate()))
    .replace("HH", pad(date.getHours())).replace("mm", pad(date.getMinutes())).replace("ss", pad(date.getSeconds())).replace("SSS", pad(date.getMilliseconds(), 3));
}

/// The columns to show, in the field options' order, with their display names.
function visibleColumns(labels, fieldOptions) {
  const options = fieldOptions || [];
  const ordered = [...labels].sort((a, b) => {
    const ia = options.findIndex((option) => option.internalName === a);
    const ib = options.findIndex((option) => option.internalName === b);
    return (ia < 0 ? 1e9 : ia) - (ib < 0 ? 1e9 : ib);
  });
  return ordered.map((name) => ({ name, index: labels.indexOf(name), option: options.find((option) => option.internalName === name) }))
    .filter(({ option }) => !option || option.visible !== false)
    .map(({ name, index, option }) => ({ index, title: (option && option.displayName) || name }));
}

export function renderTableCell(container, cell, results) {
  const { labels, rows } = toChartData(results);
  if (rows.length === 0) return container.replaceChildren(h("p", { class: "empty" }, "No Results"));
  const columns = visibleColumns(labels, cell.fieldOptions);
  const sortBy = { index: 0, descending: true };
  const table = h("table", { class: "table cell-table" });
  const draw = () => {
    const sorted = [...rows].sort((a, b) => {
      const x = a[sortBy.index] instanceof Date ? a[sortBy.index].getTime() : a[sortBy.index] ?? -Infinity;
      const y = b[sortBy.index] instanceof Date ? b[sortBy.index].getTime() : b[sortBy.index] ?? -Infinity;
      return sortBy.descending ? (x < y ? 1 : x > y ? -1 : 0) : (x < y ? -1 : x > y ? 1 : 0);
    });
    const head = h("tr", {}, columns.map((column) => {
      const button = h("button", { type: "button", class: "sort" }, column.title);
      button.addEventListener("click", () => {
        sortBy.descending = sortBy.index === column.index ? !sortBy.descending : true;
        sortBy.index = column.index;
        draw();
      });
      return h("th", { scope: "col", "aria-sort": sortBy.index === column.index ? (sortBy.descending ? "descending" : "ascending") : "none" }, button);
    }));
    const body = sorted.slice(0, 1000).map((row) => h("tr", {}, columns.map(({ index }) => tableCell(row[index], cell))));
    table.replaceChildren(h("thead", {}, head), h("tbody", {}, body));
  };
  draw();
  container.replaceChildren(h("div", { class: "cell-table-wrap" }, table));
}

function tableCell(value, cell) {
  if (value instanceof Date) return h("td", {}, formatTime(value.getTime(), cell.timeFormat));
  const td = h("td", {}, formatValue(value, cell));
  const color = typeof value === "number" ? thresholdColor(cell.colors, value) : null;
  if (color && color.type === "background") td.style.background = color.hex;
  else if (color && color.type === "text" && color.id !== "base") td.style.color = color.hex;
  return td;
}

/// A note: its Markdown drawn (as DOM nodes, never as HTML).
export function renderNote(container, cell) {
  container.replaceChildren(h("div", { class: "cell-note" }, renderMarkdown(cell.note || "")));
}
