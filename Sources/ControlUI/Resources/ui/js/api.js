// The /chronograf/v1 API, as the pages use it. Errors carry the server's message and, when Sundial knows it, the
// underlying reason (connection refused, 401 from InfluxDB...).

export class ApiError extends Error {
  constructor(status, message, reason) {
    super(message);
    this.status = status;
    this.reason = reason || "";
  }
}

async function request(method, path, body) {
  // Chronograf's proxy wants to know a page, not a form post, is asking.
  const options = { method, credentials: "same-origin", headers: { "X-Requested-With": "XMLHttpRequest" } };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, options);
  } catch (error) {
    throw new ApiError(0, "The Sundial server cannot be reached", String(error));
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (response.status === 403 && !text) {
    // With sign-in on, no (or an expired) session: the app shows the login page.
    window.dispatchEvent(new CustomEvent("sundial:unauthorized"));
    throw new ApiError(403, "Please log in", "");
  }
  if (!response.ok) {
    const message = (json && (json.message || json.error)) || `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message, json && json.reason);
  }
  return json;
}

const base = "/chronograf/v1";

export const api = {
  sources: async () => (await request("GET", `${base}/sources`)).sources,
  source: (id) => request("GET", `${base}/sources/${id}`),
  createSource: (body) => request("POST", `${base}/sources`, body),
  updateSource: (id, body) => request("PATCH", `${base}/sources/${id}`, body),
  deleteSource: (id) => request("DELETE", `${base}/sources/${id}`),
  health: (id) => request("GET", `${base}/sources/${id}/health`),
  kapacitors: async (sourceID) => (await request("GET", `${base}/sources/${sourceID}/kapacitors`)).kapacitors,
  kapacitor: (sourceID, id) => request("GET", `${base}/sources/${sourceID}/kapacitors/${id}`),
  createKapacitor: (sourceID, body) => request("POST", `${base}/sources/${sourceID}/kapacitors`, body),
  updateKapacitor: (sourceID, id, body) => request("PATCH", `${base}/sources/${sourceID}/kapacitors/${id}`, body),
  deleteKapacitor: (sourceID, id) => request("DELETE", `${base}/sources/${sourceID}/kapacitors/${id}`),
  /// A Kapacitor API call through the control service, which signs in for the browser.
  kapacitorAPI: (sourceID, kapacitorID, method, path, body) =>
    request(method, `${base}/sources/${sourceID}/kapacitors/${kapacitorID}/proxy?path=${encodeURIComponent(path)}`, body),
  databases: (sourceID) => request("GET", `${base}/sources/${sourceID}/dbs`),
  /// InfluxQL through the control service (`{"query", "db", "rp"}` → InfluxDB's results, times in ms).
  query: (sourceID, body) => request("POST", `${base}/sources/${sourceID}/proxy`, { epoch: "ms", ...body }),
  rules: async (sourceID, kapacitorID) => (await request("GET", `${base}/sources/${sourceID}/kapacitors/${kapacitorID}/rules`)).rules,
  rule: (sourceID, kapacitorID, id) => request("GET", `${base}/sources/${sourceID}/kapacitors/${kapacitorID}/rules/${encodeURIComponent(id)}`),
  createRule: (sourceID, kapacitorID, rule) => request("POST", `${base}/sources/${sourceID}/kapacitors/${kapacitorID}/rules`, rule),
  updateRule: (sourceID, kapacitorID, id, rule) =>
    request("PUT", `${base}/sources/${sourceID}/kapacitors/${kapacitorID}/rules/${encodeURIComponent(id)}`, rule),
  setRuleStatus: (sourceID, kapacitorID, id, status) =>
    request("PATCH", `${base}/sources/${sourceID}/kapacitors/${kapacitorID}/rules/${encodeURIComponent(id)}`, { status }),
  deleteRule: (sourceID, kapacitorID, id) => request("DELETE", `${base}/sources/${sourceID}/kapacitors/${kapacitorID}/rules/${encodeURIComponent(id)}`),
  previewRule: (sourceID, kapacitorID, rule) => request("POST", `${base}/sources/${sourceID}/kapacitors/${kapacitorID}/rules/preview`, rule),
  /// Chronograf's `/sources/:id/queries`: each query's time width (`durationMs`) and builder state.
  queryInfo: async (sourceID, queries) => (await request("POST", `${base}/sources/${sourceID}/queries`, { queries })).queries,
  dashboards: async () => (await request("GET", `${base}/dashboards`)).dashboards,
  dashboard: (id) => request("GET", `${base}/dashboards/${id}`),
  createDashboard: (body) => request("POST", `${base}/dashboards`, body),
  replaceDashboard: (id, body) => request("PUT", `${base}/dashboards/${id}`, body),
  deleteDashboard: (id) => request("DELETE", `${base}/dashboards/${id}`),
  annotations: async (sourceID, since, until) =>
    (await request("GET", `${base}/sources/${sourceID}/annotations?since=${encodeURIComponent(since)}&until=${encodeURIComponent(until)}`)).annotations,
  createAnnotation: (sourceID, body) => request("POST", `${base}/sources/${sourceID}/annotations`, body),
  updateAnnotation: (sourceID, id, body) => request("PATCH", `${base}/sources/${sourceID}/annotations/${encodeURIComponent(id)}`, body),
  deleteAnnotation: (sourceID, id) => request("DELETE", `${base}/sources/${sourceID}/annotations/${encodeURIComponent(id)}`),
  layouts: async (measurements) =>
    (await request("GET", `${base}/layouts?${measurements.map((m) => `measurement=${encodeURIComponent(m)}`).join("&")}`)).layouts,
  /// Any other `/chronograf/v1` call (the InfluxDB Admin page's users, retention policies, …).
  call: (method, path, body) => request(method, `${base}${path}`, body),
  me: () => request("GET", `${base}/me`),
  discovery: () => request("GET", `${base}/`),
  switchOrganization: (id) => request("PUT", `${base}/me`, { organization: id }),
};
