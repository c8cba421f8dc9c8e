// Creating and changing an annotation of a dashboard's source: its text, start and end, or its deletion.
import { h, errorBlock } from "./dom.js";
import { api } from "./api.js";
import { showModal } from "./dialog.js";

const toInput = (iso) => {
  const millis = Date.parse(iso);
  return new Date(millis - new Date(millis).getTimezoneOffset() * 60000).toISOString().slice(0, 19);
};

/// Opens the dialog for `annotation` (an existing one, or `{startTime, endTime}` for a new one); resolves true when
/// something changed.
export function annotationDialog(sourceID, annotation) {
  const isNew = !annotation.id;
  const text = h("input", { type: "text", id: "annotation-text", value: annotation.text || "" });
  const start = h("input", { type: "datetime-local", step: 1, id: "annotation-start", value: toInput(annotation.startTime) });
  const end = h("input", { type: "datetime-local", step: 1, id: "annotation-end", value: toInput(annotation.endTime) });
  const feedback = h("div", { "aria-live": "assertive" });
  const cancel = h("button", { type: "button", class: "button" }, "Cancel");
  const save = h("button", { type: "button", class: "button button-primary" }, isNew ? "Add Annotation" : "Save Annotation");
  const remove = isNew ? null : h("button", { type: "button", class: "button button-danger" }, "Delete Annotation");
  const dialog = h("dialog", { class: "dialog", "aria-label": isNew ? "Add Annotation" : "Edit Annotation" }, h("h2", {}, isNew ? "Add Annotation" : "Edit Annotation"),
    h("label", { for: "annotation-text" }, "Text"), text, h("label", { for: "annotation-start" }, "Start"), start,
    h("label", { for: "annotation-end" }, "End"), end, feedback, h("div", { class: "dialog-actions" }, remove, cancel, save));
  const { done, finish } = showModal(dialog, false);
  const attempt = async (action) => {
    try {
      await action();
      finish(true);
    } catch (error) {
      feedback.replaceChildren(errorBlock("The annotation could not be saved.", error.message));
    }
  };
  cancel.addEventListener("click", () => finish(false));
  save.addEventListener("click", () => attempt(() => {
    const body = { text: text.value, startTime: new Date(start.value).toISOString(), endTime: new Date(end.value).toISOString() };
    return isNew ? api.createAnnotation(sourceID, { ...body, tags: annotation.tags || {} }) : api.updateAnnotation(sourceID, annotation.id, body);
  }));
  if (remove) remove.addEventListener("click", () => attempt(() => api.deleteAnnotation(sourceID, annotation.id)));
  text.focus();
  return done;
}
