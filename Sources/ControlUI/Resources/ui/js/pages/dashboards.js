// The dashboards list.
import { h } from "../dom.js";
import { setCurrentSource } from "../nav.js";

export async function renderDashboards(page, { id }) {
  setCurrentSource(id);
  page.append(h("div", { class: "page-header" }, h("h1", {}, "Dashboards")));
}
