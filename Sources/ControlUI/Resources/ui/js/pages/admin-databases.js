// The Databases tab: every database of the source with its retention policies. Databases are created here and
// dropped after typing `DELETE <name>`, as Chronograf asks; retention policies are edited by admin-retention.js.
import { api } from "../api.js";
import { h, loading, errorBlock } from "../dom.js";
import { field } from "../form.js";
import { notify } from "../notify.js";
import { failure, feedbackSlot, smallButton, sourcePath, whileBusy } from "./admin-shared.js";
import { policyTable, openPolicyForm } from "./admin-retention.js";

export async function renderDatabasesTab(root, sourceID) {
  const title = h("h2", { id: "databases-title" }, "Databases");
  const createSlot = h("div", {});
  const list = h("div", { class: "admin-databases" }, loading());
  const tab = { sourceID, list, title, names: [] };
  tab.reload = () => load(tab);
  const create = h("button", { type: "button", class: "button button-primary", "data-needs": "editor", onclick: () => openCreate(tab, createSlot) }, "+ Create Database");
  root.append(h("section", { class: "panel", "aria-labelledby": "databases-title" }, h("div", { class: "panel-heading" }, title, create), createSlot, list));
  await load(tab);
}

async function load(tab) {
  let databases;
  try {
    databases = (await api.databases(tab.sourceID)).databases || [];
  } catch (error) {
    tab.list.replaceChildren(failure("Could not list the databases.", error, tab.reload));
    return;
  }
  tab.names = databases.map((database) => database.name);
  tab.title.textContent = databases.length === 1 ? "1 Database" : `${databases.length} Databases`;
  if (databases.length === 0) return tab.list.replaceChildren(h("p", { class: "empty" }, "No databases yet."));
  tab.list.replaceChildren(...databases.map((database) => databaseSection(tab, database)));
}

function openCreate(tab, slot) {
  const name = field("Database Name", { autocomplete: "off", spellcheck: "false", placeholder: "Name this database" });
  const feedback = feedbackSlot();
  const submit = h("button", { type: "submit", class: "button button-primary" }, "Create");
  const cancel = h("button", { type: "button", class: "button", onclick: () => slot.replaceChildren() }, "Cancel");
  const form = h("form", { class: "admin-inline-form", "aria-label": "New database" }, name.element, h("div", { class: "form-actions" }, submit, cancel), feedback);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const wanted = name.input.value.trim();
    feedback.replaceChildren();
    if (!wanted) return feedback.replaceChildren(errorBlock("Name the database first."));
    if (tab.names.includes(wanted)) return feedback.replaceChildren(errorBlock(`A database named ${wanted} already exists.`));
    try {
      await whileBusy(submit, () => api.call("POST", sourcePath(tab.sourceID, "dbs"), { name: wanted }));
    } catch (error) {
      return feedback.replaceChildren(failure(`Could not create the database ${wanted}.`, error));
    }
    notify(`Database ${wanted} created.`);
    slot.replaceChildren();
    await tab.reload();
  });
  slot.replaceChildren(form);
  name.input.focus();
}

function databaseSection(tab, database) {
  const header = h("div", { class: "admin-db-header" });
  const formSlot = h("div", { class: "admin-db-form" });
  const section = h("section", { class: "admin-db", "data-db": database.name, "aria-label": `Database ${database.name}` }, header, policyTable(tab, database, formSlot), formSlot);
  showHeader(tab, database, header, formSlot);
  return section;
}

function showHeader(tab, database, header, formSlot) {
  const add = smallButton("+ Add Retention Policy", () => openPolicyForm(tab, database, formSlot), { kind: "button-primary", "data-needs": "editor" });
  // Chronograf never offers to drop InfluxDB's own monitoring database.
  const drop = database.name === "_internal"
    ? null
    : smallButton("Delete", () => confirmDrop(tab, database, header, () => showHeader(tab, database, header, formSlot)), {
      kind: "button-danger", "data-needs": "editor", "aria-label": `Delete database ${database.name}`,
    });
  header.replaceChildren(h("h3", {}, database.name), h("div", { class: "admin-actions" }, add, drop));
}

/// Dropping a database loses its data: the name must be typed, as Chronograf asks, before the button works.
function confirmDrop(tab, database, header, restore) {
  const code = `DELETE ${database.name}`;
  const typed = field(`Type ${code} to confirm`, { autocomplete: "off", spellcheck: "false", placeholder: code });
  const feedback = feedbackSlot();
  const confirm = h("button", { type: "submit", class: "button button-danger button-small", disabled: true }, "Delete Database");
  typed.input.addEventListener("input", () => (confirm.disabled = typed.input.value !== code));
  const form = h(
    "form",
    { class: "admin-confirm-drop", "aria-label": `Delete database ${database.name}` },
    typed.element,
    h("div", { class: "form-actions" }, confirm, smallButton("Cancel", restore)),
    feedback,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (typed.input.value !== code) return;
    feedback.replaceChildren();
    try {
      await whileBusy(confirm, () => api.call("DELETE", sourcePath(tab.sourceID, "dbs", database.name)));
    } catch (error) {
      return feedback.replaceChildren(failure(`Could not delete the database ${database.name}.`, error));
    }
    notify(`Database ${database.name} deleted.`);
    await tab.reload();
  });
  typed.input.addEventListener("keydown", (event) => event.key === "Escape" && restore());
  header.replaceChildren(h("h3", {}, database.name), form);
  typed.input.focus();
}
