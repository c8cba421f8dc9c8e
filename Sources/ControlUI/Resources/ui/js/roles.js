// The signed-in user's role in the current organization, kept on <body data-role> so that what the role may not do
// is not offered: elements marked data-needs="viewer|editor|admin" are hidden below that role (styles.css). The API
// refuses those calls anyway; this only keeps the UI honest. With sign-in off everything shows.
import { api } from "./api.js";

const order = ["member", "reader", "viewer", "editor", "admin"];
let current = "admin";

/// Reads /me again (at start and after switching organizations) and marks the page with the role.
export async function loadRole() {
  try {
    const me = await api.me();
    if (!me.name || me.superAdmin) {
      current = "admin";
    } else {
      const organization = me.currentOrganization ? me.currentOrganization.id : "default";
      const role = (me.roles || []).find((entry) => entry.organization === organization);
      current = role && order.includes(role.name) ? role.name : "member";
    }
  } catch {
    current = "admin"; // not signed in: the login page takes over
  }
  document.body.dataset.role = current;
  return current;
}

export function currentRole() {
  return current;
}

/// Whether the current role is at least `role`.
export function allows(role) {
  return order.indexOf(current) >= order.indexOf(role);
}
