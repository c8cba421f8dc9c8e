// The Dashboards page: the organization's dashboards, created, cloned, deleted, imported from and exported to
// Chronograf's export format (`{"meta": {…}, "dashboard": {…}}`).
import { h, loading, errorBlock } from "../dom.js";
import { api } from "../api.js";
import { confirmDialog, showModal } from "../dialog.js";
import { notify } from "../notify.js";
import { navigate } from "../router.js";
import { setCurrentSource } from "../nav.js";
import { allows } from "../roles.js";

export async function renderDashboards(page, { id }) {
  setCurrentSource(id);
  const body = h("div", {}, loading());
  page.append(h("div", { class: "page-header" }, h("h1", {}, "Dashboards")), body);
  await load(body, id);
}

async function load(body, sourceID) {
  let dashboards;
  try {
    dashboards = await api.dashboards();
  } catch (error) {
    return body.replaceChildren(errorBlock("Could not load dashboards.", error.reason || error.message, () => load(body, sourceID)));
  }
  const reload = () => load(body, sourceID);
  const create = h("button", { type: "button", class: "button button-primary", "data-needs": "editor" }, "+ Create Dashboard");
  create.addEventListener("click", async () => {
    try {
      const made = await api.createDashboard({ name: "Name This Dashboard", cells: [], templates: [] });
      navigate(`/sources/${sourceID}/dashboards/${made.id}`);
    } catch (error) {
      notify(`Could not create a dashboard: ${error.message}`, "error");
    }
  });
  const importButton = h("button", { type: "button", class: "button", "data-needs": "editor" }, "Import Dashboard");
  importButton.addEventListener("click", () => importDialog(sourceID));
  const filter = h("input", { type: "search", id: "dashboard-filter", placeholder: "Filter by Name…", "aria-label": "Filter dashboards by name" });
  const rows = dashboards.map((dashboard) => dashboardRow(sourceID, dashboard, reload));
  filter.addEventListener("input", () => {
    const wanted = filter.value.toLowerCase();
    rows.forEach((row, index) => (row.hidden = !dashboards[index].name.toLowerCase().includes(wanted)));
  });
  const heading = h("div", { class: "panel-heading" }, h("h2", {}, `${dashboards.length} Dashboard${dashboards.length === 1 ? "" : "s"}`),
    h("div", { class: "panel-actions" }, filter, importButton, create));
  const table = dashboards.length === 0 ? h("p", { class: "empty" }, "Looks like you don't have any dashboards.")
    : h("table", { class: "table", id: "dashboards" }, h("thead", {}, h("tr", {}, ["Name", "Cells", "Variables", "Actions"].map((title) => h("th", { scope: "col" }, title)))), h("tbody", {}, rows));
  body.replaceChildren(h("section", { class: "panel" }, heading, table));
  if (!allows("editor")) for (const button of body.querySelectorAll("[data-needs='editor']")) button.hidden = true;
}

function dashboardRow(sourceID, dashboard, reload) {
  const link = h("a", { href: `/sources/${sourceID}/dashboards/${dashboard.id}`, "data-link": "" }, dashboard.name);
  const variables = (dashboard.templates || []).map((template) => template.tempVar).join(" ");
  const action = (label, run, kind = "") => {
    const button = h("button", { type: "button", class: `button button-small ${kind}`, "aria-label": `${label} ${dashboard.name}` }, label);
    button.addEventListener("click", run);
    if (label !== "Export") button.dataset.needs = "editor";
    return button;
  };
  const clone = action("Clone", async () => {
    try {
      await api.createDashboard({ ...withoutLinks(dashboard), name: `${dashboard.name} (clone)` });
      notify(`Dashboard ${dashboard.name} cloned.`);
      reload();
    } catch (error) {
      notify(`Could not clone ${dashboard.name}: ${error.message}`, "error");
    }
  });
  const remove = action("Delete", async () => {
    if (!(await confirmDialog(`Delete dashboard ${dashboard.name}?`))) return;
    try {
      await api.deleteDashboard(dashboard.id);
      notify(`Dashboard ${dashboard.name} deleted.`);
      reload();
    } catch (error) {
      notify(`Could not delete ${dashboard.name}: ${error.message}`, "error");
    }
  }, "button-danger");
  const exporting = action("Export", () => exportDashboard(sourceID, dashboard));
  return h("tr", {}, h("td", {}, link), h("td", {}, String((dashboard.cells || []).length)), h("td", {}, variables), h("td", { class: "actions" }, exporting, clone, remove));
}

/// The dashboard as the API takes it back: without ids, links or organization.
export function withoutLinks(dashboard) {
  const { id, links, organization, ...rest } = dashboard;
  return {
    ...rest,
    cells: (rest.cells || []).map(({ links: _, ...cell }) => cell),
    templates: (rest.templates || []).map(({ links: _, ...template }) => template),
  };
}

/// Downloads Chronograf's export: the dashboard and the sources its queries name.
export async function exportDashboard(sourceID, dashboard) {
  let source = { name: "", links: { self: `/chronograf/v1/sources/${sourceID}` } };
  try {
    source = await api.source(sourceID);
  } catch {
    // The name is only informative.
  }
  const exported = { meta: { chronografVersion: "1.10.2", sources: { [sourceID]: { name: source.name, link: source.links.self } } }, dashboard };
  const blob = new Blob([JSON.stringify(exported, null, 2)], { type: "application/json" });
  const link = h("a", { href: URL.createObjectURL(blob), download: `${dashboard.name.replace(/[^\w.-]+/g, "_")}.json` });
  document.body.append(link);
  link.click();
  link.remove();
  return exported;
}

function importDialog(sourceID) {
  const text = h("textarea", { id: "import-json", rows: 12, class: "import-json", spellcheck: "false" });
  const file = h("input", { type: "file", id: "import-file", accept: ".json,application/json" });
  const feedback = h("div", { "aria-live": "assertive" });
  file.addEventListener("change", async () => {
    if (file.files[0]) text.value = await file.files[0].text();
  });
  const cancel = h("button", { type: "button", class: "button" }, "Cancel");
  const save = h("button", { type: "button", class: "button button-primary" }, "Upload Dashboard");
  const dialog = h("dialog", { class: "dialog dialog-wide", "aria-label": "Import Dashboard" }, h("h2", {}, "Import Dashboard"),
    h("label", { for: "import-file" }, "JSON file"), file, h("label", { for: "import-json" }, "Dashboard JSON"), text, feedback,
    h("div", { class: "dialog-actions" }, cancel, save));
  const { finish } = showModal(dialog);
  cancel.addEventListener("click", () => finish(null));
  save.addEventListener("click", async () => {
    try {
      const parsed = JSON.parse(text.value);
      const dashboard = parsed.dashboard || parsed;
      const made = await api.createDashboard(withoutLinks(dashboard));
      finish(made);
      notify(`Dashboard ${made.name} imported.`);
      navigate(`/sources/${sourceID}/dashboards/${made.id}`);
    } catch (error) {
      feedback.replaceChildren(errorBlock("Could not import this dashboard.", error.message));
    }
  });
}
