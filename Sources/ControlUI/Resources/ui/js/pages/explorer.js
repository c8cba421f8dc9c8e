// The Data Explorer: pick db.rp → measurement → fields (with a function) → tags, group by time and tags; the
// InfluxQL it makes is shown and editable; "Submit Query" draws the result as a chart or a table.
import { h, loading, errorBlock } from "../dom.js";
import { api } from "../api.js";
import { setCurrentSource } from "../nav.js";
import { buildQuery, columnValues, functions, quoteIdentifier, ranges } from "../influxql.js";
import { renderChart, renderTable } from "../chart.js";
import { sendToDashboard } from "../send-to-dashboard.js";

export async function renderExplorer(page, { id }) {
  setCurrentSource(id);
  const slot = h("div", {}, loading());
  page.append(h("div", { class: "page-header" }, h("h1", {}, "Explore")), slot);
  let databases;
  try {
    databases = (await api.databases(id)).databases;
  } catch (error) {
    return slot.replaceChildren(errorBlock("Could not list databases.", error.reason || error.message));
  }
  slot.replaceChildren();
  new Explorer(slot, id, databases, { onSendToDashboard: (query) => sendToDashboard(id, query) }).render();
}

/// The builder and its query box. `options`: `query` to start from, `onQuery(text)` told of every change (the cell
/// editor embeds it this way), `onSendToDashboard(text)` offered as a button.
export class Explorer {
  constructor(root, sourceID, databases, options = {}) {
    this.root = root;
    this.sourceID = sourceID;
    this.databases = databases;
    this.options = options;
    this.state = {
      db: "", rp: "", measurement: "", fields: [], tags: {}, groupByTime: "auto", groupByTags: [], fill: "null", range: "1h",
      forDashboard: Boolean(options.forDashboard),
    };
    this.edited = false;
    this.view = "graph";
    this.lastResults = null;
  }

  render() {
    this.dbColumn = h("div", { class: "explorer-column", role: "group", "aria-labelledby": "col-db" });
    this.measurementColumn = h("div", { class: "explorer-column", role: "group", "aria-labelledby": "col-measurements" });
    this.fieldColumn = h("div", { class: "explorer-column", role: "group", "aria-labelledby": "col-fields" });
    this.queryBox = h("textarea", { id: "query-text", class: "query-text", rows: 3, spellcheck: "false" });
    this.queryBox.addEventListener("input", () => {
      this.edited = this.queryBox.value !== buildQuery(this.state);
      if (this.options.onQuery) this.options.onQuery(this.queryBox.value);
    });
    if (this.options.query) {
      this.queryBox.value = this.options.query;
      this.edited = true;
    }
    this.results = h("div", { class: "results", id: "results" });
    this.feedback = h("div", { "aria-live": "assertive" });
    const submit = h("button", { type: "button", class: "button button-primary", onclick: () => this.run() }, "Submit Query");
    const send = this.options.onSendToDashboard
      ? h("button", { type: "button", class: "button", "data-needs": "editor", onclick: () => this.options.onSendToDashboard(this.queryBox.value.trim()) }, "Send to Dashboard")
      : null;
    const tabs = h(
      "div",
      { class: "tabs", role: "tablist" },
      ["Graph", "Table"].map((label) => {
        const tab = h("button", { type: "button", role: "tab", class: "tab", "aria-selected": String(this.view === label.toLowerCase()) }, label);
        tab.addEventListener("click", () => {
          this.view = label.toLowerCase();
          for (const other of tabs.children) other.setAttribute("aria-selected", String(other === tab));
          this.show();
        });
        return tab;
      }),
    );
    this.root.append(
      h(
        "section",
        { class: "panel explorer" },
        h("div", { class: "explorer-heading" }, h("h2", { id: "col-db" }, "DB.RetentionPolicy"), h("h2", { id: "col-measurements" }, "Measurements & Tags"), h("h2", { id: "col-fields" }, "Fields")),
        h("div", { class: "explorer-columns" }, this.dbColumn, this.measurementColumn, this.fieldColumn),
        this.groupByControls(),
      ),
      h("section", { class: "panel" }, h("label", { for: "query-text", class: "editor-label" }, "InfluxQL"), this.queryBox, h("div", { class: "form-actions" }, submit, this.rangeSelect(), send), this.feedback),
      h("section", { class: "panel" }, tabs, this.results),
    );
    this.renderDatabases();
  }

