// The Users tab: the source's InfluxDB users with whether each is an admin and what it may do on each database
// (an admin may do everything, as Chronograf shows it). A user's name opens its page (admin-user.js).
import { api } from "../api.js";
import { h, loading, errorBlock } from "../dom.js";
import { field } from "../form.js";
import { notify } from "../notify.js";
import { failure, feedbackSlot, sourcePath, whileBusy } from "./admin-shared.js";
import { renderUser, isAdmin } from "./admin-user.js";

export async function renderUsersTab(root, sourceID) {
  const tab = { sourceID, root, users: [], databases: [] };
  tab.showList = () => showList(tab);
  tab.showUser = (user) => renderUser(tab, user);
  root.append(loading());
  await showList(tab);
}

/// Reads the users and the database names again, then shows the table.
async function showList(tab) {
  try {
    const [users, databases] = await Promise.all([api.call("GET", sourcePath(tab.sourceID, "users")), api.databases(tab.sourceID)]);
    tab.users = (users && users.users) || [];
    tab.databases = ((databases && databases.databases) || []).map((database) => database.name);
  } catch (error) {
    tab.root.replaceChildren(failure("Could not list the users.", error, tab.showList));
    return;
  }
  const createSlot = h("div", {});
  const table = usersTable(tab);
  const heading = h(
    "div",
    { class: "panel-heading" },
    h("h2", { id: "users-title" }, tab.users.length === 1 ? "1 User" : `${tab.users.length} Users`),
    filterBox(table),
    h("button", { type: "button", class: "button button-primary", "data-needs": "editor", onclick: () => openCreate(tab, createSlot) }, "+ Create User"),
  );
  tab.root.replaceChildren(h("section", { class: "panel", "aria-labelledby": "users-title" }, heading, createSlot, table));
}

/// Hides the rows whose name does not hold the typed text.
function filterBox(table) {
  const input = h("input", { type: "search", id: "users-filter", class: "admin-filter", placeholder: "Filter Users…", autocomplete: "off" });
  input.addEventListener("input", () => {
    const wanted = input.value.trim().toLowerCase();
    for (const row of table.querySelectorAll("tbody tr[data-user]")) row.hidden = !row.dataset.user.toLowerCase().includes(wanted);
  });
  return h("div", { class: "admin-filter-box" }, h("label", { for: "users-filter", class: "visually-hidden" }, "Filter Users"), input);
}

function usersTable(tab) {
  if (tab.users.length === 0) return h("p", { class: "empty" }, "No users yet.");
  const headings = tab.databases.map((name) => h("th", { scope: "col", title: `Effective permissions on ${name}` }, name));
  return h(
    "div",
    { class: "admin-scroll" },
    h(
      "table",
      { class: "table admin-users-table", id: "users" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "User"), h("th", { scope: "col" }, "Admin"), headings)),
      h("tbody", {}, tab.users.map((user) => userRow(tab, user))),
    ),
  );
}

function userRow(tab, user) {
  const admin = isAdmin(user);
  const granted = new Map(user.permissions.filter((permission) => permission.scope === "database").map((permission) => [permission.name, permission.allowed || []]));
  const cells = tab.databases.map((name) => {
    const allowed = admin ? ["READ", "WRITE"] : granted.get(name) || [];
    return h("td", { class: "admin-permissions" }, ["READ", "WRITE"].map((permission) => permissionBadge(permission, allowed.includes(permission))));
  });
  return h(
    "tr",
    { "data-user": user.name },
    h("th", { scope: "row" }, h("button", { type: "button", class: "admin-link", onclick: () => tab.showUser(user) }, user.name)),
    h("td", {}, h("span", { class: admin ? "admin-yes" : "admin-no" }, admin ? "Yes" : "No")),
    cells,
  );
}

function permissionBadge(permission, isGranted) {
  const meaning = permission === "READ" ? "read data" : "write data";
  return h("span", { class: `admin-permission ${isGranted ? "granted" : "denied"}`, title: `${isGranted ? "May" : "May not"} ${meaning}` }, permission);
}

/// Name and password, as Chronograf's Create User dialog; the new user's page opens for its permissions.
function openCreate(tab, slot) {
  const name = field("User Name", { autocomplete: "off", spellcheck: "false" });
  const password = field("Password", { type: "password", autocomplete: "new-password" });
  const feedback = feedbackSlot();
  const submit = h("button", { type: "submit", class: "button button-primary" }, "Create User");
  const cancel = h("button", { type: "button", class: "button", onclick: () => slot.replaceChildren() }, "Cancel");
  const form = h("form", { class: "admin-inline-form", "aria-label": "New user" }, h("div", { class: "admin-form-row" }, name.element, password.element), feedback, h("div", { class: "form-actions" }, submit, cancel));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    feedback.replaceChildren();
    const body = { name: name.input.value.trim(), password: password.input.value };
    if (!body.name || !body.password) return feedback.replaceChildren(errorBlock("A user needs a name and a password."));
    if (tab.users.some((user) => user.name === body.name)) return feedback.replaceChildren(errorBlock(`A user named ${body.name} already exists.`));
    let created;
    try {
      created = await whileBusy(submit, () => api.call("POST", sourcePath(tab.sourceID, "users"), body));
    } catch (error) {
      return feedback.replaceChildren(failure(`Could not create the user ${body.name}.`, error));
    }
    notify(`User ${created.name} created.`);
    tab.users.push(created);
    tab.showUser(created);
  });
  slot.replaceChildren(form);
  name.input.focus();
}
