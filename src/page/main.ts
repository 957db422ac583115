// The verify page (/v): takes a certificate from the scanned link, the camera, an uploaded image
// or pasted text, checks it (in this browser where it can, else through the service) and shows
// one verdict; or looks one up by the number and holder name printed on it (the service checks it). The heavy parts (verifier, QR decoders) load on demand.
import type { VerificationResult } from '../verify/result.js';
import { cameraPanel } from './camera-panel.js';
import { LANG_NAMES, LANGS, pickLang, t, type Lang, type TextKey } from './i18n.js';
import { detailsUnvouched, explainKey } from './explain.js';
import { renderDetails, renderHow, renderVerdict, type How } from './render.js';
import { lookupOnServer, verifyOnServer, type LookupOutcome } from './server.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const LANG_KEY = 'skillcred.lang';

interface Shown {
  text: string;
  result: VerificationResult;
  how: How;
}

interface Message {
  key: TextKey;
  vars?: Record<string, string>;
}

const state: { lang: Lang; shown: Shown | null; inputMessage: Message | null; lookup: Message | null; holder: Message | null; holderTone: string } = {
  lang: initialLang(),
  shown: null,
  inputMessage: null,
  lookup: null,
  holder: null,
  holderTone: '',
};
let busy = false;
const camera = cameraPanel({
  lang: () => state.lang,
  message(key, vars) {
    state.inputMessage = key ? { key, ...(vars ? { vars } : {}) } : null;
    showMessage($('input-message'), state.inputMessage);
  },
  read: (text) => void check(text),
});

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(LANG_KEY);
    if (saved && (LANGS as readonly string[]).includes(saved)) return saved as Lang;
  } catch {
    /* storage may be disabled; the browser's languages decide */
  }
  return pickLang(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

/** Writes every static text and re-renders what is shown, in the current language. */
function applyLanguage(): void {
  const { lang } = state;
  document.documentElement.lang = lang;
  document.title = `${t(lang, 'title')} · skillcred`;
  for (const el of document.querySelectorAll<HTMLElement>('[data-t]')) el.textContent = t(lang, el.dataset.t as TextKey);
  for (const el of document.querySelectorAll<HTMLElement>('[data-t-placeholder]')) el.setAttribute('placeholder', t(lang, el.dataset.tPlaceholder as TextKey));
  for (const el of document.querySelectorAll<HTMLElement>('[data-t-label]')) el.setAttribute('aria-label', t(lang, el.dataset.tLabel as TextKey));
  for (const btn of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) btn.setAttribute('aria-pressed', String(btn.dataset.lang === lang));
  $('langs').setAttribute('aria-label', t(lang, 'langLabel'));
  showMessage($('input-message'), state.inputMessage);
  showMessage($('lookup-message'), state.lookup);
  showMessage($('holder-result'), state.holder);
  if (state.shown) renderShown(state.shown, false);
  camera.relabel();
}

function showMessage(el: HTMLElement, message: Message | null): void {
  el.textContent = message ? t(state.lang, message.key, message.vars) : '';
}

function renderShown(shown: Shown, announce: boolean): void {
  const { lang } = state;
  const verdictEl = $('verdict');
  renderVerdict(verdictEl, shown.result, lang);
  renderDetails($('details'), shown.result.summary, lang);
  $('details-section').hidden = $('details').childElementCount === 0;
  // A forged or wrongly signed certificate says what it likes: its details must not look vouched for.
  const untrusted = detailsUnvouched(shown.result);
  $('details-warning').hidden = !untrusted;
  $('details').classList.toggle('unverified', untrusted);
  renderHow($('how-text'), $('steps'), shown.how, shown.result.steps, lang);
  $('recheck').hidden = shown.how.mode === 'server';
  // Only a readable, untampered certificate that names a holder has a holder to check.
  const holderPossible = !['unreadable', 'tampered'].includes(shown.result.verdict) && Boolean(shown.result.summary.holderName);
  $('holder-section').hidden = !holderPossible;
  $('holder-hint').textContent = t(lang, 'holderHint');
  $('result').hidden = false;
  $('input-heading').textContent = t(lang, 'checkAnother');
  if (announce) {
    const reason = verdictEl.querySelector('.reason')!.textContent;
    $('announce').textContent = [t(lang, `verdict.${shown.result.verdict}` as TextKey), t(lang, explainKey(shown.result)), reason]
      .filter(Boolean)
      .join(lang === 'en' ? '. ' : '。');
    verdictEl.focus();
  }
}

function setBusy(on: boolean): void {
  busy = on;
  $('busy').hidden = !on;
  document.body.setAttribute('aria-busy', String(on));
  for (const el of document.querySelectorAll<HTMLButtonElement | HTMLInputElement | HTMLTextAreaElement>(
    '#input button, #input input, #input textarea, #lookup button, #lookup input',
  ))
    el.disabled = on;
}

/** Checks a text in this browser, handing over to the service where the browser cannot. */
async function check(text: string, forceServer = false): Promise<void> {
  if (busy) return;
  setBusy(true);
  state.holder = null;
  showMessage($('holder-result'), null);
  setLookupMessage(null);
  try {
    let how: How | null = null;
    let result: VerificationResult | null = null;
    if (forceServer) how = { mode: 'server', reason: 'requested' };
    else {
      try {
        const engine = await import('./engine.js');
        const outcome = await engine.verifyInBrowser(text);
        if (outcome.kind === 'checked') {
          result = outcome.result;
          how = { mode: 'browser', ed25519: outcome.ed25519, trustList: outcome.trustList };
        } else how = { mode: 'server', reason: outcome.reason, ...(outcome.reason === 'foreign' ? { vars: { host: outcome.host } } : {}) };
      } catch (error) {
        how = { mode: 'server', reason: 'engine-failed', vars: { error: (error as Error)?.message ?? String(error) } };
      }
    }
    if (!result) {
      try {
        result = await verifyOnServer(text);
      } catch (error) {
        state.inputMessage = { key: 'serverUnreachable', vars: { error: (error as Error).message } };
        showMessage($('input-message'), state.inputMessage);
        return;
      }
    }
    state.shown = { text, result, how: how! };
    state.inputMessage = null;
    showMessage($('input-message'), null);
    renderShown(state.shown, true);
  } finally {
    setBusy(false);
  }
}

/** The credential text of the page's own URL: what follows `#` (payload or `ID:…`). */
function fromLocation(): string | null {
  const fragment = location.hash.slice(1);
  if (!fragment) return null;
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

async function compareHolder(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const shown = state.shown;
  const idNumber = $<HTMLInputElement>('holder-id').value.trim();
  if (!shown) return;
  let message: Message | null = null;
  let tone = 'bad';
  if (!idNumber) message = { key: 'holderEmpty' };
  else {
    // Holder numbers are bound with the issuer's secret key: only the service can compare them.
    // The number goes to it over the page's own (HTTPS) connection, once, and is not kept.
    const result = await verifyOnServer(shown.text, idNumber).catch(() => null);
    const step = result?.steps.find((s) => s.id === 'holder');
    const match = step && !step.skipped ? step.valid : null;
    if (result?.errors.some((e) => e.code === 'http-429')) message = { key: 'holderLimited' };
    message ??= match === null ? { key: 'holderUnavailable' } : match ? { key: 'holderMatch' } : { key: 'holderNoMatch' };
    tone = match === true ? 'good' : match === false ? 'bad' : 'unknown';
  }
  state.holder = message;
  state.holderTone = tone;
  $('holder-result').dataset.tone = tone;
  showMessage($('holder-result'), message);
}

function setLookupMessage(message: Message | null): void {
  state.lookup = message;
  showMessage($('lookup-message'), message);
}

/** What the page says when a look-up found nothing to show. */
function lookupMessage(outcome: Exclude<LookupOutcome, { kind: 'found' }>): Message {
  if (outcome.kind === 'no-match') return { key: 'lookupNoMatch' };
  if (outcome.kind === 'limited') return { key: 'lookupLimited', vars: { seconds: outcome.seconds } };
  if (outcome.kind === 'invalid') return { key: 'lookupInvalid' };
  return { key: 'lookupFailed', vars: { status: String(outcome.status) } };
}

/** Looks a certificate up by its number and holder name; shows its verdict as a scan would. */
async function lookup(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  if (busy) return;
  const number = $<HTMLInputElement>('lookup-number').value.trim();
  const name = $<HTMLInputElement>('lookup-name').value.trim();
  if (!number || !name) return setLookupMessage({ key: 'lookupEmpty' });
  camera.stop();
  setBusy(true);
  state.holder = null;
  showMessage($('holder-result'), null);
  try {
    let outcome: LookupOutcome;
    try {
      outcome = await lookupOnServer(number, name);
    } catch (error) {
      return setLookupMessage({ key: 'serverUnreachable', vars: { error: (error as Error).message } });
    }
    if (outcome.kind !== 'found') {
      // Nothing found: an earlier verdict must not read as this look-up's.
      state.shown = null;
      $('result').hidden = true;
      $('input-heading').textContent = t(state.lang, 'inputHeading');
      return setLookupMessage(lookupMessage(outcome));
    }
    setLookupMessage(null);
    state.shown = { text: outcome.verifyLink, result: outcome.result, how: { mode: 'server', reason: 'lookup' } };
    renderShown(state.shown, true);
  } finally {
    setBusy(false);
  }
}

async function upload(input: HTMLInputElement): Promise<void> {
  const file = input.files?.[0];
  input.value = '';
  if (!file) return;
  camera.stop();
  let text: string | null = null;
  try {
    const reader = await import('./qr-image.js');
    text = await reader.readImageFile(file);
    state.inputMessage = text ? null : { key: 'noQrInImage' };
  } catch {
    state.inputMessage = { key: 'imageUnreadable' };
  }
  showMessage($('input-message'), state.inputMessage);
  if (text) await check(text);
}

function wire(): void {
  for (const btn of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
    btn.textContent = LANG_NAMES[btn.dataset.lang as Lang];
    btn.addEventListener('click', () => {
      state.lang = btn.dataset.lang as Lang;
      try {
        localStorage.setItem(LANG_KEY, state.lang);
      } catch {
        /* not remembered; still switched */
      }
      applyLanguage();
    });
  }
  $('paste-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $<HTMLTextAreaElement>('paste').value.trim();
    state.inputMessage = text ? null : { key: 'emptyInput' };
    showMessage($('input-message'), state.inputMessage);
    if (text) void check(text);
  });
  $('paste').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) $<HTMLFormElement>('paste-form').requestSubmit();
  });
  $<HTMLInputElement>('upload').addEventListener('change', (event) => void upload(event.target as HTMLInputElement));
  $('scan').addEventListener('click', () => void camera.start());
  $('stop').addEventListener('click', () => camera.stop());
  $('holder-form').addEventListener('submit', (event) => void compareHolder(event as SubmitEvent));
  $('lookup-form').addEventListener('submit', (event) => void lookup(event as SubmitEvent));
  $('recheck').addEventListener('click', () => state.shown && void check(state.shown.text, true));
  window.addEventListener('hashchange', () => {
    const text = fromLocation();
    if (text) void check(text);
  });
}

wire();
applyLanguage();
document.body.dataset.ready = 'true';
const initial = fromLocation();
if (initial) void check(initial, new URLSearchParams(location.search).get('via') === 'server');