  rangeSelect() {
    const select = h("select", { id: "range", "aria-label": "Time range" }, Object.entries(ranges).map(([label, value]) => h("option", { value, selected: value === this.state.range }, label)));
    select.addEventListener("change", () => this.update({ range: select.value }));
    return select;
  }

  groupByControls() {
    const time = h("select", { id: "group-time" }, ["auto", "none", "10s", "1m", "5m", "10m", "30m", "1h"].map((value) => h("option", { value }, value === "auto" ? "auto" : value)));
    time.addEventListener("change", () => this.update({ groupByTime: time.value }));
    const fill = h("select", { id: "fill" }, ["null", "none", "previous", "linear", "0"].map((value) => h("option", { value }, value)));
    fill.addEventListener("change", () => this.update({ fill: fill.value }));
    this.groupTags = h("span", { class: "group-tags" });
    return h(
      "div",
      { class: "group-by" },
      h("label", { for: "group-time" }, "Group by time:"), time,
      h("label", { for: "fill" }, "Fill:"), fill,
      h("span", {}, "Group by tags:"), this.groupTags,
    );
  }

  update(change) {
    Object.assign(this.state, change);
    if (this.edited) return;
    this.queryBox.value = buildQuery(this.state);
    if (this.options.onQuery) this.options.onQuery(this.queryBox.value);
  }

  async meta(query) {
    const answer = await api.query(this.sourceID, { query, db: this.state.db, rp: this.state.rp });
    const result = (answer.results || [])[0] || {};
    if (result.error) throw new Error(result.error);
    return result;
  }

  renderDatabases() {
    const items = this.databases.flatMap((db) => (db.retentionPolicies || []).map((rp) => ({ db: db.name, rp: rp.name })));
    if (items.length === 0) return this.dbColumn.replaceChildren(h("p", { class: "empty" }, "No databases."));
    this.dbColumn.replaceChildren(
      h(
        "ul",
        { class: "pick-list" },
        items.map((item) => this.pick(`${item.db}.${item.rp}`, this.state.db === item.db && this.state.rp === item.rp, () => this.chooseDatabase(item))),
      ),
    );
  }

  pick(label, selected, onclick) {
    return h("li", {}, h("button", { type: "button", class: "pick", "aria-pressed": String(selected), onclick }, label));
  }

  async chooseDatabase({ db, rp }) {
    this.update({ db, rp, measurement: "", fields: [], tags: {}, groupByTags: [] });
    this.renderDatabases();
    this.fieldColumn.replaceChildren();
    this.measurementColumn.replaceChildren(loading());
    try {
      const names = columnValues(await this.meta(`SHOW MEASUREMENTS ON ${quoteIdentifier(db)}`), "name");
      this.measurementColumn.replaceChildren(
        names.length ? h("ul", { class: "pick-list" }, names.map((name) => this.measurementItem(name))) : h("p", { class: "empty" }, "No measurements."),
      );
    } catch (error) {
      this.measurementColumn.replaceChildren(errorBlock("Could not list measurements.", error.message));
    }
  }

  measurementItem(name) {
    const tagsSlot = h("div", { class: "tag-list" });
    const item = this.pick(name, this.state.measurement === name, () => this.chooseMeasurement(name, tagsSlot));
    item.append(tagsSlot);
    return item;
  }

  async chooseMeasurement(name, tagsSlot) {
    this.update({ measurement: name, fields: [], tags: {}, groupByTags: [] });
    for (const button of this.measurementColumn.querySelectorAll(":scope > ul > li > .pick")) button.setAttribute("aria-pressed", String(button.textContent === name));
    for (const slot of this.measurementColumn.querySelectorAll(".tag-list")) slot.replaceChildren();
    this.fieldColumn.replaceChildren(loading());
    tagsSlot.replaceChildren(loading("Loading tags…"));
    const on = quoteIdentifier(this.state.db);
    try {
      const [fields, tagKeys] = await Promise.all([
        this.meta(`SHOW FIELD KEYS ON ${on} FROM ${quoteIdentifier(name)}`).then((r) => columnValues(r, "fieldKey")),
        this.meta(`SHOW TAG KEYS ON ${on} FROM ${quoteIdentifier(name)}`).then((r) => columnValues(r, "tagKey")),
      ]);
      this.renderFields(fields);
      this.renderTagKeys(tagsSlot, name, tagKeys);
    } catch (error) {
      this.fieldColumn.replaceChildren(errorBlock("Could not list fields and tags.", error.message));
    }
  }

