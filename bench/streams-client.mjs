// The agents' screens of bench/streams.bench.ts, in a process of their own: opens `count` streams
// of one agent and tells the parent when all are open and, for each marked call, when each stream saw it.
const { base, agentId, key, count } = JSON.parse(process.argv[2]);
const seen = new Map();
let open = 0;
async function watch() {
  const response = await fetch(`${base}/v1/agents/${agentId}/stream`, { headers: { authorization: `Bearer ${key}` } });
  if (response.status !== 200) throw new Error(`stream answered ${response.status}`);
  open += 1;
  if (open === count) process.send({ open });
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const mark = /"externalId":"(mark-\d+)"/.exec(block)?.[1];
      if (block.includes('event: call') && mark) {
        const got = (seen.get(mark) ?? 0) + 1;
        seen.set(mark, got);
        if (got === count) process.send({ all: mark, at: Date.now() });
      }
    }
  }
}
for (let i = 0; i < count; i++) watch().catch((error) => process.send({ error: String(error) }));
