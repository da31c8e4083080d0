/** The register extract's two forms, from the server's routes (`/api/persons/:id/register-extract[.pdf]`). */
export const registerExtractPaths = {
  json: (personId: string) => `/api/persons/${encodeURIComponent(personId)}/register-extract`,
  pdf: (personId: string) => `/api/persons/${encodeURIComponent(personId)}/register-extract.pdf`,
};
