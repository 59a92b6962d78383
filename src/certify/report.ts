import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CHECK_RULES, type CheckRuleId } from './rules';

export type CheckStatus = 'pass' | 'fail';

/** One line of the checklist: what was checked (rule), where (subject, e.g. a locale), and what was found. */
export interface CheckResult {
  id: string;
  rule: CheckRuleId;
  status: CheckStatus;
  message: string;
}

export interface CertifyReport {
  generatedAt: string;
  passed: boolean;
  counts: { pass: number; fail: number };
  checks: (CheckResult & { title: string; fix: string; source: { title: string; url: string } })[];
}

export function pass(rule: CheckRuleId, subject: string | null, message: string): CheckResult {
  return { id: subject ? `${rule}.${subject}` : rule, rule, status: 'pass', message };
}

export function fail(rule: CheckRuleId, subject: string | null, message: string): CheckResult {
  return { id: subject ? `${rule}.${subject}` : rule, rule, status: 'fail', message };
}

/** pass when there are no problems, else fail listing them (at most `shown`, so one bad model cannot flood the report). */
export function verdict(rule: CheckRuleId, subject: string | null, problems: string[], ok: string, shown = 8): CheckResult {
  if (problems.length === 0) return pass(rule, subject, ok);
  const more = problems.length > shown ? `; and ${problems.length - shown} more` : '';
  return fail(rule, subject, `${problems.slice(0, shown).join('; ')}${more}`);
}

export function buildReport(results: CheckResult[], now = new Date()): CertifyReport {
  const checks = results.map((result) => {
    const rule = CHECK_RULES[result.rule];
    return { ...result, title: rule.title, fix: rule.fix, source: rule.source };
  });
  const failed = checks.filter((check) => check.status === 'fail').length;
  return { generatedAt: now.toISOString(), passed: failed === 0, counts: { pass: checks.length - failed, fail: failed }, checks };
}

/** One line per item, fixes only for failures: what the CLI prints. */
export function summaryLines(report: CertifyReport): string[] {
  const lines = report.checks.map((check) => `${check.status === 'pass' ? 'PASS' : 'FAIL'}  ${check.id}: ${check.message}${check.status === 'fail' ? ` Fix: ${check.fix}` : ''}`);
  lines.push(report.passed ? `certify: all ${report.counts.pass} checks passed` : `certify: ${report.counts.fail} of ${report.checks.length} checks FAILED`);
  return lines;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(report: CertifyReport): string {
  const head = [
    '# Skill certification report',
    '',
    `Generated ${report.generatedAt}: **${report.passed ? 'PASSED' : 'FAILED'}** (${report.counts.pass} passed, ${report.counts.fail} failed). What each check means and how to fix it: docs/certification.md.`,
    '',
    '| id | result | message | how to fix | rule |',
    '|---|---|---|---|---|',
  ];
  const rows = report.checks.map(
    (check) => `| \`${check.id}\` | ${check.status === 'pass' ? 'pass' : '**FAIL**'} | ${cell(check.message)} | ${check.status === 'pass' ? '' : cell(check.fix)} | [${cell(check.source.title)}](${check.source.url}) |`,
  );
  return `${[...head, ...rows].join('\n')}\n`;
}

/** Writes report.md and report.json into dir; returns their paths. */
export async function writeReport(report: CertifyReport, dir: string): Promise<{ markdown: string; json: string }> {
  await mkdir(dir, { recursive: true });
  const markdown = path.join(dir, 'report.md');
  const json = path.join(dir, 'report.json');
  await writeFile(markdown, renderMarkdown(report), 'utf8');
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`, 'utf8');
  return { markdown, json };
}
