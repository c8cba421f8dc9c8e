// One InfluxDB user on the Users tab, as Chronograf's user page: change its password, grant or revoke admin (ALL
// privileges), choose READ and WRITE per database, or delete it. Each change is a `PATCH /sources/:id/users/:name`.
import { api } from "../api.js";
import { h, errorBlock } from "../dom.js";
import { confirmDialog } from "../dialog.js";
import { field } from "../form.js";
import { notify } from "../notify.js";
import { failure, feedbackSlot, smallButton, sourcePath, whileBusy } from "./admin-shared.js";

export function isAdmin(user) {
  return (user.permissions || []).some((permission) => permission.scope === "all" && (permission.allowed || []).includes("ALL"));
}

/// Shows the user in place of the list; `tab.showList` goes back.
export function renderUser(tab, user) {
  const feedback = feedbackSlot();
  const passwordSlot = h("div", {});
  const admin = isAdmin(user);
  const adminButton = smallButton(admin ? "Revoke Admin" : "Grant Admin", () => changeAdmin(tab, user, adminButton, feedback));
  const actions = h(
    "div",
    { class: "admin-actions", "data-needs": "editor" },
    smallButton("Change Password", () => openPassword(tab, user, passwordSlot)),
    adminButton,
    smallButton("Delete User", () => deleteUser(tab, user, feedback), { kind: "button-danger" }),
  );
  tab.root.replaceChildren(
    h("p", { class: "admin-back" }, smallButton("← All Users", tab.showList)),
    h(
      "section",
      { class: "panel", "aria-labelledby": "user-title", "data-user": user.name },
      h("div", { class: "panel-heading" }, h("h2", { id: "user-title" }, `User ${user.name}`), actions),
      h("p", { class: admin ? "admin-yes" : "admin-no" }, admin ? "Admin: has ALL privileges on every database." : "Not an admin."),
      passwordSlot,
      feedback,
      permissionsForm(tab, user),
    ),
  );
}

/// Changes on the server, then shows the user as the server now has it.
async function update(tab, user, body, button, feedback, what) {
  feedback.replaceChildren();
  let updated;
  try {
    updated = await whileBusy(button, () => api.call("PATCH", sourcePath(tab.sourceID, "users", user.name), body));
  } catch (error) {
    feedback.replaceChildren(failure(`Could not ${what} of ${user.name}.`, error));
    return false;
  }
  tab.users = tab.users.map((other) => (other.name === user.name ? updated : other));
  renderUser(tab, updated);
  return true;
}

function openPassword(tab, user, slot) {
  const password = field("New Password", { type: "password", autocomplete: "new-password" });
  const feedback = feedbackSlot();
  const save = h("button", { type: "submit", class: "button button-primary button-small" }, "Save Password");
  const form = h(
    "form",
    { class: "admin-inline-form", "aria-label": `New password for ${user.name}` },
    password.element,
    feedback,
    h("div", { class: "form-actions" }, save, smallButton("Cancel", () => slot.replaceChildren())),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!password.input.value) return feedback.replaceChildren(errorBlock("Type the new password first."));
    if (await update(tab, user, { password: password.input.value }, save, feedback, "change the password")) notify(`Password of ${user.name} changed.`);
  });
  slot.replaceChildren(form);
  password.input.focus();
}

async function changeAdmin(tab, user, button, feedback) {
  const admin = isAdmin(user);
  const question = admin ? `Revoke ALL privileges of ${user.name}? It stays a user, with its database permissions.` : `Grant ALL privileges to ${user.name}? It becomes an admin.`;
  if (!(await confirmDialog(question, admin ? "Revoke Admin" : "Grant Admin"))) return;
  const kept = user.permissions.filter((permission) => permission.scope !== "all");
  const permissions = admin ? kept : [{ scope: "all", allowed: ["ALL"] }, ...kept];
  if (await update(tab, user, { permissions }, button, feedback, "change the admin rights")) notify(admin ? `${user.name} is no longer an admin.` : `${user.name} is now an admin.`);
}

async function deleteUser(tab, user, feedback) {
  if (!(await confirmDialog(`Delete the user ${user.name}?`, "Delete User"))) return;
  feedback.replaceChildren();
  try {
    await api.call("DELETE", sourcePath(tab.sourceID, "users", user.name));
  } catch (error) {
    return feedback.replaceChildren(failure(`Could not delete the user ${user.name}.`, error));
  }
  notify(`User ${user.name} deleted.`);
  await tab.showList();
}

/// READ and WRITE per database, with the databases the user has grants on even if they are gone.
function permissionsForm(tab, user) {
  const granted = new Map(user.permissions.filter((permission) => permission.scope === "database").map((permission) => [permission.name, permission.allowed || []]));
  const names = [...new Set([...tab.databases, ...granted.keys()])];
  if (names.length === 0) return h("p", { class: "empty" }, "There are no databases to grant permissions on.");
  const boxes = [];
  const rows = names.map((name, index) => grantRow(name, index, granted.get(name) || [], boxes));
  const feedback = feedbackSlot();
  const apply = h("button", { type: "submit", class: "button button-primary", "data-needs": "editor", disabled: true }, "Apply Changes");
  const form = h(
    "form",
    { class: "admin-permissions-form", "aria-labelledby": "permissions-title" },
    h("h3", { id: "permissions-title" }, "Database Permissions"),
    h("table", { class: "table admin-grants" }, h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Database"), h("th", { scope: "col" }, "Read"), h("th", { scope: "col" }, "Write"))), h("tbody", {}, rows)),
    feedback,
    h("div", { class: "form-actions" }, apply),
  );
  form.addEventListener("change", () => (apply.disabled = boxes.every((box) => box.checked === box.defaultChecked)));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const chosen = names
      .map((name) => ({ scope: "database", name, allowed: boxes.filter((box) => box.dataset.db === name && box.checked).map((box) => box.dataset.permission) }))
      .filter((permission) => permission.allowed.length > 0);
    const permissions = [...user.permissions.filter((permission) => permission.scope === "all"), ...chosen];
    if (await update(tab, user, { permissions }, apply, feedback, "change the permissions")) notify(`Permissions of ${user.name} changed.`);
  });
  return form;
}

/// One database's row: a READ and a WRITE box, labelled "READ on <db>" for screen readers.
function grantRow(name, index, allowed, boxes) {
  const cells = ["READ", "WRITE"].map((permission) => {
    const id = `permission-${index}-${permission}`;
    const box = h("input", { type: "checkbox", id, checked: allowed.includes(permission), "data-db": name, "data-permission": permission });
    boxes.push(box);
    return h("td", {}, h("span", { class: "admin-check" }, box, h("label", { for: id }, permission, h("span", { class: "visually-hidden" }, ` on ${name}`))));
  });
  return h("tr", { "data-db": name }, h("th", { scope: "row" }, name), cells);
}
