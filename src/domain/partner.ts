// Cross-border recognition partners and the statements they record.

export interface PartnerRecord {
  id: string;
  slug: string;
  names: { 'zh-Hans'?: string; 'zh-Hant'?: string; en: string };
  /** e.g. HK, MO. */
  region: string;
  did: string | null;
  rateLimitPerMinute: number;
  createdAt: string;
}

export interface RecognitionRecord {
  id: string;
  partnerId: string;
  certificateKind: string;
  ladderRank: number | null;
  occupationCode: string | null;
  framework: string;
  level: string;
  /** The signed statement (JSON text). */
  document: string;
  createdAt: string;
  withdrawnAt: string | null;
}
