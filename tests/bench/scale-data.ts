// Data for the national-scale rehearsal: real signed certificates as templates (issued once by the
// real app), reused for a million records with their own ids, holders, numbers and status slots,
// loaded through the Store in batches of thousands of credentials per atomic recordIssued.
import { createHash, randomBytes, randomFillSync } from 'node:crypto';
import type { CredentialRecord } from '../../src/domain/credential-record.js';
import type { StatusSlot } from '../../src/domain/status.js';
import type { IssuerRecord } from '../../src/domain/issuer.js';
import type { IssuedEntry, Store } from '../../src/store/store.js';
import { bearer, createTestApp, skillLevelRequest } from '../helpers/app.js';
import { seedIssuer } from '../helpers/store-records.js';

export const LIST = { size: 131_072, threshold: 0.8 };

/** A signed credential's text with its id and status entries made into slots to fill. */
export interface Template {
  parts: string[];
  bytes: number;
}

/** Issues two real certificates (with and without a suspension entry) and makes templates of them. */
export async function makeTemplates(): Promise<{ revocation: Template; both: Template }> {
  const t = await createTestApp();
  try {
    const issue = async (suspension: boolean) => {
      const res = await t.call(
        'POST',
        '/v1/certificates',
        skillLevelRequest({ suspension, assessment: { id: `TPL-${suspension}`, date: '2025-06-20' } }),
        bearer(t.devKey),
      );
      if (res.status !== 201) throw new Error(`template issuance: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { id: string };
      return (await t.ports.store.getCredential(body.id))!;
    };
    return { revocation: template(await issue(false)), both: template(await issue(true)) };
  } finally {
    await t.close();
  }
}

function template(record: CredentialRecord): Template {
  const doc = JSON.parse(record.document) as {
    credentialStatus: { statusListCredential: string; statusListIndex: string }[] | { statusListCredential: string; statusListIndex: string };
  };
  let text = record.document.split(record.id).join('\u0000ID\u0000');
  const entries = Array.isArray(doc.credentialStatus) ? doc.credentialStatus : [doc.credentialStatus];
  for (const [i, e] of entries.entries()) {
    text = text.replace(`"statusListIndex":"${e.statusListIndex}"`, `"statusListIndex":"\u0000S${i}\u0000"`);
    text = text.split(e.statusListCredential).join(`\u0000L${i}\u0000`);
  }
  return { parts: text.split('\u0000'), bytes: record.document.length };
}

/** The document of a record made from a template: its id, and per slot its list URL and index. */
function fill(t: Template, id: string, slots: { url: string; index: number }[]): string {
  return t.parts
    .map((p) =>
      p === 'ID' ? id : p[0] === 'S' && p.length === 2 ? String(slots[Number(p[1])]!.index) : p[0] === 'L' && p.length === 2 ? slots[Number(p[1])]!.url : p,
    )
    .join('');
}

/** Distinct random indexes below `size`, `count` of them (a partial Fisher–Yates shuffle). */
function randomIndexes(size: number, count: number): number[] {
  const all = Uint32Array.from({ length: size }, (_, i) => i);
  const random = randomFillSync(new Uint32Array(count));
  for (let i = 0; i < count; i++) {
    const j = i + (random[i]! % (size - i));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return Array.from(all.subarray(0, count));
}

/** The 50 issuers of the rehearsal. */
export async function seedIssuers(store: Store, count: number): Promise<IssuerRecord[]> {
  const issuers: IssuerRecord[] = [];
  for (let i = 0; i < count; i++) issuers.push(await seedIssuer(store, `eval-${String(i + 1).padStart(2, '0')}`));
  return issuers;
}

let serial = 0;
/** A record as an evaluation organisation issues it: its own holder hash, number and assessment. */
export function makeRecord(issuer: IssuerRecord, t: Template, slots: (StatusSlot & { url: string })[], day: number): IssuedEntry {
  const n = ++serial;
  const id = `urn:uuid:${randomBytes(16)
    .toString('hex')
    .replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-')}`;
  const issuedAt = new Date(Date.UTC(2020, 0, 1) + day * 86_400_000 + (n % 86_400) * 1000).toISOString();
  const record: CredentialRecord = {
    id,
    issuerId: issuer.id,
    kind: 'skill-level',
    holderHash: `hmac-sha256$${createHash('sha256').update(String(n)).digest('hex')}`,
    certificateNumber: `Y${String(n).padStart(21, '0')}`,
    assessmentId: `ASM-${issuer.slug}-${n}`,
    issuedAt,
    validFrom: issuedAt.slice(0, 10),
    format: 'eddsa-rdfc-2022',
    document: fill(t, id, slots),
  };
  return { record, slots: slots.map(({ url: _, ...slot }) => slot) };
}

/**
 * Loads `perIssuer` credentials for each issuer through Store.recordIssued, `batch` credentials a
 * call (one transaction): all with a revocation entry, one in four also with a suspension entry,
 * at distinct random indexes of each issuer's open lists. Returns the loaded ids per issuer.
 */
export async function load(
  store: Store,
  issuers: IssuerRecord[],
  templates: { revocation: Template; both: Template },
  opts: { perIssuer: number; batch: number; publicUrl: string; onProgress?: (done: number) => void },
): Promise<Map<string, string[]>> {
  const ids = new Map<string, string[]>();
  let done = 0;
  for (const issuer of issuers) {
    const lists = await Promise.all((['revocation', 'suspension'] as const).map((p) => store.pickStatusSlot(issuer.id, p, LIST)));
    const revocation = randomIndexes(LIST.size, opts.perIssuer);
    const suspension = randomIndexes(LIST.size, Math.ceil(opts.perIssuer / 4));
    const mine: string[] = [];
    for (let start = 0; start < opts.perIssuer; start += opts.batch) {
      const entries: IssuedEntry[] = [];
      for (let i = start; i < Math.min(opts.perIssuer, start + opts.batch); i++) {
        const slot = (k: 0 | 1, index: number) => ({
          ...lists[k]!,
          index,
          url: `${opts.publicUrl}/status/${issuer.slug}/${lists[k]!.purpose}/${lists[k]!.seq}`,
        });
        const slots = i % 4 === 0 ? [slot(0, revocation[i]!), slot(1, suspension[i / 4]!)] : [slot(0, revocation[i]!)];
        entries.push(makeRecord(issuer, i % 4 === 0 ? templates.both : templates.revocation, slots, Math.floor((i * 2000) / opts.perIssuer)));
      }
      const result = await store.recordIssued(entries, null);
      if (result.outcome !== 'recorded') throw new Error(`load batch of ${issuer.slug}: ${JSON.stringify(result)}`);
      mine.push(...entries.map((e) => e.record.id));
      done += entries.length;
      opts.onProgress?.(done);
    }
    ids.set(issuer.id, mine);
  }
  return ids;
}
