// Issues N skill level certificates for an issuer straight through the services; prints their ids.
import { configFromEnv, nodePorts } from '../../src/node.js';
import { createServices } from '../../src/services/index.js';
import { draftFromCertificate } from '../../src/services/drafts.js';
import { skillLevelRequest } from './app.js';

const [slug, count, prefix] = process.argv.slice(2);
const ports = await nodePorts(configFromEnv(process.env), { ...process.env, LOG_LEVEL: 'error' });
const services = createServices(ports);
const issuer = (await ports.store.getIssuer({ slug: slug! }))!;
const ids: string[] = [];
for (let i = 0; i < Number(count); i++) {
  const draft = await draftFromCertificate(
    skillLevelRequest({ certificateNumber: `${issuer.orgKind}000144000123253${String(i).padStart(6, '0')}`, assessment: { id: `${prefix}-${i}`, date: '2025-06-20' } }) as never,
    issuer,
    { now: new Date(), crypto: ports.crypto },
  );
  const r = await services.issuance.issue(issuer, [draft], { cryptosuite: 'eddsa-jcs-2022', format: 'ldp_vc', suspension: false });
  ids.push(r.records[0]!.id);
}
await ports.store.close();
process.stdout.write(JSON.stringify(ids));
