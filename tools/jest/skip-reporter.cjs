// A jest reporter that counts the tests skipped because the opt-in Debian corpora are absent
// (suites whose title carries DEBIAN_MARK, skipped with `describe.skip` when the files are
// missing) and says so in the log, so a CI run shows how much real-data testing it did not do.
const DEBIAN_MARK = '[Debian corpora]';

class SkipReporter {
  onRunComplete(_contexts, results) {
    let skipped = 0;
    for (const file of results.testResults)
      for (const test of file.testResults)
        if (test.status === 'pending' && test.ancestorTitles.some((t) => t.includes(DEBIAN_MARK))) skipped++;
    if (skipped > 0) process.stderr.write(`${skipped} tests skipped: Debian corpora absent\n`);
  }
}

module.exports = SkipReporter;
module.exports.DEBIAN_MARK = DEBIAN_MARK;
