import { parseArgs } from 'node:util';
import type { Principal } from '../domain/principal.js';
import { SkillcredError } from '../errors.js';
import { settingsFromEnv } from '../node.js';
import { nodeCrypto } from '../runtime/node/crypto.js';
import { nodePorts } from '../runtime/node/ports.js';
import { checkBody } from '../schemas/check.js';
import {
  validateIssuerRequest,
  validateAccreditationRequest,
  validateBulkStatusRequest,
  validateExitRequest,
  validateCompromiseRequest,
  validatePartnerRequest,
} from '../schemas/validators.js';
import { createServices, type Services } from '../services/index.js';
import type { StatusAction } from '../services/status.js';
import type { CryptoProvider } from '../credentials/crypto.js';
import { batchIssue } from './batch.js';
import { generateProvisionedKey } from './keys-generate.js';

const CLI: Principal = { kind: 'admin', via: `cli:${process.env.USER ?? 'admin'}` };

const USAGE = `skillcred admin: the admin API's operations, straight on the database (no HTTP).

usage: npm run admin -- <command> [options]

  issuers list
  issuers show <slug>
  issuers create --slug <slug> --name <zh-Hans> [--name-hant <zh-Hant>] [--name-en <en>]
                 --org-kind Y|S --filing-code <code> [--did-method web|key] [--suspension]
                 [--key-ref <ref>]
  api-keys create <issuer-slug> [--label <text>]
  api-keys delete <api-key-id>
  keys rotate <issuer-slug> [--key-ref <ref>]
  keys generate <ref> [--pepper]   a private key (or a holder pepper) for the ISSUER_KEYS secret (Workers); stores nothing
  status revoke|suspend|reinstate <credential-id> --reason <text> [--scope assessment]
  status bulk --issuer <slug> --action revoke|suspend|reinstate --reason <text>
              (--assessment <id> | --batch <id> | --issued-from <date-time> --issued-until <date-time>)
              --issued-from/--issued-until select by when the service signed (not the assessment date);
              --assessment selects every certificate of one assessment whatever its dates
  audit (--credential <id> | --issuer <slug>) [--limit <n>]
  accreditations add <issuer-slug> --kinds skill-level,enterprise --occupations 4-04-05-05,6-31-* [--ranks 2,3,4]
                 --from <date-time> [--to <date-time>] [--chain <name>] [--chain-master <name>]
  accreditations show <issuer-slug>
  exit <issuer-slug> --at <date-time> --reason voluntary-withdrawal|failed-review|misconduct|dissolution-or-merger|filing-revoked|term-expired [--retroactive]
  keys compromise <issuer-slug> --key key-1 --at <date-time> [--retroactive]
              a time in the past needs --retroactive and reports how many issued certificates it affects
  partners create --slug <slug> --name-en <name> --region HK|MO [--name <zh-Hans>] [--name-hant <zh-Hant>] [--rate-limit <n>]
  peppers rotate <issuer-slug> [--pepper-ref <ref>]   a new holder-binding pepper (older certificates stay checkable)
  holder-binding legacy --issuer <slug>              certificates still carrying the unkeyed holder hash, to reissue
  batch issue <sheet.csv|items.json> --issuer <slug> [--dry-run] [--lang zh-Hans|zh-Hant|en]
                 an exam session: every row checked first (faults as a table, nothing issued),
                 then signed with a progress bar; the results sheet is written next to the input

Every command prints JSON. Environment: DATA_DIR, KEYS_DIR, PUBLIC_URL as for npm start.`;

type Out = (value: unknown) => void;

