import type { PageMessage } from './messages.ts';

/** Asks the background from an extension page; a refusal becomes an Error with the reason. */
export async function ask<T>(message: PageMessage): Promise<T> {
  const reply = (await browser.runtime.sendMessage(message)) as unknown;
  if (reply && typeof reply === 'object' && 'refused' in reply) throw new Error(String((reply as { refused: unknown }).refused));
  return reply as T;
}
