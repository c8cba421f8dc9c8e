// "Switch Orgs": the organizations from /me, the current one marked. Switching changes what the API lists; a form
// being filled in is left, never submitted.
import { api } from "./api.js";
import { loadRole } from "./roles.js";
import { h } from "./dom.js";
import { navigate } from "./router.js";
import { notify } from "./notify.js";

export async function mountOrgSwitcher(container) {
  let me;
  try {
    me = await api.me();
  } catch {
    return;
  }
  const organizations = me.organizations || [];
  const current = me.currentOrganization || organizations.find((org) => org.id === "default");
  const menu = h("ul", { class: "menu", role: "menu", hidden: true, id: "org-menu" });
  const button = h(
    "button",
    { type: "button", class: "button", "aria-haspopup": "menu", "aria-expanded": "false", "aria-controls": "org-menu" },
    "Switch Orgs",
  );
  const close = () => {
    menu.hidden = true;
    button.setAttribute("aria-expanded", "false");
  };
  for (const org of organizations) {
    const selected = current && org.id === current.id;
    const item = h("button", { type: "button", role: "menuitemradio", "aria-checked": selected ? "true" : "false", class: "menu-item" }, org.name);
    item.addEventListener("click", async () => {
      close();
      try {
        await api.switchOrganization(org.id);
        await loadRole();
        notify(`Now in organization ${org.name}.`);
        container.replaceChildren();
        mountOrgSwitcher(container);
        navigate("/", { replace: false });
      } catch (error) {
        notify(`Could not switch to ${org.name}: ${error.message}`, "error");
      }
    });
    menu.append(h("li", { role: "none" }, item));
  }
  button.addEventListener("click", () => {
    const opening = menu.hidden;
    menu.hidden = !opening;
    button.setAttribute("aria-expanded", String(opening));
    if (opening) menu.querySelector("[aria-checked=true], button")?.focus();
  });
  menu.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      close();
      button.focus();
    }
  });
  container.replaceChildren(h("span", { class: "org-current" }, "Organization: ", h("strong", { id: "current-org" }, current ? current.name : "Default")), button, menu);
}
