// A confirmation dialog (a real <dialog>: focus stays inside, Escape cancels), never a blocking confirm().
import { h } from "./dom.js";

export function confirmDialog(message, confirmLabel = "Delete") {
  return new Promise((resolve) => {
    const cancel = h("button", { type: "button", class: "button" }, "Cancel");
    const confirm = h("button", { type: "button", class: "button button-danger" }, confirmLabel);
    const dialog = h("dialog", { class: "dialog", "aria-label": message }, h("p", {}, message), h("div", { class: "dialog-actions" }, cancel, confirm));
    const finish = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    cancel.addEventListener("click", () => finish(false));
    confirm.addEventListener("click", () => finish(true));
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      finish(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
