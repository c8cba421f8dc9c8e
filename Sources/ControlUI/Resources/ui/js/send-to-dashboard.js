// "Send to Dashboard" from the explorer: the query becomes a new line-graph cell of a chosen dashboard, or of a new
// one, with its time range and interval turned into the dashboard's variables.
import { h, errorBlock } from "./dom.js";
import { api } from "./api.js";
import { notify } from "./notify.js";
import { navigate } from "./router.js";
import { nextFreeRow } from "./dashboard-grid.js";
import { showModal } from "./dialog.js";

/// `time > now() - 1h` → `time > :dashboardTime:`, an explorer's `time(1m)` kept (Chronograf keeps the query as written
/// apart from the range).
export const asDashboardQuery = (query) => query.replace(/time\s*>\s*now\(\)\s*-\s*\d+[smhdw]/, "time > :dashboardTime:");

export async function sendToDashboard(sourceID, query) {
  if (!query) return notify("Write or build a query first.", "error");
  let dashboards = [];
  try {
    dashboards = await api.dashboards();
  } catch (error) {
    return notify(`Could not list dashboards: ${error.message}`, "error");
  }
  const select = h("select", { id: "send-target" }, h("option", { value: "new" }, "A new dashboard"),
    dashboards.map((dashboard) => h("option", { value: dashboard.id }, dashboard.name)));
  const name = h("input", { type: "text", id: "send-name", value: "Explore" });
  const cellName = h("input", { type: "text", id: "send-cell-name", value: "Untitled Graph" });
  const feedback = h("div", { "aria-live": "assertive" });
  const cancel = h("button", { type: "button", class: "button" }, "Cancel");
  const send = h("button", { type: "button", class: "button button-primary" }, "Send");
  const dialog = h("dialog", { class: "dialog", "aria-label": "Send to Dashboard" }, h("h2", {}, "Send to Dashboard"),
    h("label", { for: "send-target" }, "Dashboard"), select, h("label", { for: "send-name" }, "New dashboard name"), name,
    h("label", { for: "send-cell-name" }, "Cell name"), cellName, feedback, h("div", { class: "dialog-actions" }, cancel, send));
  select.addEventListener("change", () => (name.disabled = select.value !== "new"));
  const { finish } = showModal(dialog);
  cancel.addEventListener("click", () => finish(null));
  send.addEventListener("click", async () => {
    try {
      const dashboard = select.value === "new" ? await api.createDashboard({ name: name.value || "Explore", cells: [], templates: [] }) : await api.dashboard(select.value);
      const cell = { x: 0, y: nextFreeRow(dashboard.cells || []), w: 6, h: 4, name: cellName.value, type: "line", queries: [{ query: asDashboardQuery(query), type: "influxql", source: "" }] };
      await api.call("POST", `/dashboards/${dashboard.id}/cells`, cell);
      finish(dashboard);
      notify(`Sent to ${dashboard.name}.`);
      navigate(`/sources/${sourceID}/dashboards/${dashboard.id}`);
    } catch (error) {
      feedback.replaceChildren(errorBlock("Could not send the query.", error.message));
    }
  });
}
