// Prints vitest's JSON results as the plain closing line CI reads:
// "<label>: N passed, N failed[, N skipped][, N files failed to run]".
// A test file that fails before its tests run (an import or setup error) has no test results of its
// own, so vitest's counts leave it out: it is counted here, never hidden behind "0 failed".
import { readFileSync } from 'node:fs';

const [file, label = 'tests'] = process.argv.slice(2);
const results = JSON.parse(readFileSync(file, 'utf8'));
const skipped = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
const brokenFiles = (results.testResults ?? []).filter(
  (entry) =>
    entry.status === 'failed' && !(entry.assertionResults ?? []).some((test) => test.status === 'failed'),
);
console.log(
  `${label}: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}${brokenFiles.length ? `, ${brokenFiles.length} files failed to run` : ''}`,
);
for (const entry of brokenFiles)
  console.log(`  failed to run: ${entry.name}: ${String(entry.message ?? '').split('\n')[0]}`);
