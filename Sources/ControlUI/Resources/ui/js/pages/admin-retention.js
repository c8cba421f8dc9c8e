// Retention policies of one database on the Databases tab: the table, and the form that creates or alters one
// (`POST`/`PUT /sources/:id/dbs/:db/rps[/:rp]`, `DELETE` to drop; the server turns them into InfluxQL).
import { api } from "../api.js";
import { h } from "../dom.js";
import { confirmDialog } from "../dialog.js";
import { field, checkbox } from "../form.js";
import { notify } from "../notify.js";
import { failure, feedbackSlot, smallButton, sourcePath, whileBusy } from "./admin-shared.js";

/// The database's policies by name, each with Edit and Delete; the last one left cannot be deleted.
export function policyTable(tab, database, formSlot) {
  const policies = [...(database.retentionPolicies || [])].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
  const headings = ["Retention Policy", "Duration", "Shard Duration", "Replication"].map((label) => h("th", { scope: "col" }, label));
  return h(
    "table",
    { class: "table admin-rp-table" },
    h("thead", {}, h("tr", {}, headings, h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")))),
    h("tbody", {}, policies.map((policy) => policyRow(tab, database, policy, formSlot, policies.length > 1))),
  );
}

function policyRow(tab, database, policy, formSlot, isDeletable) {
  const edit = smallButton("Edit", () => openPolicyForm(tab, database, formSlot, policy), { "data-needs": "editor", "aria-label": `Edit retention policy ${policy.name}` });
  const drop = smallButton("Delete", () => dropPolicy(tab, database, policy, formSlot), {
    kind: "button-danger", "data-needs": "editor", "aria-label": `Delete retention policy ${policy.name}`, disabled: !isDeletable,
    title: isDeletable ? false : "A database keeps at least one retention policy",
  });
  return h(
    "tr",
    { "data-rp": policy.name },
    h("td", {}, policy.name, policy.isDefault ? h("span", { class: "admin-default" }, "default") : null),
    h("td", {}, formatDuration(policy.duration)),
    h("td", {}, formatDuration(policy.shardDuration)),
    h("td", {}, String(policy.replication)),
    h("td", { class: "admin-row-actions" }, edit, drop),
  );
}

async function dropPolicy(tab, database, policy, formSlot) {
  const question = `Delete the retention policy ${policy.name} of ${database.name}? Its data is deleted with it.`;
  if (!(await confirmDialog(question, "Delete"))) return;
  try {
    await api.call("DELETE", sourcePath(tab.sourceID, "dbs", database.name, "rps", policy.name));
  } catch (error) {
    return formSlot.replaceChildren(failure(`Could not delete the retention policy ${policy.name}.`, error));
  }
  notify(`Retention policy ${policy.name} deleted from ${database.name}.`);
  await tab.reload();
}

/// The form for a new policy (no `policy`) or for altering one; InfluxDB cannot rename a policy, so its name is fixed.
export function openPolicyForm(tab, database, slot, policy) {
  const editing = Boolean(policy);
  const title = editing ? `Edit retention policy ${policy.name}` : `New retention policy on ${database.name}`;
  const name = editing ? null : field("Retention Policy Name", { autocomplete: "off", spellcheck: "false", placeholder: "e.g. one_week" });
  const duration = field("Duration", { value: editing ? inputDuration(policy.duration) : "", placeholder: "INF, 1h30m, 1d, etc.", autocomplete: "off" });
  const replication = field("Replication", { type: "number", min: "1", step: "1", value: String(editing ? policy.replication : 1) });
  const shard = field("Shard Duration", { value: editing ? inputDuration(policy.shardDuration) : "", placeholder: "from the duration", autocomplete: "off" });
  // A default policy stops being one only when another becomes the default.
  const isDefault = checkbox("Default retention policy", { checked: editing && policy.isDefault, disabled: editing && policy.isDefault });
  const fields = { name, duration, replication, shard, isDefault };
  const feedback = feedbackSlot();
  const save = h("button", { type: "submit", class: "button button-primary button-small" }, "Save");
  const cancel = smallButton("Cancel", () => slot.replaceChildren());
  const form = h(
    "form",
    { class: "admin-rp-form", "aria-label": title },
    h("h4", {}, title),
    h("div", { class: "admin-form-row" }, name && name.element, duration.element, replication.element, shard.element),
    isDefault.element,
    feedback,
    h("div", { class: "form-actions" }, save, cancel),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    savePolicy(tab, database, policy, fields, { save, feedback });
  });
  form.addEventListener("keydown", (event) => event.key === "Escape" && slot.replaceChildren());
  slot.replaceChildren(form);
  (name || duration).input.focus();
}

async function savePolicy(tab, database, policy, fields, { save, feedback }) {
  feedback.replaceChildren();
  const body = {
    duration: fields.duration.input.value.trim(),
    replication: Number.parseInt(fields.replication.input.value, 10),
    shardDuration: fields.shard.input.value.trim(),
    isDefault: fields.isDefault.input.checked && !fields.isDefault.input.disabled,
  };
  const name = policy ? policy.name : fields.name.input.value.trim();
  try {
    await whileBusy(save, () =>
      policy
        ? api.call("PUT", sourcePath(tab.sourceID, "dbs", database.name, "rps", policy.name), body)
        : api.call("POST", sourcePath(tab.sourceID, "dbs", database.name, "rps"), { name, ...body }),
    );
  } catch (error) {
    const what = policy ? `Could not change the retention policy ${name}.` : `Could not create the retention policy${name ? ` ${name}` : ""}.`;
    return feedback.replaceChildren(failure(what, error));
  }
  notify(policy ? `Retention policy ${name} of ${database.name} changed.` : `Retention policy ${name} created on ${database.name}.`);
  await tab.reload();
}

/// InfluxDB's `168h0m0s` as `7d`, `1h30m0s` as `1h30m`; `0s` (keep forever) as ∞. Anything else is shown as it is.
function formatDuration(text) {
  if (!text || text === "0" || text === "0s") return "∞";
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!match) return text;
  const [hours, minutes, seconds] = match.slice(1).map((part) => Number(part || 0));
  const parts = [[Math.floor(hours / 24), "d"], [hours % 24, "h"], [minutes, "m"], [seconds, "s"]].filter(([value]) => value > 0);
  return parts.length ? parts.map(([value, unit]) => `${value}${unit}`).join("") : "0s";
}

/// A duration as the form shows it, ready to be sent back: ∞ is InfluxQL's INF.
function inputDuration(text) {
  const shown = formatDuration(text);
  return shown === "∞" ? "INF" : shown;
}
