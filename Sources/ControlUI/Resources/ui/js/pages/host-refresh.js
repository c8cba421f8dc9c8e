// The host pages' refresh controls: a "Refresh" button and an auto-refresh choice, stopped when the page is left.
import { h } from "../dom.js";

const choices = [["Paused", 0], ["Every 10s", 10000], ["Every 30s", 30000], ["Every 1m", 60000]];

/// `{element, stop}`: `refresh` runs on a click and on every tick of the interval chosen.
export function refreshControls(refresh) {
  let timer = null;
  const select = h("select", { id: "auto-refresh", "aria-label": "Auto-refresh" }, choices.map(([label, ms]) => h("option", { value: ms }, label)));
  select.addEventListener("change", () => {
    clearInterval(timer);
    timer = Number(select.value) > 0 ? setInterval(refresh, Number(select.value)) : null;
  });
  const button = h("button", { type: "button", class: "button", onclick: () => refresh() }, "Refresh");
  return { element: h("span", { class: "host-refresh" }, select, button), stop: () => clearInterval(timer) };
}