  renderFields(fields) {
    if (fields.length === 0) return this.fieldColumn.replaceChildren(h("p", { class: "empty" }, "No fields."));
    this.fieldColumn.replaceChildren(h("ul", { class: "field-list" }, fields.map((field) => this.fieldItem(field))));
  }

  fieldItem(name) {
    const box = h("input", { type: "checkbox", id: `field-${name}`, "data-field": name });
    const fn = h("select", { "aria-label": `Function for ${name}`, disabled: true }, ["raw", ...functions].map((f) => h("option", { value: f, selected: f === "mean" }, f === "raw" ? "(raw)" : f)));
    const sync = () => {
      fn.disabled = !box.checked;
      const others = this.state.fields.filter((field) => field.name !== name);
      this.update({ fields: box.checked ? [...others, { name, fn: fn.value }] : others });
    };
    box.addEventListener("change", sync);
    fn.addEventListener("change", sync);
    return h("li", {}, box, h("label", { for: `field-${name}` }, name), fn);
  }

  renderTagKeys(slot, measurement, keys) {
    this.groupTags.replaceChildren(
      ...keys.map((key) => {
        const box = h("input", { type: "checkbox", id: `group-${key}` });
        box.addEventListener("change", () => this.update({ groupByTags: box.checked ? [...this.state.groupByTags, key] : this.state.groupByTags.filter((tag) => tag !== key) }));
        return h("span", { class: "group-tag" }, box, h("label", { for: `group-${key}` }, key));
      }),
    );
    slot.replaceChildren(...keys.map((key) => this.tagKeyItem(measurement, key)));
  }

  tagKeyItem(measurement, key) {
    const values = h("ul", { class: "tag-values", hidden: true });
    const toggle = h("button", { type: "button", class: "tag-key", "aria-expanded": "false" }, key);
    toggle.addEventListener("click", async () => {
      const open = values.hidden;
      values.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
      if (!open || values.childElementCount) return;
      const query = `SHOW TAG VALUES ON ${quoteIdentifier(this.state.db)} FROM ${quoteIdentifier(measurement)} WITH KEY = ${quoteIdentifier(key)}`;
      try {
        for (const value of columnValues(await this.meta(query), "value")) values.append(this.tagValueItem(key, value));
      } catch (error) {
        values.append(h("li", { class: "error-message" }, error.message));
      }
    });
    return h("div", { class: "tag-key-item" }, toggle, values);
  }

  tagValueItem(key, value) {
    const button = h("button", { type: "button", class: "pick tag-value", "aria-pressed": "false" }, value);
    button.addEventListener("click", () => {
      const chosen = new Set(this.state.tags[key] || []);
      if (chosen.has(value)) chosen.delete(value);
      else chosen.add(value);
      button.setAttribute("aria-pressed", String(chosen.has(value)));
      this.update({ tags: { ...this.state.tags, [key]: [...chosen] } });
    });
    return h("li", {}, button);
  }

  async run() {
    const query = this.queryBox.value.trim();
    this.feedback.replaceChildren();
    if (!query) return this.feedback.replaceChildren(errorBlock("Pick a measurement and a field, or write a query."));
    this.results.replaceChildren(loading("Running query…"));
    try {
      const answer = await api.query(this.sourceID, { query, db: this.state.db, rp: this.state.rp });
      const failed = (answer.results || []).find((result) => result.error);
      if (failed) {
        this.results.replaceChildren();
        return this.feedback.replaceChildren(errorBlock(failed.error));
      }
      this.lastResults = answer.results || [];
      await this.show();
    } catch (error) {
      this.results.replaceChildren();
      this.feedback.replaceChildren(errorBlock(error.message, error.reason));
    }
  }

  async show() {
    if (!this.lastResults) return;
    if (this.view === "graph") await renderChart(this.results, this.lastResults);
    else renderTable(this.results, this.lastResults);
  }
}
