// "Manage Alert Rules": the rules Chronograf-style builders made (tasks with a rule behind them), toggled and
// deleted in place. Hand-written tasks are on the Tasks page.
import { h, loading, errorBlock } from "../dom.js";
import { api } from "../api.js";
import { confirmDialog } from "../dialog.js";
import { notify } from "../notify.js";
import { setCurrentSource } from "../nav.js";
import { allows } from "../roles.js";
import { activeKapacitor, noKapacitor } from "../kapacitor.js";

const handlerKinds = ["post", "tcp", "email", "exec", "log", "victorOps", "pagerDuty", "pagerDuty2", "pushover", "sensu", "slack", "telegram", "alerta", "opsGenie", "opsGenie2", "talk", "kafka", "serviceNow", "bigPanda", "teams", "zenoss"];

export async function renderAlertRules(page, { id }) {
  setCurrentSource(id);
  const body = h("div", {}, loading());
  page.append(h("div", { class: "page-header" }, h("h1", {}, "Manage Alert Rules")), body);
  await load(body, id);
}

async function load(body, sourceID) {
  body.replaceChildren(loading());
  let kapacitor;
  let rules;
  try {
    kapacitor = await activeKapacitor(sourceID);
    if (!kapacitor) return body.replaceChildren(noKapacitor(sourceID));
    rules = (await api.rules(sourceID, kapacitor.id)).filter((rule) => rule.query !== null);
  } catch (error) {
    return body.replaceChildren(errorBlock("Could not load alert rules.", error.reason || error.message, () => load(body, sourceID)));
  }
  const build = h("a", { class: "button button-primary", href: `/sources/${sourceID}/kapacitors/${kapacitor.id}/alert-rules/new`, "data-link": "", "data-needs": "editor" }, "+ Build Alert Rule");
  const heading = h("div", { class: "panel-heading" }, h("h2", {}, `${rules.length} Alert Rule${rules.length === 1 ? "" : "s"}`), build);
  if (rules.length === 0) return body.replaceChildren(h("section", { class: "panel" }, heading, h("p", { class: "empty" }, "No alert rules yet.")));
  const rows = rules.map((rule) => ruleRow(sourceID, kapacitor, rule, () => load(body, sourceID)));
  body.replaceChildren(
    h(
      "section",
      { class: "panel" },
      heading,
      h(
        "table",
        { class: "table", id: "alert-rules" },
        h("thead", {}, h("tr", {}, ["Name", "Rule Type", "Message", "Alert Handlers", "Task Enabled", ""].map((title) => h("th", { scope: "col" }, title)))),
        h("tbody", {}, rows),
      ),
    ),
  );
}

function ruleRow(sourceID, kapacitor, rule, reload) {
  const handlers = handlerKinds.filter((kind) => (rule.alertNodes[kind] || []).length > 0).join(", ");
  const toggle = h("input", { type: "checkbox", checked: rule.status === "enabled", disabled: !allows("editor"), "aria-label": `Enable ${rule.name}` });
  toggle.addEventListener("change", async () => {
    const status = toggle.checked ? "enabled" : "disabled";
    try {
      await api.setRuleStatus(sourceID, kapacitor.id, rule.id, status);
      notify(`${rule.name} ${status} successfully.`);
    } catch (error) {
      toggle.checked = !toggle.checked;
      notify(`${rule.name} could not be ${status}: ${error.message}`, "error");
    }
  });
  const remove = h("button", { type: "button", class: "button button-small button-danger", "data-needs": "editor", "aria-label": `Delete ${rule.name}` }, "Delete");
  remove.addEventListener("click", async () => {
    if (!(await confirmDialog(`Delete the alert rule ${rule.name}?`, "Delete"))) return;
    try {
      await api.deleteRule(sourceID, kapacitor.id, rule.id);
      notify(`${rule.name} deleted successfully.`);
    } catch {
      notify(`${rule.name} could not be deleted.`, "error");
    }
    reload();
  });
  return h(
    "tr",
    { "data-rule": rule.id },
    h("td", {}, h("a", { href: `/sources/${sourceID}/kapacitors/${kapacitor.id}/alert-rules/${encodeURIComponent(rule.id)}`, "data-link": "" }, rule.name)),
    h("td", {}, rule.trigger),
    h("td", { class: "cell-message" }, rule.message),
    h("td", {}, handlers),
    h("td", {}, toggle),
    h("td", {}, remove),
  );
}
