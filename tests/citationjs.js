// Parse a bibliography download with Citation.js, as reference managers built on it do.
// Usage: node tests/citationjs.js FILE FORMAT   (FORMAT: bibtex | biblatex | ris | csl)
// Prints JSON: {items: [CSL-JSON…], warnings: […], apa: "the APA bibliography as text"}.
"use strict";
const fs = require("fs");
const { Cite, logger } = require("@citation-js/core");
require("@citation-js/plugin-bibtex");
require("@citation-js/plugin-ris");
require("@citation-js/plugin-csl");

const [file, format] = process.argv.slice(2);
const warnings = [];
logger._output = (level, scope, msg) => {
  if (level === "warn" || level === "error") warnings.push(`${level} ${scope} ${msg.join(" ")}`);
};
const origWarn = console.warn;
console.warn = (...args) => warnings.push("console " + args.join(" "));

const text = fs.readFileSync(file, "utf8");
const forceType = { bibtex: "@bibtex/text", biblatex: "@biblatex/text", ris: "@ris/file", csl: "@csl/list+object" }[format];
const input = format === "csl" ? JSON.parse(text) : text;
const cite = new Cite(input, { forceType });
const items = cite.data.map((item) => {
  const copy = { ...item };
  delete copy._graph;
  return copy;
});
const apa = cite.format("bibliography", { format: "text", template: "apa", lang: "en-US" });
console.warn = origWarn;
process.stdout.write(JSON.stringify({ items, warnings, apa }));
