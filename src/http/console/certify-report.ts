import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface CertifyReport {
  /** Where it was read from, relative to DATA_DIR. */
  file: string;
  format: 'markdown' | 'json';
  content: string;
}

/** The last `npm run certify` report under DATA_DIR/certify (Markdown preferred, else JSON), or null when none was written yet. */
export async function lastCertifyReport(dataDir: string): Promise<CertifyReport | null> {
  for (const [name, format] of [['report.md', 'markdown'], ['report.json', 'json']] as const) {
    const file = path.join(dataDir, 'certify', name);
    try {
      const content = await readFile(file, 'utf8');
      return { file: path.join('certify', name), format, content: format === 'json' ? prettyJson(content) : content };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return null;
}

function prettyJson(content: string): string {
  try {
    return JSON.stringify(JSON.parse(content), null, 2);
  } catch {
    return content;
  }
}
