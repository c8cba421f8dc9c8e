// The Tasks page: the Kapacitor tasks of the active connection, enabled or disabled in place.
import { h, loading, errorBlock } from "../dom.js";
import { api } from "../api.js";
import { confirmDialog } from "../dialog.js";
import { notify } from "../notify.js";
import { setCurrentSource } from "../nav.js";
import { allows } from "../roles.js";
import { activeKapacitor, noKapacitor } from "../kapacitor.js";

export async function renderTasks(page, { id }) {
  setCurrentSource(id);
  const body = h("div", { class: "panel-body" }, loading());
  page.append(h("div", { class: "page-header" }, h("h1", {}, "Tasks")), body);
  await load(body, id);
}

async function load(body, sourceID) {
  body.replaceChildren(loading());
  let kapacitor;
  let tasks;
  try {
    kapacitor = await activeKapacitor(sourceID);
    if (!kapacitor) return body.replaceChildren(noKapacitor(sourceID));
    tasks = (await api.kapacitorAPI(sourceID, kapacitor.id, "GET", "/kapacitor/v1/tasks?limit=10000&fields=type&fields=status&fields=dbrps&fields=executing")).tasks;
  } catch (error) {
    return body.replaceChildren(errorBlock("Could not load tasks.", error.reason || error.message, () => load(body, sourceID)));
  }
  const reload = () => load(body, sourceID);
  const heading = h(
    "div",
    { class: "panel-heading" },
    h("h2", {}, `${tasks.length} Task${tasks.length === 1 ? "" : "s"} on ${kapacitor.name}`),
    h("a", { class: "button button-primary", href: `/sources/${sourceID}/tickscripts/new`, "data-link": "", "data-needs": "editor" }, "+ Write TICKscript"),
  );
  if (tasks.length === 0) return body.replaceChildren(h("section", { class: "panel" }, heading, h("p", { class: "empty" }, "No tasks yet.")));
  const rows = tasks.map((task) => taskRow(sourceID, kapacitor, task, reload));
  const table = h(
    "table",
    { class: "table", id: "tasks" },
    h("thead", {}, h("tr", {}, ["ID", "Type", "Databases and Retention Policies", "Enabled", "Actions"].map((title) => h("th", { scope: "col" }, title)))),
    h("tbody", {}, rows),
  );
  body.replaceChildren(h("section", { class: "panel" }, heading, table));
}

function taskRow(sourceID, kapacitor, task, reload) {
  const dbrps = (task.dbrps || []).map((dbrp) => `"${dbrp.db}"."${dbrp.rp}"`).join(", ");
  const toggle = h("input", { type: "checkbox", checked: task.status === "enabled", disabled: !allows("editor"), "aria-label": `Enable ${task.id}` });
  toggle.addEventListener("change", async () => {
    const status = toggle.checked ? "enabled" : "disabled";
    try {
      await api.kapacitorAPI(sourceID, kapacitor.id, "PATCH", `/kapacitor/v1/tasks/${encodeURIComponent(task.id)}`, { status });
      notify(`${task.id} ${status} successfully.`);
    } catch (error) {
      toggle.checked = !toggle.checked;
      notify(`Could not change ${task.id}: ${error.message}`, "error");
    }
  });
  const remove = h("button", { type: "button", class: "button button-small button-danger", "data-needs": "editor", "aria-label": `Delete ${task.id}` }, "Delete");
  remove.addEventListener("click", async () => {
    if (!(await confirmDialog(`Delete the task ${task.id}?`, "Delete"))) return;
    try {
      await api.kapacitorAPI(sourceID, kapacitor.id, "DELETE", `/kapacitor/v1/tasks/${encodeURIComponent(task.id)}`);
      notify(`${task.id} deleted successfully.`);
    } catch (error) {
      notify(`${task.id} could not be deleted.`, "error");
    }
    reload();
  });
  return h(
    "tr",
    { "data-task": task.id },
    h("td", {}, h("a", { href: `/sources/${sourceID}/tickscripts/${encodeURIComponent(task.id)}`, "data-link": "" }, task.id)),
    h("td", {}, task.type),
    h("td", {}, dbrps),
    h("td", {}, h("label", { class: "toggle" }, toggle, h("span", {}, task.status === "enabled" ? "" : ""))),
    h("td", {}, remove),
  );
}
