// The Host List (Chronograf's HostsPage): every host of the source's Telegraf database, whether it reported lately,
// its CPU and load, and the apps (layouts) its measurements match; filtered and sorted in place.
import { h, loading, errorBlock } from "../dom.js";
import { api } from "../api.js";
import { setCurrentSource } from "../nav.js";
import { loadHosts, telegrafOf, upWithin } from "./host-queries.js";
import { refreshControls } from "./host-refresh.js";

const sortColumns = [
  ["name", "Host"],
  ["up", "Status"],
  ["cpu", "CPU"],
  ["load", "Load"],
];

export async function renderHosts(page, { id }) {
  setCurrentSource(id);
  const list = new HostList(id);
  const controls = refreshControls(() => list.load());
  page.append(h("div", { class: "page-header page-header-row" }, h("h1", {}, "Host List"), controls.element), list.element);
  await list.load();
  return controls.stop;
}

/// The telegraf database this source names does not exist: say which and how to get one.
export function noTelegrafDatabase(sourceID, db) {
  return h(
    "div",
    { class: "notice host-notice", role: "note", id: "no-telegraf" },
    h("p", {}, h("strong", {}, `This source has no Telegraf database “${db}”.`)),
    h("p", {}, "Point Telegraf's ", h("code", {}, "[[outputs.influxdb]]"), ` at this source with database = "${db}", or name the database Telegraf writes to in the source's `, h("a", { href: `/sources/${sourceID}/edit`, "data-link": "" }, "connection settings"), " (Telegraf Database)."),
  );
}

class HostList {
  constructor(sourceID) {
    this.sourceID = sourceID;
    this.hosts = null;
    this.filter = "";
    this.sort = { key: "name", descending: false };
    this.title = h("h2", { id: "hosts-title" }, "Loading Hosts…");
    this.content = h("div", { class: "hosts-content" }, loading("Loading hosts…"));
    const search = h("input", { type: "search", id: "host-filter", placeholder: "Filter by Host…", autocomplete: "off" });
    search.addEventListener("input", () => {
      this.filter = search.value.trim().toLowerCase();
      this.show();
    });
    const filterBox = h("div", { class: "host-filter" }, h("label", { for: "host-filter", class: "visually-hidden" }, "Filter hosts"), search);
    this.element = h("section", { class: "panel hosts-panel", "aria-labelledby": "hosts-title" }, h("div", { class: "panel-heading" }, this.title, filterBox), this.content);
  }

  async load() {
    try {
      const telegraf = await telegrafOf(this.sourceID);
      if (!telegraf.exists) {
        this.title.textContent = "No Hosts";
        return this.content.replaceChildren(noTelegrafDatabase(this.sourceID, telegraf.db));
      }
      const layouts = await api.layouts([]).catch(() => []);
      this.hosts = await loadHosts(this.sourceID, telegraf, layouts);
      this.show();
    } catch (error) {
      this.title.textContent = "Hosts";
      this.content.replaceChildren(errorBlock("There was a problem loading hosts.", error.reason || error.message, () => this.load()));
    }
  }

  /// The hosts whose name or apps contain the filter text, in the order chosen.
  visibleHosts() {
    const matching = this.hosts.filter((host) => host.name.toLowerCase().includes(this.filter) || host.apps.join(", ").toLowerCase().includes(this.filter));
    const { key, descending } = this.sort;
    const value = (host) => (key === "up" ? Number(host.up) : host[key]);
    return matching.sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      // Hosts without a value go last whichever the direction, as "N/A" carries no order.
      if (x === null || y === null) return (x === null) - (y === null) || a.name.localeCompare(b.name);
      const order = typeof x === "string" ? x.localeCompare(y) : x - y;
      return (descending ? -order : order) || a.name.localeCompare(b.name);
    });
  }

  show() {
    if (!this.hosts) return;
    const hosts = this.visibleHosts();
    this.title.textContent = `${hosts.length} Host${hosts.length === 1 ? "" : "s"}`;
    if (this.hosts.length === 0) return this.content.replaceChildren(h("p", { class: "empty" }, "No hosts found: nothing in the Telegraf database has a host tag."));
    if (hosts.length === 0) return this.content.replaceChildren(h("p", { class: "empty" }, "There are no hosts that match the search criteria."));
    this.content.replaceChildren(
      h("table", { class: "table hosts-table", id: "hosts-table" }, h("thead", {}, h("tr", {}, sortColumns.map(([key, label]) => this.header(key, label)), h("th", { scope: "col" }, "Apps"))), h("tbody", {}, hosts.map((host) => this.row(host)))),
    );
  }

  header(key, label) {
    const sorted = this.sort.key === key;
    const button = h("button", { type: "button", class: "sort-button" }, label, h("span", { class: "sort-caret", "aria-hidden": "true" }, sorted ? (this.sort.descending ? "▼" : "▲") : ""));
    button.addEventListener("click", () => {
      this.sort = { key, descending: sorted ? !this.sort.descending : false };
      this.show();
      this.content.querySelector(`th[data-key="${key}"] button`).focus();
    });
    return h("th", { scope: "col", "data-key": key, "aria-sort": sorted ? (this.sort.descending ? "descending" : "ascending") : "none" }, button);
  }

  row(host) {
    const link = (app) => `/sources/${this.sourceID}/hosts/${encodeURIComponent(host.name)}${app ? `?app=${encodeURIComponent(app)}` : ""}`;
    const status = host.up ? "up" : "down";
    const statusText = host.up ? `Up: reported in the last ${upWithin}` : `Down: nothing from its cpu or system input in the last ${upWithin}`;
    return h(
      "tr",
      { "data-host": host.name },
      h("td", {}, h("a", { href: link(), "data-link": "", class: "host-name" }, host.name)),
      h("td", {}, h("span", { class: `status-dot status-${status}`, role: "img", "aria-label": statusText, title: statusText })),
      h("td", { class: "number" }, host.cpu === null || Number.isNaN(host.cpu) ? "N/A" : `${host.cpu.toFixed(2)}%`),
      h("td", { class: "number" }, host.load === null || Number.isNaN(host.load) ? "N/A" : host.load.toFixed(2)),
      h("td", { class: "host-apps" }, host.apps.flatMap((app, index) => [index ? ", " : null, h("a", { href: link(app), "data-link": "" }, app)])),
    );
  }
}
