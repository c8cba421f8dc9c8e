// The alert handlers the rule builder offers, with the options each takes (Chronograf's rule JSON names).
import { h } from "./dom.js";

export const handlerOptions = {
  slack: ["channel", "username", "iconEmoji", "workspace"],
  post: ["url"],
  email: ["to"],
  log: ["filePath"],
  tcp: ["address"],
  exec: ["command"],
  pagerDuty: ["serviceKey"],
  pagerDuty2: ["routingKey"],
  victorOps: ["routingKey"],
  opsGenie2: ["teams", "recipients"],
  teams: ["channelURL"],
  telegram: ["chatId", "parseMode"],
  pushover: ["userKey", "device", "title"],
  talk: [],
};

/// The Kapacitor config section each handler sends through; handlers without one (post, log, tcp, exec) need none.
const handlerSections = {
  slack: "slack", email: "smtp", pagerDuty: "pagerduty", pagerDuty2: "pagerduty2", victorOps: "victorops", opsGenie2: "opsgenie2",
  teams: "teams", telegram: "telegram", pushover: "pushover", talk: "talk",
};

/// Whether a handler can send with the Kapacitor's configuration (`/kapacitor/v1/config` sections): its section has
/// an enabled element, or it needs none. Unknown configuration (the Kapacitor could not be asked): every handler.
export function handlerIsConfigured(kind, sections) {
  const section = handlerSections[kind];
  if (!section || !sections) return true;
  return Boolean(sections[section] && sections[section].elements.some((element) => element.options.enabled));
}

/// Options that are lists in the rule JSON, typed as comma- (or, for commands, space-) separated text.
const lists = { to: ",", command: " ", teams: ",", recipients: "," };

export function handlerEditor(kind, entry, onChange, onRemove) {
  const inputs = handlerOptions[kind].map((option) => {
    const id = `handler-${kind}-${option}-${Math.random().toString(36).slice(2, 8)}`;
    const current = entry[option];
    const input = h("input", { id, type: "text", value: Array.isArray(current) ? current.join(lists[option] === " " ? " " : ", ") : current || "" });
    input.addEventListener("input", () => {
      const text = input.value;
      entry[option] = lists[option] ? text.split(lists[option]).map((part) => part.trim()).filter(Boolean) : text;
      onChange();
    });
    return h("div", { class: "form-group" }, h("label", { for: id }, option), input);
  });
  const remove = h("button", { type: "button", class: "button button-small button-danger", "aria-label": `Remove ${kind} handler` }, "Remove");
  remove.addEventListener("click", onRemove);
  return h("div", { class: "handler", "data-handler": kind }, h("div", { class: "handler-heading" }, h("strong", {}, kind), remove), h("div", { class: "form-grid" }, inputs));
}
