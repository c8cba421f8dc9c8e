// The Host List: filled in by the host list work.
import { h } from "../dom.js";
import { setCurrentSource } from "../nav.js";

export async function renderHosts(page, { id }) {
  setCurrentSource(id);
  page.append(h("div", { class: "page-header" }, h("h1", {}, "Host List")));
}
