import { describe, expect, it } from 'vitest';
import { parseQrUrl, QrPayloadError, qrIdUrl, qrUrl, readQrText, verifyPageBase } from '../../src/qr/index.js';

// The characters QR alphanumeric mode can hold.
const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]*$/;
const PAYLOAD = 'AEBAGBAFAYDQQCIKBMGA2DQPCAIREEYUCULBOGA';

describe('qrUrl', () => {
  it('upper-cases scheme and host so everything before # stays alphanumeric-mode', () => {
    const url = qrUrl('https://certs.example.cn', PAYLOAD);
    expect(url).toBe(`HTTPS://CERTS.EXAMPLE.CN/V#${PAYLOAD}`);
    expect(url.split('#')[0]).toMatch(ALPHANUMERIC);
    expect(url.split('#')[1]).toMatch(ALPHANUMERIC);
  });

  it('keeps http, the port, and a base path exactly as configured (paths are case-sensitive)', () => {
    expect(qrUrl('http://localhost:8080', PAYLOAD)).toBe(`HTTP://LOCALHOST:8080/V#${PAYLOAD}`);
    expect(qrUrl('https://example.cn/skillcred/', PAYLOAD)).toBe(`HTTPS://EXAMPLE.CN/skillcred/V#${PAYLOAD}`);
    expect(verifyPageBase('https://证书.example.cn')).toBe('HTTPS://XN--1JQS90M.EXAMPLE.CN/V#');
  });

  it('refuses public URLs that are not http(s)', () => {
    for (const bad of ['ftp://example.cn', 'not a url', 'javascript:alert(1)']) expect(() => qrUrl(bad, PAYLOAD)).toThrow(QrPayloadError);
  });
});

describe('readQrText / parseQrUrl', () => {
  it('reads the payload from a URL in any case, with or without a base path, or a bare payload', () => {
    for (const text of [
      `HTTPS://CERTS.EXAMPLE.CN/V#${PAYLOAD}`,
      `https://certs.example.cn/v#${PAYLOAD}`,
      `https://certs.example.cn/V#${PAYLOAD.toLowerCase()}`,
      `HTTP://LOCALHOST:8080/V#${PAYLOAD}`,
      `https://example.cn/skillcred/V#${PAYLOAD}`,
      `  ${PAYLOAD}\n`,
      PAYLOAD.toLowerCase(),
    ]) {
      expect(readQrText(text), text).toEqual({ kind: 'credential', payload: PAYLOAD });
      expect(parseQrUrl(text)).toBe(PAYLOAD);
    }
  });

  it('tells the fallback id link apart and restores the id exactly', () => {
    for (const id of ['urn:uuid:7b5cf698-2efd-4690-ba9c-834e65c11e44', 'https://certs.example.cn/c/abc', '证书-1']) {
      const url = qrIdUrl('https://certs.example.cn', id);
      expect(url).toMatch(/^HTTPS:\/\/CERTS\.EXAMPLE\.CN\/V#ID:[A-Z2-7]+$/);
      expect(url.replace('#', '')).toMatch(ALPHANUMERIC);
      expect(readQrText(url)).toEqual({ kind: 'id', id });
      expect(readQrText(url.toLowerCase())).toEqual({ kind: 'id', id });
      expect(() => parseQrUrl(url)).toThrow(/credential id/);
    }
  });

  it('rejects other texts with a clear error', () => {
    const cases: [string, string][] = [
      ['', 'empty'],
      ['https://certs.example.cn/v#', 'empty'],
      ['https://certs.example.cn/x#' + PAYLOAD, 'not-a-qr-url'],
      ['https://certs.example.cn/v?' + PAYLOAD, 'not-a-qr-url'],
      ['WIFI:S:net;T:WPA;P:secret;;', 'not-a-qr-url'],
      [PAYLOAD + '!', 'not-a-qr-url'],
      ['HTTPS://CERTS.EXAMPLE.CN/V#ID:!!', 'corrupt'],
      ['HTTPS://CERTS.EXAMPLE.CN/V#ID:', 'corrupt'],
    ];
    for (const [text, problem] of cases) {
      let error: unknown;
      try {
        readQrText(text);
      } catch (e) {
        error = e;
      }
      expect(error, text).toBeInstanceOf(QrPayloadError);
      expect((error as QrPayloadError).problem, text).toBe(problem);
      expect((error as QrPayloadError).code).toBe('MALFORMED_VALUE');
    }
    expect(() => readQrText(42 as unknown as string)).toThrow(QrPayloadError);
  });
});
