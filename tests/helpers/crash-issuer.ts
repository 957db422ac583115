// Child process for the crash test: issues certificates (single and assessment pairs) and revokes
// some, in several concurrent loops, until it is killed. Uses the same code as the Node entry.
import { configFromEnv, nodePorts } from '../../src/node.js';
import { bootstrap } from '../../src/services/bootstrap.js';
import { createServices } from '../../src/services/index.js';
import { draftFromCertificate } from '../../src/services/drafts.js';
import { assessmentCertificates } from '../../src/domain/certificate.js';
import { assessmentRequest, skillLevelRequest } from './app.js';

const config = configFromEnv(process.env);
const ports = await nodePorts(config, { ...process.env, LOG_LEVEL: 'error' });
const services = createServices(ports);
await bootstrap(services, { devIssuer: true });
const issuer = (await ports.store.getIssuer({ slug: 'dev' }))!;
const run = `${process.pid}`;
let n = 0;

async function loop(worker: number): Promise<never> {
  for (;;) {
    const i = n++;
    const now = ports.clock.now();
    if (i % 5 === 0) {
      const body = assessmentRequest({ assessment: { id: `CR-${run}-${i}`, date: '2025-07-01' }, suspension: i % 2 === 0 }) as never;
      const drafts = [];
      for (const r of assessmentCertificates(body)) drafts.push(await draftFromCertificate(r, issuer, { now, crypto: ports.crypto }));
      await services.issuance.issue(issuer, drafts, { cryptosuite: 'eddsa-jcs-2022', format: 'ldp_vc', suspension: i % 2 === 0 });
    } else {
      const draft = await draftFromCertificate(skillLevelRequest({ assessment: { id: `CR-${run}-${i}`, date: '2025-06-20' } }) as never, issuer, { now, crypto: ports.crypto });
      const result = await services.issuance.issue(issuer, [draft], {
        cryptosuite: i % 3 === 0 ? 'eddsa-rdfc-2022' : 'eddsa-jcs-2022',
        format: 'ldp_vc',
        suspension: i % 4 === 0,
        idempotency: { key: `k-${run}-${i}`, requestHash: 'h' },
      });
      if (i % 7 === 0) {
        await services.status.act({ kind: 'admin', label: 'crash-test' }, result.records[0]!.id, 'revoke', { reason: 'crash test', requestId: `r${i}` });
      }
    }
    if (worker === 0 && i === 0) process.stdout.write('issuing\n');
  }
}

await Promise.all([loop(0), loop(1), loop(2), loop(3)]);
