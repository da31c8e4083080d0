// The scale section of `npm run bench` (issue 12 §3): the demo tenant grown to S and then to L with
// fast bulk SQL (generate_series, as the schema owner), and four signed-in reads measured at each size.
// Bench only: the rows are fictitious, the bulk rows' encrypted columns hold placeholders that no
// measured read decrypts, and the bulk audit events are not hash-chained (nothing verifies them here).
import pg from 'pg';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { createFieldCipher } from '../../src/server/crypto/field-cipher';
import { concernCrypto } from '../../src/server/modules/concerns/concern-crypto';
import type { BenchData } from './setup';

export interface ScaleSize {
  persons: number;
  concerns: number;
  cases: number;
  auditEvents: number;
}

/** The coordinator's own cases and the intake's open reports: the same at both sizes, so only the tenant grows. */
const COORDINATOR_CASES = 300;
const OPEN_CONCERNS = 200;

/** L as issue 12 asks; BENCH_SCALE_L_FACTOR shrinks it (e.g. 0.1) on a machine where seeding it takes too long. */
export function scaleSizes(factor = Number(process.env.BENCH_SCALE_L_FACTOR ?? 1)): { S: ScaleSize; L: ScaleSize } {
  const L = { persons: 100_000, concerns: 100_000, cases: 10_000, auditEvents: 2_000_000 };
  const scaled = Object.fromEntries(Object.entries(L).map(([k, v]) => [k, Math.max(Math.round(v * factor), k === 'cases' ? COORDINATOR_CASES : 1000)])) as unknown as ScaleSize;
  return { S: { persons: 1_000, concerns: 1_000, cases: COORDINATOR_CASES, auditEvents: 20_000 }, L: scaled };
}

export type ScaleRead = 'person_read' | 'inbox' | 'case_list' | 'who_read';
export interface ReadFigures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}
export interface ScaleResult {
  sizes: { S: ScaleSize; L: ScaleSize };
  seedSeconds: { S: number; L: number };
  figures: Record<ScaleRead, { S: ReadFigures; L: ReadFigures }>;
  plans: Record<ScaleRead, string>;
}

const progress = (text: string) => process.stderr.write(`  scale: ${text}\n`);

interface TenantFacts {
  tenantId: string;
  coordinatorId: string;
  coordinatorOrganisationId: string;
  intakeOrganisationId: string;
  otherDirectorId: string;
  otherOrganisationId: string;
  reviewerId: string;
}

async function tenantFacts(client: pg.Client, personId: string): Promise<TenantFacts> {
  const row = await client.query<TenantFacts>(
    `select p.tenant_id as "tenantId",
            (select u.id from "user" u where u.email = 'koordinator@demo.samverka.se') as "coordinatorId",
            (select m.organisation_id from membership m join "user" u on u.id = m.user_id where m.tenant_id = p.tenant_id and u.email = 'koordinator@demo.samverka.se') as "coordinatorOrganisationId",
            (select m.organisation_id from membership m join "user" u on u.id = m.user_id where m.tenant_id = p.tenant_id and u.email = 'mottagning@demo.samverka.se') as "intakeOrganisationId",
            (select u.id from "user" u where u.email = 'handlaggare@demo.samverka.se') as "otherDirectorId",
            (select m.organisation_id from membership m join "user" u on u.id = m.user_id where m.tenant_id = p.tenant_id and u.email = 'handlaggare@demo.samverka.se') as "otherOrganisationId",
            (select u.id from "user" u where u.email = 'loggranskare@demo.samverka.se') as "reviewerId"
       from person p where p.id = $1`,
    [personId],
  );
  return row.rows[0]!;
}

/** Runs `statement` over [from, to] in chunks, printing progress: each chunk is one generate_series insert. */
async function inChunks(client: pg.Client, label: string, from: number, to: number, chunk: number, statement: (a: number, b: number) => Promise<unknown>): Promise<void> {
  if (to < from) return;
  const started = Date.now();
  for (let a = from; a <= to; a += chunk) {
    const b = Math.min(to, a + chunk - 1);
    await statement(a, b);
    const done = b - from + 1;
    const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
    progress(`${label} ${done.toLocaleString('en')}/${(to - from + 1).toLocaleString('en')} (${Math.round(rate).toLocaleString('en')}/s)`);
  }
}

