// Writes the Cabinet Office holiday list (syukujitsu.csv, as shipped by the npm
// package japanese-public-holidays) to the path given as the first argument,
// for tests/unit/holidays_test.cpp.
//
// Output: a JSON array with one ["YYYY-MM-DD", "name"] pair per line, sorted
// by date, so that the C++ test can read it without a JSON library.
//
// Usage: node tests/unit/export_cabinet_office_holidays.mjs OUTPUT.json

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

function fail(message) {
  console.error(`export_cabinet_office_holidays: ${message}`);
  process.exit(1);
}

const outputArgument = process.argv[2];
if (!outputArgument) fail('usage: node export_cabinet_office_holidays.mjs OUTPUT.json');
const outputPath = resolve(outputArgument);

let holidays;
try {
  ({ holidays } = await import('japanese-public-holidays'));
} catch (error) {
  fail(`cannot load the npm package japanese-public-holidays (run npm ci): ${error.message}`);
}

if (!Array.isArray(holidays) || holidays.length === 0) fail('the package holds no holidays');
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
for (const holiday of holidays) {
  if (!isoDate.test(holiday?.date ?? '') || typeof holiday.name !== 'string' || holiday.name === '') {
    fail(`unexpected entry: ${JSON.stringify(holiday)}`);
  }
}
const sorted = [...holidays].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

const lines = sorted.map((h) => JSON.stringify([h.date, h.name]));
const text = `[\n${lines.join(',\n')}\n]\n`;

try {
  mkdirSync(dirname(outputPath), { recursive: true });
  const temporaryPath = `${outputPath}.${process.pid}.tmp`;
  writeFileSync(temporaryPath, text, 'utf8');
  renameSync(temporaryPath, outputPath);
} catch (error) {
  fail(`cannot write ${outputPath}: ${error.message}`);
}
console.log(
  `wrote ${sorted.length} holidays (${sorted[0].date} .. ${sorted.at(-1).date}) to ${outputPath}`,
);
