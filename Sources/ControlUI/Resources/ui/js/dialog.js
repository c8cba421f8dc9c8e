// Modal dialogs (a real <dialog>: focus stays inside, Escape cancels), never a blocking confirm().
import { h } from "./dom.js";

/// Shows `dialog` modally until `finish(answer)` is called (Escape finishes with `escapeAnswer`); `done` resolves
/// with the answer once the dialog is gone.
export function showModal(dialog, escapeAnswer = null) {
  let finish;
  const done = new Promise((resolve) => {
    finish = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
  });
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    finish(escapeAnswer);
  });
  document.body.append(dialog);
  dialog.showModal();
  return { done, finish };
}

export function confirmDialog(message, confirmLabel = "Delete") {
  const cancel = h("button", { type: "button", class: "button" }, "Cancel");
  const confirm = h("button", { type: "button", class: "button button-danger" }, confirmLabel);
  const dialog = h("dialog", { class: "dialog", "aria-label": message }, h("p", {}, message), h("div", { class: "dialog-actions" }, cancel, confirm));
  const { done, finish } = showModal(dialog, false);
  cancel.addEventListener("click", () => finish(false));
  confirm.addEventListener("click", () => finish(true));
  cancel.focus();
  return done;
}