/**
 * Grows the tenant from `from` to `to` (zero sizes: nothing there yet). Persons, concerns, cases and
 * audit events are numbered, so growing to L adds only the numbers S does not have.
 */
async function grow(client: pg.Client, facts: TenantFacts, data: BenchData, from: ScaleSize | null, to: ScaleSize): Promise<void> {
  const t = facts.tenantId;
  const start = (key: keyof ScaleSize) => (from ? from[key] : 0) + 1;
  await inChunks(client, 'persons', start('persons'), to.persons, 25_000, (a, b) =>
    client.query(
      `insert into person (tenant_id, identity_number_encrypted, identity_number_index, first_name, last_name, birth_date, protected_identity)
       select $1, 'bench-placeholder', 'bench:' || i, 'Förnamn' || i, 'Efternamn' || (i % 7919), date '2006-01-01' + (i % 4000), 'none'
       from generate_series($2::int, $3::int) i`,
      [t, a, b],
    ),
  );
  // The persons' numbers → ids, for the rows that refer to them.
  await client.query(`create temporary table if not exists bench_person_no (no int primary key, id uuid not null)`);
  await client.query(
    `insert into bench_person_no (no, id) select substr(identity_number_index, 7)::int, id from person
     where tenant_id = $1 and identity_number_index like 'bench:%' on conflict do nothing`,
    [t],
  );

  // Closed reports: the inbox shows open ones, so these only make the table big. Numbered in the year
  // 2000 so that they never meet the reference numbers the real intake gives out.
  await client.query('alter table concern disable trigger concern_number');
  try {
    await inChunks(client, 'concerns (closed)', start('concerns'), to.concerns, 25_000, (a, b) =>
      client.query(
        `insert into concern (tenant_id, kind, receipt_hash, reference_year, reference_number, status, status_changed_at, received_at,
                              receiving_organisation_id, description_encrypted, updated_at, person_id)
         select $1, 'person', 'bench:' || i, 2000, i, 'avslutad', now() - (i % 1000) * interval '1 day', now() - (i % 1000) * interval '1 day' - interval '1 hour',
                $4, 'bench-placeholder', now(), (select id from bench_person_no where no = 1 + (i % $5::int))
         from generate_series($2::int, $3::int) i`,
        [t, a, b, facts.intakeOrganisationId, to.persons],
      ),
    );
    if (!from) {
      // The open reports the inbox shows, with real encrypted descriptions (the first page decrypts them).
      const crypto = concernCrypto(createFieldCipher(data.secrets.encryptionKey));
      const rows = Array.from({ length: OPEN_CONCERNS }, (_, i) => {
        const id = randomUUID();
        return { id, no: i + 1, description: crypto.encrypt('description', t, id, `Bänkmätning: en oro om en ung person, nummer ${i + 1}. `.repeat(6)) };
      });
      await client.query(
        `insert into concern (tenant_id, id, kind, receipt_hash, reference_year, reference_number, status, received_at, receiving_organisation_id,
                              description_encrypted, assessment_due_at, decision_due_at)
         select $1, r.id, 'person', 'bench-open:' || r.no, 2001, r.no, 'mottagen', now() - r.no * interval '7 minutes', $2, r.description,
                now() + interval '1 day', now() + interval '14 days'
         from jsonb_to_recordset($3::jsonb) as r(id uuid, no int, description text)`,
        [t, facts.intakeOrganisationId, JSON.stringify(rows)],
      );
    }
  } finally {
    await client.query('alter table concern enable trigger concern_number');
  }

  // Cases: the coordinator's 300 are the first numbers; the rest belong to another director.
  await inChunks(client, 'cases', start('cases'), to.cases, 5_000, (a, b) =>
    client.query(
      `insert into sspf_case (tenant_id, person_id, status, director_user_id, owner_organisation_id, opened_at, updated_at)
       select $1, (select id from bench_person_no where no = i), 'aktualiserad',
              case when i <= $4::int then $5 else $6 end, case when i <= $4::int then $7::uuid else $8::uuid end,
              now() - (i % 700) * interval '1 day', now() - (i % 700) * interval '1 hour'
       from generate_series($2::int, $3::int) i`,
      [t, a, b, COORDINATOR_CASES, facts.coordinatorId, facts.otherDirectorId, facts.coordinatorOrganisationId, facts.otherOrganisationId],
    ),
  );

  // Audit events: reads of the bulk persons by the coordinator, spread over two years, appended on
  // every lane after its head (the heads move on, so the application's own appends continue there).
  const lanes = (await client.query<{ lane: number }>('select lane from audit_chain_head where tenant_id = $1 order by lane', [t])).rows.map((r) => r.lane);
  const total = to.auditEvents - (from?.auditEvents ?? 0);
  const perLane = Math.ceil(total / lanes.length);
  await inChunks(client, 'audit events', 1, perLane, Math.ceil(100_000 / lanes.length), async (a, b) => {
    await client.query(
      `insert into audit_event (tenant_id, lane, seq, occurred_at, actor_user_id, actor_organisation_id, actor_role, action, resource_type,
                                resource_id, person_id, outcome, ip, user_agent, details, prev_hash, hash)
       select $1, h.lane, h.seq + g - $2::int + 1, now() - interval '2 years' + (g * 8 + h.lane) * interval '3 seconds',
              $4, $5::uuid, 'koordinator', 'person.read', 'person', p.id::text, p.id, 'allowed', '127.0.0.1', 'bench', '{"bench":true}'::jsonb,
              'bench', 'bench'
       from audit_chain_head h cross join generate_series($2::int, $3::int) g
       join bench_person_no p on p.no = 1 + ((g * 8 + h.lane) % $6::int)
       where h.tenant_id = $1`,
      [t, a, b, facts.coordinatorId, facts.coordinatorOrganisationId, to.persons],
    );
    await client.query('update audit_chain_head set seq = seq + ($2::int - $3::int + 1) where tenant_id = $1', [t, b, a]);
  });
  progress('analyse');
  await client.query('analyze person; analyze concern; analyze sspf_case; analyze case_member; analyze audit_event');
}

