// The TICKscript editor: CodeMirror 5 from Debian's libjs-codemirror when installed (line numbers, TICKscript
// colouring, the checker's error marked on its line), else a plain text area that does the same job.

let codeMirror = null;

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.append(script);
  });
}

function loadStyle(href) {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  document.head.append(link);
}

function defineTickscriptMode(CodeMirror) {
  if (!CodeMirror.defineSimpleMode) return;
  CodeMirror.defineSimpleMode("tickscript", {
    start: [
      { regex: /\/\/.*/, token: "comment" },
      { regex: /'''[\s\S]*?'''|'(?:[^'\\]|\\.)*'/, token: "string" },
      { regex: /"(?:[^"\\]|\\.)*"/, token: "variable-2" },
      { regex: /\b(?:var|dbrp|lambda|TRUE|FALSE|AND|OR)\b/, token: "keyword" },
      { regex: /\d+(?:u|µ|ms|s|m|h|d|w)\b/, token: "number" },
      { regex: /\d+(?:\.\d+)?/, token: "number" },
      { regex: /[|@.]\w+/, token: "def" },
    ],
  });
}

async function loadCodeMirror() {
  if (codeMirror !== null) return codeMirror;
  try {
    await loadScript("/vendor/codemirror/lib/codemirror.js");
    loadStyle("/vendor/codemirror/lib/codemirror.css");
    try {
      await loadScript("/vendor/codemirror/addon/mode/simple.js");
      defineTickscriptMode(window.CodeMirror);
    } catch {
      // Without the simple-mode addon the editor works uncoloured.
    }
    codeMirror = window.CodeMirror || false;
  } catch {
    codeMirror = false;
  }
  return codeMirror;
}

/// An editor in `container` with `value`; the returned object hides which kind it is.
export async function createEditor(container, value, label) {
  const CodeMirror = await loadCodeMirror();
  if (CodeMirror) {
    const editor = CodeMirror(container, {
      value, lineNumbers: true, mode: "tickscript", indentUnit: 4, screenReaderLabel: label,
      // Tab moves focus on, as everywhere else on the page; indentation is typed.
      extraKeys: { Tab: false, "Shift-Tab": false },
    });
    let marked = null;
    return {
      kind: "codemirror",
      getValue: () => editor.getValue(),
      setValue: (text) => editor.setValue(text),
      focus: () => editor.focus(),
      markError(line) {
        this.clearError();
        marked = editor.addLineClass(line - 1, "wrap", "editor-error-line");
        editor.scrollIntoView({ line: line - 1, ch: 0 }, 80);
      },
      clearError() {
        if (marked) editor.removeLineClass(marked, "wrap", "editor-error-line");
        marked = null;
      },
    };
  }
  const area = document.createElement("textarea");
  area.className = "editor-fallback";
  area.value = value;
  area.spellcheck = false;
  area.setAttribute("aria-label", label);
  container.append(area);
  return {
    kind: "textarea",
    getValue: () => area.value,
    setValue: (text) => (area.value = text),
    focus: () => area.focus(),
    markError(line) {
      const lines = area.value.split("\n");
      const start = lines.slice(0, line - 1).join("\n").length + (line > 1 ? 1 : 0);
      area.setSelectionRange(start, start + (lines[line - 1] || "").length);
    },
    clearError() {},
  };
}
