// A dashboard's time range (Chronograf's presets or an absolute from–to) and its auto-refresh, as controls.
import { h } from "./dom.js";

export const presets = [
  ["Past 5m", "now() - 5m"], ["Past 15m", "now() - 15m"], ["Past 1h", "now() - 1h"], ["Past 6h", "now() - 6h"],
  ["Past 12h", "now() - 12h"], ["Past 24h", "now() - 24h"], ["Past 2d", "now() - 2d"], ["Past 7d", "now() - 7d"],
  ["Past 30d", "now() - 30d"],
];
export const refreshChoices = [["Paused", 0], ["Every 5s", 5000], ["Every 10s", 10000], ["Every 30s", 30000], ["Every 1m", 60000], ["Every 5m", 300000]];

export const isAbsolute = (range) => !range.lower.startsWith("now()");

/// The range as milliseconds since 1970 (relative ones against now), for charts and annotations.
export function rangeMillis(range, now = Date.now()) {
  if (isAbsolute(range)) return { from: Date.parse(range.lower), to: range.upper ? Date.parse(range.upper) : now };
  const match = /now\(\)\s*-\s*(\d+)([smhdw])/.exec(range.lower);
  const unit = { s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5 }[match ? match[2] : "h"];
  return { from: now - (match ? Number(match[1]) : 1) * unit, to: now };
}

export function describeRange(range) {
  const preset = presets.find(([, lower]) => lower === range.lower && !range.upper);
  if (preset) return preset[0];
  return `${new Date(range.lower).toLocaleString()} – ${range.upper ? new Date(range.upper).toLocaleString() : "now"}`;
}

/// `<input type=datetime-local>` text for a time, in local time to the minute.
const localInput = (millis) => {
  const date = new Date(millis - new Date(millis).getTimezoneOffset() * 60000);
  return date.toISOString().slice(0, 16);
};

/// The range picker: a menu of presets and a "Custom" from–to form; `onChange(range)` gets the new range.
export function timeRangePicker(range, onChange) {
  const select = h("select", { id: "time-range", "aria-label": "Time range" },
    presets.map(([label, lower]) => h("option", { value: lower, selected: !isAbsolute(range) && lower === range.lower }, label)),
    h("option", { value: "custom", selected: isAbsolute(range) }, "Custom…"));
  const { from, to } = rangeMillis(range);
  const fromInput = h("input", { type: "datetime-local", id: "range-from", value: localInput(from) });
  const toInput = h("input", { type: "datetime-local", id: "range-to", value: localInput(to) });
  const apply = h("button", { type: "button", class: "button" }, "Apply Time Range");
  const custom = h("div", { class: "custom-range", hidden: !isAbsolute(range) },
    h("label", { for: "range-from" }, "From"), fromInput, h("label", { for: "range-to" }, "To"), toInput, apply);
  select.addEventListener("change", () => {
    custom.hidden = select.value !== "custom";
    if (select.value !== "custom") onChange({ lower: select.value, upper: null });
  });
  apply.addEventListener("click", () => {
    const lower = new Date(fromInput.value).toISOString();
    const upper = new Date(toInput.value).toISOString();
    if (Number.isNaN(Date.parse(lower)) || Number.isNaN(Date.parse(upper))) return;
    onChange(lower <= upper ? { lower, upper } : { lower: upper, upper: lower });
  });
  return h("div", { class: "time-range" }, select, custom);
}

export function refreshPicker(interval, onChange) {
  const select = h("select", { id: "auto-refresh", "aria-label": "Auto refresh" },
    refreshChoices.map(([label, value]) => h("option", { value, selected: value === interval }, label)));
  select.addEventListener("change", () => onChange(Number(select.value)));
  return select;
}
