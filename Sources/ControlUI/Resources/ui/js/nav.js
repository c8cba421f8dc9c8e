// The navigation follows the connection being worked on, and says when that connection stops answering.
import { api } from "./api.js";
import { notify } from "./notify.js";

let lastWarned = null;

export function setCurrentSource(id) {
  checkHealth(id);
  const links = {
    "nav-explore": "chronograf/data-explorer", "nav-hosts": "hosts", "nav-dashboards": "dashboards", "nav-alerting": "alert-rules", "nav-history": "alerts", "nav-tasks": "tickscripts",
    "nav-configuration": "manage-sources", "nav-admin": "admin-influxdb/databases",
  };
  for (const [elementID, page] of Object.entries(links)) {
    const link = document.getElementById(elementID);
    link.setAttribute("href", id === undefined ? "/" : `/sources/${id}/${page}`);
    const section = page.split("/")[0];
    link.toggleAttribute("aria-current", location.pathname.endsWith(`/${section}`) || location.pathname.includes(`/${section}/`));
    if (link.hasAttribute("aria-current")) link.setAttribute("aria-current", "page");
  }
}

/// On every page change, as Chronograf does: is the connection still there?
export async function checkHealth(id) {
  if (id === undefined || id === "new") return;
  try {
    await api.health(id);
    lastWarned = null;
  } catch (error) {
    if (error.status === 403 || lastWarned === id) return;
    lastWarned = id;
    let name = id;
    try {
      name = (await api.source(id)).name;
    } catch {
      // The name is only for the message.
    }
    notify(`Source ${name} is no longer available. Please ensure InfluxDB is running.`, "error");
  }
}
