// The camera panel of the verify page: the preview with its viewfinder square, the hint under it,
// the torch switch where the camera has one, and stop. The scanner itself loads on demand.
import { t, type Lang, type TextKey } from './i18n.js';
import type { Scan } from './scan-loop.js';
import { HINT_TEXT, type ScanHint } from './scan-hints.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** What the panel needs from the page. */
export interface CameraPanelHost {
  lang(): Lang;
  /** Shows (or clears, with null) the page's input message. */
  message(key: TextKey | null, vars?: Record<string, string>): void;
  /** A QR code was read; the camera is already off. */
  read(text: string): void;
}

/** The camera panel's controls. */
export interface CameraPanel {
  start(): Promise<void>;
  stop(): void;
  /** Rewrites the panel's texts in the current language. */
  relabel(): void;
}

interface Session {
  stream: MediaStream;
  scan: Scan | null;
  hint: ScanHint;
}

/** Wires the panel (#camera, #video, #viewfinder, #scan-hint, #torch) to `host`. */
export function cameraPanel(host: CameraPanelHost): CameraPanel {
  let session: Session | null = null;
  const video = $<HTMLVideoElement>('video');
  const torch = $<HTMLButtonElement>('torch');

  const showHint = (hint: ScanHint) => {
    if (session) session.hint = hint;
    const el = $('scan-hint');
    el.dataset.hint = hint;
    el.textContent = t(host.lang(), HINT_TEXT[hint]);
  };

  const stop = () => {
    if (!session) return;
    session.scan?.stop();
    for (const track of session.stream.getTracks()) track.stop();
    session = null;
    video.srcObject = null;
    torch.hidden = true;
    torch.setAttribute('aria-pressed', 'false');
    torch.onclick = null;
    $('camera').hidden = true;
    $('scan').hidden = false;
  };

  const start = async () => {
    if (session) return;
    host.message('cameraStarting');
    // The decoder loads (and ZXing's wasm compiles) while the browser asks for the camera.
    const scanner = import('./scanner.js');
    const engine = scanner.then((m) => m.qrEngine());
    engine.catch(() => {});
    let stream: MediaStream;
    try {
      if (!navigator.mediaDevices?.getUserMedia) throw new Error(location.protocol === 'https:' ? 'not supported' : 'needs HTTPS');
      stream = await (await scanner).openCamera();
    } catch (error) {
      host.message('cameraUnavailable', { reason: (error as Error).name === 'NotAllowedError' ? 'permission denied' : (error as Error).message });
      return;
    }
    const mine: Session = { stream, scan: null, hint: 'aim' };
    session = mine;
    host.message(null);
    video.srcObject = stream;
    $('camera').hidden = false;
    $('scan').hidden = true;
    $('camera').scrollIntoView({ block: 'nearest' });
    showHint('aim');
    await video.play().catch(() => {});
    const { scanVideo, torchOf } = await scanner;
    if (session !== mine) return; // stopped meanwhile
    const switchable = torchOf(stream);
    if (switchable) {
      torch.hidden = false;
      const toggle = async () => {
        const on = torch.getAttribute('aria-pressed') !== 'true';
        if (await switchable.set(on)) torch.setAttribute('aria-pressed', String(on));
      };
      torch.onclick = () => void toggle();
    }
    const ready = await engine.catch((error: unknown) => {
      if (session === mine) stop();
      host.message('cameraUnavailable', { reason: (error as Error).message });
      return null;
    });
    if (!ready || session !== mine) return; // no decoder, or stopped while it loaded
    $('camera').dataset.engine = ready.kind;
    mine.scan = scanVideo(video, $('viewfinder'), ready, {
      onText(text) {
        stop();
        host.read(text);
      },
      onHint: showHint,
    });
  };

  return {
    start,
    stop,
    relabel() {
      if (session) showHint(session.hint);
    },
  };
}
