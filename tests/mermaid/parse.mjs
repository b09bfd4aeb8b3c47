// Mermaid's own parser, kept running for a test session: one JSON line in ({"text": ...}),
// one JSON line out ({"ok": true, "type": ...} or {"ok": false, "error": ...}), until stdin ends.
import { JSDOM } from "jsdom";
import readline from "node:readline";
const dom = new JSDOM("<!DOCTYPE html><body></body>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
globalThis.DOMPurify = undefined;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });
for await (const line of readline.createInterface({ input: process.stdin })) {
  const { text } = JSON.parse(line);
  let answer;
  try {
    const result = await mermaid.parse(text);
    answer = { ok: true, type: result.diagramType };
  } catch (e) {
    answer = { ok: false, error: String(e.message || e).slice(0, 300) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
