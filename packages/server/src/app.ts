import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { defaultRegistry, type FlowDocument } from '@chatflow/engine';
import express, { type Express, type Request, type Response } from 'express';
import { createAiMemoryRepository } from './ai/ai-memory-repository';
import { createClaudeAi } from './ai/claude-ai-port';
import { profileStartVars } from './ai/profile-variable';
import { createTurnPorts } from './ai/turn-ports';
import { createAnalyticsCounter } from './analytics/analytics-counter';
import { analyticsTurnListener } from './analytics/analytics-listener';
import { analyticsRoutes } from './analytics/analytics-routes';
import { createApiRouter } from './api/api-router';
import { auditRoutes } from './api/audit-routes';
import { channelRoutes } from './api/channel-routes';
import { createAiMemoryData, deleteContactData } from './api/contact-data';
import { contactRoutes } from './api/contact-routes';
import { conversationRoutes } from './api/conversation-routes';
import { errorHandler } from './api/error-handler';
import { flowRoutes } from './api/flow-routes';
import { createSchemaChecker } from './api/schema-checker';
import { apiComponents } from './api/schemas/components';
import { createBroadcastModule } from './broadcasts/broadcast-module';
import type { BroadcastSenderOptions } from './broadcasts/broadcast-sender';
import { createCatalogPort } from './catalog/catalog-port';
import { createCatalogRepository } from './catalog/catalog-repository';
import { catalogRoutes } from './catalog/catalog-routes';
import { createCatalogService } from './catalog/catalog-service';
import type { Config } from './config';
import { createContactsModule } from './contacts/contacts-module';
import { conversationKeys } from './conversation/conversation-keys';
import { createConversationService } from './conversation/conversation-service';
import { parseSessionState } from './conversation/session-state';
import { loadHandlers } from './custom/handler-port';
import { createChannelRepository } from './flows/channel-repository';
import { createFlowRepository } from './flows/flow-repository';
import { createFlowService } from './flows/flow-service';
import { createFlowStartRepository } from './flows/flow-start-repository';
import { flowStartRoutes } from './flows/flow-start-routes';
import { createPublishedFlowSource } from './flows/published-flow-source';
import { seedCatalog } from './flows/seed-catalog';
import { seedExamples } from './flows/seed-examples';
import { createVersionRepository } from './flows/version-repository';
import { createWorkspaceSettings } from './flows/workspace-settings';
import { createBusinessModules } from './inbox/business-modules';
import { createMediaModule } from './media/media-module';
import { createHealthRouter } from './observability/health-routes';
import { instrumentChannel } from './observability/instrument-channel';
import { createLogger, type LogLevel } from './observability/logger';
import { createMetrics } from './observability/metrics';
import { createRedactor } from './observability/redactor';
import { webhookMetrics } from './observability/webhook-metrics';
import { createHttpClient } from './outbound/http-client';
import { createRecords } from './records/records';
import { createSecretRepository } from './secrets/secret-repository';
import { secretRoutes } from './secrets/secret-routes';
import { type Announce, ensureAdminTokenHash, ensureSecretKey } from './security/local-secrets';
import { clientIp, rateLimit } from './security/rate-limit';
import { createSecretBox } from './security/secret-box';
import { securityHeaders } from './security/security-headers';
import { createSimulator } from './simulator/simulator';
import { simulatorErrorLog } from './simulator/simulator-error-log';
import { createSimulatorFlowSource } from './simulator/simulator-flow-source';
import { simulatorMediaRoute } from './simulator/simulator-media-route';
import { recordForSimulator } from './simulator/simulator-recorder';
import { simulatorRoutes } from './simulator/simulator-routes';
import { createSimulatorSessions } from './simulator/simulator-sessions';
import { createWebChannel } from './simulator/web-channel';
import { openStores, type Stores } from './stores/open-stores';
import { templateProblems } from './templates/template-checks';
import { createTemplateRepository } from './templates/template-repository';
import { templateRoutes } from './templates/template-routes';
import { createWhatsAppWebhook } from './webhook/whatsapp-webhook';
import { createWhatsAppChannel } from './whatsapp/whatsapp-channel';
import { trackCollections } from './workspaces/tracked-documents';
import { createWorkspaceModule } from './workspaces/workspace-module';

