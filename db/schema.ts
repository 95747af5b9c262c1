import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A publisher of models: a display name, a country (ISO 3166-1 alpha-2) and one or more Hub orgs. */
export const labs = pgTable(
  'labs',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    country: text('country').notNull(),
    builtin: boolean('builtin').notNull().default(false),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('labs_name_key').on(sql`lower(${t.name})`),
    check('labs_country_iso', sql`${t.country} ~ '^[A-Z]{2}$'`),
  ],
);

/** A Hub org of a lab, with the polling state that belongs to the org rather than to any workspace. */
export const labOrgs = pgTable(
  'lab_orgs',
  {
    org: text('org').primaryKey(),
    labId: integer('lab_id')
      .notNull()
      .references(() => labs.id, { onDelete: 'cascade' }),
    /** Set once the first poll stored the org's existing repos silently; cleared when nobody tracks it. */
    baselineAt: tstz('baseline_at'),
    polledAt: tstz('polled_at'),
    reconciledAt: tstz('reconciled_at'),
    /** Set once the org's repos from before its baseline were turned into historical releases. */
    historyAt: tstz('history_at'),
    lastError: text('last_error'),
  },
  (t) => [uniqueIndex('lab_orgs_org_lower_key').on(sql`lower(${t.org})`), index('lab_orgs_lab_idx').on(t.labId)],
);

/** A Discord guild, a Slack team, or the console ("local"). */
export const workspaces = pgTable('workspaces', {
  id: text('id').primaryKey(),
  platform: text('platform').notNull(),
  name: text('name'),
  createdAt: tstz('created_at').notNull().defaultNow(),
});

export const workspaceLabs = pgTable(
  'workspace_labs',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    labId: integer('lab_id')
      .notNull()
      .references(() => labs.id, { onDelete: 'cascade' }),
    addedAt: tstz('added_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.labId] }), index('workspace_labs_lab_idx').on(t.labId)],
);

export const releases = pgTable(
  'releases',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    labId: integer('lab_id')
      .notNull()
      .references(() => labs.id, { onDelete: 'cascade' }),
    /** The repo the alert is titled after. */
    title: text('title').notNull(),
    /** True when every model of the release is a variant (e.g. a quantization of a model seen before). */
    variantOnly: boolean('variant_only').notNull().default(false),
    /**
     * The release's date: when it was first seen public, or for a historical release when its first repo
     * was created (its public date is unknown).
     */
    firstSeenAt: tstz('first_seen_at').notNull(),
    /** Made from repos that were public before floodwatch watched the org: shown and counted, never alerted. */
    historical: boolean('historical').notNull().default(false),
    /** A historical release whose repos carry the Hub's legacy import date: it has no real date. */
    undated: boolean('undated').notNull().default(false),
  },
  (t) => [index('releases_first_seen_idx').on(t.firstSeenAt), index('releases_lab_idx').on(t.labId, t.firstSeenAt)],
);

