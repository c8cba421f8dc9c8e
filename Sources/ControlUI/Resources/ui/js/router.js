// Client-side routes under /sources/…, as Chronograf's; links marked data-link navigate without a reload.

const routes = [];
let current = null;

export function route(pattern, render) {
  const names = [];
  const source = pattern.replace(/:(\w+)/g, (_, name) => {
    names.push(name);
    return "([^/]+)";
  });
  routes.push({ regex: new RegExp(`^${source}/?$`), names, render });
}

export function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState({}, "", path);
  else history.pushState({}, "", path);
  return render();
}

export async function render() {
  const path = location.pathname;
  const page = document.getElementById("page");
  if (current && current.cleanup) current.cleanup();
  for (const entry of routes) {
    const match = entry.regex.exec(path);
    if (!match) continue;
    const params = Object.fromEntries(entry.names.map((name, index) => [name, decodeURIComponent(match[index + 1])]));
    current = { cleanup: null };
    // Each render gets its own container, so a page still loading when the user moves on writes nowhere visible.
    const view = document.createElement("div");
    page.replaceChildren(view);
    current.cleanup = (await entry.render(view, params)) || null;
    // A page that put the focus on its first field keeps it; otherwise the new content gets it, for screen readers.
    if (view.isConnected && !page.contains(document.activeElement)) page.focus({ preventScroll: true });
    return;
  }
  current = null;
  const home = document.createElement("a");
  home.href = "/";
  home.dataset.link = "";
  home.textContent = "Go to your connections";
  const heading = document.createElement("h1");
  heading.textContent = "Page not found";
  page.replaceChildren(heading, home);
}

export function startRouter() {
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-link]");
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(link.getAttribute("href"));
  });
  window.addEventListener("popstate", () => render());
  return render();
}
