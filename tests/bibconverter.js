// Parse a bibliography download with biblatex-csl-converter (Fidus Writer's converter),
// then export its entries as CSL-JSON, as that converter's users see them.
// Usage: node tests/bibconverter.js FILE FORMAT   (FORMAT: bibtex | biblatex | ris | csl)
// Prints JSON: {items: [CSL-JSON…], warnings: [errors and warnings of the parser]}.
"use strict";
const fs = require("fs");
const { BibLatexParser, RISParser, CSLParser, CSLExporter } = require("biblatex-csl-converter");

const [file, format] = process.argv.slice(2);
const text = fs.readFileSync(file, "utf8");
let parser;
if (format === "ris") parser = new RISParser(text);
else if (format === "csl") parser = new CSLParser(JSON.parse(text));
else parser = new BibLatexParser(text, { processUnexpected: true, processUnknown: true });
const result = parser.parse();
const entries = result.entries || result;
const warnings = [...(result.errors || []), ...(result.warnings || [])].map((w) => JSON.stringify(w));
const csl = new CSLExporter(entries).parse();
// Its CSL ids are its own entry numbers: give each item back its entry key.
// (From CSL-JSON it makes up keys of its own: there the input's order gives the id back.)
const input = format === "csl" ? JSON.parse(text) : null;
const items = Object.entries(csl).map(([k, item], n) => ({
  ...item, id: input ? input[n].id : (entries[k] && entries[k].entry_key) || item.id,
}));
process.stdout.write(JSON.stringify({ items, warnings }));
