// The Configuration page: every InfluxDB connection with its Kapacitor connections, as Chronograf's "Connections".
import { api } from "../api.js";
import { h, loading, errorBlock } from "../dom.js";
import { confirmDialog } from "../dialog.js";
import { notify } from "../notify.js";
import { setCurrentSource } from "../nav.js";
import { allows } from "../roles.js";

export async function renderConfiguration(page, { id }) {
  setCurrentSource(id);
  const body = h("div", { class: "panel-body" }, loading());
  page.append(
    h("div", { class: "page-header" }, h("h1", {}, "Configuration")),
    h(
      "section",
      { class: "panel", "aria-labelledby": "connections-title" },
      h("div", { class: "panel-heading" }, h("h2", { id: "connections-title" }, "Connections"), h("a", { class: "button button-primary", href: "/sources/new", "data-link": "", "data-needs": "editor" }, "+ Add Connection")),
      body,
    ),
  );
  await load(body, id);
}

async function load(body, currentID) {
  body.replaceChildren(loading());
  let sources;
  try {
    sources = await api.sources();
  } catch (error) {
    body.replaceChildren(errorBlock("Could not load connections.", error.message, () => load(body, currentID)));
    return;
  }
  if (sources.length === 0) {
    body.replaceChildren(h("p", { class: "empty" }, "No InfluxDB connections yet. Add one to get started."));
    return;
  }
  const rows = await Promise.all(sources.map((source) => sourceRow(source, currentID, () => load(body, currentID))));
  body.replaceChildren(
    h(
      "table",
      { class: "table", id: "connections" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Connect")),
          h("th", { scope: "col" }, "InfluxDB Connection"),
          h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Delete")),
          h("th", { scope: "col", title: "Kapacitor Connections are scoped per InfluxDB Connection. Only one can be active at a time." }, "Kapacitor Connection"),
        ),
      ),
      h("tbody", {}, rows),
    ),
  );
}

async function sourceRow(source, currentID, reload) {
  const isCurrent = String(source.id) === String(currentID);
  const fromFile = Boolean(source.resourceFile);
  const connect = isCurrent
    ? h("button", { type: "button", class: "button button-success", disabled: true }, "Connected")
    : h("a", { class: "button", href: `/sources/${source.id}/manage-sources`, "data-link": "" }, "Connect");
  const name = fromFile || !allows("editor")
    ? h("strong", { class: "source-name" }, source.name)
    : h("a", { class: "source-name", href: `/sources/${source.id}/edit`, "data-link": "" }, h("strong", {}, source.name));
  const description = h(
    "td",
    {},
    name,
    source.default ? h("span", { class: "default-badge" }, " (Default)") : null,
    fromFile ? h("span", { class: "file-badge", title: "Defined in a resource file; change it there" }, `from ${source.resourceFile}`) : null,
    h("div", { class: "source-url" }, source.url),
  );
  const remove = fromFile
    ? h("td", {})
    : h("td", {}, h("button", { type: "button", class: "button button-danger button-small", "data-needs": "editor", "aria-label": `Delete Connection ${source.name}`, onclick: () => deleteSource(source, reload) }, "Delete Connection"));
  return h("tr", { class: isCurrent ? "current" : "", "data-source": source.id }, h("td", {}, connect), description, remove, h("td", {}, await kapacitorCell(source, reload)));
}

async function deleteSource(source, reload) {
  if (!(await confirmDialog(`Delete the connection ${source.name}?`, "Delete Connection"))) return;
  try {
    await api.deleteSource(source.id);
    notify(`${source.name} deleted successfully.`);
  } catch (error) {
    notify(`There was a problem deleting ${source.name}.`, "error");
  }
  reload();
}

async function kapacitorCell(source, reload) {
  let kapacitors;
  try {
    kapacitors = await api.kapacitors(source.id);
  } catch (error) {
    return h("span", { class: "error-message" }, `Could not load Kapacitor connections: ${error.message}`);
  }
  const add = h("a", { class: "button button-small", href: `/sources/${source.id}/kapacitors/new`, "data-link": "", "data-needs": "editor" }, "+ Add Kapacitor Connection");
  if (kapacitors.length === 0) return add;
  const active = kapacitors.find((kapacitor) => kapacitor.active) || kapacitors[0];
  const select = h(
    "select",
    { "aria-label": `Kapacitor Connection for ${source.name}`, class: "kapacitor-select", disabled: !allows("editor") },
    kapacitors.map((kapacitor) => h("option", { value: kapacitor.id, selected: kapacitor.id === active.id }, kapacitor.name + (kapacitor.resourceFile ? ` (from ${kapacitor.resourceFile})` : ""))),
  );
  select.addEventListener("change", async () => {
    const chosen = kapacitors.find((kapacitor) => kapacitor.id === select.value);
    try {
      await api.updateKapacitor(source.id, chosen.id, { active: true });
      notify(`${chosen.name} is now the active Kapacitor of ${source.name}.`);
    } catch (error) {
      notify(`Could not make ${chosen.name} active: ${error.message}`, "error");
    }
    reload();
  });
  const editable = !active.resourceFile;
  return h(
    "div",
    { class: "kapacitor-cell" },
    select,
    editable ? h("a", { class: "button button-small", href: `/sources/${source.id}/kapacitors/${active.id}/edit`, "data-link": "", "data-needs": "editor", "aria-label": `Edit Kapacitor ${active.name}` }, "Edit") : null,
    editable ? h("button", { type: "button", class: "button button-small button-danger", "data-needs": "editor", "aria-label": `Delete Kapacitor ${active.name}`, onclick: () => deleteKapacitor(source, active, reload) }, "Delete") : null,
    h("a", { class: "link-small", href: `/sources/${source.id}/kapacitors/new`, "data-link": "", "data-needs": "editor" }, "Add Kapacitor Connection"),
  );
}

async function deleteKapacitor(source, kapacitor, reload) {
  if (!(await confirmDialog(`Delete the Kapacitor connection ${kapacitor.name}?`, "Delete"))) return;
  try {
    await api.deleteKapacitor(source.id, kapacitor.id);
    notify(`${kapacitor.name} deleted successfully.`);
  } catch {
    notify("Internal Server Error. Could not delete Kapacitor Connection.", "error");
  }
  reload();
}
