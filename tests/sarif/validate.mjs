// Validates SARIF files the way GitHub code scanning will read them:
//  1. against the official OASIS SARIF 2.1.0 schema (draft-04, with formats) using ajv;
//  2. against GitHub's ingestion rules that a schema cannot express (one run, results array
//     present, one location per result with a relative uri and a full 1-based region,
//     ruleIndex agreeing with ruleId, security-severity as a string, limits).
// Usage: node validate.mjs SCHEMA FILE...   (exit 1 when any file fails)
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';

const [schemaPath, ...files] = process.argv.slice(2);
if (!schemaPath || files.length === 0) {
  console.error('usage: node validate.mjs SCHEMA FILE...');
  process.exit(2);
}
const ajv = new Ajv04({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));

function githubProblems(log) {
  const problems = [];
  const fail = (where, what) => problems.push(`${where}: ${what}`);
  if (!String(log.$schema ?? '').match(/2\.1\.0(\.json)?$/)) fail('$schema', 'must end in 2.1.0.json');
  if (log.version !== '2.1.0') fail('version', 'must be 2.1.0');
  if (!Array.isArray(log.runs) || log.runs.length !== 1) {
    fail('runs', 'berth writes exactly one run');
    return problems;
  }
  const run = log.runs[0];
  const driver = run.tool?.driver ?? {};
  if (!driver.name) fail('driver', 'name missing');
  if (!Array.isArray(driver.rules)) fail('driver.rules', 'missing');
  const rules = driver.rules ?? [];
  if (rules.length > 25000) fail('driver.rules', 'more than 25000 rules');
  const ids = new Set();
  rules.forEach((rule, i) => {
    const at = `rules[${i}] ${rule.id}`;
    if (ids.has(rule.id)) fail(at, 'duplicate rule id');
    ids.add(rule.id);
    for (const key of ['shortDescription', 'fullDescription']) {
      const text = rule[key]?.text ?? '';
      if (!text.trim()) fail(at, `${key}.text empty`);
      if (text.length > 1024) fail(at, `${key}.text over 1024 characters`);
    }
    if (!rule.help?.text?.trim()) fail(at, 'help.text empty');
    if ((rule.name ?? '').length > 255) fail(at, 'name over 255 characters');
    const props = rule.properties ?? {};
    if ((props.tags ?? []).length > 20) fail(at, 'more than 20 tags');
    if ('security-severity' in props) {
      const value = props['security-severity'];
      if (typeof value !== 'string') fail(at, 'security-severity must be a string');
      const number = Number(value);
      if (!(number >= 0 && number <= 10)) fail(at, `security-severity ${value} outside 0.0-10.0`);
    }
  });
  if (!Array.isArray(run.results)) {
    fail('results', 'missing (GitHub rejects a run without results[])');
    return problems;
  }
  if (run.results.length > 25000) fail('results', `${run.results.length} > 25000`);
  if (run.columnKind !== 'utf16CodeUnits') fail('columnKind', 'must be utf16CodeUnits');
  const srcroot = run.originalUriBaseIds?.['%SRCROOT%']?.uri;
  if (srcroot !== undefined && !/^file:\/\/.*\/$/.test(srcroot)) {
    fail('originalUriBaseIds', '%SRCROOT% must be an absolute file URI ending in /');
  }
  const automation = run.automationDetails?.id;
  if (automation !== undefined && !automation) fail('automationDetails.id', 'empty');
  run.results.forEach((result, i) => {
    const at = `results[${i}] ${result.ruleId}`;
    if (!result.message?.text?.trim()) fail(at, 'message.text empty');
    if (!ids.has(result.ruleId)) fail(at, 'ruleId not in rules[]');
    if (result.ruleIndex !== undefined && rules[result.ruleIndex]?.id !== result.ruleId) {
      fail(at, 'ruleIndex does not point at ruleId');
    }
    if (!Array.isArray(result.locations) || result.locations.length !== 1) {
      fail(at, 'exactly one location expected');
      return;
    }
    const physical = result.locations[0].physicalLocation;
    const uri = physical?.artifactLocation?.uri;
    if (!uri) fail(at, 'artifactLocation.uri missing');
    else if (physical.artifactLocation.uriBaseId === '%SRCROOT%' && /^[a-z]+:|^\//i.test(uri)) {
      fail(at, `uri ${uri} under %SRCROOT% must be relative`);
    } else if (physical.artifactLocation.uriBaseId === undefined && !uri.startsWith('file:///')) {
      fail(at, `uri ${uri} without a base must be an absolute file URI`);
    }
    const region = physical?.region;
    if (!region) {
      fail(at, 'region missing');
      return;
    }
    for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) {
      if (!Number.isInteger(region[key]) || region[key] < 1) fail(at, `region.${key} must be >= 1`);
    }
    if (region.endLine < region.startLine) fail(at, 'endLine < startLine');
    if (region.endLine === region.startLine && region.endColumn <= region.startColumn) {
      fail(at, 'empty or inverted region');
    }
  });
  return problems;
}

let failed = 0;
let results = 0;
for (const file of files) {
  let log;
  try {
    log = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`FAIL ${file}: not JSON: ${error.message}`);
    failed++;
    continue;
  }
  const problems = [];
  if (!validate(log)) {
    for (const error of validate.errors) {
      problems.push(`schema: ${error.instancePath || '/'} ${error.message}`);
    }
  }
  problems.push(...githubProblems(log));
  results += log.runs?.[0]?.results?.length ?? 0;
  if (problems.length) {
    failed++;
    console.error(`FAIL ${file}`);
    for (const problem of problems.slice(0, 20)) console.error(`  ${problem}`);
    if (problems.length > 20) console.error(`  ... ${problems.length - 20} more`);
  }
}
console.log(`sarif-validate: ${files.length - failed} of ${files.length} files valid ` +
            `(${results} results) against the SARIF 2.1.0 schema and GitHub's rules`);
process.exit(failed ? 1 : 0);