/** Runs one admin command; returns the process exit code. */
export async function runAdmin(
  argv: string[],
  services: Services,
  crypto: CryptoProvider,
  out: Out,
  progress: (line: string) => void = () => {},
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      slug: { type: 'string' },
      name: { type: 'string' },
      'name-hant': { type: 'string' },
      'name-en': { type: 'string' },
      'org-kind': { type: 'string' },
      'filing-code': { type: 'string' },
      'did-method': { type: 'string' },
      suspension: { type: 'boolean' },
      label: { type: 'string' },
      reason: { type: 'string' },
      scope: { type: 'string' },
      issuer: { type: 'string' },
      action: { type: 'string' },
      assessment: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'issued-from': { type: 'string' },
      'issued-until': { type: 'string' },
      batch: { type: 'string' },
      retroactive: { type: 'boolean' },
      credential: { type: 'string' },
      limit: { type: 'string' },
      'key-ref': { type: 'string' },
      kinds: { type: 'string' },
      occupations: { type: 'string' },
      ranks: { type: 'string' },
      chain: { type: 'string' },
      'chain-master': { type: 'string' },
      at: { type: 'string' },
      key: { type: 'string' },
      region: { type: 'string' },
      'rate-limit': { type: 'string' },
      'pepper-ref': { type: 'string' },
      pepper: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [group, action, arg] = positionals;
  const { issuers } = services;
  const need = (v: string | undefined, what: string): string => {
    if (!v) throw new SkillcredError('MALFORMED_VALUE', `${what} is required (see --help)`);
    return v;
  };
  switch (`${group ?? ''} ${action ?? ''}`.trim()) {
    case 'issuers list':
      out(await issuers.list(CLI));
      return 0;
    case 'issuers show':
      out(await issuers.show(CLI, need(arg, 'the issuer slug')));
      return 0;
    case 'issuers create': {
      const input = checkBody(validateIssuerRequest, {
        slug: values.slug,
        names: {
          'zh-Hans': values.name,
          ...(values['name-hant'] ? { 'zh-Hant': values['name-hant'] } : {}),
          ...(values['name-en'] ? { en: values['name-en'] } : {}),
        },
        orgKind: values['org-kind'],
        filingCode: values['filing-code'],
        didMethod: values['did-method'] ?? 'web',
        suspensionByDefault: values.suspension ?? false,
        ...(values['key-ref'] ? { keyRef: values['key-ref'] } : {}),
      });
      const { issuer, apiKey } = await issuers.create(CLI, input);
      out({ issuer, apiKey, note: 'the API key token is shown once; store it now' });
      return 0;
    }
    case 'api-keys create':
      out(await issuers.addApiKey(CLI, need(arg, 'the issuer slug'), values.label));
      return 0;
    case 'api-keys delete':
      await issuers.revokeApiKey(CLI, need(arg, 'the API key id'));
      out({ deleted: arg });
      return 0;
    case 'keys generate':
      out(await generateProvisionedKey(arg, crypto, values.pepper ? 'pepper' : 'signing'));
      return 0;
    case 'keys rotate': {
      out(await issuers.rotateKey(CLI, need(arg, 'the issuer slug'), values['key-ref'] ? { keyRef: values['key-ref'] } : {}));
      return 0;
    }
    case 'status revoke':
    case 'status suspend':
    case 'status reinstate': {
      if (values.scope !== undefined && values.scope !== 'assessment' && values.scope !== 'credential') {
        throw new SkillcredError('MALFORMED_VALUE', '--scope is credential or assessment');
      }
      const report = await services.status.change(
        CLI,
        need(arg, 'the credential id'),
        action as StatusAction,
        { reason: need(values.reason, '--reason'), ...(values.scope ? { scope: values.scope as 'credential' | 'assessment' } : {}) },
        { requestId: `cli-${globalThis.crypto.randomUUID()}` },
      );
      out(report);
      return 0;
    }
    case 'status bulk': {
      // The same request the HTTP API takes, so the CLI selects exactly what the API would.
      const request = checkBody(validateBulkStatusRequest, {
        action: values.action,
        reason: values.reason,
        issuer: need(values.issuer, '--issuer'),
        select: values.assessment
          ? { assessmentId: values.assessment }
          : values.batch
            ? { batchId: values.batch }
            : { issuedFrom: values['issued-from'] ?? values.from, issuedUntil: values['issued-until'] ?? values.to },
      });
      const report = await services.status.bulk(CLI, request, {
        requestId: `cli-${globalThis.crypto.randomUUID()}`,
        onProgress: (done, total) => progress(`${request.action}: ${done}/${total} (${Math.round((done / total) * 100)}%)`),
      });
      out({ ...report, credentials: undefined });
      return 0;
    }
    case 'audit': {
      if (values.limit !== undefined && !/^[1-9]\d{0,4}$/.test(values.limit))
        throw new SkillcredError('MALFORMED_VALUE', '--limit must be a whole number from 1 to 10000');
      if (values.credential) out(await services.status.credentialAudit(CLI, values.credential));
      else
        out(
          await services.status.issuerAudit(CLI, {
            issuer: need(values.issuer, '--credential or --issuer'),
            ...(values.limit ? { limit: Number(values.limit) } : {}),
          }),
        );
      return 0;
    }
    case 'accreditations add': {
      const list = (v: string | undefined) =>
        v
          ? v
              .split(',')
              .map((x) => x.trim())
              .filter(Boolean)
          : undefined;
      const input = checkBody(validateAccreditationRequest, {
        kinds: list(values.kinds),
        occupations: list(values.occupations),
        ...(values.ranks ? { ranks: list(values.ranks)!.map(Number) } : {}),
        validFrom: values.from,
        ...(values.to ? { validUntil: values.to } : {}),
        ...(values.chain ? { chain: values.chain } : {}),
        ...(values['chain-master'] ? { chainMaster: values['chain-master'] } : {}),
      });
      out(await services.trust.accredit(CLI, need(arg, 'the issuer slug'), input));
      return 0;
    }
    case 'accreditations show':
      out(await services.trust.registry(CLI, need(arg, 'the issuer slug')));
      return 0;
    case 'exit': {
      const body = checkBody(validateExitRequest, { exitedAt: values.at, reason: values.reason, ...(values.retroactive ? { retroactive: true } : {}) });
      out(await services.trust.exit(CLI, need(action, 'the issuer slug'), body));
      return 0;
    }
    case 'keys compromise': {
      const body = checkBody(validateCompromiseRequest, { keyId: values.key, at: values.at, ...(values.retroactive ? { retroactive: true } : {}) });
      out(await services.trust.compromise(CLI, need(arg, 'the issuer slug'), body));
      return 0;
    }
    case 'partners create': {
      const input = checkBody(validatePartnerRequest, {
        slug: values.slug,
        names: {
          en: values['name-en'],
          ...(values.name ? { 'zh-Hans': values.name } : {}),
          ...(values['name-hant'] ? { 'zh-Hant': values['name-hant'] } : {}),
        },
        region: values.region,
        ...(values['rate-limit'] ? { rateLimitPerMinute: Number(values['rate-limit']) } : {}),
      });
      out({ ...(await services.partners.create(CLI, input)), note: 'the API key token is shown once; store it now' });
      return 0;
    }
    case 'peppers rotate':
      out(await services.holder.rotatePepper(CLI, need(arg, 'the issuer slug'), values['pepper-ref'] ? { pepperRef: values['pepper-ref'] } : {}));
      return 0;
    case 'holder-binding legacy':
      out(await services.holder.legacy(CLI, need(values.issuer, '--issuer')));
      return 0;
    case 'batch issue': {
      const language = values.lang ?? 'zh-Hans';
      if (language !== 'zh-Hans' && language !== 'zh-Hant' && language !== 'en')
        throw new SkillcredError('MALFORMED_VALUE', '--lang is zh-Hans, zh-Hant or en');
      const args = {
        file: need(arg, 'the sheet (a .csv, or a .json {items})'),
        issuer: need(values.issuer, '--issuer'),
        dryRun: values['dry-run'] ?? false,
        language,
      } as const;
      return batchIssue(services, CLI, args, out, (text) => process.stderr.write(text));
    }
    default:
      console.log(USAGE);
      return values.help || !group ? 0 : 2;
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === 'keys' && argv[1] === 'generate') {
    // Needs no database: the key goes to the operator, not into this deployment.
    try {
      const key = await generateProvisionedKey(argv[2], nodeCrypto(), argv.includes('--pepper') ? 'pepper' : 'signing');
      console.log(JSON.stringify(key, null, 2));
      process.stderr.write(`\nISSUER_KEYS entry (paste between the braces of the secret's JSON object):\n${key.fragment}\n`);
      process.exit(0);
    } catch (error) {
      console.error(`skillcred admin: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    }
  }
  const { config, settings } = settingsFromEnv({ ...process.env, LOG_LEVEL: 'error' });
  const ports = await nodePorts(config, settings);
  // No first-start setup from the CLI: an admin token it generated could be shown to nobody.
  const services = createServices(ports);
  let code = 1;
  try {
    code = await runAdmin(
      process.argv.slice(2),
      services,
      ports.crypto,
      (v) => console.log(JSON.stringify(v, null, 2)),
      (line) => process.stderr.write(`\r${line}${line.includes('100%') ? '\n' : ''}`),
    );
  } catch (error) {
    const message = error instanceof SkillcredError || error instanceof TypeError ? error.message : String(error);
    console.error(`skillcred admin: ${message}`);
    code = 2;
  } finally {
    await ports.store.close();
  }
  process.exit(code);
}

void main();