/** p99 at a steady, moderate load (10 connections): the latency a user sees, not the saturation point. */
async function measureRead(url: string, headers: Record<string, string>, seconds: number): Promise<ReadFigures> {
  await autocannon({ url, headers, connections: 10, duration: 1, timeout: 10 });
  const result = await autocannon({ url, headers, connections: 10, duration: seconds, timeout: 10 });
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts + result.non2xx };
}

export interface ScaleTargets {
  appUrl: string;
  personId: string;
  headers: { coordinator: Record<string, string>; intake: Record<string, string>; reviewer: Record<string, string> };
}

function readUrls(targets: ScaleTargets): Record<ScaleRead, { url: string; headers: Record<string, string> }> {
  const { appUrl, personId, headers } = targets;
  return {
    person_read: { url: `${appUrl}/api/persons/${personId}`, headers: headers.coordinator },
    inbox: { url: `${appUrl}/api/concerns?page=1&pageSize=25`, headers: headers.intake },
    // The first page only (the default limit, 50 of the coordinator's 300): the list is paged (issue 12 §3).
    case_list: { url: `${appUrl}/api/cases`, headers: headers.coordinator },
    who_read: { url: `${appUrl}/api/audit-log/persons/${personId}/events`, headers: headers.reviewer },
  };
}

async function measureAll(targets: ScaleTargets, seconds: number): Promise<Record<ScaleRead, ReadFigures>> {
  const out = {} as Record<ScaleRead, ReadFigures>;
  for (const [name, { url, headers }] of Object.entries(readUrls(targets)) as [ScaleRead, { url: string; headers: Record<string, string> }][]) {
    const check = await fetch(url, { headers });
    if (check.status !== 200) throw new Error(`${name} answered ${check.status}: ${(await check.text()).slice(0, 300)}`);
    out[name] = await measureRead(url, headers, seconds);
    progress(`${name}: p50 ${out[name].p50} ms, p99 ${out[name].p99} ms, ${out[name].rps} req/s, errors ${out[name].errors}`);
  }
  return out;
}

