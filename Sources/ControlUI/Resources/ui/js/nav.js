// The navigation follows the connection being worked on.

export function setCurrentSource(id) {
  const links = {
    "nav-explore": "chronograf/data-explorer", "nav-alerting": "alert-rules", "nav-history": "alerts", "nav-tasks": "tickscripts",
    "nav-configuration": "manage-sources",
  };
  for (const [elementID, page] of Object.entries(links)) {
    const link = document.getElementById(elementID);
    link.setAttribute("href", id === undefined ? "/" : `/sources/${id}/${page}`);
    link.toggleAttribute("aria-current", location.pathname.endsWith(`/${page}`) || location.pathname.includes(`/${page}/`));
    if (link.hasAttribute("aria-current")) link.setAttribute("aria-current", "page");
  }
}
