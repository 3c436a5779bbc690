import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A CA certificate that did not sign the simulator's certificate: what a site trusts when its caFile
 * points at the wrong CA. Made with openssl in a temporary directory; `remove()` deletes it.
 */
export function makeUnrelatedCa(): { certPath: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'exsync-other-ca-'));
  const certPath = join(dir, 'other-ca.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(dir, 'other-ca.key'),
      '-out',
      certPath,
      '-days',
      '2',
      '-subj',
      '/CN=Some Other CA',
    ],
    { stdio: 'ignore' },
  );
  return { certPath, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
