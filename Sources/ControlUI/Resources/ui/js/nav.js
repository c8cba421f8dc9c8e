// The navigation follows the connection being worked on.

export function setCurrentSource(id) {
  const link = document.getElementById("nav-configuration");
  link.setAttribute("href", id === undefined ? "/" : `/sources/${id}/manage-sources`);
}
