import { describe, expect, it } from 'vitest';
import { publicConcernInputSchema, publicPlaceReportInputSchema } from '../../../shared/concerns-public';
import { EMPTY_DRAFT, type Draft } from './draft';
import { concernBody, inFormLanguage, placeReportBody } from './submit';

const token = {
  token: 'token',
  notBefore: new Date().toISOString(),
  expiresAt: new Date().toISOString(),
};
const draft = (patch: Partial<Draft>): Draft => ({
  ...EMPTY_DRAFT,
  categories: ['skolfranvaro'],
  description: 'Borta från skolan.',
  ...patch,
});

describe('the public form body', () => {
  it('an anonymous parent sends no contact, no subject and only what was filled in', () => {
    const body = concernBody(draft({ role: 'foralder', contactName: '  ' }), 'gavle', token, '', 'sv');
    expect(body.reporter).toEqual({ role: 'foralder' });
    expect(body).not.toHaveProperty('subject');
    expect(publicConcernInputSchema.safeParse(body).success).toBe(true);
  });

  it('a professional sends organisation and contact; the shared schema accepts it', () => {
    const body = concernBody(
      draft({
        role: 'yrkesperson',
        organisationType: 'skola',
        organisationName: 'Vasaskolan',
        contactName: 'Lind',
        contactPhone: '070-1234567',
        subjectAge: '14',
      }),
      'gavle',
      token,
      '',
      'ar',
    );
    expect(body.reporter).toMatchObject({
      organisationType: 'skola',
      organisationName: 'Vasaskolan',
      contact: { name: 'Lind', phone: '070-1234567' },
    });
    expect(body.subject).toMatchObject({ approximateAge: 14 });
    expect(publicConcernInputSchema.safeParse(body).success).toBe(true);
  });

  it('an association sends its id, or its typed name when it is not listed; never fields of another role', () => {
    const listed = concernBody(
      draft({
        role: 'forening',
        associationId: '6f1c1b2e-8a43-4c1e-9a53-2b9c1d0e4f11',
        organisationName: 'left over',
      }),
      'gavle',
      token,
      '',
      'sv',
    );
    expect(listed.reporter).toEqual({
      role: 'forening',
      associationId: '6f1c1b2e-8a43-4c1e-9a53-2b9c1d0e4f11',
    });
    const typed = concernBody(
      draft({
        role: 'forening',
        associationId: 'other',
        associationName: 'Ockelbo IF',
      }),
      'gavle',
      token,
      '',
      'sv',
    );
    expect(typed.reporter).toEqual({
      role: 'forening',
      associationName: 'Ockelbo IF',
    });
  });

  it('a place report carries a place and an event, and the honeypot as typed', () => {
    const body = placeReportBody(
      draft({
        place: 'Busstorget',
        occurredOn: '2026-11-20',
        eventType: 'skadegorelse',
      }),
      'gavle',
      token,
      'bot',
      'so',
    );
    expect(body).toMatchObject({
      place: 'Busstorget',
      eventType: 'skadegorelse',
      website: 'bot',
      occurredTime: undefined,
    });
    expect(publicPlaceReportInputSchema.safeParse(body).success).toBe(true);
  });
});

describe('server field messages on the form', () => {
  const fields = { 'reporter.contact': 'Som yrkesperson behöver du ange namn och telefonnummer eller e-postadress.', occurredOn: 'Datumet kan inte ligga i framtiden.' };

  it('are shown as they are when the form speaks the language the server answered in', () => {
    expect(inFormLanguage(fields, 'sv', 'sv', 'Kontrollera det här.')).toBe(fields);
  });

  it("become the form's own words, on the same fields, when the form speaks another language", () => {
    expect(inFormLanguage(fields, 'ar', 'sv', 'تحقّق من هذا الحقل.')).toEqual({ 'reporter.contact': 'تحقّق من هذا الحقل.', occurredOn: 'تحقّق من هذا الحقل.' });
  });
});
