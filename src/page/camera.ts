// The camera for scanning: the rear one, at a resolution that resolves a dense code, and its torch.

/**
 * Opens the rear camera asking for 1920×1080: our QR code (81 modules with its quiet zone) a third
 * of the frame high gets ~3 px per module at 720p, ~4.4 at 1080p; phones left to choose often
 * give 640×480.
 * `ideal` (not `min`) so a camera that cannot do it still opens at its best.
 */
export function openCamera(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    audio: false,
    video: { facingMode: { ideal: 'environment' }, width: { ideal: 1920 }, height: { ideal: 1080 } },
  });
}

/** A switch for the torch of the stream's camera, where the browser exposes one (Chrome on Android). */
export interface Torch {
  set(on: boolean): Promise<boolean>;
}

/** The torch of `stream`'s video track, or null when it has none (or the browser cannot tell). */
export function torchOf(stream: MediaStream): Torch | null {
  const track = stream.getVideoTracks()[0];
  if (!track || typeof track.getCapabilities !== 'function') return null; // Firefox has no getCapabilities
  const capabilities = track.getCapabilities() as MediaTrackCapabilities & { torch?: boolean };
  if (!capabilities.torch) return null;
  return {
    async set(on) {
      try {
        await track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
        return true;
      } catch {
        return false;
      }
    },
  };
}
