// Notifications in the corner: announced to screen readers, dismissible, gone after a few seconds.
import { h } from "./dom.js";

export function notify(message, kind = "success") {
  const region = document.getElementById("notifications");
  const close = h("button", { type: "button", class: "notification-close", "aria-label": "Dismiss" }, "×");
  const item = h("div", { class: `notification notification-${kind}`, role: kind === "error" ? "alert" : "status" }, h("span", {}, message), close);
  close.addEventListener("click", () => item.remove());
  region.append(item);
  setTimeout(() => item.remove(), kind === "error" ? 12000 : 6000);
}
