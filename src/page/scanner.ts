// The camera scanner's chunk: loaded when "scan" is pressed, while the browser asks for the camera.
export { openCamera, torchOf } from './camera.js';
export { qrEngine } from './qr-engine.js';
export { scanVideo } from './scan-loop.js';
