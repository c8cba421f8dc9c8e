// Small helpers to build DOM without innerHTML, so names and URLs from the server are never read as HTML.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith("on") && typeof value === "function") element.addEventListener(key.slice(2), value);
    else if (key === "class") element.className = value;
    else if (value === true) element.setAttribute(key, "");
    else element.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function loading(text = "Loading…") {
  return h("p", { class: "loading", role: "status" }, text);
}

/// An error block with what failed, the server's reason under it, and an optional retry.
export function errorBlock(message, reason, retry) {
  return h(
    "div",
    { class: "error-block", role: "alert" },
    h("p", { class: "error-message" }, message),
    reason ? h("p", { class: "error-reason" }, reason) : null,
    retry ? h("button", { type: "button", class: "button", onclick: retry }, "Retry") : null,
  );
}
