// What the InfluxDB Admin tabs share: server errors shown where the action was, small buttons, and InfluxQL whose
// errors (which InfluxDB puts in a 200 answer) become exceptions.
import { api } from "../api.js";
import { h, errorBlock } from "../dom.js";

/// An inline error: what failed, then the server's message, with Sundial's reason when it knows one.
export function failure(what, error, retry) {
  const reason = error.reason ? `${error.message} (${error.reason})` : error.message;
  return errorBlock(what, reason, retry);
}

/// A small button; changes are marked for editors, so lesser roles are not offered them (roles.js).
export function smallButton(label, onclick, attributes = {}) {
  const { kind = "", ...rest } = attributes;
  return h("button", { type: "button", class: `button button-small ${kind}`.trim(), onclick, ...rest }, label);
}

/// A place for a form's or an action's error, read out when it appears.
export function feedbackSlot() {
  return h("div", { class: "admin-feedback", "aria-live": "assertive" });
}

/// Runs InfluxQL through the source proxy; the first statement error is thrown with InfluxDB's text.
export async function influxql(sourceID, query) {
  const answer = await api.query(sourceID, { query });
  const results = (answer && answer.results) || [];
  const failed = results.find((result) => result.error);
  if (failed) throw new Error(failed.error);
  return results;
}

/// `/sources/:id/…` with each part escaped, for `api.call`.
export function sourcePath(sourceID, ...parts) {
  return [`/sources/${encodeURIComponent(sourceID)}`, ...parts.map((part) => encodeURIComponent(part))].join("/");
}

/// Disables a button while `work` runs, so a double click does not send twice.
export async function whileBusy(button, work) {
  button.disabled = true;
  try {
    return await work();
  } finally {
    button.disabled = false;
  }
}
