import { z } from 'zod';

/**
 * The messages between the builder page (extension/entrypoints/teach) and the picker it injects into a
 * case-management tab (extension/entrypoints/picker.ts), over one runtime port named `BUILDER_PORT`. The
 * picker only ever answers the builder page: it tells which element was clicked (and its text, which the
 * page shows anyway), and what a proposed adapter reads on this page. It never sees a child's education
 * data. Every message is checked on arrival.
 */
export const BUILDER_PORT = 'edubridge-builder';

export const PickStep = z.enum(['name', 'dateOfBirth', 'id', 'anchor', 'caseloadId']);
export type PickStep = z.infer<typeof PickStep>;

const AdapterJson = z.record(z.string(), z.unknown());

/** From the builder page to the picker. */
export const ToPicker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('pick'), step: PickStep, instruction: z.string().max(200), add: z.boolean().default(false) }),
  z.object({ type: z.literal('propose'), name: z.string().min(1).max(100), personId: z.string().min(1).max(64) }),
  z.object({ type: z.literal('confirm'), adapter: AdapterJson }),
  z.object({ type: z.literal('proposeCaseload'), adapter: AdapterJson.optional() }),
  z.object({ type: z.literal('stop') }),
]);
export type ToPicker = z.infer<typeof ToPicker>;

export const Reading = z.object({
  url: z.string(),
  matched: z.boolean(),
  personId: z.string().optional(),
  name: z.string().optional(),
  dateOfBirth: z.string().optional(),
  anchorFound: z.boolean(),
  missing: z.array(z.string()),
});
export type Reading = z.infer<typeof Reading>;

/** From the picker to the builder page. */
export const FromPicker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), url: z.string(), title: z.string().max(300), idCandidates: z.array(z.string().max(64)).max(20) }),
  z.object({ type: z.literal('waiting'), step: PickStep }),
  z.object({ type: z.literal('picked'), step: PickStep, text: z.string().max(200), count: z.number().int().min(1) }),
  z.object({
    type: z.literal('proposal'),
    adapter: AdapterJson,
    parts: z.record(z.string(), z.string().optional()),
    fragile: z.array(z.string()),
    reading: Reading,
  }),
  z.object({ type: z.literal('confirmed'), adapter: AdapterJson, reading: Reading }),
  z.object({ type: z.literal('caseload'), adapter: AdapterJson, ids: z.array(z.string()) }),
  z.object({ type: z.literal('problem'), message: z.string().max(500) }),
  z.object({ type: z.literal('stopped') }),
]);
export type FromPicker = z.infer<typeof FromPicker>;
