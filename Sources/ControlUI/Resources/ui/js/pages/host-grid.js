// A host page's grid: every cell of the layouts chosen, placed as Chronograf places them (the cells of
// `autoflow` layouts four columns wide in rows of three, then each fixed layout below with its own positions), each
// drawn as a line chart of its queries for the host and time range.
import { h, loading, errorBlock } from "../dom.js";
import { api } from "../api.js";
import { renderChart } from "../chart.js";
import { layoutQueryText } from "./host-queries.js";

const columns = 12;
const flowWidth = 4;
const flowHeight = 4;

/// The cells of the layouts, each with its grid position `{x, y, w, h}` on a page twelve columns wide.
export function positionCells(layouts) {
  const flowing = layouts.filter((layout) => layout.autoflow).flatMap((layout) => layout.cells || []);
  const groups = [
    flowing.map((cell, index) => ({
      ...cell,
      x: (index * flowWidth) % columns,
      y: Math.floor((index * flowWidth) / columns) * flowHeight,
      w: flowWidth,
      h: flowHeight,
    })),
    ...layouts.filter((layout) => !layout.autoflow).map((layout) => layout.cells || []),
  ];
  const placed = [];
  let top = 0;
  for (const group of groups) {
    let bottom = top;
    for (const cell of group) {
      const moved = { ...cell, x: cell.x || 0, y: (cell.y || 0) + top, w: cell.w || flowWidth, h: cell.h || flowHeight };
      bottom = Math.max(bottom, moved.y + moved.h);
      placed.push(moved);
    }
    top = bottom;
  }
  return placed;
}

export class HostGrid {
  /// `context`: {sourceID, telegraf, host, range}; `range` may change between draws.
  constructor(cells, context) {
    this.cells = cells;
    this.context = context;
    this.element = h("div", { class: "host-grid", id: "host-cells" });
    this.slots = cells.map((cell) => this.cellElement(cell));
  }

  cellElement(cell) {
    const labels = [...new Set((cell.queries || []).map((query) => query.label).filter(Boolean))].join(", ");
    const body = h("div", { class: "host-cell-body" });
    const titleID = `cell-${cell.i || Math.random().toString(36).slice(2)}`;
    const section = h(
      "section",
      {
        class: "host-cell",
        "aria-labelledby": titleID,
        style: `grid-column: ${cell.x + 1} / span ${cell.w}; grid-row: ${cell.y + 1} / span ${cell.h};`,
      },
      h("header", { class: "host-cell-header" }, h("h2", { id: titleID }, cell.name || "Untitled"), labels ? h("span", { class: "host-cell-unit" }, labels) : null),
      body,
    );
    this.element.append(section);
    return { cell, body, drawn: 0 };
  }

  /// Runs every cell's queries again; an answer that arrives after a newer draw started is dropped.
  drawAll() {
    return Promise.all(this.slots.map((slot) => this.draw(slot)));
  }

  async draw(slot) {
    const generation = ++slot.drawn;
    const queries = (slot.cell.queries || []).map((query) => layoutQueryText(query, this.context));
    if (!slot.body.firstChild) slot.body.append(loading("Loading…"));
    slot.body.dataset.query = queries.join(";\n");
    try {
      const answer = await api.query(this.context.sourceID, { query: queries.join(";\n"), db: this.context.telegraf.db, rp: this.context.telegraf.rp });
      if (generation !== slot.drawn) return;
      const results = answer.results || [];
      const failed = results.find((result) => result.error);
      if (failed) return slot.body.replaceChildren(errorBlock("This cell's query failed.", failed.error));
      await renderChart(slot.body, results);
    } catch (error) {
      if (generation === slot.drawn) slot.body.replaceChildren(errorBlock("This cell's query failed.", error.reason || error.message));
    }
  }
}
