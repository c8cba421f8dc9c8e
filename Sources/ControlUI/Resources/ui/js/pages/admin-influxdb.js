// InfluxDB Admin, as Chronograf's: a source's databases with their retention policies, its users with their
// permissions, and the queries running on it, one tab each. InfluxDB OSS has no roles, so there is no Roles tab.
import { h } from "../dom.js";
import { setCurrentSource } from "../nav.js";
import { renderDatabasesTab } from "./admin-databases.js";
import { renderUsersTab } from "./admin-users.js";
import { renderQueriesTab } from "./admin-queries.js";

const tabs = [
  { path: "databases", label: "Databases", render: renderDatabasesTab },
  { path: "users", label: "Users", render: renderUsersTab },
  { path: "queries", label: "Queries", render: renderQueriesTab },
];

/// `/sources/:id/admin-influxdb/:tab`; returns the tab's cleanup (the Queries tab stops refreshing).
export async function renderAdmin(page, { id, tab }) {
  setCurrentSource(id);
  const chosen = tabs.find((entry) => entry.path === tab);
  page.append(h("div", { class: "page-header" }, h("h1", {}, "InfluxDB Admin")), tabLinks(id, chosen));
  if (!chosen) {
    page.append(h("p", { class: "empty" }, `The InfluxDB Admin page has no “${tab}” tab.`));
    return null;
  }
  const body = h("div", { class: "admin-tab", id: `admin-${chosen.path}` });
  page.append(body);
  return chosen.render(body, id);
}

/// The tabs are links, as Chronograf's: each has its own address, and leaving one ends what it was doing.
function tabLinks(sourceID, chosen) {
  return h(
    "nav",
    { class: "tabs admin-tabs", "aria-label": "InfluxDB Admin sections" },
    tabs.map((entry) =>
      h("a", { class: "tab", href: `/sources/${sourceID}/admin-influxdb/${entry.path}`, "data-link": "", "aria-current": entry === chosen ? "page" : false }, entry.label),
    ),
  );
}
