// Add or edit an InfluxDB connection. On failure the form stays as typed and says why, with the server's reason.
import { api } from "../api.js";
import { h, loading, errorBlock } from "../dom.js";
import { field, checkbox } from "../form.js";
import { notify } from "../notify.js";
import { navigate } from "../router.js";
import { setCurrentSource } from "../nav.js";

export async function renderSourceForm(page, { id }) {
  const editing = id !== undefined;
  setCurrentSource(id);
  page.append(h("div", { class: "page-header" }, h("h1", {}, editing ? "Edit Connection" : "Add Connection")));
  let existing = {};
  let sources = [];
  const slot = h("div", {}, loading());
  page.append(slot);
  try {
    sources = await api.sources();
    if (editing) existing = await api.source(id);
  } catch (error) {
    slot.replaceChildren(errorBlock("Could not load the connection.", error.message, () => navigate(location.pathname, { replace: true })));
    return;
  }
  slot.replaceChildren(buildForm(existing, editing, sources));
  slot.querySelector("input").focus();
}

function buildForm(existing, editing, sources) {
  const isV2 = existing.type === "influx-v2";
  const url = field("Connection String", { id: "source-url", value: existing.url || "http://localhost:8086", required: true, autocomplete: "url" });
  const name = field("Name", { id: "source-name", value: existing.name || `Influx ${sources.length + 1}`, required: true });
  const username = field(isV2 ? "Organization" : "Username", { id: "source-username", value: existing.username || "", autocomplete: "username" });
  const password = field(isV2 ? "Token" : "Password", {
    id: "source-password", type: "password", autocomplete: "new-password",
    placeholder: editing && existing.authentication === "basic" ? "Value saved in server" : "",
  });
  const telegraf = field("Telegraf Database", { id: "source-telegraf", value: existing.telegraf || "telegraf" });
  const retention = field("Default Retention Policy", { id: "source-rp", value: existing.defaultRP || "", placeholder: "autogen" });
  const v2 = checkbox("InfluxDB v2 Auth", { id: "source-v2", checked: isV2 });
  const makeDefault = checkbox("Make this the default source", { id: "source-default", checked: editing ? Boolean(existing.default) : true });
  v2.input.addEventListener("change", () => {
    username.element.querySelector("label").textContent = v2.input.checked ? "Organization" : "Username";
    password.element.querySelector("label").textContent = v2.input.checked ? "Token" : "Password";
  });
  const feedback = h("div", { class: "form-feedback", "aria-live": "assertive" });
  const submit = h("button", { type: "submit", class: "button button-primary" }, editing ? "Update Connection" : "Add Connection");
  const back = sources.length > 0 ? h("a", { class: "button", href: editing ? `/sources/${existing.id}/manage-sources` : "/", "data-link": "" }, "Cancel") : null;
  const form = h(
    "form",
    { class: "panel form", id: "source-form", novalidate: true },
    h("div", { class: "form-grid" }, url.element, name.element, username.element, password.element, telegraf.element, retention.element),
    v2.element,
    makeDefault.element,
    feedback,
    h("div", { class: "form-actions" }, submit, back),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    feedback.replaceChildren();
    let address = url.input.value.trim();
    if (address && !/^[a-z]+:\/\//i.test(address)) address = `http://${address}`;
    const body = {
      url: address, name: name.input.value.trim(), username: username.input.value, telegraf: telegraf.input.value.trim() || "telegraf",
      defaultRP: retention.input.value.trim(), default: makeDefault.input.checked, type: v2.input.checked ? "influx-v2" : "influx",
    };
    if (password.input.value || !editing) body.password = password.input.value;
    submit.disabled = true;
    submit.textContent = editing ? "Updating…" : "Connecting…";
    try {
      const saved = editing ? await api.updateSource(existing.id, body) : await api.createSource(body);
      notify(editing ? `Connection ${saved.name} updated successfully.` : `Connected to InfluxDB ${saved.name} successfully.`);
      const here = location.pathname.match(/^\/sources\/([^/]+)\//);
      navigate(`/sources/${editing || !here ? saved.id : here[1]}/manage-sources`);
    } catch (error) {
      const lead = editing ? `Failed to update InfluxDB ${body.name} Connection: ` : "Unable to create source: ";
      feedback.replaceChildren(errorBlock(`${lead}${error.message}.`, error.reason));
      submit.disabled = false;
      submit.textContent = editing ? "Update Connection" : "Add Connection";
    }
  });
  return form;
}
