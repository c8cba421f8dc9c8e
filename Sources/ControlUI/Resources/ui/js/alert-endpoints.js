// "Configure Alert Endpoints" on a Kapacitor connection's page: one tab per service the Kapacitor both configures
// (/kapacitor/v1/config) and can test (/kapacitor/v1/service-tests), as Chronograf shows them. Each form is drawn from
// the options the config API returns (the server's schema is the one list of fields): Save sends what changed
// through the config API, Send Test Alert runs the service test, and the result is said in words.
import { api } from "./api.js";
import { h, loading, errorBlock } from "./dom.js";
import { notify } from "./notify.js";

export const serviceTitles = {
  alerta: "Alerta", bigpanda: "BigPanda", discord: "Discord", kafka: "Kafka", mqtt: "MQTT", opsgenie: "OpsGenie",
  opsgenie2: "OpsGenie2", pagerduty: "PagerDuty", pagerduty2: "PagerDuty2", pushover: "Pushover", sensu: "Sensu",
  servicenow: "ServiceNow", slack: "Slack", smtp: "SMTP", snmptrap: "SNMP Trap", talk: "Talk", teams: "Teams",
  telegram: "Telegram", victorops: "VictorOps", zenoss: "Zenoss",
};

/// The element key of list sections (several workspaces or endpoints), as the config API names elements.
const elementKeys = { slack: "workspace", discord: "workspace" };

export function alertEndpoints(sourceID, kapacitorID) {
  const root = h("section", { class: "panel", id: "alert-endpoints", "aria-labelledby": "alert-endpoints-title" });
  const call = (method, path, body) => api.kapacitorAPI(sourceID, kapacitorID, method, path, body);
  const draw = async (chosen) => {
    root.replaceChildren(h("h2", { id: "alert-endpoints-title" }, "Configure Alert Endpoints"), loading());
    let sections;
    let services;
    try {
      sections = (await call("GET", "/kapacitor/v1/config")).sections;
      services = (await call("GET", "/kapacitor/v1/service-tests")).services.map((service) => service.name);
    } catch (error) {
      root.lastChild.replaceWith(errorBlock("Could not read the Kapacitor's alert endpoints.", error.reason || error.message, () => draw(chosen)));
      return;
    }
    const names = Object.keys(sections).filter((name) => services.includes(name) && serviceTitles[name]).sort((a, b) => serviceTitles[a].localeCompare(serviceTitles[b]));
    const panel = h("div", { role: "tabpanel", id: "alert-endpoint-panel" });
    const tabs = names.map((name) => {
      const enabled = sections[name].elements.some((element) => element.options.enabled);
      const tab = h("button", { type: "button", class: "tab", role: "tab", id: `endpoint-tab-${name}`, "aria-controls": "alert-endpoint-panel" },
        serviceTitles[name], enabled ? h("span", { class: "endpoint-on", "aria-label": "(configured)" }, " ●") : null);
      tab.addEventListener("click", () => show(name));
      return tab;
    });
    const show = (name) => {
      tabs.forEach((tab, index) => tab.setAttribute("aria-selected", String(names[index] === name)));
      panel.setAttribute("aria-labelledby", `endpoint-tab-${name}`);
      panel.replaceChildren(...sections[name].elements.map((element) => endpointForm(name, element, call, () => draw(name))));
    };
    root.lastChild.replaceWith(h("div", { class: "tabs", role: "tablist", "aria-label": "Alert endpoints" }, tabs), panel);
    if (names.length) show(names.includes(chosen) ? chosen : names[0]);
  };
  draw(location.hash.slice(1));
  return root;
}

const acronyms = { url: "URL", api: "API", ssl: "SSL", id: "ID", ca: "CA", http: "HTTP", tls: "TLS" };

