// A dashboard: its cells on the grid, drawn for the chosen time range and variable values; cells added, moved,
// resized, edited, cloned and deleted; variables; zoom by dragging across a graph; annotations; auto-refresh and
// presentation mode. The range, refresh and variable values live in the URL, so a link shows the same view.
import { h, loading, errorBlock } from "../dom.js";
import { api } from "../api.js";
import { notify } from "../notify.js";
import { confirmDialog } from "../dialog.js";
import { setCurrentSource } from "../nav.js";
import { allows } from "../roles.js";
import { renderGrid, nextFreeRow } from "../dashboard-grid.js";
import { renderCellBody } from "../cell-view.js";
import { editCell } from "../cell-editor.js";
import { editVariables } from "../variables-editor.js";
import { resolveVariables } from "../template-vars.js";
import { timeRangePicker, refreshPicker, rangeMillis } from "../time-range.js";
import { annotationDialog } from "../annotation-dialog.js";
import { withoutLinks, exportDashboard } from "./dashboards.js";

export async function renderDashboard(page, { id, dashboardID }) {
  setCurrentSource(id);
  const view = new DashboardView(page, id, dashboardID);
  await view.load();
  return () => view.stop();
}

class DashboardView {
  constructor(page, sourceID, dashboardID) {
    const params = new URLSearchParams(location.search);
    this.page = page;
    this.sourceID = sourceID;
    this.dashboardID = dashboardID;
    this.range = { lower: params.get("lower") || "now() - 1h", upper: params.get("upper") || null };
    this.refresh = Number(params.get("refresh") || 0);
    this.chosen = Object.fromEntries([...params].filter(([key]) => key.startsWith("tv.")).map(([key, value]) => [`:${key.slice(3)}:`, value]));
    this.annotating = false;
    this.timer = null;
    this.editable = allows("editor");
  }

  async load() {
    this.page.replaceChildren(loading());
    try {
      this.dashboard = await api.dashboard(this.dashboardID);
      this.templates = await resolveVariables(this.sourceID, this.dashboard.templates || [], this.chosen);
    } catch (error) {
      return this.page.replaceChildren(errorBlock("Could not load this dashboard.", error.reason || error.message, () => this.load()));
    }
    this.header = h("div", { class: "dashboard-header" });
    this.variablesBar = h("div", { class: "variables-bar", role: "group", "aria-label": "Variables" });
    this.gridSlot = h("div", { class: "grid-slot" });
    this.page.replaceChildren(this.header, this.variablesBar, this.gridSlot);
    this.drawHeader();
    this.drawVariables();
    this.drawGrid();
    this.schedule();
  }

  stop() {
    clearInterval(this.timer);
    document.body.classList.remove("presentation");
    document.removeEventListener("keydown", this.escape);
  }

  /// The view's state in the URL (replacing the entry, so Back leaves the dashboard).
  remember() {
    const params = new URLSearchParams();
    params.set("lower", this.range.lower);
    if (this.range.upper) params.set("upper", this.range.upper);
    if (this.refresh) params.set("refresh", String(this.refresh));
    for (const template of this.templates) {
      const value = (template.values.find((item) => item.selected) || {}).value;
      if (value !== undefined) params.set(`tv.${template.tempVar.replace(/^:|:$/g, "")}`, value);
    }
    history.replaceState({}, "", `${location.pathname}?${params}`);
  }

  drawHeader() {
    const title = h("h1", { class: "dashboard-name" }, this.dashboard.name);
    const rename = h("button", { type: "button", class: "button button-small", "aria-label": "Rename dashboard" }, "Rename");
    rename.addEventListener("click", () => this.rename(title));
    const button = (label, run, needs) => {
      const element = h("button", { type: "button", class: "button" }, label);
      element.addEventListener("click", run);
      element.hidden = needs === "editor" && !this.editable;
      return element;
    };
    this.annotateButton = button("Annotate", () => this.toggleAnnotating(), "editor");
    this.annotateButton.setAttribute("aria-pressed", "false");
    this.header.replaceChildren(
      h("div", { class: "dashboard-title" }, title, this.editable ? rename : null),
      h("div", { class: "dashboard-controls" },
        button("+ Add Cell", () => this.addCell(), "editor"), button("Variables", () => this.editTemplates(), "editor"), this.annotateButton,
        timeRangePicker(this.range, (range) => this.setRange(range)), refreshPicker(this.refresh, (every) => this.setRefresh(every)),
        button("Export", () => exportDashboard(this.sourceID, this.dashboard)), button("Present", () => this.present())),
    );
  }

