// A host's page: filled in by the host list work.
import { h } from "../dom.js";
import { setCurrentSource } from "../nav.js";

export async function renderHost(page, { id, host }) {
  setCurrentSource(id);
  page.append(h("div", { class: "page-header" }, h("h1", {}, host)));
}