export interface AppOptions {
  /** Where log lines go (JSON lines on stdout by default) and from which level; secrets are masked either way. */
  log?: { write?: (line: string) => void; level?: LogLevel };
  /** Where one-time notices (a generated admin token) go; stdout by default. */
  announce?: Announce;
  /** The built builder (packages/builder/dist by default). */
  builderDir?: string;
  /** The example flows seeded on first start (examples/flows by default). */
  examplesDir?: string;
  /** The example catalog seeded with them (examples/catalog.json by default); false starts with an empty catalog. */
  exampleCatalog?: string | false;
  /** Pipeline polling, for tests that want timers fired quickly. */
  pipeline?: { pollMs?: number; timerPollMs?: number };
  /** Simulator sessions idle this long are closed and their visitors' data deleted (1 hour by default). */
  simulatorIdleMs?: number;
  /** How long a user's sign-in lasts (12 hours by default), for tests of expiry. */
  sessionTtlMs?: number;
  /** Broadcast sending, for tests that want due broadcasts found and resumed quickly. */
  broadcasts?: BroadcastSenderOptions;
}

export interface ChatflowApp {
  /** The Express app; its routes are mounted by `start`, once the stores are open. */
  app: Express;
  /** Opens the stores, seeds the examples on first start, starts the pipeline and listens. */
  start(port?: number): Promise<{ port: number; url: string }>;
  /** Stops listening, lets turns in progress finish, closes the stores. */
  stop(): Promise<void>;
}

const WORKSPACE = 'default';
/**
 * Connections waiting to be accepted. After a restart Meta redelivers every webhook the dead
 * process missed at once (hundreds of status webhooks); with Node's default of 511 a busy process
 * drops the rest at the socket, they come back only after their sender's connect timeout, and a
 * resumed turn that waited for one of those statuses has sent its message a second time by then.
 * The kernel caps it at its somaxconn.
 */
const LISTEN_BACKLOG = 4096;
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const VERSION = (JSON.parse(readFileSync(here('../package.json'), 'utf8')) as { version: string }).version;

/**
 * The whole server in one process: builder, REST API, WhatsApp webhook, simulator, health and
 * metrics, over the stores the configuration names.
 *
 * @example
 * const server = createApp(loadConfig(process.env));
 * const { url } = await server.start();
 */
