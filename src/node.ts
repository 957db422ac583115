// The Node entry: configuration, the Node ports, the app, an HTTP server. Nothing else.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { assemble } from './app.js';
import { parseConfig, parseNodeSettings, type Config, type NodeSettings } from './config.js';
import { SkillcredError } from './errors.js';
import { serveHttp } from './runtime/node/http-server.js';
import { nodePorts } from './runtime/node/ports.js';
import type { FirstStart } from './services/setup.js';

function banner(config: Config, settings: NodeSettings, port: number, first: FirstStart): string {
  const lines = [
    `skillcred listening on http://${settings.host}:${port}  (public URL ${config.publicUrl})`,
    `  verify page ${config.publicUrl}/v   API reference ${config.publicUrl}/docs   trust list ${config.publicUrl}/trust-list`,
    `  data ${resolve(settings.dataDir, 'skillcred.db')}   keys ${resolve(settings.keysDir)}`,
  ];
  if (first.adminToken || first.devIssuer) {
    lines.push('', 'First start: these secrets are shown once and stored only as hashes. Keep them now.');
    if (first.adminToken) lines.push(`  admin token          ${first.adminToken}`);
    if (first.devIssuer) {
      lines.push(`  dev issuer           ${first.devIssuer.slug}`);
      lines.push(`  dev issuer DID       ${first.devIssuer.did}`);
      lines.push(`  dev issuer API key   ${first.devIssuer.apiKey.token}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** Reads the configuration from the environment, or exits with one clear line. */
export function settingsFromEnv(env: Record<string, string | undefined>): { config: Config; settings: NodeSettings } {
  try {
    return { config: parseConfig(env), settings: parseNodeSettings(env) };
  } catch (error) {
    if (error instanceof SkillcredError) {
      console.error(`skillcred: invalid configuration: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const { config, settings } = settingsFromEnv(process.env);
  const ports = await nodePorts(config, settings);
  const { app, services, firstStart } = await assemble(ports, { devIssuer: settings.devIssuer });
  void services.batches.resumeUnfinished(); // batches a stop or a crash left unfinished, in the background
  const server = serveHttp(app.fetch, { port: settings.port, hostname: settings.host }, (port) => {
    console.log(banner(config, settings, port, firstStart));
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(`skillcred: cannot listen on ${settings.host}:${settings.port}: ${error.code ?? error.message}`);
    process.exit(1);
  });
  const stop = () => {
    server.close(() => {
      void ports.store.close().then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(`skillcred: failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