/** One Hub repo, keyed on the Hub's stable `_id` so a rename is an update. */
export const models = pgTable(
  'models',
  {
    id: text('id').primaryKey(),
    repo: text('repo').notNull(),
    org: text('org').notNull(),
    labId: integer('lab_id')
      .notNull()
      .references(() => labs.id, { onDelete: 'cascade' }),
    createdAt: tstz('created_at'),
    /** When floodwatch first saw the repo public; null while it is private. */
    firstSeenPublicAt: tstz('first_seen_public_at'),
    private: boolean('private').notNull().default(false),
    gated: text('gated'),
    task: text('task'),
    library: text('library'),
    license: text('license'),
    params: bigint('params', { mode: 'number' }),
    downloads: integer('downloads').notNull().default(0),
    likes: integer('likes').notNull().default(0),
    trendingScore: real('trending_score').notNull().default(0),
    baseModels: text('base_models')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** How the repo derives from its first base model: finetune, quantized, adapter, merge. */
    relation: text('relation'),
    isVariant: boolean('is_variant').notNull().default(false),
    parentId: text('parent_id'),
    releaseId: bigint('release_id', { mode: 'number' }).references(() => releases.id, { onDelete: 'set null' }),
    /** Stored by a baseline poll: known, never alerted. */
    baseline: boolean('baseline').notNull().default(false),
    lastSeenAt: tstz('last_seen_at').notNull().defaultNow(),
    metricsAt: tstz('metrics_at'),
    /** A small key for the model's metric snapshots, so each daily row stays compact. */
    seq: integer('seq').generatedAlwaysAsIdentity().unique('models_seq_key'),
    downloadsAllTime: bigint('downloads_all_time', { mode: 'number' }),
    /** Derivatives built on the model across the Hub (`childrenModelCount`), by relation. */
    finetunes: integer('finetunes'),
    adapters: integer('adapters'),
    quantizations: integer('quantizations'),
    merges: integer('merges'),
    /** Growth against the snapshot of 7 or 30 days ago; null while there is too little history. */
    likesGained7d: integer('likes_gained_7d'),
    downloadsChange7d: integer('downloads_change_7d'),
    likesGained30d: integer('likes_gained_30d'),
    downloadsChange30d: integer('downloads_change_30d'),
    /** `safetensors.parameters`: parameter counts by dtype (`{"BF16": n, "F8_E4M3": m}`), for weights memory. */
    paramsByDtype: jsonb('params_by_dtype').$type<Record<string, number>>(),
    /** Active parameters of a mixture-of-experts model, from its config.json or its name (`235B-A22B`). */
    paramsActive: bigint('params_active', { mode: 'number' }),
    /** Experts per MoE layer and experts used per token, from config.json. */
    experts: integer('experts'),
    expertsActive: integer('experts_active'),
    /** Context length from config.json (`max_position_embeddings` and kin). */
    contextLength: integer('context_length'),
    /** The first prose sentence of the model card. */
    cardLine: text('card_line'),
    /** Non-NVIDIA or local runtimes the tags, library or card name (Ascend, MindSpore, MLX, GGUF, vLLM, SGLang). */
    runsOn: text('runs_on').array(),
    /** Inference providers serving the model: `[{ provider, status }]`, refreshed with the metrics. */
    providers: jsonb('providers').$type<{ provider: string; status: string }[]>(),
    /** When config.json and the card were read for the model; null while they never were. */
    factsAt: tstz('facts_at'),
    /** When a full listing stopped showing a public model (made private again, or deleted). */
    removedAt: tstz('removed_at'),
  },
  (t) => [
    index('models_repo_lower_idx').on(sql`lower(${t.repo})`),
    index('models_lab_idx').on(t.labId),
    index('models_release_idx').on(t.releaseId),
    index('models_downloads_idx').on(t.downloads),
    index('models_growth_7d_idx').on(t.likesGained7d),
    index('models_growth_30d_idx').on(t.likesGained30d),
  ],
);

/**
 * One row per model and day (UTC) with the popularity the metrics refresh read: the history behind growth
 * and charts. Rows older than METRICS_RETENTION_DAYS are deleted.
 */
export const modelSnapshots = pgTable(
  'model_snapshots',
  {
    modelSeq: integer('model_seq')
      .notNull()
      .references(() => models.seq, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    downloads: integer('downloads').notNull(),
    likes: integer('likes').notNull(),
    trendingScore: real('trending_score').notNull(),
    downloadsAllTime: bigint('downloads_all_time', { mode: 'number' }),
    finetunes: integer('finetunes'),
    adapters: integer('adapters'),
    quantizations: integer('quantizations'),
    merges: integer('merges'),
  },
  // Rows arrive day after day, so a BRIN index finds old days for retention at almost no cost.
  (t) => [primaryKey({ columns: [t.modelSeq, t.day] }), index('model_snapshots_day_idx').using('brin', t.day)],
);

/**
 * A change to a released model that a subscription with `changes` hears about: its license, its gating,
 * or its withdrawal (made private again or deleted). `before` and `after` are as shown.
 */
export const modelChanges = pgTable(
  'model_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    modelId: text('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    labId: integer('lab_id')
      .notNull()
      .references(() => labs.id, { onDelete: 'cascade' }),
    repo: text('repo').notNull(),
    /** license | gated | visibility */
    field: text('field').notNull(),
    before: text('before'),
    after: text('after'),
    detectedAt: tstz('detected_at').notNull(),
  },
  (t) => [index('model_changes_model_idx').on(t.modelId, t.detectedAt)],
);

