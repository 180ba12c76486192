// Self-signed test certificate, generated per run so no key is ever committed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Generates a throw-away RSA certificate whose SAN covers `hosts` (wildcards allowed).
 * @param {string[]} hosts DNS names, e.g. ['*.example', 'customer.io', '*.customer.io']
 * @returns {{ key: Buffer, cert: Buffer, dir: string }}
 */
export function makeCertificate(hosts) {
  if (!hosts.length) throw new Error('makeCertificate: no host names given');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-e2e-cert-'));
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  const san = [...new Set(hosts)].map((h) => `DNS:${h}`).join(',');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '30',
      '-subj',
      '/CN=cookie-inspector-e2e',
      '-addext',
      `subjectAltName=${san}`,
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return { key: fs.readFileSync(keyFile), cert: fs.readFileSync(certFile), dir };
}
