/** The parts of a V8 CPU profile (Profiler.stop) a summary needs. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  startTime: number;
  endTime: number;
}

export interface CpuShare {
  name: string;
  /** Share of the profiled wall time, in percent. */
  percent: number;
}

export interface CpuSummary {
  seconds: number;
  /** Self time by where the code lives: a package, a folder of src/, Node itself, GC, idle. */
  byArea: CpuShare[];
  /** The functions with the most self time. */
  topFunctions: CpuShare[];
}

/** Where a function lives, coarse enough to say where a turn's time goes. */
function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/(src|models|bench|test)\/(?:([^/]+)\/)?/.exec(url);
  if (own) return own[2] && own[1] === 'src' ? `src/${own[2]}` : own[1]!;
  return url.startsWith('node:') ? 'node internals' : url;
}

export function summarizeCpuProfile(profile: CpuProfile, top = 12): CpuSummary {
  const totalHits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0) || 1;
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + hits);
    const name = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*\/(node_modules|src|models)\//, '$1/')}:${lineNumber + 1}` : ''}`.trim();
    functions.set(name, (functions.get(name) ?? 0) + hits);
  }
  const shares = (counts: Map<string, number>) =>
    [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, hits]) => ({ name, percent: Math.round((hits / totalHits) * 1000) / 10 }));
  return { seconds: Math.round((profile.endTime - profile.startTime) / 1e5) / 10, byArea: shares(areas), topFunctions: shares(functions) };
}