/** A channel's wish to receive releases, with its filters; `destination` is opaque to everything but its platform. */
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: serial('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    destination: text('destination').notNull(),
    labIds: integer('lab_ids').array(),
    countries: text('countries').array(),
    tasks: text('tasks').array(),
    minParamsB: doublePrecision('min_params_b'),
    variants: boolean('variants').notNull().default(false),
    mode: text('mode').notNull().default('instant'),
    /** Also post changes of released models: license, gating, withdrawn. */
    changes: boolean('changes').notNull().default(false),
    /** For mode `report`: ISO weekday (1 Monday … 7 Sunday), hour and IANA time zone of the weekly report. */
    reportDay: smallint('report_day').notNull().default(1),
    reportHour: smallint('report_hour').notNull().default(9),
    reportTz: text('report_tz').notNull().default('UTC'),
    createdBy: text('created_by'),
    createdAt: tstz('created_at').notNull().defaultNow(),
    pausedAt: tstz('paused_at'),
    pauseReason: text('pause_reason'),
  },
  (t) => [index('subscriptions_workspace_idx').on(t.workspaceId)],
);

/**
 * The outbox: one row per (subscription, release), (subscription, change) or (subscription, weekly report),
 * claimed, sent outside any transaction, then recorded.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    releaseId: bigint('release_id', { mode: 'number' }).references(() => releases.id, { onDelete: 'cascade' }),
    changeId: bigint('change_id', { mode: 'number' }).references(() => modelChanges.id, { onDelete: 'cascade' }),
    /** The weekly report's week, as the date of its first day (`2026-11-30`). */
    reportWeek: date('report_week', { mode: 'string' }),
    state: text('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    dueAt: tstz('due_at').notNull().defaultNow(),
    leaseUntil: tstz('lease_until'),
    /** The dispatcher that holds the lease: only it may renew the lease or record the outcome. */
    leaseOwner: text('lease_owner'),
    sentAt: tstz('sent_at'),
    messageRef: text('message_ref'),
    lastError: text('last_error'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('deliveries_subscription_release_key').on(t.subscriptionId, t.releaseId),
    uniqueIndex('deliveries_subscription_change_key').on(t.subscriptionId, t.changeId),
    uniqueIndex('deliveries_subscription_report_key').on(t.subscriptionId, t.reportWeek),
    check('deliveries_one_subject', sql`num_nonnulls(${t.releaseId}, ${t.changeId}, ${t.reportWeek}) = 1`),
    index('deliveries_due_idx')
      .on(t.dueAt)
      .where(sql`${t.state} in ('pending', 'sending')`),
  ],
);

/** Small facts the service keeps between runs, e.g. the hash of the command set last registered. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
});

/**
 * A Slack workspace that installed the app with OAuth. The bot token is sealed at rest
 * (src/shared/secret-box.ts) with the key named in `key_id`, so a key can be rotated.
 */
export const slackInstallations = pgTable('slack_installations', {
  teamId: text('team_id').primaryKey(),
  enterpriseId: text('enterprise_id'),
  botUserId: text('bot_user_id').notNull(),
  botId: text('bot_id'),
  scopes: text('scopes')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  botToken: text('bot_token').notNull(),
  keyId: text('key_id').notNull(),
  installedBy: text('installed_by'),
  installedAt: tstz('installed_at').notNull().defaultNow(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
});
