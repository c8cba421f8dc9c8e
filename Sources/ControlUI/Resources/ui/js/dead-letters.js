// "Undelivered alerts" on the Alert History page: the events the Kapacitor's alert outbox gave up delivering after
// their retry time (`/kapacitor/v1/alerts/dead-letters`, Sundial's), with the handler and the endpoint's last answer,
// and a button to clear them once dealt with.
import { h, loading, errorBlock } from "./dom.js";
import { api } from "./api.js";
import { notify } from "./notify.js";

export async function loadDeadLetters(box, sourceID, kapacitor) {
  box.replaceChildren(loading());
  const call = (method, path) => api.kapacitorAPI(sourceID, kapacitor.id, method, path);
  let letters;
  try {
    letters = (await call("GET", "/kapacitor/v1/alerts/dead-letters"))["dead-letters"] || [];
  } catch (error) {
    // A Kapacitor (not Sundial) has no dead letters to show.
    if (error.status === 404) return box.replaceChildren();
    return box.replaceChildren(errorBlock("Could not read the undelivered alerts.", error.reason || error.message, () => loadDeadLetters(box, sourceID, kapacitor)));
  }
  const heading = h("h2", {}, `Undelivered alerts (${letters.length})`);
  if (letters.length === 0) return box.replaceChildren(h("section", { class: "panel" }, heading, h("p", { class: "empty" }, "Every alert reached its endpoints.")));
  const clear = h("button", { type: "button", class: "button button-small button-danger", "data-needs": "editor" }, "Clear");
  clear.addEventListener("click", async () => {
    try {
      await call("DELETE", "/kapacitor/v1/alerts/dead-letters");
      notify("Undelivered alerts cleared.");
      loadDeadLetters(box, sourceID, kapacitor);
    } catch (error) {
      notify(`Could not clear the undelivered alerts: ${error.message}`, "error");
    }
  });
  const rows = letters.slice().reverse().map((letter) =>
    h(
      "tr",
      {},
      h("td", {}, letter["alert-id"]),
      h("td", {}, letter.level ? h("span", { class: `level level-${letter.level.toLowerCase()}` }, letter.level) : ""),
      h("td", {}, letter.kind),
      h("td", {}, letter.owner),
      h("td", {}, String(letter.attempts)),
      h("td", {}, letter.error),
      h("td", {}, letter.failed),
    ),
  );
  box.replaceChildren(
    h(
      "section",
      { class: "panel" },
      h("div", { class: "panel-heading" }, heading, clear),
      h("table", { class: "table", id: "dead-letters" }, h("thead", {}, h("tr", {}, ["Alert", "Level", "Handler", "From", "Attempts", "Last error", "Given up"].map((t) => h("th", { scope: "col" }, t)))), h("tbody", {}, rows)),
    ),
  );
}