/**
 * The four queries' plans at L, as the application role under the coordinator's (intake officer's,
 * reviewer's) RLS context. The SQL is the text the application sends (persons/person-record.ts,
 * concerns/inbox.ts, cases/list-cases.ts, audit-log/search-events.ts), written out here.
 */
async function explainPlans(client: pg.Client, facts: TenantFacts, personId: string): Promise<Record<ScaleRead, string>> {
  const t = facts.tenantId;
  const explain = async (userId: string, organisationId: string, text: string, values: unknown[]) => {
    await client.query('begin');
    try {
      await client.query('set local role samverka_app');
      await client.query(
        "select set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true), set_config('app.organisation_id', $3, true), set_config('app.organisation_is_authority', 'true', true)",
        [t, userId, organisationId],
      );
      const plan = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, costs off, timing off, summary on) ${text}`, values);
      return plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await client.query('rollback');
    }
  };
  const intakeUser = (await client.query<{ id: string }>(`select id from "user" where email = 'mottagning@demo.samverka.se'`)).rows[0]!.id;
  return {
    person_read: await explain(facts.coordinatorId, facts.coordinatorOrganisationId, 'select app_person_read($1::uuid)', [personId]),
    inbox: await explain(
      intakeUser,
      facts.intakeOrganisationId,
      `select *, count(*) over() from concern where tenant_id = $1 and receiving_organisation_id = $2 and kind = 'person' and status <> 'avslutad'
       order by received_at desc, id asc limit 25 offset 0`,
      [t, facts.intakeOrganisationId],
    ),
    case_list: await explain(
      facts.coordinatorId,
      facts.coordinatorOrganisationId,
      `select c.*, p.first_name, p.last_name, p.birth_date, p.protected_identity, u.name from sspf_case c
       left join person p on p.tenant_id = c.tenant_id and p.id = c.person_id left join "user" u on u.id = c.director_user_id
       where c.tenant_id = $1 and c.id in (
         select c2.id from sspf_case c2 where c2.tenant_id = $1 and c2.director_user_id = $2 and c2.owner_organisation_id = $3
         union select m.case_id from case_member m where m.tenant_id = $1 and m.user_id = $2 and m.organisation_id = $3 and m.removed_at is null)
       order by c.updated_at desc, c.id desc limit 51`,
      [t, facts.coordinatorId, facts.coordinatorOrganisationId],
    ),
    who_read: await explain(
      facts.reviewerId,
      facts.coordinatorOrganisationId,
      `select e.*, u.name, u.email, o.name, p.first_name, p.last_name from audit_event e
       left join "user" u on u.id = e.actor_user_id
       left join organisation o on o.tenant_id = e.tenant_id and o.id = e.actor_organisation_id
       left join person p on p.tenant_id = e.tenant_id and p.id = e.person_id
       where e.tenant_id = $1 and e.person_id = $2 order by e.occurred_at desc, e.lane desc, e.seq desc limit 51`,
      [t, personId],
    ),
  };
}

/** Seeds S, measures, grows to L, measures, and explains the four queries at L. */
export async function runScaleBench(url: string, data: BenchData, targets: ScaleTargets, seconds: number): Promise<ScaleResult> {
  const sizes = scaleSizes();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const facts = await tenantFacts(client, data.personId);
    progress(`seeding S ${JSON.stringify(sizes.S)}`);
    let started = Date.now();
    await grow(client, facts, data, null, sizes.S);
    const seedS = (Date.now() - started) / 1000;
    const atS = await measureAll(targets, seconds);
    progress(`growing to L ${JSON.stringify(sizes.L)}`);
    started = Date.now();
    await grow(client, facts, data, sizes.S, sizes.L);
    const seedL = (Date.now() - started) / 1000;
    const atL = await measureAll(targets, seconds);
    const plans = await explainPlans(client, facts, data.personId);
    const figures = Object.fromEntries((Object.keys(atS) as ScaleRead[]).map((name) => [name, { S: atS[name], L: atL[name] }])) as ScaleResult['figures'];
    return { sizes, seedSeconds: { S: seedS, L: seedL }, figures, plans };
  } finally {
    await client.end();
  }
}

/** Replaces the section under `heading` (up to the next `## `) in docs/BENCHMARKS.md, or appends it. */
export function replaceSection(path: string, heading: string, body: string): void {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(`\n${heading}\n`);
  const section = `${heading}\n\n${body.trim()}\n`;
  if (start < 0) {
    writeFileSync(path, `${current.trimEnd()}\n\n${section}`);
    return;
  }
  const next = current.indexOf('\n## ', start + heading.length + 1);
  writeFileSync(path, `${current.slice(0, start).trimEnd()}\n\n${section}${next >= 0 ? `\n${current.slice(next).replace(/^\n+/, '')}` : ''}`);
}

export const SCALE_TARGETS = { ratio: 1.5, p99Ms: 50 };

const READ_NAMES: Record<ScaleRead, string> = {
  person_read: 'Person read (`GET /api/persons/:id`, coordinator)',
  inbox: 'Intake inbox, first page (`GET /api/concerns?page=1&pageSize=25`, intake officer)',
  case_list: "Coordinator's case list, first page (`GET /api/cases`, 50 of 300 cases)",
  who_read: 'Who has read about this child? (`GET /api/audit-log/persons/:id/events`, log reviewer)',
};

export function writeScaleSection(path: string, result: ScaleResult, seconds: number): void {
  const { S, L } = result.sizes;
  const size = (s: ScaleSize) => `${s.persons.toLocaleString('en')} persons, ${s.concerns.toLocaleString('en')} concerns, ${s.cases.toLocaleString('en')} SSPF cases, ${s.auditEvents.toLocaleString('en')} audit events`;
  const rows = (Object.keys(result.figures) as ScaleRead[]).map((name) => {
    const { S: s, L: l } = result.figures[name];
    const ratio = l.p99 / Math.max(1, s.p99);
    const met = ratio <= SCALE_TARGETS.ratio && l.p99 <= SCALE_TARGETS.p99Ms && s.p99 <= SCALE_TARGETS.p99Ms && l.errors + s.errors === 0;
    return `| ${READ_NAMES[name]} | ${s.p50} | ${s.p99} | ${l.p50} | ${l.p99} | ${ratio.toFixed(2)} | ${s.errors + l.errors} | ${met ? 'met' : '**not met**'} |`;
  });
  const plans = (Object.keys(result.plans) as ScaleRead[]).map((name) => `#### ${READ_NAMES[name]}\n\n\`\`\`\n${result.plans[name]}\n\`\`\``).join('\n\n');
  replaceSection(
    path,
    '## Scale: the signed-in reads at S and L',
    `Generated by \`npm run bench\` (test/bench/scale.ts) on ${new Date().toISOString().slice(0, 10)}, on the same application server as the person read.

The demo tenant is grown with bulk SQL (\`generate_series\`, as the schema owner; ${result.seedSeconds.S.toFixed(0)} s for S, ${result.seedSeconds.L.toFixed(0)} s more for L):

- **S**: ${size(S)}.
- **L**: ${size(L)}${process.env.BENCH_SCALE_L_FACTOR ? ` (BENCH_SCALE_L_FACTOR=${process.env.BENCH_SCALE_L_FACTOR})` : ''}.

At both sizes the coordinator directs the same 300 cases and the intake has the same 200 open reports: only the
tenant around them grows (the closed reports, everyone else's cases, two years of audit events). Each read is
measured for ${seconds} s after a 1 s warm-up with 10 connections (the latency a user sees, not the saturation point).
Target: p99 at L within ${SCALE_TARGETS.ratio}× of S, and at most ${SCALE_TARGETS.p99Ms} ms.

| read | S p50 ms | S p99 ms | L p50 ms | L p99 ms | L/S p99 | errors | target |
|---|---:|---:|---:|---:|---:|---:|---|
${rows.join('\n')}

### Query plans at L

\`EXPLAIN (ANALYZE)\` as the application role under the reader's row-level-security context, of the SQL each read
sends (persons/person-record.ts → \`app_person_read\`, concerns/inbox.ts, cases/list-cases.ts, audit-log/search-events.ts).
The indexes come with migration 0025.

${plans}`,
  );
}
