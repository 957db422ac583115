// Child process for the crash test: issues certificates (single and assessment pairs) and revokes
// some, in several concurrent loops, until it is killed. Uses the same code as the Node entry.
import { assemble } from '../../src/app.js';
import type { Principal } from '../../src/domain/principal.js';
import { settingsFromEnv } from '../../src/node.js';
import { nodePorts } from '../../src/runtime/node/ports.js';
import { assessmentRequest, skillLevelRequest } from './app.js';

const { config, settings } = settingsFromEnv({ ...process.env, LOG_LEVEL: 'error' });
const ports = await nodePorts(config, settings);
const { services } = await assemble(ports, { devIssuer: true });
const issuer = (await ports.store.getIssuer({ slug: 'dev' }))!;
const asIssuer: Principal = { kind: 'issuer', issuerId: issuer.id, apiKeyId: 'crash-test' };
const asAdmin: Principal = { kind: 'admin', via: 'crash-test' };
const run = `${process.pid}`;
let n = 0;

async function loop(worker: number): Promise<never> {
  for (;;) {
    const i = n++;
    if (i % 5 === 0) {
      const body = assessmentRequest({
        assessment: { id: `CR-${run}-${i}`, date: '2025-07-01' },
        suspension: i % 2 === 0,
        cryptosuite: 'eddsa-jcs-2022',
      }) as never;
      await services.issuance.issueAssessment(asIssuer, body);
    } else {
      const body = skillLevelRequest({
        assessment: { id: `CR-${run}-${i}`, date: '2025-06-20' },
        suspension: i % 4 === 0,
        cryptosuite: i % 3 === 0 ? 'eddsa-rdfc-2022' : 'eddsa-jcs-2022',
      }) as never;
      const result = await services.issuance.issueCertificate(asIssuer, body, `k-${run}-${i}`);
      if (i % 7 === 0) {
        await services.status.change(asAdmin, result.credentials[0]!.id, 'revoke', { reason: 'crash test' }, { requestId: `r${i}` });
      }
    }
    if (worker === 0 && i === 0) process.stdout.write('issuing\n');
  }
}

await Promise.all([loop(0), loop(1), loop(2), loop(3)]);
