// Issues N skill level certificates for an issuer straight through the services; prints their ids.
import { createServices } from '../../src/services/index.js';
import { settingsFromEnv } from '../../src/node.js';
import { nodePorts } from '../../src/runtime/node/ports.js';
import { skillLevelRequest } from './app.js';

const [slug, count, prefix] = process.argv.slice(2);
const { config, settings } = settingsFromEnv({ ...process.env, LOG_LEVEL: 'error' });
const ports = await nodePorts(config, settings);
const services = createServices(ports);
const issuer = (await ports.store.getIssuer({ slug: slug! }))!;
const ids: string[] = [];
for (let i = 0; i < Number(count); i++) {
  const body = skillLevelRequest({
    certificateNumber: `${issuer.orgKind}000144000123253${String(i).padStart(6, '0')}`,
    assessment: { id: `${prefix}-${i}`, date: '2025-06-20' },
    cryptosuite: 'eddsa-jcs-2022',
  });
  const r = await services.issuance.issueCertificate({ kind: 'issuer', issuerId: issuer.id, apiKeyId: 'issue-some' }, body as never);
  ids.push(r.credentials[0]!.id);
}
await ports.store.close();
process.stdout.write(JSON.stringify(ids));
