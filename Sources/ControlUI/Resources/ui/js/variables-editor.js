// The dashboard's variables (Chronograf's template variables): added, changed and removed in a dialog. Resolves with
// the new list, or null when cancelled.
import { h } from "./dom.js";
import { variableTypes, defaultMetaQuery, typedValues } from "./template-vars.js";
import { showModal } from "./dialog.js";

const typeLabels = {
  tagValues: "Tag Values", tagKeys: "Tag Keys", fieldKeys: "Field Keys", measurements: "Measurements", databases: "Databases",
  csv: "CSV", map: "Map", constant: "Constant", text: "Text", influxql: "Custom Meta Query",
};
const needs = { tagValues: ["db", "measurement", "tagKey"], tagKeys: ["db", "measurement"], fieldKeys: ["db", "measurement"], measurements: ["db"] };

export function editVariables(templates) {
  const edited = structuredClone(templates);
  const list = h("div", { class: "variables-list" });
  const redraw = () => list.replaceChildren(...edited.map((template, index) => variableForm(template, index, () => {
    edited.splice(index, 1);
    redraw();
  })));
  redraw();
  const add = h("button", { type: "button", class: "button" }, "+ Add Variable");
  add.addEventListener("click", () => {
    edited.push({ tempVar: `:var${edited.length + 1}:`, values: [], id: crypto.randomUUID(), type: "tagValues", label: "", query: { influxql: defaultMetaQuery("tagValues"), db: "", measurement: "", tagKey: "", fieldKey: "" } });
    redraw();
  });
  const feedback = h("p", { class: "error-message", "aria-live": "assertive" });
  const cancel = h("button", { type: "button", class: "button" }, "Cancel");
  const save = h("button", { type: "button", class: "button button-success" }, "Save Variables");
  const dialog = h("dialog", { class: "dialog dialog-wide", "aria-label": "Variables" }, h("h2", {}, "Variables"), list, add, feedback, h("div", { class: "dialog-actions" }, cancel, save));
  const { done, finish } = showModal(dialog);
  cancel.addEventListener("click", () => finish(null));
  save.addEventListener("click", () => {
    const names = edited.map((template) => template.tempVar);
    const wrong = names.find((name) => !/^:[\w.-]+:$/.test(name) || ["::", ":dashboardTime:", ":upperDashboardTime:", ":interval:"].includes(name));
    if (wrong) return (feedback.textContent = `${wrong} is not a variable name one can use (letters, digits, _ between colons).`);
    if (new Set(names).size !== names.length) return (feedback.textContent = "Each variable needs its own name.");
    finish(edited);
  });
  return done;
}

function variableForm(template, index, remove) {
  const id = (name) => `variable-${index}-${name}`;
  const labelled = (name, label, control) => h("div", { class: "form-group" }, h("label", { for: id(name) }, label), control);
  const name = h("input", { type: "text", id: id("name"), value: template.tempVar.replace(/^:|:$/g, "") });
  name.addEventListener("change", () => (template.tempVar = `:${name.value.trim()}:`));
  const type = h("select", { id: id("type") }, variableTypes.map((value) => h("option", { value, selected: value === template.type }, typeLabels[value])));
  const details = h("div", { class: "form-grid editor-grid-3" });
  const drawDetails = () => details.replaceChildren(...detailFields(template, id, labelled));
  type.addEventListener("change", () => {
    template.type = type.value;
    template.values = [];
    template.query = needs[type.value] || type.value === "databases" ? { influxql: defaultMetaQuery(type.value), db: "", measurement: "", tagKey: "", fieldKey: "" }
      : type.value === "influxql" ? { influxql: "" } : undefined;
    drawDetails();
  });
  drawDetails();
  const removeButton = h("button", { type: "button", class: "button button-small button-danger", "aria-label": `Remove ${template.tempVar}` }, "Remove");
  removeButton.addEventListener("click", remove);
  return h("fieldset", { class: "variable" }, h("legend", {}, template.tempVar), h("div", { class: "form-grid editor-grid-3" }, labelled("name", "Name", name), labelled("type", "Type", type)), details, removeButton);
}

/// The inputs a type needs: its database, measurement and tag key, a query, or the values typed.
function detailFields(template, id, labelled) {
  const query = template.query || {};
  const text = (key, label, value, onChange, multiline = false) => {
    const control = multiline ? h("textarea", { id: id(key), rows: 3 }, value) : h("input", { type: "text", id: id(key), value });
    control.addEventListener("change", () => onChange(control.value));
    return labelled(key, label, control);
  };
  if (needs[template.type]) {
    const labels = { db: "Database", measurement: "Measurement", tagKey: "Tag Key" };
    return needs[template.type].map((key) => text(key, labels[key], query[key] || "", (value) => (query[key] = value)));
  }
  if (template.type === "databases") return [];
  if (template.type === "influxql") return [text("influxql", "Meta Query", query.influxql || "", (value) => (query.influxql = value), true)];
  const current = template.type === "map" ? (template.values || []).map((value) => `${value.key},${value.value}`).join("\n")
    : template.type === "csv" ? (template.values || []).map((value) => value.value).join(",") : ((template.values || [])[0] || { value: "" }).value;
  const label = { csv: "Values (comma separated)", map: "Keys and values (key,value per line)", constant: "Value", text: "Default value" }[template.type];
  return [text("values", label, current, (value) => (template.values = typedValues(template.type, value)), template.type === "map")];
}