/// "routing-key" → "Routing key", "avatar-url" → "Avatar URL".
function label(key) {
  const words = key.split(/[-_]/).map((word) => acronyms[word] || word);
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function endpointForm(section, element, call, redraw) {
  const title = serviceTitles[section];
  const keyName = elementKeys[section];
  const id = keyName ? element.options[keyName] : "";
  const redacted = new Set(element.redacted || []);
  const controls = [];
  // Text fields first, switches after; the TLS settings of the service's own client apart, as few need them.
  const isTLS = (key) => key.startsWith("ssl-") || key === "insecure-skip-verify";
  const isSwitch = (key) => typeof element.options[key] === "boolean" && !redacted.has(key);
  const keys = Object.keys(element.options)
    .filter((key) => key !== "enabled" && key !== keyName)
    .sort((a, b) => isSwitch(a) - isSwitch(b) || a.localeCompare(b));
  const field = (key) => {
    const value = element.options[key];
    const inputID = `endpoint-${section}-${id || "default"}-${key}`;
    let input;
    if (redacted.has(key)) {
      input = h("input", { id: inputID, type: "password", autocomplete: "off", placeholder: value ? "set (type to replace)" : "not set" });
    } else if (typeof value === "boolean") {
      input = h("input", { id: inputID, type: "checkbox", checked: value });
    } else {
      const text = Array.isArray(value) ? value.join(", ") : value === null || value === undefined ? "" : String(value);
      input = h("input", { id: inputID, type: typeof value === "number" ? "number" : "text", value: text });
    }
    controls.push({ key, input, value, isSecret: redacted.has(key) });
    return h("div", { class: typeof value === "boolean" && !redacted.has(key) ? "form-group form-check" : "form-group" },
      ...(typeof value === "boolean" && !redacted.has(key) ? [input, h("label", { for: inputID }, label(key))] : [h("label", { for: inputID }, label(key)), input]));
  };
  const fields = keys.filter((key) => !isTLS(key)).map(field);
  const tls = keys.filter(isTLS).map(field);
  const enabledID = `endpoint-${section}-${id || "default"}-enabled`;
  const enabled = h("input", { id: enabledID, type: "checkbox", checked: Boolean(element.options.enabled) });
  const result = h("p", { class: "endpoint-result", role: "status", "aria-live": "polite" });
  const save = h("button", { type: "submit", class: "button button-primary" }, "Save Changes");
  const test = h("button", { type: "button", class: "button" }, "Send Test Alert");
  const form = h("form", { class: "endpoint-form", "data-section": section, "data-element": id, novalidate: true },
    id ? h("h3", {}, `${title} workspace ${id}`) : null,
    h("div", { class: "form-group form-check" }, enabled, h("label", { for: enabledID }, "Configuration Enabled")),
    h("div", { class: "form-grid" }, fields),
    tls.length ? h("details", {}, h("summary", {}, "TLS settings"), h("div", { class: "form-grid" }, tls)) : null,
    h("div", { class: "form-actions" }, save, test), result);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const set = { enabled: enabled.checked };
    for (const control of controls) {
      const changed = changedValue(control);
      if (changed !== undefined) set[control.key] = changed;
    }
    save.disabled = true;
    try {
      await call("POST", `/kapacitor/v1/config/${section}/${id}`, { set });
      notify(`Alert endpoint ${title} saved.`);
      redraw();
    } catch (error) {
      result.className = "endpoint-result error-message";
      result.textContent = `${title} was not saved: ${error.message}`;
    }
    save.disabled = false;
  });
  test.addEventListener("click", async () => {
    test.disabled = true;
    result.className = "endpoint-result";
    result.textContent = `Sending a test alert to ${title}…`;
    try {
      const answer = await call("POST", `/kapacitor/v1/service-tests/${section}`, id ? { [keyName]: id } : {});
      result.className = answer.success ? "endpoint-result success-message" : "endpoint-result error-message";
      result.textContent = answer.success ? `Test alert sent to ${title}: it was accepted.` : `Test alert to ${title} failed: ${answer.message}`;
    } catch (error) {
      result.className = "endpoint-result error-message";
      result.textContent = `Test alert to ${title} failed: ${error.message}`;
    }
    test.disabled = false;
  });
  return form;
}

/// The value to send for a control the user changed, in the type the option has; undefined when unchanged (a secret
/// left empty keeps what is set).
function changedValue({ input, value, isSecret }) {
  if (isSecret) return input.value ? input.value : undefined;
  if (typeof value === "boolean") return input.checked !== value ? input.checked : undefined;
  if (Array.isArray(value)) {
    const list = input.value.split(",").map((part) => part.trim()).filter(Boolean);
    return list.join(",") !== value.join(",") ? list : undefined;
  }
  if (typeof value === "number") return Number(input.value) !== value ? Number(input.value) : undefined;
  return input.value !== (value ?? "") ? input.value : undefined;
}