  drawVariables() {
    this.variablesBar.hidden = this.templates.length === 0;
    this.variablesBar.replaceChildren(...this.templates.map((template, index) => {
      const id = `variable-choice-${index}`;
      const select = h("select", { id }, template.values.map((value) => h("option", { value: value.value, selected: value.selected }, value.key || value.value)));
      select.addEventListener("change", () => this.choose(template.tempVar, select.value));
      return h("span", { class: "variable-choice" }, h("label", { for: id }, template.tempVar), select);
    }));
  }

  async choose(tempVar, value) {
    this.chosen[tempVar] = value;
    this.templates = await resolveVariables(this.sourceID, this.dashboard.templates || [], this.currentChoices());
    this.remember();
    this.drawVariables();
    this.drawCells();
  }

  currentChoices() {
    const choices = { ...this.chosen };
    for (const template of this.templates || []) {
      const selected = template.values.find((value) => value.selected);
      if (selected && choices[template.tempVar] === undefined) choices[template.tempVar] = selected.value;
    }
    return choices;
  }

  drawGrid() {
    const cells = this.dashboard.cells || [];
    if (cells.length === 0) {
      this.bodies = new Map();
      return this.gridSlot.replaceChildren(h("p", { class: "empty" }, "This dashboard has no cells yet.", this.editable ? " Add one with “+ Add Cell”." : ""));
    }
    const { grid, bodies } = renderGrid(cells, (cell) => this.makeCell(cell), () => this.save(), { editable: this.editable });
    this.bodies = bodies;
    this.gridSlot.replaceChildren(grid);
    this.drawCells();
  }

  makeCell(cell) {
    const body = h("div", { class: "cell-body" });
    const actions = this.editable ? [
      ["Edit", () => this.edit(cell)], ["Clone", () => this.cloneCell(cell)], ["Delete", () => this.deleteCell(cell)],
    ].map(([label, run]) => {
      const button = h("button", { type: "button", class: "cell-action", "aria-label": `${label} ${cell.name || "cell"}` }, label);
      button.addEventListener("click", run);
      return button;
    }) : [];
    const header = h("div", { class: "cell-header" }, h("span", { class: "cell-name" }, cell.name || ""), h("span", { class: "cell-actions" }, actions));
    return { element: h("section", { class: "dashboard-cell", "data-cell": cell.i, "aria-label": cell.name || "Untitled cell" }, header, body), header, body };
  }

  /// Draws every cell at once; records how long the whole dashboard took (`data-rendered-ms` on the grid).
  async drawCells() {
    const started = performance.now();
    const millis = rangeMillis(this.range);
    // Asked while the cells' queries run; a source that cannot keep annotations still draws its graphs.
    const annotations = api.annotations(this.sourceID, new Date(millis.from).toISOString(), new Date(millis.to).toISOString()).catch(() => []);
    const context = {
      sourceID: this.sourceID, templates: this.templates, range: this.range, rangeMillis: millis, annotations,
      onZoom: (from, to) => this.setRange({ lower: new Date(from).toISOString(), upper: new Date(to).toISOString() }),
      onClickTime: (time, annotation) => this.clickedTime(time, annotation),
    };
    const cells = this.dashboard.cells || [];
    // A cell that fails (a variable's lookup, a drawing error) says so in itself; the others still draw.
    await Promise.all(cells.map((cell) => {
      const body = this.bodies.get(cell.i);
      return renderCellBody(body, cell, context).catch((error) => body.replaceChildren(h("p", { class: "cell-error", role: "alert" }, error.message)));
    }));
    const grid = this.gridSlot.querySelector(".dashboard-grid");
    if (grid) grid.dataset.renderedMs = String(Math.round(performance.now() - started));
  }

  setRange(range) {
    this.range = range;
    this.remember();
    this.drawHeader();
    this.drawCells();
  }

