import { z } from 'zod';
import { line } from './text';
import { isMunicipalityCode } from './municipalities';

/**
 * The housing exchange between installations (issue 16 §5): the administrator's pinning of partner
 * installations, and this installation's public key. Every pin belongs to one tenant (docs/HOUSING-EXCHANGE.md,
 * "Protocol"): no administrator can make another tenant trust a partner.
 */

export const INSTALLATION_ID_PATTERN = /^[A-Za-z0-9._:-]{1,200}$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https, or http to this machine only (tests, a local demo). No credentials, query or fragment. */
export function isPartnerEndpoint(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password || url.search || url.hash) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/** An Ed25519 public key as a JWK: only the public members are kept. */
export const partnerJwkSchema = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not_an_ed25519_key'),
  alg: z.literal('EdDSA').optional(),
  use: z.literal('sig').optional(),
  kid: z.string().max(200).optional(),
  // A private key pasted by mistake is refused, not silently stripped.
  d: z.never().optional(),
});
export type PartnerJwk = z.infer<typeof partnerJwkSchema>;

export const partnerTenantSchema = z.strictObject({
  /** The tenant's id on the partner installation. */
  tenantId: z.uuid(),
  name: line().min(1).max(200),
  /** The municipality's SCB code (4 digits). */
  municipalityCode: z.string().refine(isMunicipalityCode, 'unknown_municipality'),
});

export const partnerInputSchema = z.strictObject({
  installationId: z.string().regex(INSTALLATION_ID_PATTERN, 'installation_id'),
  name: line().min(1).max(200),
  endpointUrl: z.string().max(500).refine(isPartnerEndpoint, 'https_endpoint_required'),
  publicJwk: partnerJwkSchema,
  tenants: z.array(partnerTenantSchema).min(1).max(50),
});
export type PartnerInput = z.infer<typeof partnerInputSchema>;

export const partnerSchema = z.object({
  id: z.uuid(),
  installationId: z.string(),
  name: z.string(),
  endpointUrl: z.string(),
  keyThumbprint: z.string(),
  tenants: z.array(z.object({ tenantId: z.uuid(), name: z.string(), municipalityCode: z.string() })),
  pinnedAt: z.string(),
  pinnedBy: z.string(),
  /** Messages to this partner waiting in the outbox, and given up. */
  outbox: z.object({ pending: z.number().int(), failed: z.number().int() }),
});
export type Partner = z.infer<typeof partnerSchema>;

export const partnerListSchema = z.object({
  partners: z.array(partnerSchema),
  /** This installation, as a partner pins it. Null where federation is not configured. */
  self: z.object({ installationId: z.string(), thumbprint: z.string() }).nullable(),
  abilities: z.record(z.string(), z.boolean()),
});
export type PartnerList = z.infer<typeof partnerListSchema>;

export const partnerIdParamsSchema = z.strictObject({ id: z.uuid() });

/** GET /api/exchange/federation/key: what a partner's administrator pins. */
export const installationKeySchema = z.object({
  installationId: z.string(),
  jwk: z.object({ kty: z.string(), crv: z.string(), x: z.string(), alg: z.string(), use: z.string() }),
  thumbprint: z.string(),
  endpointUrl: z.string(),
});
