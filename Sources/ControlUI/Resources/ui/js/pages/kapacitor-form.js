// Add or edit a Kapacitor connection of an InfluxDB connection.
import { api } from "../api.js";
import { h, loading, errorBlock } from "../dom.js";
import { field } from "../form.js";
import { notify } from "../notify.js";
import { navigate } from "../router.js";
import { setCurrentSource } from "../nav.js";
import { alertEndpoints } from "../alert-endpoints.js";

export async function renderKapacitorForm(page, { id, kid }) {
  setCurrentSource(id);
  const editing = kid !== undefined;
  const slot = h("div", {}, loading());
  page.append(h("div", { class: "page-header" }, h("h1", {}, editing ? "Configure Kapacitor Connection" : "Add a New Kapacitor Connection")), slot);
  let existing = {};
  let source;
  try {
    source = await api.source(id);
    if (editing) existing = await api.kapacitor(id, kid);
  } catch (error) {
    slot.replaceChildren(errorBlock("Could not load the connection.", error.message, () => navigate(location.pathname, { replace: true })));
    return;
  }
  slot.replaceChildren(buildForm(source, existing, editing, (saved) => slot.append(alertEndpoints(source.id, saved.id))));
  if (editing) slot.append(alertEndpoints(source.id, existing.id));
  slot.querySelector("input").focus();
}

/// `onCreated` gets the new connection once it is made (the endpoints panel then appears, as in Chronograf).
function buildForm(source, existing, editing, onCreated) {
  const url = field("Kapacitor URL", { id: "kapacitor-url", value: existing.url || "http://localhost:9092", required: true });
  const name = field("Name", { id: "kapacitor-name", value: existing.name || "My Kapacitor", required: true });
  const username = field("Username", { id: "kapacitor-username", value: existing.username || "", autocomplete: "username" });
  const password = field("Password", { id: "kapacitor-password", type: "password", autocomplete: "new-password" });
  const feedback = h("div", { class: "form-feedback", "aria-live": "assertive" });
  const submit = h("button", { type: "submit", class: "button button-primary" }, editing ? "Update" : "Connect");
  const form = h(
    "form",
    { class: "panel form", id: "kapacitor-form", novalidate: true },
    h("h2", {}, "Connection Details"),
    h("p", { class: "form-hint" }, `For the InfluxDB connection ${source.name}.`),
    h("div", { class: "form-grid" }, url.element, name.element, username.element, password.element),
    feedback,
    h("div", { class: "form-actions" }, submit, h("a", { class: "button", href: `/sources/${source.id}/manage-sources`, "data-link": "" }, "Back to Configuration")),
  );
  let saved = editing ? existing : null;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    feedback.replaceChildren();
    let address = url.input.value.trim();
    if (address && !/^[a-z]+:\/\//i.test(address)) address = `http://${address}`;
    const body = { url: address, name: name.input.value.trim(), username: username.input.value };
    if (password.input.value || !saved) body.password = password.input.value;
    submit.disabled = true;
    try {
      if (saved) {
        saved = await api.updateKapacitor(source.id, saved.id, body);
        feedback.replaceChildren(h("p", { class: "success-message", role: "status" }, "Kapacitor Connection updated successfully."));
      } else {
        saved = await api.createKapacitor(source.id, { ...body, active: true });
        feedback.replaceChildren(
          h("p", { class: "success-message", role: "status" }, "Kapacitor Created! Configuring endpoints is optional. ",
            h("a", { href: "#alert-endpoints" }, "Configure alert endpoints")));
        history.replaceState({}, "", `/sources/${source.id}/kapacitors/${saved.id}/edit`);
        submit.textContent = "Update";
        onCreated(saved);
      }
      notify(`Kapacitor ${saved.name} saved.`);
    } catch (error) {
      const lead = saved ? "There was a problem updating the Kapacitor Connection." : "There was a problem connecting to Kapacitor.";
      feedback.replaceChildren(errorBlock(lead, error.reason || error.message));
    }
    submit.disabled = false;
  });
  return form;
}
