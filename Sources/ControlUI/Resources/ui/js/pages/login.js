// The login page, shown when sign-in is on and there is no session: one button per OAuth provider.
import { h, loading, errorBlock } from "../dom.js";
import { api } from "../api.js";

export async function renderLogin(page) {
  const slot = h("div", {}, loading());
  page.append(h("div", { class: "page-header" }, h("h1", {}, "Log in to Sundial")), slot);
  let discovery;
  try {
    discovery = await api.discovery();
  } catch (error) {
    return slot.replaceChildren(errorBlock("Could not reach the server.", error.message));
  }
  const failure = new URLSearchParams(location.search).get("error");
  const providers = discovery.auth || [];
  slot.replaceChildren(
    h(
      "section",
      { class: "panel login" },
      failure ? errorBlock("Login failed.", failure) : null,
      providers.length
        ? providers.map((provider) => h("a", { class: "button button-primary", href: provider.login }, `Log in with ${provider.label}`))
        : h("p", {}, "Sign-in is off on this server: ", h("a", { href: "/", "data-link": "" }, "go to your connections"), "."),
    ),
  );
}
