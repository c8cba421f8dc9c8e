// A host's page (Chronograf's HostPage): the cells of every layout whose measurement the host has series in (or of
// one app's layouts, with `?app=`), each query run for this host over the time range chosen.
import { h, loading, errorBlock } from "../dom.js";
import { api } from "../api.js";
import { setCurrentSource } from "../nav.js";
import { navigate } from "../router.js";
import { groupByForRange, hostNames, measurementsOf, telegrafOf } from "./host-queries.js";
import { HostGrid, positionCells } from "./host-grid.js";
import { refreshControls } from "./host-refresh.js";
import { noTelegrafDatabase } from "./hosts.js";

export async function renderHost(page, { id, host }) {
  setCurrentSource(id);
  const app = new URLSearchParams(location.search).get("app");
  const context = { sourceID: id, host, range: "1h", telegraf: null };
  let grid = null;
  const controls = refreshControls(() => grid && grid.drawAll());
  const range = h("select", { id: "host-range", "aria-label": "Time range" }, Object.keys(groupByForRange).map((value) => h("option", { value, selected: value === context.range }, `Past ${value}`)));
  range.addEventListener("change", () => {
    context.range = range.value;
    if (grid) grid.drawAll();
  });
  const switcher = h("span", { class: "host-switcher" });
  const body = h("div", { class: "host-body" }, loading());
  page.append(
    h("p", { class: "breadcrumb" }, h("a", { href: `/sources/${id}/hosts`, "data-link": "" }, "Host List"), " /"),
    h("div", { class: "page-header page-header-row" }, h("h1", {}, host), h("div", { class: "host-controls" }, switcher, range, controls.element)),
    body,
  );
  try {
    context.telegraf = await telegrafOf(id);
    if (!context.telegraf.exists) return body.replaceChildren(noTelegrafDatabase(id, context.telegraf.db));
    const [layouts, measurements, names] = await Promise.all([
      api.layouts([]),
      measurementsOf(id, context.telegraf, host),
      hostNames(id, context.telegraf).catch(() => [host]),
    ]);
    switcher.replaceChildren(hostSwitcher(id, host, names));
    const chosen = layouts.filter((layout) => measurements.includes(layout.measurement) && (!app || layout.app === app));
    if (chosen.length === 0) return body.replaceChildren(noLayouts(id, host, app, measurements, context.telegraf.db));
    grid = new HostGrid(positionCells(chosen), context);
    body.replaceChildren(...(app ? [appNote(id, host, app)] : []), grid.element);
    // Not awaited: each cell shows its own progress and errors, and the page is usable meanwhile.
    grid.drawAll();
  } catch (error) {
    body.replaceChildren(errorBlock(`Could not load the page of ${host}.`, error.reason || error.message));
  }
  return controls.stop;
}

/// A choice of the other hosts of the database, as Chronograf's host pages offer in their header.
function hostSwitcher(sourceID, current, names) {
  const select = h("select", { id: "host-switcher", "aria-label": "Host" }, (names.includes(current) ? names : [current, ...names]).map((name) => h("option", { value: name, selected: name === current }, name)));
  select.addEventListener("change", () => navigate(`/sources/${sourceID}/hosts/${encodeURIComponent(select.value)}${location.search}`));
  return select;
}

function appNote(sourceID, host, app) {
  return h("p", { class: "host-app-note" }, `Showing the ${app} layouts only. `, h("a", { href: `/sources/${sourceID}/hosts/${encodeURIComponent(host)}`, "data-link": "" }, "Show every app"));
}

function noLayouts(sourceID, host, app, measurements, db) {
  if (measurements.length === 0) return h("p", { class: "empty" }, `The database “${db}” has no series for the host ${host}.`);
  return h(
    "div",
    { class: "empty" },
    h("p", {}, `No layout ${app ? `of the app ${app} ` : ""}matches the measurements of ${host}: ${measurements.join(", ")}.`),
    app ? h("p", {}, h("a", { href: `/sources/${sourceID}/hosts/${encodeURIComponent(host)}`, "data-link": "" }, "Show every app")) : null,
  );
}