  setRefresh(every) {
    this.refresh = every;
    this.remember();
    this.schedule();
  }

  schedule() {
    clearInterval(this.timer);
    if (this.refresh > 0) this.timer = setInterval(() => this.drawCells(), this.refresh);
  }

  /// Stores the dashboard; new cells get the ids the server gave them and their queries the builder states it made
  /// of them, and the cell objects the grid moves stay the same ones.
  async save() {
    try {
      await api.replaceDashboard(this.dashboard.id, withoutLinks(this.dashboard));
      const stored = await api.dashboard(this.dashboard.id);
      this.dashboard.cells.forEach((cell, index) => {
        const kept = stored.cells[index];
        if (!kept) return;
        if (!cell.i) cell.i = kept.i;
        (cell.queries || []).forEach((query, position) => (query.queryConfig = (kept.queries[position] || {}).queryConfig));
      });
    } catch (error) {
      notify(`Could not save the dashboard: ${error.message}`, "error");
    }
  }

  async rename(title) {
    const input = h("input", { type: "text", id: "dashboard-name", value: this.dashboard.name, "aria-label": "Dashboard name" });
    title.replaceChildren(input);
    input.focus();
    const done = async () => {
      const name = input.value.trim();
      if (name && name !== this.dashboard.name) {
        this.dashboard.name = name;
        await this.save();
      }
      this.drawHeader();
    };
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") done();
      if (event.key === "Escape") this.drawHeader();
    });
    input.addEventListener("blur", done, { once: true });
  }

  context() {
    return { sourceID: this.sourceID, templates: this.templates, range: this.range, rangeMillis: rangeMillis(this.range), annotations: [] };
  }

  async addCell() {
    const cells = this.dashboard.cells || [];
    const cell = await editCell({ i: "", x: 0, y: nextFreeRow(cells), w: 4, h: 4, name: "Untitled Graph", type: "line", queries: [] }, this.context());
    if (!cell) return;
    this.dashboard.cells = [...cells, cell];
    await this.save();
    this.drawGrid();
  }

  async edit(cell) {
    const edited = await editCell(cell, this.context());
    if (!edited) return;
    this.dashboard.cells = this.dashboard.cells.map((other) => (other.i === cell.i ? edited : other));
    await this.save();
    this.drawGrid();
  }

  async cloneCell(cell) {
    const copy = { ...structuredClone(cell), i: "", y: nextFreeRow(this.dashboard.cells), name: `${cell.name} (clone)` };
    this.dashboard.cells = [...this.dashboard.cells, copy];
    await this.save();
    this.drawGrid();
  }

  async deleteCell(cell) {
    if (!(await confirmDialog(`Delete ${cell.name || "this cell"}?`))) return;
    this.dashboard.cells = this.dashboard.cells.filter((other) => other.i !== cell.i);
    await this.save();
    this.drawGrid();
  }

  async editTemplates() {
    const templates = await editVariables(this.dashboard.templates || []);
    if (!templates) return;
    this.dashboard.templates = templates;
    await this.save();
    this.templates = await resolveVariables(this.sourceID, this.dashboard.templates, this.currentChoices());
    this.drawVariables();
    this.drawCells();
  }

  toggleAnnotating() {
    this.annotating = !this.annotating;
    this.annotateButton.setAttribute("aria-pressed", String(this.annotating));
    this.gridSlot.classList.toggle("annotating", this.annotating);
    if (this.annotating) notify("Click a graph where the annotation goes.");
  }

  async clickedTime(time, annotation) {
    if (!this.annotating && !annotation) return;
    const at = new Date(time).toISOString();
    const target = this.annotating ? { startTime: at, endTime: at, text: "" } : annotation;
    if (this.annotating) this.toggleAnnotating();
    if (await annotationDialog(this.sourceID, target)) this.drawCells();
  }

  present() {
    document.body.classList.add("presentation");
    notify("Presentation mode: press Escape to leave.");
    this.escape = (event) => {
      if (event.key !== "Escape") return;
      document.body.classList.remove("presentation");
      document.removeEventListener("keydown", this.escape);
    };
    document.addEventListener("keydown", this.escape);
  }
}

