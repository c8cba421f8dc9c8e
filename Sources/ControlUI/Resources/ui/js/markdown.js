// The Markdown of a note cell (Chronograf's notes are Markdown), built as DOM nodes, never as HTML: headings,
// paragraphs, lists, block quotes, fenced code, emphasis, inline code and links (http, https, mailto and relative
// addresses only). Raw HTML in a note shows as text.
import { h } from "./dom.js";

const safeLink = (href) => /^(https?:|mailto:|\/|#|\.)/i.test(href.trim());

/// Inline spans: `code`, **strong**, *em* / _em_, [text](href).
export function inline(text) {
  const nodes = [];
  const pattern = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*]+)\*|_([^_]+)_|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) nodes.push(text.slice(last, match.index));
    const [, code, strong, em, underscored, label, href] = match;
    if (code !== undefined) nodes.push(h("code", {}, code));
    else if (strong !== undefined) nodes.push(h("strong", {}, inline(strong)));
    else if (em !== undefined || underscored !== undefined) nodes.push(h("em", {}, inline(em ?? underscored)));
    else nodes.push(safeLink(href) ? h("a", { href, target: "_blank", rel: "noopener noreferrer" }, inline(label)) : match[0]);
    last = match.index + match[0].length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

/// Block structure, line by line.
export function renderMarkdown(source) {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks = [];
  let index = 0;
  const collect = (test, strip) => {
    const taken = [];
    while (index < lines.length && test(lines[index])) taken.push(strip(lines[index++]));
    return taken;
  };
  while (index < lines.length) {
    const line = lines[index];
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (line.trim() === "") {
      index++;
    } else if (line.startsWith("```")) {
      index++;
      const code = collect((l) => !l.startsWith("```"), (l) => l);
      index++;
      blocks.push(h("pre", {}, h("code", {}, code.join("\n"))));
    } else if (heading) {
      index++;
      blocks.push(h(`h${heading[1].length}`, {}, inline(heading[2])));
    } else if (/^\s*[-*+]\s+/.test(line)) {
      blocks.push(h("ul", {}, collect((l) => /^\s*[-*+]\s+/.test(l), (l) => l.replace(/^\s*[-*+]\s+/, "")).map((item) => h("li", {}, inline(item)))));
    } else if (/^\s*\d+[.)]\s+/.test(line)) {
      blocks.push(h("ol", {}, collect((l) => /^\s*\d+[.)]\s+/.test(l), (l) => l.replace(/^\s*\d+[.)]\s+/, "")).map((item) => h("li", {}, inline(item)))));
    } else if (line.startsWith(">")) {
      blocks.push(h("blockquote", {}, inline(collect((l) => l.startsWith(">"), (l) => l.replace(/^>\s?/, "")).join(" "))));
    } else {
      const paragraph = collect((l) => l.trim() !== "" && !/^(#{1,6}\s|```|>|\s*[-*+]\s|\s*\d+[.)]\s)/.test(l), (l) => l.trim());
      blocks.push(h("p", {}, inline(paragraph.join(" "))));
    }
  }
  return blocks;
}
