// Draws a task's DOT (`digraph t { a -> b; }`) as boxes in columns by depth, with arrows, in SVG.
const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attributes) {
  const element = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  return element;
}

export function parseDot(dot) {
  const edges = [];
  const nodes = [];
  for (const match of dot.matchAll(/([\w.-]+)\s*->\s*([\w.-]+)/g)) {
    edges.push([match[1], match[2]]);
    for (const name of [match[1], match[2]]) if (!nodes.includes(name)) nodes.push(name);
  }
  return { nodes, edges };
}

export function drawDot(dot) {
  const { nodes, edges } = parseDot(dot);
  const depth = Object.fromEntries(nodes.map((node) => [node, 0]));
  for (let pass = 0; pass < nodes.length; pass++) {
    for (const [from, to] of edges) depth[to] = Math.max(depth[to], depth[from] + 1);
  }
  const columns = [];
  for (const node of nodes) (columns[depth[node]] ||= []).push(node);
  const width = 130, height = 34, gapX = 50, gapY = 18;
  const position = {};
  columns.forEach((column, x) => column.forEach((node, y) => (position[node] = { x: 10 + x * (width + gapX), y: 10 + y * (height + gapY) })));
  const totalWidth = 20 + columns.length * (width + gapX) - gapX;
  const totalHeight = 20 + Math.max(1, ...columns.map((column) => column.length)) * (height + gapY) - gapY;
  const root = svg("svg", { viewBox: `0 0 ${totalWidth} ${totalHeight}`, width: totalWidth, height: totalHeight, role: "img", class: "dot-graph" });
  root.append(svg("title", {}));
  root.firstChild.textContent = `Task graph: ${edges.map(([a, b]) => `${a} to ${b}`).join(", ")}`;
  const defs = svg("defs", {});
  const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto" });
  marker.append(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: "#5d6478" }));
  defs.append(marker);
  root.append(defs);
  for (const [from, to] of edges) {
    const a = position[from], b = position[to];
    root.append(svg("line", { x1: a.x + width, y1: a.y + height / 2, x2: b.x, y2: b.y + height / 2, stroke: "#5d6478", "marker-end": "url(#arrow)" }));
  }
  for (const node of nodes) {
    const { x, y } = position[node];
    const group = svg("g", { class: "dot-node", "data-node": node });
    group.append(svg("rect", { x, y, width, height, rx: 6, fill: "#eef4ff", stroke: "#2f6fdf" }));
    const label = svg("text", { x: x + width / 2, y: y + height / 2 + 5, "text-anchor": "middle", "font-size": "13" });
    label.textContent = node;
    group.append(label);
    root.append(group);
  }
  return root;
}
