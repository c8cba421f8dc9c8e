// Labelled form fields: every input has a visible label tied to it, for keyboard and screen-reader users.
import { h } from "./dom.js";

let counter = 0;

export function field(label, attributes = {}) {
  const id = attributes.id || `field-${++counter}`;
  const input = h("input", { id, name: attributes.name || id, type: "text", ...attributes });
  return { element: h("div", { class: "form-group" }, h("label", { for: id }, label), input), input };
}

export function checkbox(label, attributes = {}) {
  const id = attributes.id || `field-${++counter}`;
  const input = h("input", { id, type: "checkbox", ...attributes });
  return { element: h("div", { class: "form-group form-check" }, input, h("label", { for: id }, label)), input };
}
