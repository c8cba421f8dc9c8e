// The active Kapacitor connection of an InfluxDB connection, which the task and alert pages work against.
import { api } from "./api.js";
import { h } from "./dom.js";

export async function activeKapacitor(sourceID) {
  const kapacitors = await api.kapacitors(sourceID);
  return kapacitors.find((kapacitor) => kapacitor.active) || kapacitors[0] || null;
}

export function noKapacitor(sourceID) {
  return h(
    "div",
    { class: "panel empty-state" },
    h("p", {}, "The current source does not have an associated Kapacitor instance"),
    h("a", { class: "button button-primary", href: `/sources/${sourceID}/kapacitors/new`, "data-link": "" }, "Configure Kapacitor"),
  );
}
