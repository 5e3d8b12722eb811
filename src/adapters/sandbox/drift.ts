import { http, HttpResponse, type JsonBodyType } from 'msw';

/**
 * `POST {base}/_sandbox/drift` (docs/sandbox.md, "Drift"): a change to a simulated platform behind
 * Ponte's back. Answers the subscription as the platform now shows it, or 400 with what is wrong.
 */
export const driftControl = <T>(base: string, drift: (body: unknown) => T | string, view: (item: T) => JsonBodyType) =>
  http.post(`${base}/_sandbox/drift`, async ({ request }) => {
    const outcome = drift(await request.json().catch(() => null));
    return typeof outcome === 'string'
      ? HttpResponse.json({ message: outcome }, { status: 400 })
      : HttpResponse.json(view(outcome));
  });

/** A non-empty string of at most `maxLength` characters, or null: a field a simulated platform takes. */
export const boundedText = (value: unknown, maxLength: number): string | null =>
  typeof value === 'string' && value !== '' && value.length <= maxLength ? value : null;
