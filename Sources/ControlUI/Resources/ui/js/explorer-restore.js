// Opening a saved query in the explorer's builder: the builder state Chronograf's API gives a query (`queryConfig`)
// picked in the columns again, kept only when the builder writes the very same query back (otherwise the query stays
// as its text, so editing a cell never rewrites its query behind the user's back).
import { buildQuery, functions } from "./influxql.js";

function fieldChoices(config) {
  const fields = [];
  for (const field of config.fields || []) {
    const name = field.type === "func" ? field.args && field.args[0] && field.args[0].value : field.value;
    const fn = field.type === "func" ? field.value : "raw";
    if (typeof name !== "string" || (fn !== "raw" && !functions.includes(fn))) return null;
    fields.push({ name, fn });
  }
  return fields;
}

function setSelect(select, value) {
  if (![...select.options].some((option) => option.value === value)) return false;
  select.value = value;
  return true;
}

/// Picks `config` in `explorer`'s columns; true when the builder now writes `query` exactly.
export async function restoreBuilder(explorer, config, query) {
  const fields = config && config.rawText === null ? fieldChoices(config) : null;
  const tags = (config && config.tags) || {};
  if (!fields || !config.database || !config.measurement || (Object.keys(tags).length && !config.areTagsAccepted)) return false;
  explorer.edited = true;
  await explorer.chooseDatabase({ db: config.database, rp: config.retentionPolicy || "autogen" });
  const item = [...explorer.measurementColumn.querySelectorAll(":scope > ul > li")]
    .find((li) => li.querySelector(".pick").textContent === config.measurement);
  if (!item) return false;
  await explorer.chooseMeasurement(config.measurement, item.querySelector(".tag-list"));
  for (const { name, fn } of fields) {
    const box = explorer.fieldColumn.querySelector(`input[data-field="${CSS.escape(name)}"]`);
    if (!box) return false;
    box.checked = true;
    const select = box.parentElement.querySelector("select");
    select.disabled = false;
    setSelect(select, fn);
  }
  const groupByTime = config.groupBy.time === "" ? "none" : config.groupBy.time;
  const fill = config.fill || "null";
  if (!setSelect(explorer.root.querySelector("#group-time"), groupByTime) || !setSelect(explorer.root.querySelector("#fill"), fill)) return false;
  for (const tag of config.groupBy.tags || []) {
    const box = explorer.root.querySelector(`#group-${CSS.escape(tag)}`);
    if (box) box.checked = true;
  }
  Object.assign(explorer.state, { fields, tags, groupByTime, fill, groupByTags: [...(config.groupBy.tags || [])] });
  explorer.edited = buildQuery(explorer.state) !== query;
  return !explorer.edited;
}