export function createApp(config: Config, options: AppOptions = {}): ChatflowApp {
  const app = express();
  // Only the proxies the operator named may say who the client is (X-Forwarded-For, for rate limits).
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(securityHeaders(config.publicUrl));
  const redactor = createRedactor([
    config.whatsapp.accessToken,
    config.whatsapp.appSecret,
    config.whatsapp.verifyToken,
    config.anthropic.apiKey,
    config.adminToken,
  ]);
  const log = createLogger({ redactor, ...options.log });
  const announce = options.announce ?? ((line: string) => process.stdout.write(`${line}\n`));
  const metrics = createMetrics();
  let stores: Stores | undefined;
  let server: Server | undefined;
  let accepting = false;
  const stopping: (() => Promise<void>)[] = [];

  async function compose(stores: Stores): Promise<void> {
    const { sessions } = stores;
    // Deleting a workspace reaches every collection the modules below ask for.
    const documents = trackCollections(stores.documents);
    const secretKey = await ensureSecretKey(config.dataDir, config.secretKey, announce);
    const adminHash = await ensureAdminTokenHash(config.dataDir, config.adminToken, announce);
    const business = createBusinessModules({
      documents,
      sessions,
      adminTokenHash: adminHash,
      // The server's key, or the workspace's own.
      aiConfigured: async (workspaceId) => Boolean(config.anthropic.apiKey) || (await workspaces.aiSettings.view(workspaceId)).hasApiKey,
      ...(options.sessionTtlMs ? { sessionTtlMs: options.sessionTtlMs } : {}),
      ...(config.rateLimits.login ? { loginLimits: config.rateLimits.login } : {}),
    });
    const records = business.records(createRecords(documents));
    const flowsRepo = createFlowRepository(documents);
    const versions = createVersionRepository(documents);
    const settings = createWorkspaceSettings(documents);
    const channels = createChannelRepository(documents, createSecretBox(secretKey));
    const workspaces = createWorkspaceModule({
      documents,
      sessions,
      box: createSecretBox(secretKey),
      auth: business.auth,
      channels,
      signup: config.signup,
    });
    const templates = createTemplateRepository(documents);
    const contacts = createContactsModule({ documents, records, channels });
    const catalogRepo = createCatalogRepository(documents);
    const flows = createFlowService({
      flows: flowsRepo,
      versions,
      channels,
      settings,
      audit: records.audit,
      registry: defaultRegistry,
      publishProblems: (workspaceId, document) => templateProblems(templates, workspaceId, document),
      catalog: (workspaceId) => createCatalogPort(catalogRepo, () => workspaceId),
    });
    const checker = createSchemaChecker(apiComponents);
    const businessAccounts = async (workspaceId: string) => {
      const fromEnv = config.whatsapp.businessAccountId;
      const token = config.whatsapp.accessToken;
      const env = fromEnv && token ? [{ wabaId: fromEnv, accessToken: token }] : [];
      return [...env, ...(await channels.businessAccounts(workspaceId)).filter((a) => a.wabaId !== fromEnv)];
    };
    const flowDocumentSchema = { $ref: '#/components/schemas/FlowDocument' };

    const simSessions = createSimulatorSessions();
    const flowSource = createSimulatorFlowSource(simSessions, createPublishedFlowSource({ versions, channels, settings }));
    const accessToken = async (phoneNumberId: string, workspaceId: string) => {
      const own = (await channels.credentials(workspaceId, phoneNumberId))?.accessToken;
      redactor.add(own);
      return own ?? config.whatsapp.accessToken;
    };
    const port = () => (server?.address() as AddressInfo | null)?.port ?? config.port;
    const media = createMediaModule({ config, documents, secretKey, port, accessToken, logger: log });
    const whatsapp = instrumentChannel(
      createWhatsAppChannel({ graphUrl: config.whatsapp.graphUrl, accessToken, logger: log, uploads: media.uploads }),
      metrics,
    );
    const web = instrumentChannel(
      createWebChannel(simSessions, (workspaceId, sessionId) => simulator.refresh(workspaceId, sessionId)),
      metrics,
    );
    const aiMemoryRepo = createAiMemoryRepository(documents);
    const aiMemory = createAiMemoryData(documents, aiMemoryRepo);
    const ai = createClaudeAi({
      ...config.anthropic,
      memory: workspaces.aiSettings.metered(aiMemoryRepo),
      media: media.media,
      log: simulatorErrorLog(log, simSessions),
      workspaceAi: async (workspaceId) => {
        const own = await workspaces.aiSettings.forCalls(workspaceId);
        redactor.add(own.apiKey);
        return own;
      },
    });
    const secrets = createSecretRepository(documents, createSecretBox(secretKey));
    const handlers = await loadHandlers();
    const ports = recordForSimulator(
      createTurnPorts({
        ai,
        httpClient: createHttpClient({ allowHosts: config.httpNode.allowHosts }),
        media: media.media,
        sessions,
        secrets: secrets.read,
        reveal: redactor.add,
        catalog: catalogRepo,
        handlers,
        log,
      }),
      { sessions: simSessions, redact: redactor.redact },
    );
    const analytics = createAnalyticsCounter(documents);
    const countTurn = analyticsTurnListener(analytics);
    const service = createConversationService({
      documents,
      sessions,
      records,
      registry: defaultRegistry,
      flows: flowSource,
      channels: (ref) => (ref.kind === 'web' ? web : whatsapp),
      ports,
      logger: simulatorErrorLog(log, simSessions),
      options: { ...(options.pipeline ?? {}) },
      onTurnDone: (item, before, after) => {
        business.turnDone(item, before, after);
        countTurn(item, before, after);
      },
      startVars: profileStartVars(aiMemoryRepo),
      prepare: media.prepare,
    });
    const accept: typeof service.accept = (events) => {
      for (const event of events) if (event.event.type === 'user.message') metrics.messagesIn.inc({ channel: event.channel.kind });
      return service.accept(events);
    };
    const broadcasts = createBroadcastModule({
      documents,
      sessions,
      templates,
      audiences: contacts.audiences,
      flowPublished: async (workspaceId, flowId) => (await flowSource.version(workspaceId, flowId)) !== undefined,
      audit: records.audit,
      graphUrl: config.whatsapp.graphUrl,
      accessToken,
      logger: log,
      ...(options.broadcasts ? { options: options.broadcasts } : {}),
    });
    metrics.measureQueueDepth(async () => (await sessions.readyQueues(10_000)).length);

    const forgetVisitor = async (workspaceId: string, channel: Parameters<typeof conversationKeys>[1], address: string) => {
      const state = parseSessionState(await sessions.getSession(conversationKeys(workspaceId, channel, address).session));
      const contact = state && (await records.contacts.get(workspaceId, state.contactId));
      if (contact) await deleteContactData({ records, sessions, aiMemory, media: media.media }, workspaceId, contact);
    };
    const simulator = createSimulator({
      sessions: simSessions,
      accept,
      store: sessions,
      forgetVisitor,
      onError: (error) => log.warn('simulator turn failed', { error }),
    });

    const seedLock = await sessions.tryLock(`seed:${WORKSPACE}`, 60_000);
    if (seedLock) {
      try {
        const seeded = await seedExamples(
          { flows, settings, log, checkDocument: (value) => checker.check(flowDocumentSchema, value) },
          WORKSPACE,
          options.examplesDir ?? here('../../../examples/flows'),
        );
        if (seeded?.seeded.length && options.exampleCatalog !== false) {
          await seedCatalog(
            createCatalogService(catalogRepo),
            WORKSPACE,
            options.exampleCatalog ?? here('../../../examples/catalog.json'),
            log,
          );
        }
      } finally {
        await seedLock.release();
      }
    }

    app.use(
      createHealthRouter({
        metrics,
        accepting: () => accepting,
        checks: { documents: () => settings.get(WORKSPACE), sessions: () => sessions.getSession('healthz') },
      }),
    );
    const limits = config.rateLimits;
    app.use('/webhooks/whatsapp', webhookMetrics(metrics));
    app.use(
      createWhatsAppWebhook({
        accept: broadcasts.withReplies(accept),
        sentElsewhere: broadcasts.applyStatus,
        records,
        reengage: service.reengage,
        statusSeen: service.statusSeen,
        receiving: service.webhookReceiving,
        // A number goes to the workspace whose channel it is; without a channel, to the default
        // workspace's default flow, replying with WHATSAPP_ACCESS_TOKEN.
        number: async (phoneNumberId) => {
          const number = await workspaces.number(phoneNumberId);
          redactor.add(number.appSecret);
          return number;
        },
        appSecrets: () => channels.appSecrets(),
        templateStatus: async (change) => {
          const { wabaId, templateId, name, language, status } = change;
          const found = await templates.setStatus(
            await workspaces.accountOwner(wabaId),
            { wabaId, ...(templateId ? { id: templateId } : {}), ...(name ? { name } : {}), ...(language ? { language } : {}), status },
            Date.now(),
          );
          if (!found) log.info('status for a template not synced yet', { wabaId, name, status });
        },
        unsigned: rateLimit({
          sessions,
          scope: 'webhook:unsigned-ip',
          limit: limits.webhookUnsignedPerIp,
          windowMs: limits.windowMs,
          key: clientIp,
        }),
        ...(config.whatsapp.appSecret ? { appSecret: config.whatsapp.appSecret } : {}),
        ...(config.whatsapp.verifyToken ? { verifyToken: config.whatsapp.verifyToken } : {}),
        logger: log,
      }),
    );
    app.use(
      '/api',
      createApiRouter({
        routes: [
          ...flowRoutes({ flows, versions }),
          ...flowStartRoutes({
            flows: flowSource,
            records,
            sessions,
            numbers: contacts.numbers,
            starts: createFlowStartRepository(documents),
            accept,
            templateProblem: async (workspaceId, template) =>
              (
                await templateProblems(templates, workspaceId, {
                  settings: { outsideWindowTemplate: template },
                  nodes: [],
                } as unknown as FlowDocument)
              )[0]?.message,
          }),
          ...simulatorRoutes({ simulator, sessions: simSessions, validate: flows.validate }),
          simulatorMediaRoute({ simulator, sessions: simSessions, store: sessions, media: media.media }),
          ...conversationRoutes(records),
          ...contactRoutes({ records, sessions, aiMemory, media: media.media }),
          ...contacts.routes,
          ...channelRoutes({ channels, flows: flowsRepo, audit: records.audit }),
          ...broadcasts.routes,
          ...templateRoutes({ templates, accounts: businessAccounts, graphUrl: config.whatsapp.graphUrl, audit: records.audit }),
          ...secretRoutes({ secrets, audit: records.audit }),
          ...catalogRoutes(createCatalogService(catalogRepo)),
          ...business.routes({ records, accept, channels: (ref) => (ref.kind === 'web' ? web : whatsapp) }),
          ...auditRoutes(records.audit),
          ...workspaces.routes({ records, aiMemory, media: media.media }),
          ...analyticsRoutes({ counter: analytics, conversations: records.conversations, flows, versions }),
        ],
        components: apiComponents,
        tokenHashes: [adminHash],
        authenticate: (isStream) => business.authenticate(isStream, workspaces.access),
        sessions,
        rateLimits: limits,
        log,
        version: VERSION,
      }),
    );
    app.use(media.router);
    serveBuilder(app, options.builderDir ?? here('../../builder/dist'));
    // The webhook's and the builder's errors (too large, a broken encoding, 429) as JSON without internals.
    app.use(errorHandler(log));

    service.start();
    broadcasts.start();
    const stopMediaSweep = media.startSweep();
    const idleMs = options.simulatorIdleMs ?? 60 * 60_000;
    const sweep = setInterval(
      () => {
        simulator.sweep(Date.now() - idleMs).catch((error: unknown) => log.warn('closing idle simulator sessions failed', { error }));
      },
      Math.min(idleMs, 60_000),
    );
    sweep.unref();
    stopping.push(async () => {
      clearInterval(sweep);
      stopMediaSweep();
      simSessions.close();
      await broadcasts.stop();
      await service.stop();
      await media.close();
      await analytics.stop();
    });
  }

  return {
    app,
    async start(port = config.port) {
      if (server) throw new Error('the server is already started');
      stores = await openStores({
        dataDir: config.dataDir,
        ...(config.mongodbUri ? { mongodbUri: config.mongodbUri } : {}),
        ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
      });
      try {
        await compose(stores);
        const listening = app.listen({ port, backlog: LISTEN_BACKLOG });
        server = listening;
        await new Promise<void>((resolve, reject) => {
          listening.once('listening', resolve);
          listening.once('error', reject);
        });
      } catch (error) {
        await shutdown();
        throw error;
      }
      accepting = true;
      const bound = (server.address() as AddressInfo).port;
      log.info('chatflow server listening', {
        port: bound,
        documents: config.mongodbUri ? 'mongodb' : 'embedded',
        sessions: config.redisUrl ? 'redis' : 'embedded',
        dataDir: config.dataDir,
      });
      return { port: bound, url: `http://127.0.0.1:${bound}` };
    },
    stop: shutdown,
  };

  async function shutdown(): Promise<void> {
    accepting = false;
    const closing = server;
    server = undefined;
    if (closing) {
      const closed = new Promise<void>((resolve) => closing.close(() => resolve()));
      // SSE streams and keep-alive connections would hold `close` open forever.
      closing.closeIdleConnections();
      setTimeout(() => closing.closeAllConnections(), 1000).unref();
      await closed;
    }
    for (const stop of stopping.splice(0).reverse()) await stop();
    await stores?.close();
    stores = undefined;
  }
}

/**
 * The builder's static files with a fallback to its index.html for client-side routes; when it was
 * never built, a page saying how to build it.
 */
function serveBuilder(app: Express, dir: string): void {
  app.use(express.static(dir, { index: 'index.html', maxAge: '1h' }));
  app.get(/^(?!\/(api|webhooks)\/).*/, (req: Request, res: Response) => {
    const index = `${dir}/index.html`;
    if (existsSync(index)) {
      res.set('Cache-Control', 'no-cache').sendFile(index);
      return;
    }
    res.status(503).type('html').send(notBuiltPage(req.path));
  });
}

function notBuiltPage(path: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Chatflow: builder not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}code{background:#eee;padding:.1rem .3rem}</style></head>
<body><h1>The builder is not built yet</h1>
<p>The server is running (the REST API is under <code>/api</code>), but <code>packages/builder/dist</code> does not exist, so there is nothing to show at <code>${escapeHtml(path)}</code>.</p>
<p>Build it with <code>pnpm --filter @chatflow/builder build</code> and reload this page, or start everything with <code>pnpm start</code>, which builds it first.</p>
</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
