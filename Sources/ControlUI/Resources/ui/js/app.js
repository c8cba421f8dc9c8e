// Start-up: the routes, the organization switcher, the library check, then the first page.
import { api } from "./api.js";
import { h, errorBlock } from "./dom.js";
import { route, navigate, startRouter } from "./router.js";
import { renderConfiguration } from "./pages/configuration.js";
import { renderSourceForm } from "./pages/source-form.js";
import { renderKapacitorForm } from "./pages/kapacitor-form.js";
import { renderTasks } from "./pages/tasks.js";
import { renderTaskEditor } from "./pages/task-editor.js";
import { renderExplorer } from "./pages/explorer.js";
import { renderAlertRules } from "./pages/alert-rules.js";
import { renderRuleBuilder } from "./pages/rule-builder.js";
import { renderAlertHistory } from "./pages/alert-history.js";
import { renderLogin } from "./pages/login.js";
import { renderDashboards } from "./pages/dashboards.js";
import { renderDashboard } from "./pages/dashboard.js";
import { renderHosts } from "./pages/hosts.js";
import { renderHost } from "./pages/host.js";
import { renderAdmin } from "./pages/admin-influxdb.js";
import { mountOrgSwitcher } from "./org-switcher.js";
import { loadRole, allows, currentRole } from "./roles.js";

const roleLoaded = loadRole();

/// `/`: the default connection's Configuration page, or the form for a first connection when there is none.
async function renderHome(page) {
  page.append(h("p", { class: "loading", role: "status" }, "Loading…"));
  await roleLoaded;
  if (!allows("reader")) {
    return page.replaceChildren(
      h("h1", {}, "No access yet"),
      h("p", { class: "notice", role: "note" }, `Your role in this organization (${currentRole()}) does not show its connections. Ask an admin for a role, or switch organizations.`),
    );
  }
  try {
    const sources = await api.sources();
    if (sources.length === 0) return navigate("/sources/new", { replace: true });
    const chosen = sources.find((source) => source.default) || sources[0];
    return navigate(`/sources/${chosen.id}/manage-sources`, { replace: true });
  } catch (error) {
    page.replaceChildren(errorBlock("Could not load connections.", error.message, () => navigate("/", { replace: true })));
  }
}

/// Charts and the editor come from Debian's packages; without them the UI still works and says what to install.
async function checkLibraries() {
  const wanted = [
    ["/vendor/dygraphs/dygraph.min.js", "libjs-dygraphs"],
    ["/vendor/codemirror/lib/codemirror.js", "libjs-codemirror"],
  ];
  const missing = [];
  for (const [path, name] of wanted) {
    try {
      const response = await fetch(path, { method: "HEAD" });
      if (!response.ok) missing.push(name);
    } catch {
      missing.push(name);
    }
  }
  if (missing.length === 0) return;
  const notice = h(
    "div",
    { class: "notice", role: "note", id: "library-notice" },
    `Charts and the TICKscript editor need Debian's ${missing.join(" and ")}. Install with: `,
    h("code", {}, `sudo apt-get install ${missing.join(" ")}`),
  );
  document.getElementById("notices").append(notice);
}

route("/", renderHome);
route("/login", renderLogin);
route("/sources/new", (page) => renderSourceForm(page, {}));
route("/sources/:id/edit", (page, params) => renderSourceForm(page, params));
route("/sources/:id/manage-sources", (page, params) => renderConfiguration(page, params));
route("/sources/:id/kapacitors/new", (page, params) => renderKapacitorForm(page, params));
route("/sources/:id/kapacitors/:kid/edit", (page, params) => renderKapacitorForm(page, params));
route("/sources/:id/chronograf/data-explorer", (page, params) => renderExplorer(page, params));
route("/sources/:id/tickscripts", (page, params) => renderTasks(page, params));
route("/sources/:id/alert-rules", (page, params) => renderAlertRules(page, params));
route("/sources/:id/kapacitors/:kid/alert-rules/new", (page, params) => renderRuleBuilder(page, { id: params.id, kid: params.kid }));
route("/sources/:id/kapacitors/:kid/alert-rules/:ruleID", (page, params) => renderRuleBuilder(page, params));
route("/sources/:id/alerts", (page, params) => renderAlertHistory(page, params));
route("/sources/:id/tickscripts/new", (page, params) => renderTaskEditor(page, { id: params.id }));
route("/sources/:id/tickscripts/:taskID", (page, params) => renderTaskEditor(page, params));
route("/sources/:id/dashboards", (page, params) => renderDashboards(page, params));
route("/sources/:id/dashboards/:dashboardID", (page, params) => renderDashboard(page, params));
route("/sources/:id/hosts", (page, params) => renderHosts(page, params));
route("/sources/:id/hosts/:host", (page, params) => renderHost(page, params));
route("/sources/:id/admin-influxdb/:tab", (page, params) => renderAdmin(page, params));

window.addEventListener("sundial:unauthorized", () => {
  if (location.pathname !== "/login") navigate("/login");
});

/// With sign-in on, the user's name and a "Log out" link sit beside the organization switcher.
async function mountAccount() {
  try {
    const [discovery, me] = await Promise.all([api.discovery(), api.me()]);
    if (!discovery.logout || !me.name) return;
    document.querySelector(".topbar").prepend(h("span", { class: "account" }, me.name, " ", h("a", { href: discovery.logout, class: "link-small" }, "Log out")));
  } catch {
    // Not signed in: the login page says so.
  }
}

mountAccount();
mountOrgSwitcher(document.getElementById("org-switcher"));
checkLibraries();
// Pages decide what to offer from the role: the first one waits for it.
roleLoaded.finally(startRouter);
