export const DIRECTORY_PATHS = {
  list: '/katalog',
  newKeyPerson: '/katalog/ny',
  keyPerson: '/katalog/nyckelperson',
  organisation: '/katalog/organisation',
} as const;

export const keyPersonPath = (id: string) => `${DIRECTORY_PATHS.keyPerson}/${encodeURIComponent(id)}`;
export const directoryOrganisationPath = (id: string) => `${DIRECTORY_PATHS.organisation}/${encodeURIComponent(id)}`;
