// A dashboard's cells on Chronograf's grid: 12 columns, rows of fixed height, each cell at its x, y, w, h. A cell is
// moved by dragging its header and resized by its corner (or with the keyboard: arrows move, shift+arrows resize,
// on a focused header), snapping to the grid.
import { h } from "./dom.js";

export const columns = 12;
export const rowHeight = 90;

function place(element, cell) {
  element.style.gridColumn = `${cell.x + 1} / span ${Math.max(1, cell.w)}`;
  element.style.gridRow = `${cell.y + 1} / span ${Math.max(1, cell.h)}`;
}

/// The grid, one element per cell from `makeCell(cell) → {element, header, body}`; `onLayout(cell)` after a move or
/// resize ends. Returns `{grid, bodies}`: each cell's body by its `i`.
export function renderGrid(cells, makeCell, onLayout, { editable = true } = {}) {
  const grid = h("div", { class: "dashboard-grid", style: `grid-auto-rows: ${rowHeight}px` });
  const bodies = new Map();
  for (const cell of cells) {
    const { element, header, body } = makeCell(cell);
    place(element, cell);
    bodies.set(cell.i, body);
    if (editable) {
      dragToMove(grid, element, header, cell, onLayout);
      const handle = h("div", { class: "cell-resize", "aria-hidden": "true", title: "Drag to resize" });
      element.append(handle);
      dragToResize(grid, element, handle, cell, onLayout);
      keyboardLayout(element, header, cell, onLayout);
    }
    grid.append(element);
  }
  return { grid, bodies };
}

/// Grid units per pixel: the grid's column width (gaps included) and the row height.
function unit(grid) {
  const width = grid.getBoundingClientRect().width;
  return { column: width / columns, row: rowHeight + 10 };
}

function drag(grid, handle, onStart, onMove, onEnd) {
  handle.addEventListener("pointerdown", (event) => {
    if (event.button !== 0 || event.target.closest("button, a, input, select")) return;
    event.preventDefault();
    onStart();
    const start = { x: event.clientX, y: event.clientY };
    const size = unit(grid);
    handle.setPointerCapture(event.pointerId);
    const move = (moved) => onMove(Math.round((moved.clientX - start.x) / size.column), Math.round((moved.clientY - start.y) / size.row));
    const end = () => {
      handle.removeEventListener("pointermove", move);
      handle.removeEventListener("pointerup", end);
      onEnd();
    };
    handle.addEventListener("pointermove", move);
    handle.addEventListener("pointerup", end);
  });
}

function dragToMove(grid, element, header, cell, onLayout) {
  const origin = {};
  drag(grid, header, () => Object.assign(origin, { x: cell.x, y: cell.y }), (dx, dy) => {
    cell.x = Math.max(0, Math.min(columns - cell.w, origin.x + dx));
    cell.y = Math.max(0, origin.y + dy);
    place(element, cell);
  }, () => {
    if (cell.x !== origin.x || cell.y !== origin.y) onLayout(cell);
  });
}

function dragToResize(grid, element, handle, cell, onLayout) {
  const origin = {};
  drag(grid, handle, () => Object.assign(origin, { w: cell.w, h: cell.h }), (dx, dy) => {
    cell.w = Math.max(1, Math.min(columns - cell.x, origin.w + dx));
    cell.h = Math.max(1, origin.h + dy);
    place(element, cell);
  }, () => {
    if (cell.w !== origin.w || cell.h !== origin.h) onLayout(cell);
  });
}

function keyboardLayout(element, header, cell, onLayout) {
  header.tabIndex = 0;
  header.setAttribute("aria-label", `${cell.name || "Untitled cell"}: arrows move, shift and arrows resize`);
  header.addEventListener("keydown", (event) => {
    const step = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[event.key];
    if (!step || event.target !== header) return;
    event.preventDefault();
    if (event.shiftKey) {
      cell.w = Math.max(1, Math.min(columns - cell.x, cell.w + step[0]));
      cell.h = Math.max(1, cell.h + step[1]);
    } else {
      cell.x = Math.max(0, Math.min(columns - cell.w, cell.x + step[0]));
      cell.y = Math.max(0, cell.y + step[1]);
    }
    place(element, cell);
    onLayout(cell);
  });
}

/// Where a new cell goes: below every cell, at the left.
export function nextFreeRow(cells) {
  return cells.reduce((bottom, cell) => Math.max(bottom, cell.y + cell.h), 0);
}
