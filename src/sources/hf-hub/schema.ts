import { parseProviders } from './providers.js';
import { z } from 'zod';

const hubId = z.string().regex(/^[0-9a-f]{6,64}$/i);
const repoName = z.string().regex(/^[\w.-]+\/[\w.-]+$/);
const isoDate = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)))
  .transform((v) => new Date(v));
const count = z.number().int().nonnegative().catch(0);
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** `childrenModelCount`: an object by relation on the Hub (`{"finetune": 1498, "quantized": 334, …}`). */
const children = lenient(
  z.record(z.string(), z.unknown()).transform((counts) => {
    const read = (key: string) => {
      const n = counts[key];
      return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : 0;
    };
    return { finetune: read('finetune'), adapter: read('adapter'), quantized: read('quantized'), merge: read('merge') };
  }),
);

/** One item of a model listing as `@huggingface/hub` yields it (`id` is the Hub's `_id`). */
export const listingSchema = z.object({
  id: hubId,
  name: repoName,
  private: z.boolean().catch(false),
  gated: z.union([z.literal(false), z.enum(['auto', 'manual'])]).catch(false),
  task: lenient(z.string()),
  downloads: count,
  likes: count,
  createdAt: lenient(isoDate),
  tags: z.array(z.string()).catch([]).optional(),
  library_name: lenient(z.string()),
  safetensors: lenient(
    z.object({
      total: z.number().nonnegative(),
      parameters: lenient(z.record(z.string(), z.number().int().nonnegative())),
    }),
  ),
  trendingScore: lenient(z.number().nonnegative()),
  downloadsAllTime: lenient(z.number().int().nonnegative()),
  childrenModelCount: children,
  inferenceProviderMapping: z.unknown().optional().transform(parseProviders),
});

export type ListingItem = z.output<typeof listingSchema>;

const baseModel = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .catch(undefined);

/** What the repo page knows beyond the listing; every field optional, every bad field dropped. */
export const detailsSchema = listingSchema.extend({
  tags: z.array(z.string()).catch([]),
  cardData: lenient(
    z.object({
      license: lenient(z.string()),
      base_model: baseModel,
    }),
  ),
});

export const metricsSchema = z.object({
  id: hubId,
  downloads: count,
  likes: count,
  trendingScore: z.number().nonnegative().catch(0).default(0),
  downloadsAllTime: lenient(z.number().int().nonnegative()),
  childrenModelCount: children,
  inferenceProviderMapping: z.unknown().optional().transform(parseProviders),
  // Bad tags are no tags: a license is never read as gone from a malformed answer.
  tags: lenient(z.array(z.string())),
});
