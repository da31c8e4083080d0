import { hasRole, type Rules } from '../../policy/rules';

/** The partner directory (`id: null`) or one key person in it. */
export interface DirectoryResource {
  kind: 'directory';
  tenantId: string;
  id: string | null;
}

/**
 * Like the organisations it lists, the directory is open to every member of the tenant: it holds only
 * work contact data, for partners to find each other. Administrators and the SSPF coordinator (who
 * runs the collaboration) keep it up to date.
 */
const maintainer = (actor: Parameters<Rules<DirectoryResource>[string]>[0]) => hasRole(actor, 'administrator') || hasRole(actor, 'koordinator');

export const directoryRules: Rules<DirectoryResource> = {
  read: () => true,
  create: (actor) => maintainer(actor),
  update: (actor) => maintainer(actor),
  delete: (actor, resource) => resource.id !== null && maintainer(actor),
};
