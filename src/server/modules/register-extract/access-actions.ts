/** Plain Swedish for the audit actions a person is most likely to meet in their extract; others by their code. */
const ACTIONS_SV: Record<string, string> = {
  'person.create': 'registrerade personen',
  'person.read': 'läste personuppgifterna',
  'person.update': 'ändrade personuppgifterna',
  'person.lookup': 'sökte fram personen',
  'person.notes.read': 'läste anteckningarna',
  'person.notes.create': 'skrev en anteckning',
  'person.register_extract': 'tog fram ett registerutdrag',
};

const PREFIX_SV: [string, string][] = [
  ['concern.', 'orosanmälan'],
  ['consent.', 'samtycke'],
  ['case.', 'samverkansärende'],
  ['audit.', 'loggkontroll'],
];

export function accessActionSv(action: string): string {
  const known = ACTIONS_SV[action];
  if (known) return known;
  const area = PREFIX_SV.find(([prefix]) => action.startsWith(prefix));
  const verb = /\.(read|list|view|history)/.test(action) ? 'läste' : 'ändrade';
  return area ? `${verb} uppgifter om ${area[1]} (${action})` : action;
}
