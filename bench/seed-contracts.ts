import { randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../src/adapters/db/database';

export interface Seeded {
  readonly customer: string;
  readonly contract: string;
  readonly user: string;
}

const CHUNK = 25_000;

/** Customers, active contracts with the EXA product, and their SVA users, written directly. */
export async function seedContracts(
  db: Database,
  count: number,
  integrationId: string,
  productId: string,
): Promise<Seeded[]> {
  const all: Seeded[] = [];
  for (let done = 0; done < count; done += CHUNK) {
    const ids = Array.from({ length: Math.min(CHUNK, count - done) }, () => ({
      customer: randomUUID(),
      contract: randomUUID(),
      user: randomUUID(),
    }));
    const tag = randomBytes(3).toString('hex');
    await db.sql.query(
      `INSERT INTO customers (id, name, document, document_type, email, mobile_phone)
       SELECT c, 'Cliente ' || n, lpad(n::text || $2, 14, '0'), 'cnpj', 'c' || n || '-' || $2 || '@example.com', '+5511912345678'
       FROM unnest($1::uuid[]) WITH ORDINALITY AS t(c, n)`,
      [ids.map((i) => i.customer), tag],
    );
    await db.sql.query(
      `INSERT INTO contracts (id, customer_id, status, access_status, activated_at)
       SELECT k, c, 'active', 'active', now() FROM unnest($1::uuid[], $2::uuid[]) AS t(k, c)`,
      [ids.map((i) => i.contract), ids.map((i) => i.customer)],
    );
    await db.sql.query(
      `INSERT INTO contract_items (id, contract_id, product_id, price_cents) SELECT gen_random_uuid(), k, $2, 990 FROM unnest($1::uuid[]) AS t(k)`,
      [ids.map((i) => i.contract), productId],
    );
    await db.sql.query(
      `INSERT INTO sva_users (id, contract_id, integration_id, platform, product_id, package_code, document, document_type, username, email, name, mobile_phone, status)
       SELECT u, k, $3, 'exa', $4, 'EXA-SEG-BASICO', c.document, 'cnpj', c.email, c.email, c.name, c.mobile_phone, 'active'
       FROM unnest($1::uuid[], $2::uuid[]) AS t(u, k) JOIN contracts ON contracts.id = k JOIN customers c ON c.id = contracts.customer_id`,
      [ids.map((i) => i.user), ids.map((i) => i.contract), integrationId, productId],
    );
    all.push(...ids);
  }
  return all;
}
