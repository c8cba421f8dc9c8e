// Write or edit a TICKscript task. The server's checker decides; its `line:column` error is marked in the editor.
import { h, loading, errorBlock } from "../dom.js";
import { api } from "../api.js";
import { field } from "../form.js";
import { notify } from "../notify.js";
import { navigate } from "../router.js";
import { setCurrentSource } from "../nav.js";
import { activeKapacitor, noKapacitor } from "../kapacitor.js";
import { createEditor } from "../editor.js";
import { drawDot } from "../dot-graph.js";

const starter = `dbrp "telegraf"."autogen"

stream
    |from()
        .measurement('cpu')
    |window()
        .period(1m)
        .every(1m)
    |mean('usage_idle')
    |alert()
        .crit(lambda: "mean" < 10.0)
`;

export async function renderTaskEditor(page, { id, taskID }) {
  setCurrentSource(id);
  const editing = taskID !== undefined;
  const slot = h("div", {}, loading());
  page.append(h("div", { class: "page-header" }, h("h1", {}, editing ? `Task ${taskID}` : "New TICKscript")), slot);
  let kapacitor;
  let task = null;
  try {
    kapacitor = await activeKapacitor(id);
    if (!kapacitor) return slot.replaceChildren(noKapacitor(id));
    if (editing) task = await api.kapacitorAPI(id, kapacitor.id, "GET", `/kapacitor/v1/tasks/${encodeURIComponent(taskID)}`);
  } catch (error) {
    return slot.replaceChildren(errorBlock("Could not load the task.", error.reason || error.message));
  }
  slot.replaceChildren();
  await buildEditor(slot, id, kapacitor, task);
}

async function buildEditor(slot, sourceID, kapacitor, task) {
  const taskField = field("Task ID", { id: "task-id", value: task ? task.id : "", required: true, disabled: Boolean(task) });
  const dbrps = field("Databases and Retention Policies", {
    id: "task-dbrps", placeholder: "telegraf.autogen (or dbrp statements in the script)",
    value: task && !/^\s*dbrp\s/m.test(task.script) ? task.dbrps.map((d) => `${d.db}.${d.rp}`).join(", ") : "",
  });
  const typeSelect = h("select", { id: "task-type" }, ["stream", "batch"].map((type) => h("option", { value: type, selected: task && task.type === type }, type)));
  const typeGroup = h("div", { class: "form-group" }, h("label", { for: "task-type" }, "Type"), typeSelect);
  const editorBox = h("div", { class: "editor", id: "task-editor" });
  const feedback = h("div", { class: "form-feedback", "aria-live": "assertive" });
  const save = h("button", { type: "submit", class: "button button-primary", "data-needs": "editor" }, "Save Task");
  const graph = h("div", { class: "graph-box" });
  const form = h(
    "form",
    { class: "panel form-wide", novalidate: true },
    h("div", { class: "form-grid form-grid-3" }, taskField.element, typeGroup, dbrps.element),
    h("label", { class: "editor-label" }, "TICKscript"),
    editorBox,
    feedback,
    h("div", { class: "form-actions" }, save, h("a", { class: "button", href: `/sources/${sourceID}/tickscripts`, "data-link": "" }, "Back to Tasks")),
  );
  const statsBody = h("div", {}, statsView(task));
  const refresh = h("button", { type: "button", class: "button", id: "refresh-stats" }, "Refresh");
  refresh.addEventListener("click", async () => {
    if (!task) return;
    statsBody.replaceChildren(loading());
    try {
      task = await api.kapacitorAPI(sourceID, kapacitor.id, "GET", `/kapacitor/v1/tasks/${encodeURIComponent(task.id)}`);
      statsBody.replaceChildren(statsView(task));
    } catch (error) {
      statsBody.replaceChildren(errorBlock("Could not read the task's statistics.", error.reason || error.message));
    }
  });
  const stats = h("section", { class: "panel" }, h("div", { class: "panel-heading" }, h("h2", {}, "Statistics"), refresh), statsBody);
  slot.append(form, h("section", { class: "panel" }, h("h2", {}, "Graph"), graph), stats);
  const editor = await createEditor(editorBox, task ? task.script : starter, "TICKscript");
  showGraph(graph, task);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    feedback.replaceChildren();
    editor.clearError();
    const body = { script: editor.getValue(), type: typeSelect.value };
    const listed = dbrps.input.value.split(",").map((text) => text.trim()).filter(Boolean);
    if (listed.length) body.dbrps = listed.map((text) => ({ db: text.split(".")[0], rp: text.split(".").slice(1).join(".") || "autogen" }));
    const id = taskField.input.value.trim();
    save.disabled = true;
    try {
      const saved = task
        ? await api.kapacitorAPI(sourceID, kapacitor.id, "PATCH", `/kapacitor/v1/tasks/${encodeURIComponent(task.id)}`, body)
        : await api.kapacitorAPI(sourceID, kapacitor.id, "POST", "/kapacitor/v1/tasks", { ...body, id, status: "disabled" });
      notify(`${saved.id} saved successfully.`);
      if (!task) return navigate(`/sources/${sourceID}/tickscripts/${encodeURIComponent(saved.id)}`, { replace: true });
      task = saved;
      showGraph(graph, saved);
      feedback.replaceChildren(h("p", { class: "success-message", role: "status" }, "Saved."));
    } catch (error) {
      feedback.replaceChildren(checkerError(error.message, editor));
    }
    save.disabled = false;
  });
}

/// `invalid TICKscript: 4:9: message` shown as "Line 4, column 9: message", with the line marked.
function checkerError(message, editor) {
  const match = /(\d+):(\d+): (.*)$/s.exec(message);
  if (!match) return errorBlock(message);
  editor.markError(Number(match[1]));
  return h("div", { class: "error-block", role: "alert", id: "checker-error" }, h("p", { class: "error-message" }, `Line ${match[1]}, column ${match[2]}: ${match[3]}`));
}

function showGraph(box, task) {
  if (!task || !task.dot) return box.replaceChildren(h("p", { class: "empty" }, "Save the task to see its graph."));
  box.replaceChildren(drawDot(task.dot));
}

/// Each node's counters as the server reports them: collected, emitted, errors, then the node's own (alerts, writes).
function statsView(task) {
  const stats = task && task.stats && task.stats["node-stats"];
  if (!task || !task.executing || !stats) return h("p", { class: "empty" }, "No statistics: the task is not executing.");
  const throughput = (task.stats["task-stats"] || {}).throughput || 0;
  const fixed = ["collected", "emitted", "errors"];
  // In pipeline order: a node's name ends with its id (stream0, from1, …).
  const order = (name) => Number((/\d+$/.exec(name) || ["0"])[0]);
  const rows = Object.keys(stats).sort((a, b) => order(a) - order(b)).map((node) => {
    const counters = stats[node];
    const others = Object.keys(counters).filter((name) => !fixed.includes(name) && !["avg_exec_time_ns", "working_cardinality"].includes(name) && counters[name] !== 0);
    return h("tr", { "data-node": node }, h("th", { scope: "row" }, node), fixed.map((name) => h("td", {}, String(counters[name] ?? 0))), h("td", {}, others.map((name) => `${name}: ${counters[name]}`).join(", ")));
  });
  return h(
    "div",
    {},
    h("p", {}, `Throughput: ${throughput.toFixed(2)} points/s`),
    h("table", { class: "table", id: "task-stats" }, h("thead", {}, h("tr", {}, ["Node", "Collected", "Emitted", "Errors", "Other"].map((t) => h("th", { scope: "col" }, t)))), h("tbody", {}, rows)),
  );
}
