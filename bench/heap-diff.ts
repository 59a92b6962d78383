/**
 * Compares two V8 heap snapshots (.heapsnapshot, e.g. from `node --heapsnapshot-signal=SIGUSR2`):
 * self size and count per constructor (or per node type for strings, code and arrays), and what
 * grew most from the first to the second. Node has no built-in diff; this is the part of the
 * DevTools "comparison" view a leak hunt needs, without a browser.
 *
 *   node --max-old-space-size=4096 --import tsx bench/heap-diff.ts early.heapsnapshot late.heapsnapshot [top]
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

interface Group {
  count: number;
  selfSize: number;
}

/** Strings, compiled code and arrays are grouped by their node type: their "name" is their content. */
const GROUPED_BY_TYPE = new Set(['string', 'concatenated string', 'sliced string', 'number', 'code', 'array', 'hidden', 'heap number']);

export function groupsOf(file: string): Map<string, Group> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = parsed.snapshot.meta.node_fields;
  const typeNames = parsed.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const groups = new Map<string, Group>();
  for (let offset = 0; offset < parsed.nodes.length; offset += width) {
    const type = typeNames[parsed.nodes[offset + typeAt]!]!;
    const name = GROUPED_BY_TYPE.has(type) ? `(${type})` : `${parsed.strings[parsed.nodes[offset + nameAt]!]!.slice(0, 80)} [${type}]`;
    const group = groups.get(name) ?? { count: 0, selfSize: 0 };
    group.count++;
    group.selfSize += parsed.nodes[offset + sizeAt]!;
    groups.set(name, group);
  }
  return groups;
}

function main(argv: string[]): void {
  const [earlyFile, lateFile, topArg] = argv;
  if (!earlyFile || !lateFile) {
    console.error('usage: bench/heap-diff.ts <early.heapsnapshot> <late.heapsnapshot> [top]');
    process.exit(2);
  }
  const top = Number(topArg ?? 25);
  const early = groupsOf(earlyFile);
  const late = groupsOf(lateFile);
  const total = (groups: Map<string, Group>) => [...groups.values()].reduce((sum, group) => sum + group.selfSize, 0);
  const rows = [...new Set([...early.keys(), ...late.keys()])].map((name) => {
    const before = early.get(name) ?? { count: 0, selfSize: 0 };
    const after = late.get(name) ?? { count: 0, selfSize: 0 };
    return { name, count: after.count - before.count, bytes: after.selfSize - before.selfSize, after };
  });
  rows.sort((a, b) => b.bytes - a.bytes);
  const kb = (bytes: number) => `${bytes >= 0 ? '+' : ''}${(bytes / 1024).toFixed(1)} KB`;
  console.log(`total self size: ${(total(early) / 2 ** 20).toFixed(1)} MB -> ${(total(late) / 2 ** 20).toFixed(1)} MB (${kb(total(late) - total(early))})`);
  console.log('grew most (self size, count):');
  for (const row of rows.slice(0, top)) console.log(`  ${kb(row.bytes).padStart(12)}  ${String(row.count >= 0 ? `+${row.count}` : row.count).padStart(8)}  ${row.name}  (now ${row.after.count}, ${(row.after.selfSize / 1024).toFixed(1)} KB)`);
}

if (require.main === module) main(process.argv.slice(2));
