// InfluxDB Admin: filled in by the admin work.
import { h } from "../dom.js";
import { setCurrentSource } from "../nav.js";

export async function renderAdmin(page, { id }) {
  setCurrentSource(id);
  page.append(h("div", { class: "page-header" }, h("h1", {}, "InfluxDB Admin")));
}
