// Where screenshots and JSON dumps go (e2e/artifacts/, git-ignored, kept by CI for post-mortems).
import fs from 'node:fs';
import path from 'node:path';

export const ARTIFACTS_DIR = path.resolve(import.meta.dirname, '../artifacts');

/** Writes `value` as pretty JSON to e2e/artifacts/<name>.json and returns the path. */
export function writeJsonArtifact(name, value) {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '_')}.json`);
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}
